import { strict as assert } from 'node:assert';
import { analyze, parseDocument, RULES } from '../../../server/src/engine';
import type { EngineSettings, Finding, Fix, Range, RelatedLocation, RuleId, Severity } from '../../../server/src/engine';
import { applyEdits } from '../../helpers/applyEdits';

/** Settings as a test writes them: only what differs from the defaults. */
export interface SettingsPatch {
  rules?: EngineSettings['rules'];
  kernelVersion?: string;
  sizing?: EngineSettings['sizing'];
  modulesLoadedFirst?: EngineSettings['modulesLoadedFirst'];
}

export function settingsOf(patch: SettingsPatch = {}): EngineSettings {
  return {
    rules: { ...patch.rules },
    sizing: { ...patch.sizing },
    ...(patch.kernelVersion === undefined ? {} : { kernelVersion: patch.kernelVersion }),
    ...(patch.modulesLoadedFirst === undefined ? {} : { modulesLoadedFirst: patch.modulesLoadedFirst }),
  };
}

/** Editor lines, split as LSP clients split them (CRLF, CR and LF each end a line). */
export function editorLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const SUPPRESS_TITLE = /^Suppress /;

/**
 * Every finding for `text`, after checks that hold for any finding whatever the rule: a registered
 * rule id, a range inside the document, fixes with a title and edits inside the document.
 */
export function lint(text: string, patch?: SettingsPatch): Finding[] {
  const document = parseDocument(text);
  const findings = analyze(document, settingsOf(patch));
  const lines = editorLines(text);
  for (const finding of findings) {
    const where = `${finding.ruleId} at ${finding.range.start.line}:${finding.range.start.character}`;
    assert.ok(Object.prototype.hasOwnProperty.call(RULES, finding.ruleId), `unregistered rule ${where}`);
    const { start, end } = finding.range;
    assert.ok(start.line >= 0 && end.line < lines.length, `range outside the document: ${where}`);
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `inverted range: ${where}`);
    assert.ok(finding.message.length > 0, `empty message: ${where}`);
    for (const fix of finding.fixes ?? []) {
      assert.ok(fix.title.length > 0 && fix.edits.length > 0, `fix without title or edits: ${where}`);
      for (const edit of fix.edits) assert.ok(edit.range.end.line < lines.length, `fix edit outside the document: ${where}`);
    }
  }
  return findings;
}

/** Findings of one rule, in document order. */
export function findingsOf(text: string, ruleId: RuleId, patch?: SettingsPatch): Finding[] {
  return lint(text, patch).filter((finding) => finding.ruleId === ruleId);
}

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/**
 * Where a test expects a finding on a line: the first occurrence of a string, the first occurrence
 * after the line's first '=' (`{ value }`, for numbers that also occur in the key), or columns.
 */
export type At = string | { value: string } | readonly [number, number];

export function rangeAt(text: string, line: number, at: At): Range {
  const lineText = editorLines(text)[line];
  assert.ok(lineText !== undefined, `no line ${line} in ${JSON.stringify(text)}`);
  if (Array.isArray(at)) return lineRange(line, at[0], at[1]);
  const [needle, from] = typeof at === 'string' ? [at, 0] : [(at as { value: string }).value, lineText.indexOf('=') + 1];
  const start = lineText.indexOf(needle, from);
  assert.ok(start >= 0, `'${needle}' not on line ${line}: ${JSON.stringify(lineText)}`);
  return lineRange(line, start, start + needle.length);
}

export function describeFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return '(no findings)';
  return findings.map((f) => `  ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.severity} ${f.ruleId}: ${f.message}`).join('\n');
}

export interface Expected {
  severity: Severity;
  line: number;
  at: At;
  /** Fragments the message must contain. */
  message: string | readonly string[];
  tag?: Finding['tag'];
  related?: ReadonlyArray<{ line: number; at: At; message?: string }>;
}

