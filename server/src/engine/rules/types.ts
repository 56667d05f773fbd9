import type { Range } from '../text/position';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix that is safe to apply without asking: the CLI's --fix applies these too. */
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
  ruleId: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Dead code (a shadowed duplicate) or a removed key, for editors that fade or strike it. */
  tag?: 'unnecessary' | 'deprecated';
}

export type RuleId =
  | 'syntax-error'
  | 'unknown-key'
  | 'invalid-value'
  | 'out-of-range'
  | 'suspicious-value'
  | 'removed-key'
  | 'legacy-key'
  | 'duplicate-key'
  | 'tool-divergence'
  | 'conntrack-buckets-ratio'
  | 'conntrack-memory'
  | 'conntrack-boot-order'
  | 'somaxconn-truncated'
  | 'syn-backlog-vs-somaxconn'
  | 'port-range-order'
  | 'threshold-order'
  | 'overridden'
  | 'runtime-drift'
  | 'conntrack-table-full';

export interface RuleMeta {
  id: RuleId;
  defaultSeverity: Severity;
  /** One line, for SARIF shortDescription and the README. */
  summary: string;
  /** A paragraph for SARIF fullDescription and help. */
  description: string;
}
