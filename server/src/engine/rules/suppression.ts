import { lineStartColumn } from '../actions/lineEdits';
import type { ParsedDocument } from '../parser/types';
import { canonicalRuleId } from './registry';
import type { Finding, Fix } from './types';

const NEXT_LINE = 'sysctl-lint-disable-next-line';
const WHOLE_FILE = 'sysctl-lint-disable';

/** `undefined` = every rule. */
type RuleSet = Set<string> | undefined;

export interface Suppressions {
  file: RuleSet | null;
  /** Line number of the suppressed line → rules. */
  lines: Map<number, RuleSet>;
}

function ruleList(rest: string): RuleSet {
  // A former rule id (e.g. conntrack-boot-order) still names its rule.
  const ids = rest
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((id) => canonicalRuleId(id) ?? id);
  return ids.length === 0 ? undefined : new Set(ids);
}

function merge(a: RuleSet | null | undefined, b: RuleSet): RuleSet {
  if (a === undefined || b === undefined) return undefined;
  if (a === null) return b;
  return new Set([...a, ...b]);
}

/**
 * Reads `# sysctl-lint-disable-next-line [ids]` and `# sysctl-lint-disable [ids]` comments, from
 * the given candidate lines when an index already knows them.
 */
export function readSuppressions(document: ParsedDocument, candidates?: readonly number[]): Suppressions {
  const result: Suppressions = { file: null, lines: new Map() };
  const lineNumbers = candidates ?? document.lines.map((_, index) => index);
  for (const lineNumber of lineNumbers) {
    const line = document.lines[lineNumber];
    if (line.kind !== 'comment' || line.marker !== '#') continue;
    const body = line.body;
    if (body.startsWith(NEXT_LINE) && (body.length === NEXT_LINE.length || /[\s]/.test(body[NEXT_LINE.length]))) {
      const target = lineNumber + 1;
      const rules = ruleList(body.slice(NEXT_LINE.length));
      result.lines.set(target, result.lines.has(target) ? merge(result.lines.get(target), rules) : rules);
    } else if (body.startsWith(WHOLE_FILE) && (body.length === WHOLE_FILE.length || /[\s]/.test(body[WHOLE_FILE.length]))) {
      result.file = merge(result.file, ruleList(body.slice(WHOLE_FILE.length)));
    }
  }
  return result;
}

/**
 * Whether the text from `from` on may hold a whole-file directive (a quick scan of the text, not
 * of parsed comments: it may say yes to a mention that is not one).
 */
export function mayDisableWholeFile(text: string, from = 0): boolean {
  for (let at = text.indexOf(WHOLE_FILE, from); at >= 0; at = text.indexOf(WHOLE_FILE, at + WHOLE_FILE.length)) {
    if (!text.startsWith(NEXT_LINE, at)) return true;
  }
  return false;
}

function covers(rules: RuleSet | null | undefined, ruleId: string, present: boolean): boolean {
  if (!present) return false;
  return rules === undefined || (rules !== null && rules.has(ruleId));
}

export function isSuppressed(finding: Finding, suppressions: Suppressions): boolean {
  if (covers(suppressions.file, finding.ruleId, suppressions.file !== null)) return true;
  const line = finding.range.start.line;
  return covers(suppressions.lines.get(line), finding.ruleId, suppressions.lines.has(line));
}

/**
 * Quick fixes that add a suppression comment for this finding's rule (never applied by --fix). A
 * directive already above the line gets the rule appended, so it keeps covering its own rules.
 */
export function suppressionFixes(finding: Finding, document: ParsedDocument): Fix[] {
  const line = finding.range.start.line;
  const above = line > 0 ? document.lines[line - 1] : undefined;
  const existing = above?.kind === 'comment' && above.marker === '#' && /^sysctl-lint-disable-next-line(\s|$)/.test(above.body) ? above : undefined;
  const nextLineEdit = existing
    ? {
        range: { start: { line: line - 1, character: existing.span.end }, end: { line: line - 1, character: existing.span.end } },
        newText: existing.body.trim() === NEXT_LINE ? '' : `, ${finding.ruleId}`,
      }
    : {
        range: { start: { line, character: lineStartColumn(document, line) }, end: { line, character: lineStartColumn(document, line) } },
        newText: `# ${NEXT_LINE} ${finding.ruleId}${document.eol}`,
      };
  const fileStart = { line: 0, character: lineStartColumn(document, 0) };
  return [
    {
      title: `Suppress ${finding.ruleId} on this line`,
      edits: [nextLineEdit],
      safe: false,
    },
    {
      title: `Suppress ${finding.ruleId} in this file`,
      edits: [{ range: { start: fileStart, end: fileStart }, newText: `# ${WHOLE_FILE} ${finding.ruleId}${document.eol}` }],
      safe: false,
    },
  ];
}
