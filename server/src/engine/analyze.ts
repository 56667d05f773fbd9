import type { ParsedDocument } from './parser/types';
import type { RuleContext } from './rules/context';
import { buildContext } from './rules/context';
import {
  conntrackBootOrderRule,
  conntrackBucketsRatioRule,
  conntrackMemoryRule,
  portRangeOrderRule,
  somaxconnTruncatedRule,
  synBacklogRule,
  thresholdOrderRule,
} from './rules/crossKeyRules';
import { duplicateKeyRule, exclusionAfterAssignmentRule } from './rules/duplicates';
import { legacyKeyRule, removedKeyRule, unknownKeyRule } from './rules/keyRules';
import { lineIssueFinding } from './rules/lineIssues';
import { isSuppressed, readSuppressions, suppressionFixes } from './rules/suppression';
import type { Finding } from './rules/types';
import { valueRules } from './rules/valueRules';
import type { EngineSettings } from './settings';
import { DEFAULT_SETTINGS } from './settings';

type RuleCheck = (context: RuleContext) => Finding[];

function parserFindings(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  context.document.lines.forEach((line, lineNumber) => {
    for (const issue of line.issues) findings.push(lineIssueFinding(lineNumber, line, issue));
  });
  return findings;
}

const CHECKS: readonly RuleCheck[] = [
  parserFindings,
  exclusionAfterAssignmentRule,
  unknownKeyRule,
  removedKeyRule,
  legacyKeyRule,
  valueRules,
  duplicateKeyRule,
  conntrackBucketsRatioRule,
  conntrackMemoryRule,
  conntrackBootOrderRule,
  somaxconnTruncatedRule,
  synBacklogRule,
  portRangeOrderRule,
  thresholdOrderRule,
];

/**
 * All findings for a parsed document, in document order: suppression comments honoured, the
 * user's severity overrides applied, and a suppression fix added to each.
 */
export function analyze(document: ParsedDocument, settings: EngineSettings = DEFAULT_SETTINGS): Finding[] {
  const context = buildContext(document, settings);
  const suppressions = readSuppressions(document);
  const findings: Finding[] = [];
  for (const check of CHECKS) {
    for (const finding of check(context)) {
      const override = settings.rules[finding.ruleId];
      if (override === 'off' || isSuppressed(finding, suppressions)) continue;
      const severity = override ?? finding.severity;
      findings.push({ ...finding, severity, fixes: [...(finding.fixes ?? []), ...suppressionFixes(finding, document.eol)] });
    }
  }
  return findings.sort(byPosition);
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
