import { CIS } from './data/cis';
import { DEVSEC } from './data/devsec';
import { KHC } from './data/khc';
import { KSPP } from './data/kspp';
import { LYNIS } from './data/lynis';
import type { Profile, ProfileName, ProfileRuleId, RoleName } from './types';
import { PROFILE_NAMES, ROLE_NAMES } from './types';

export const PROFILES: Readonly<Record<ProfileName, Profile>> = { cis: CIS, kspp: KSPP, khc: KHC, lynis: LYNIS, devsec: DEVSEC };

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

export function isRoleName(name: string): name is RoleName {
  return (ROLE_NAMES as readonly string[]).includes(name);
}

/** `cis/net.ipv4.ip_forward` → its profile and key, when the profile exists and checks the key. */
export function parseProfileRuleId(id: string): { profile: Profile; key: string } | undefined {
  const slash = id.indexOf('/');
  if (slash < 0) return undefined;
  const name = id.slice(0, slash);
  const key = id.slice(slash + 1);
  if (!isProfileName(name)) return undefined;
  const profile = PROFILES[name];
  return profile.checks.some((c) => c.key === key) ? { profile, key } : undefined;
}

/** Rule ids users may configure: every check's id, and `<profile>/*` for a whole profile. */
export function isProfileRuleId(id: string): id is ProfileRuleId {
  if (id.endsWith('/*')) return isProfileName(id.slice(0, -2));
  return parseProfileRuleId(id) !== undefined;
}

export function profileRuleId(profile: ProfileName, key: string): ProfileRuleId {
  return `${profile}/${key}`;
}
