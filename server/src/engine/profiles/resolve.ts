import type { KernelVersion } from '../kernelVersion';
import { compareKernelVersions, parseKernelVersion } from '../kernelVersion';
import { architectureFamily, architectureLimit } from './architectureLimits';
import { PROFILES, profileRuleId } from './registry';
import { relaxedKeys } from './roles';
import type { Profile, ProfileCheck, ProfileName, ProfileRuleId, ResolvedAcceptance, RoleName } from './types';

/** What to check a configuration against. */
export interface ProfileSelection {
  profiles: readonly ProfileName[];
  roles: readonly RoleName[];
  kernel: KernelVersion;
  /** `uname -m` of the target machine; without it, x86_64 is assumed for architecture-dependent checks. */
  architecture?: string;
}

/** One check as it applies to the selected kernel and architecture. */
export interface ResolvedCheck {
  ruleId: ProfileRuleId;
  profile: Profile;
  check: ProfileCheck;
  accepts: ResolvedAcceptance;
  /** The value a fix writes. */
  recommended: number;
  /** How the architecture shaped the requirement, when it did. */
  condition?: string;
}

const ASSUMED_ARCHITECTURE = 'x86_64';

function isOlderThan(kernel: KernelVersion, release: string): boolean {
  const parsed = parseKernelVersion(release);
  return parsed.ok && compareKernelVersions(kernel, parsed.value) < 0;
}

/** The check's acceptance on the architecture, or undefined when it does not apply there. */
function resolveAcceptance(check: ProfileCheck, architecture: string | undefined): { accepts: ResolvedAcceptance; condition?: string } | undefined {
  const accepts = check.accepts;
  if (accepts.kind !== 'architecture-maximum' && accepts.kind !== 'architecture-minimum') return { accepts };
  const family = architectureFamily(architecture ?? ASSUMED_ARCHITECTURE);
  if (!family) return undefined;
  const limit = architectureLimit(accepts.limit, family);
  if (!limit) return undefined;
  const where = architecture === undefined ? `assuming ${ASSUMED_ARCHITECTURE} (give the architecture with --arch or sysctl.sizing.architecture)` : `on ${family}`;
  if (accepts.kind === 'architecture-minimum') {
    return { accepts: { kind: 'at-least', min: limit.lowest }, condition: `${limit.lowest} ${where}${limit.detail ? `; ${limit.detail}` : ''}` };
  }
  const capped = accepts.cap !== undefined && accepts.cap < limit.lowest;
  const min = capped ? accepts.cap! : limit.lowest;
  const what = capped ? `${min}` : `the maximum, ${min} ${where}`;
  const lowered = accepts.cap !== undefined && accepts.cap > limit.lowest ? `; lowered from ${accepts.cap}, which the kernel refuses above its maximum` : '';
  return { accepts: { kind: 'at-least', min }, condition: `${what}${lowered}${limit.detail ? `; ${limit.detail}` : ''}` };
}

function recommendedValue(check: ProfileCheck, accepts: ResolvedAcceptance): number {
  if (check.recommended !== undefined) return check.recommended;
  return accepts.kind === 'set' ? accepts.values[0] : accepts.min;
}

/** One profile's checks for a kernel and architecture, before roles. */
export function resolveProfile(name: ProfileName, kernel: KernelVersion, architecture: string | undefined): ResolvedCheck[] {
  const profile = PROFILES[name];
  const out: ResolvedCheck[] = [];
  for (const check of profile.checks) {
    if (check.since && isOlderThan(kernel, check.since)) continue;
    const resolved = resolveAcceptance(check, architecture);
    if (!resolved) continue;
    out.push({
      ruleId: profileRuleId(name, check.key),
      profile,
      check,
      accepts: resolved.accepts,
      recommended: recommendedValue(check, resolved.accepts),
      condition: resolved.condition,
    });
  }
  return out;
}

/** Every check of the selected profiles that applies, minus those the roles relax. */
export function resolveChecks(selection: ProfileSelection): ResolvedCheck[] {
  const relaxed = relaxedKeys(selection.roles);
  const seen = new Set<ProfileName>();
  const out: ResolvedCheck[] = [];
  for (const name of selection.profiles) {
    if (seen.has(name)) continue;
    seen.add(name);
    for (const check of resolveProfile(name, selection.kernel, selection.architecture)) if (!relaxed.has(check.check.key)) out.push(check);
  }
  return out;
}
