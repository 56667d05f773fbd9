/** The engine: pure functions of text and settings, shared by the language server, the CLI and tests. */
export * from './parser';
export { analyze } from './analyze';
export { documentSymbols, type SettingSymbol } from './symbols';
export { DEFAULT_SETTINGS, NEWEST_DOCUMENTED_KERNEL, type EngineSettings } from './settings';
export { RULES, RULE_IDS, isRuleId } from './rules/registry';
export type { Finding, Fix, RelatedLocation, RuleId, RuleMeta, Severity, SeveritySetting, TextEdit } from './rules/types';
export type { Position, Range, Span } from './text/position';
export * from './sizing';
export { explainRecommendation, recommendationBlock } from './sizing/report';
export { recommendationFromFacts, recommendationFromSettings, type SizingFacts } from './sizing/fromSettings';
export { conntrackSizingAction, CONNTRACK_BUCKETS_KEY, CONNTRACK_MAX_KEY, type ConntrackFixMode } from './actions/conntrackSizing';
export { fixActions, pendingSizingActions, sizingActions, type EngineCodeAction, type PendingSizingAction } from './actions/codeActions';
export { insertLinesEdit } from './actions/insertion';
export type { SizingSettings } from './settings';
export { parseKernelVersion, type KernelVersion } from './kernelVersion';
export { ansiblePrecisionLoss, parseAnsibleFacts, type AnsibleHostFacts } from './sizing/ansibleFacts';