export interface RuleCase {
  name: string;
  text: string;
  settings?: SettingsPatch;
  /** Every finding of the rule, in document order; empty for a case that must not fire. */
  expect: readonly Expected[];
}

/** Asserts that `findings` (one rule's) are exactly `expect`: count, severity, range, message. */
export function assertFindings(text: string, findings: readonly Finding[], expect: readonly Expected[]): void {
  assert.equal(findings.length, expect.length, `expected ${expect.length} finding(s), got:\n${describeFindings(findings)}`);
  expect.forEach((want, i) => {
    const got = findings[i];
    const label = `finding ${i}:\n${describeFindings([got])}`;
    assert.equal(got.severity, want.severity, label);
    assert.deepEqual(got.range, rangeAt(text, want.line, want.at), label);
    for (const fragment of typeof want.message === 'string' ? [want.message] : want.message) {
      assert.ok(got.message.includes(fragment), `message lacks ${JSON.stringify(fragment)}\n${label}`);
    }
    if (want.tag !== undefined) assert.equal(got.tag, want.tag, label);
    if (want.related !== undefined) {
      const related: RelatedLocation[] = got.related ?? [];
      assert.equal(related.length, want.related.length, `related of ${label}`);
      want.related.forEach((r, j) => {
        assert.deepEqual(related[j].range, rangeAt(text, r.line, r.at), `related ${j} of ${label}`);
        if (r.message !== undefined) assert.ok(related[j].message.includes(r.message), `related ${j} message of ${label}`);
      });
    }
  });
}

/** One mocha test per case: the findings of `ruleId` must be exactly the expected ones. */
export function ruleTable(ruleId: RuleId, cases: readonly RuleCase[]): void {
  for (const c of cases) {
    const kind = c.expect.length === 0 ? 'does not fire' : 'fires';
    it(`${kind}: ${c.name}`, () => {
      assertFindings(c.text, findingsOf(c.text, ruleId, c.settings), c.expect);
    });
  }
}

/** The rule's own fix (not a suppression) whose title matches. */
export function fixOf(finding: Finding, title: string | RegExp): Fix {
  const fixes = (finding.fixes ?? []).filter((fix) => !SUPPRESS_TITLE.test(fix.title));
  const fix = fixes.find((f) => (typeof title === 'string' ? f.title === title : title.test(f.title)));
  assert.ok(fix, `no fix titled ${String(title)} on ${finding.ruleId}; fixes: ${JSON.stringify(fixes.map((f) => f.title))}`);
  return fix;
}

/** The rule's own fixes, suppression fixes left out. */
export function ruleFixes(finding: Finding): Fix[] {
  return (finding.fixes ?? []).filter((fix) => !SUPPRESS_TITLE.test(fix.title));
}

export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

export interface FixCase {
  name: string;
  text: string;
  settings?: SettingsPatch;
  ruleId: RuleId;
  /** Line of the finding whose fix is applied; the first finding of the rule when absent. */
  line?: number;
  fix: string | RegExp;
  /** The whole document after the fix, byte for byte. */
  result: string;
  safe: boolean;
  isPreferred?: boolean;
}

/** One mocha test per case: applying the fix as an LSP client would gives exactly `result`. */
export function fixTable(cases: readonly FixCase[]): void {
  for (const c of cases) {
    it(`fix: ${c.name}`, () => {
      const findings = findingsOf(c.text, c.ruleId, c.settings);
      const finding = c.line === undefined ? findings[0] : findings.find((f) => f.range.start.line === c.line);
      assert.ok(finding, `no ${c.ruleId} finding${c.line === undefined ? '' : ` on line ${c.line}`}:\n${describeFindings(lint(c.text, c.settings))}`);
      const fix = fixOf(finding, c.fix);
      assert.equal(fix.safe, c.safe, `safe flag of '${fix.title}'`);
      if (c.isPreferred !== undefined) assert.equal(Boolean(fix.isPreferred), c.isPreferred, `isPreferred of '${fix.title}'`);
      assert.equal(applyFix(c.text, fix), c.result);
    });
  }
}
