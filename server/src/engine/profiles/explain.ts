import { describeAcceptance } from './acceptance';
import { isProfileName, parseProfileRuleId, PROFILES } from './registry';
import { ROLES } from './roles';
import type { Profile, ProfileCheck } from './types';
import { PROFILE_NAMES, ROLE_NAMES } from './types';
import { DEFAULT_PROFILE_SEVERITY } from './selection';

/** What a check accepts before the architecture is known. */
function acceptsText(check: ProfileCheck): string {
  const a = check.accepts;
  if (a.kind === 'architecture-maximum') return a.cap === undefined ? "the architecture's maximum" : `${a.cap}, or the architecture's maximum where lower`;
  if (a.kind === 'architecture-minimum') return "at least the architecture's protective minimum (65536; 32768 on ARM)";
  return describeAcceptance(a);
}

function conditions(check: ProfileCheck): string[] {
  const out: string[] = [];
  if (check.since) out.push(`Checked on kernels from ${check.since} (the key is newer).`);
  if (check.onlyWhenSet) out.push(`Checked only where a file sets it: ${check.onlyWhenSet}.`);
  if (check.alternative) out.push(`Also met by ${check.alternative.key} = ${describeAcceptance(check.alternative.accepts)} (${check.alternative.why}).`);
  if (check.note) out.push(`Note: ${check.note}.`);
  return out;
}

/** `--explain cis/net.ipv4.ip_forward`: the check, every source's expectation for the key, the roles that drop it. */
function checkPage(profile: Profile, check: ProfileCheck): string {
  const id = `${profile.name}/${check.key}`;
  const sources = PROFILE_NAMES.flatMap((name) => {
    const other = PROFILES[name].checks.find((c) => c.key === check.key);
    return other ? [`- ${PROFILES[name].label} (${other.control}): ${acceptsText(other)}`] : [];
  });
  const roles = ROLE_NAMES.flatMap((role) => ROLES[role].relaxes.filter((r) => r.key === check.key).map((r) => `- ${role}: ${r.why}`));
  return [
    `# \`${id}\``,
    '',
    `Default severity: **${DEFAULT_PROFILE_SEVERITY}**`,
    '',
    `${profile.label} ${check.control} requires \`${check.key}\` to be ${acceptsText(check)}. ${check.rationale}`,
    ...conditions(check).map((c) => `\n${c}`),
    '',
    '## What each source expects',
    '',
    ...sources,
    '',
    '## Roles that drop this check',
    '',
    ...(roles.length > 0 ? roles : ['None.']),
    '',
    '## Suppressing it',
    '',
    `\`# sysctl-lint-disable-next-line ${id}\` above the line, \`--rule ${id}=off\`, or \`"${profile.name}/*": "off"\` in \`rules\` for the whole profile.`,
    '',
    `Source: ${profile.source} (${profile.url})`,
  ].join('\n');
}

/** `--explain cis/*`: every check of a profile. */
function profilePage(profile: Profile): string {
  return [
    `# \`${profile.name}/*\`: ${profile.title}`,
    '',
    `Source: ${profile.source} (${profile.url})`,
    '',
    ...profile.checks.map((c) => `- \`${c.key}\`: ${acceptsText(c)} (${c.control})`),
  ].join('\n');
}

/** The page `--explain` shows for a profile rule id, `<profile>/*` or a bare profile name; undefined for other ids. */
export function profileRulePage(id: string): string | undefined {
  const family = id.endsWith('/*') ? id.slice(0, -2) : id;
  if (isProfileName(family)) return profilePage(PROFILES[family]);
  const parsed = parseProfileRuleId(id);
  if (!parsed) return undefined;
  return checkPage(
    parsed.profile,
    parsed.profile.checks.find((c) => c.key === parsed.key)!,
  );
}

/** One line per profile for `--list-rules`: the rule family, how many checks, its title. */
export function profileRuleFamilies(): Array<{ id: string; defaultSeverity: string; checks: number; title: string }> {
  return PROFILE_NAMES.map((name) => ({ id: `${name}/<key>`, defaultSeverity: DEFAULT_PROFILE_SEVERITY, checks: PROFILES[name].checks.length, title: PROFILES[name].title }));
}
