/** The engine: pure functions of text and settings, shared by the language server, the CLI and tests. */
export * from './parser';
export { analyze } from './analyze';
export { documentSymbols, type SettingSymbol } from './symbols';
export { DEFAULT_SETTINGS, type EngineSettings } from './settings';
export { RULES, RULE_IDS, isRuleId } from './rules/registry';
export type { Finding, Fix, RelatedLocation, RuleId, RuleMeta, Severity, SeveritySetting, TextEdit } from './rules/types';
export type { Position, Range, Span } from './text/position';
