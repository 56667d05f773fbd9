import type { ParsedDocument, SettingLine } from '../parser/types';
import type { Finding, Fix } from '../rules/types';
import type { EngineSettings } from '../settings';
import { spanToRange } from '../text/position';
import { judgeCheck } from './judge';
import { explanation, requirement } from './messages';
import type { ResolvedCheck } from './resolve';
import { resolveChecks } from './resolve';
import type { RuleCheck } from '../rules/defineRule';
import { DEFAULT_PROFILE_SEVERITY, selectionFromSettings } from './selection';
import { globMatcher } from './globs';

interface Winner {
  lineNumber: number;
  line: SettingLine;
}

/**
 * The line whose value stays for each key: the last explicit setting, else the last glob matching
 * it (systemd-sysctl applies a glob only to keys no line sets explicitly).
 */
function winnersOf(document: ParsedDocument): { explicit: Map<string, Winner>; globs: Array<Winner & { matches: (key: string) => boolean }> } {
  const explicit = new Map<string, Winner>();
  const globs: Array<Winner & { matches: (key: string) => boolean }> = [];
  document.lines.forEach((line, lineNumber) => {
    if (line.kind !== 'setting' || line.key.text === '') return;
    if (line.key.isGlob) globs.push({ lineNumber, line, matches: globMatcher(line.key.canonical) });
    else explicit.set(line.key.canonical, { lineNumber, line });
  });
  return { explicit, globs };
}

/** The quick fix: the value becomes the recommended one (never applied by --fix: policies need review). */
export function setValueFix(check: ResolvedCheck, lineNumber: number, line: SettingLine): Fix {
  return {
    title: `Set ${check.check.key} = ${check.recommended} (${check.profile.label})`,
    edits: [{ range: spanToRange(lineNumber, line.value.span), newText: String(check.recommended) }],
    isPreferred: true,
    safe: false,
  };
}

/**
 * Profile findings for the values one file sets: each key the file sets is judged by its last
 * assignment. Keys the file does not set are not reported here (a file is one part of a machine;
 * `sysctl-lint system` reports what the whole configuration lacks).
 */
export function profileDocumentFindings(document: ParsedDocument, settings: EngineSettings): Finding[] {
  const selection = selectionFromSettings(settings);
  if (!selection) return [];
  const { explicit, globs } = winnersOf(document);
  const winnerFor = (key: string): Winner | undefined => explicit.get(key) ?? [...globs].reverse().find((g) => g.matches(key));
  const findings: Finding[] = [];
  for (const check of resolveChecks(selection)) {
    const winner = winnerFor(check.check.key);
    if (!winner) continue;
    const verdict = judgeCheck(check, (key) => winnerFor(key)?.line.value.text);
    if (verdict.status !== 'fail') continue;
    const viaGlob = winner.line.key.isGlob ? ` through the pattern '${winner.line.key.text}'` : '';
    const shown = winner.line.value.text === '' ? 'an empty value' : winner.line.value.text;
    findings.push({
      ruleId: check.ruleId,
      severity: DEFAULT_PROFILE_SEVERITY,
      range: spanToRange(winner.lineNumber, winner.line.value.text === '' ? winner.line.key.span : winner.line.value.span),
      message: `${requirement(check)}; this line sets ${shown}${viaGlob}. ${explanation(check, selection.kernel, selection.architecture)}`,
      // A pattern sets other keys too: changing its value is not this check's decision. A key
      // checked only when set may not belong in the file at all (modules_disabled).
      fixes: winner.line.key.isGlob || check.check.onlyWhenSet ? undefined : [setValueFix(check, winner.lineNumber, winner.line)],
    });
  }
  return findings;
}

/**
 * The family of profile rules (`<profile>/<key>`) as one document check: the findings pipeline
 * applies suppression comments and severities (per id, or `<profile>/*`) like for any rule.
 */
export const PROFILE_CHECK: RuleCheck = { scope: 'document', run: (context) => profileDocumentFindings(context.document, context.settings) };
