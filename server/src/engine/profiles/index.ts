/** Hardening profiles (CIS, KSPP, kernel-hardening-checker, Lynis, dev-sec): data and pure evaluation. */
export { PROFILE_NAMES, ROLE_NAMES, type Profile, type ProfileCheck, type ProfileName, type ProfileRuleId, type RoleName } from './types';
export { PROFILES, isProfileName, isProfileRuleId, isRoleName, parseProfileRuleId } from './registry';
export { ROLES } from './roles';
export { resolveChecks, resolveProfile, type ProfileSelection, type ResolvedCheck } from './resolve';
export { judgeCheck, judgeValues, type Verdict, type VerdictStatus } from './judge';
export { verdictMessage } from './messages';
export { profileDocumentFindings } from './documentFindings';
export { profileRuleMeta, type ProfileRuleMeta } from './ruleMeta';
export { selectionFromSettings } from './selection';
export { judgeMachine, machineFindings, type MachineFinding, type MachineVerdict, type ToolOutcome } from './machine';
export { fragmentTarget, missingFragment, type FragmentTarget } from './fragment';
export { profileRuleFamilies, profileRulePage } from './explain';
