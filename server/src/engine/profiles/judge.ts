import { isAccepted } from './acceptance';
import type { ProfileSelection, ResolvedCheck } from './resolve';
import { resolveChecks } from './resolve';

export type VerdictStatus = 'pass' | 'fail' | 'missing';

export interface Verdict {
  check: ResolvedCheck;
  status: VerdictStatus;
  /** The value judged, when the key is set. */
  value?: string;
  /** Set when the check passes through its alternative key rather than its own. */
  satisfiedBy?: string;
}

/**
 * Judges one check against the values a configuration sets. A key that is not set is `missing`,
 * except for checks judged only when set; a check the source ORs with another key passes when
 * that key has an accepted value.
 */
export function judgeCheck(check: ResolvedCheck, valueOf: (key: string) => string | undefined): Verdict {
  const value = valueOf(check.check.key);
  if (value !== undefined && isAccepted(check.accepts, value)) return { check, status: 'pass', value };
  const alternative = check.check.alternative;
  if (alternative) {
    const other = valueOf(alternative.key);
    if (other !== undefined && isAccepted(alternative.accepts, other)) return { check, status: 'pass', value, satisfiedBy: alternative.key };
  }
  if (value !== undefined) return { check, status: 'fail', value };
  return { check, status: check.check.onlyWhenSet ? 'pass' : 'missing' };
}

/**
 * Every applicable check of the selection against a map of values (canonical key → value as
 * written), e.g. a machine's running values. Pure: callers read the values.
 */
export function judgeValues(selection: ProfileSelection, values: ReadonlyMap<string, string>): Verdict[] {
  return resolveChecks(selection).map((check) => judgeCheck(check, (key) => values.get(key)));
}
