import type { KernelVersion } from '../kernelVersion';
import { describeAcceptance, requirementAfterKey, sameAcceptance } from './acceptance';
import type { Verdict } from './judge';
import type { ResolvedCheck } from './resolve';
import { resolveProfile } from './resolve';
import { PROFILE_NAMES } from './types';

/** `CIS 3.3.2 (Ubuntu 24.04 v1.0.0, RHEL 9 v2.0.0) requires net.ipv4.conf.all.send_redirects = 0` */
export function requirement(check: ResolvedCheck): string {
  const { profile, check: c, accepts } = check;
  const alternative = c.alternative ? ` (or ${c.alternative.key} ${requirementAfterKey(c.alternative.accepts)}, ${c.alternative.why})` : '';
  const condition = check.condition ? ` (${check.condition})` : '';
  return `${profile.label} ${c.control} requires ${c.key} ${requirementAfterKey(accepts)}${condition}${alternative}`;
}

/**
 * What the other sources expect for the same key when any of them differs, e.g.
 * `Sources disagree: KSPP 3, Lynis 1, 2 or 3, dev-sec at least 2.` Empty when they agree.
 */
export function disagreement(check: ResolvedCheck, kernel: KernelVersion, architecture: string | undefined): string {
  const others: string[] = [];
  let differs = false;
  for (const name of PROFILE_NAMES) {
    if (name === check.profile.name) continue;
    const other = resolveProfile(name, kernel, architecture).find((c) => c.check.key === check.check.key);
    if (!other) continue;
    others.push(`${other.profile.label} ${describeAcceptance(other.accepts)}`);
    if (!sameAcceptance(other.accepts, check.accepts)) differs = true;
  }
  return differs ? `Sources disagree: ${others.join(', ')}.` : '';
}

/** The rationale, the source's caveat and any disagreement, as trailing sentences. */
export function explanation(check: ResolvedCheck, kernel: KernelVersion, architecture: string | undefined): string {
  const parts = [check.check.rationale];
  if (check.check.note) parts.push(`Note: ${check.check.note}.`);
  if (check.check.onlyWhenSet) parts.push(`Checked only where a file sets it: ${check.check.onlyWhenSet}.`);
  const differing = disagreement(check, kernel, architecture);
  if (differing) parts.push(differing);
  return parts.join(' ');
}

/**
 * One line about a verdict on values read from somewhere other than a file (a running host's
 * snapshot): what the source requires and what the values hold. Empty for a pass.
 */
export function verdictMessage(verdict: Verdict, kernel: KernelVersion, architecture: string | undefined, where = 'the running kernel'): string {
  if (verdict.status === 'pass') return '';
  const found = verdict.status === 'missing' ? `${where} has no such key` : `${where} has ${verdict.value === '' ? 'an empty value' : verdict.value}`;
  return `${requirement(verdict.check)}; ${found}. ${explanation(verdict.check, kernel, architecture)}`;
}
