import type { ParsedDocument } from './parser/types';
import { lineIssueFinding } from './rules/lineIssues';
import type { Finding } from './rules/types';
import type { EngineSettings } from './settings';
import { DEFAULT_SETTINGS } from './settings';

/** All findings for a parsed document, in document order, with the user's severity overrides applied. */
export function analyze(document: ParsedDocument, settings: EngineSettings = DEFAULT_SETTINGS): Finding[] {
  const findings: Finding[] = [];
  document.lines.forEach((line, lineNumber) => {
    for (const issue of line.issues) findings.push(lineIssueFinding(lineNumber, line, issue));
  });
  return applySeverities(findings, settings).sort(byPosition);
}

function applySeverities(findings: Finding[], settings: EngineSettings): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const override = settings.rules[finding.ruleId];
    if (override === 'off') continue;
    out.push(override ? { ...finding, severity: override } : finding);
  }
  return out;
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
