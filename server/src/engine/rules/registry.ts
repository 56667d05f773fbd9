import { PROFILE_CHECK } from '../profiles/documentFindings';
import { conntrackTableFull } from '../runtime/conntrackTableFull';
import { runtimeDrift } from '../runtime/runtimeDrift';
import { overridden } from '../system/findings';
import type { RuleCheck, RuleDefinition } from './defineRule';
import { conntrackBucketsRatio, conntrackMemory, portRangeOrder, somaxconnTruncated, synBacklogVsSomaxconn, thresholdOrder } from './crossKeyRules';
import { duplicateKey, toolDivergence } from './duplicates';
import { legacyKey, removedKey, unknownKey } from './keyRules';
import { moduleBootOrder } from './moduleBootOrder';
import { syntaxErrorRule } from './lineIssues';
import { invalidValue, outOfRange, suspiciousValue } from './valueRules';

/**
 * Every rule the engine can report. Line checks run in this order, then document checks in this
 * order; findings that start at the same position keep the order they were found in.
 */
export const ALL_RULES = [
  syntaxErrorRule,
  unknownKey,
  removedKey,
  legacyKey,
  invalidValue,
  outOfRange,
  suspiciousValue,
  toolDivergence,
  duplicateKey,
  conntrackBucketsRatio,
  conntrackMemory,
  moduleBootOrder,
  somaxconnTruncated,
  synBacklogVsSomaxconn,
  portRangeOrder,
  thresholdOrder,
  overridden,
  runtimeDrift,
  conntrackTableFull,
] as const;

export type RuleId = (typeof ALL_RULES)[number]['id'];

export const RULES: Readonly<Record<RuleId, RuleDefinition<RuleId>>> = Object.fromEntries(ALL_RULES.map((r) => [r.id, r])) as Record<RuleId, RuleDefinition<RuleId>>;

export const RULE_IDS: readonly RuleId[] = ALL_RULES.map((r) => r.id);

const BY_ALIAS: ReadonlyMap<string, RuleId> = new Map(ALL_RULES.flatMap((r: RuleDefinition<RuleId>) => (r.aliases ?? []).map((alias) => [alias, r.id] as const)));

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}

/** The current id of a rule named by its id or a former one (settings, suppression comments). */
export function canonicalRuleId(id: string): RuleId | undefined {
  return isRuleId(id) ? id : BY_ALIAS.get(id);
}

function checksOf(scope: RuleCheck['scope']): readonly RuleCheck[] {
  return ALL_RULES.flatMap((r: RuleDefinition<RuleId>) => (r.check?.scope === scope ? [r.check] : []));
}

/** Checks whose findings on a line depend only on that line (and the settings). */
export const LINE_CHECKS = checksOf('line');
/** Checks that compare lines with each other. */
export const DOCUMENT_CHECKS: readonly RuleCheck[] = [...checksOf('document'), PROFILE_CHECK];
