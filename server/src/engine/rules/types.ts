import type { ProfileRuleId } from '../profiles/types';
import type { Range } from '../text/position';
import type { RuleId } from './registry';

export type { RuleId } from './registry';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix offered with a finding; `safe` says whether it may be applied without review. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** Safe to apply without review (the CLI's --fix applies only these). */
  safe: boolean;
}

export interface RelatedLocation {
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: RuleId | ProfileRuleId;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Dead code (a shadowed duplicate) or a removed key, for editors that fade or strike it. */
  tag?: 'unnecessary' | 'deprecated';
}

/** What the registry knows of a rule, for output formats and --help. */
export type { RuleDefinition as RuleMeta } from './defineRule';
