import { describeAcceptance } from './acceptance';
import { parseProfileRuleId } from './registry';
import { DEFAULT_PROFILE_SEVERITY } from './selection';
import type { Severity } from '../rules/types';

export interface ProfileRuleMeta {
  id: string;
  defaultSeverity: Severity;
  summary: string;
  description: string;
  helpUri: string;
}

/** What SARIF and --help say about a profile rule id such as `cis/net.ipv4.ip_forward`. */
export function profileRuleMeta(id: string): ProfileRuleMeta | undefined {
  const parsed = parseProfileRuleId(id);
  if (!parsed) return undefined;
  const { profile, key } = parsed;
  const check = profile.checks.find((c) => c.key === key)!;
  const accepts =
    check.accepts.kind === 'architecture-maximum'
      ? "the architecture's maximum"
      : check.accepts.kind === 'architecture-minimum'
        ? "the architecture's protective minimum"
        : describeAcceptance(check.accepts);
  return {
    id,
    defaultSeverity: DEFAULT_PROFILE_SEVERITY,
    summary: `${profile.label} ${check.control}: ${key} should be ${accepts}.`,
    description: `${check.rationale} Source: ${profile.source}.${check.note ? ` Note: ${check.note}.` : ''}`,
    helpUri: profile.url,
  };
}
