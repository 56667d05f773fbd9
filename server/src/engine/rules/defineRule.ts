import type { RuleContext } from './context';
import type { Finding, Severity } from './types';

/**
 * How a rule finds its findings in one document:
 * - `line`: from each line alone (re-run only on the lines an edit touched);
 * - `document`: by comparing lines with each other (re-run on every analysis).
 * A rule without a check is reported by another rule's check (e.g. the value checker reports
 * `out-of-range`) or from outside the document (other files of the machine, the running host).
 */
export interface RuleCheck {
  readonly scope: 'line' | 'document';
  run(context: RuleContext): Finding[];
}

/** Everything about one rule: its id, default severity, the texts SARIF and --help show, its check. */
export interface RuleDefinition<Id extends string = string> {
  readonly id: Id;
  readonly defaultSeverity: Severity;
  /** One line, for SARIF shortDescription, the README table and --list-rules. */
  readonly summary: string;
  /** A paragraph, for SARIF fullDescription. */
  readonly description: string;
  /** Former ids, still accepted in settings and suppression comments. */
  readonly aliases?: readonly string[];
  readonly check?: RuleCheck;
}

/** Declares a rule; the literal id becomes part of the RuleId type through the registry. */
export function defineRule<const Id extends string>(rule: RuleDefinition<Id>): RuleDefinition<Id> {
  return rule;
}
