import type { ParsedDocument } from '../parser/types';
import { canonicalRuleId } from '../rules/registry';
import type { Suppressions } from '../rules/suppression';
import { isSuppressed, readSuppressions } from '../rules/suppression';
import type { Finding, SeveritySetting } from '../rules/types';
import type { EngineSettings } from '../settings';

/**
 * The user's say over findings, applied in one place for every source of findings (a document's
 * own rules, other files of the machine, the running host): suppression comments, severity
 * overrides (a rule may be named by a former id) and document order.
 */
export class FindingsPolicy {
  private readonly severities = new Map<string, SeveritySetting>();

  private constructor(private readonly suppressions: Suppressions, rules: EngineSettings['rules']) {
    for (const [id, severity] of Object.entries(rules)) {
      const canonical = canonicalRuleId(id) ?? id;
      // The current id wins over a former one named for the same rule.
      if (!this.severities.has(canonical) || canonical === id) this.severities.set(canonical, severity);
    }
  }

  /** The policy of one document; `directiveLines` are its comment lines when an index knows them. */
  static of(document: ParsedDocument, settings: EngineSettings, directiveLines?: readonly number[]): FindingsPolicy {
    return new FindingsPolicy(readSuppressions(document, directiveLines), settings.rules);
  }

  /** Whether the user turned the rule off, so its check need not run. */
  isOff(ruleId: string): boolean {
    return this.severityOf(ruleId) === 'off';
  }

  /** A rule's own setting, else its family's (`cis/*` for the profile rule `cis/<key>`). */
  private severityOf(ruleId: string): SeveritySetting | undefined {
    const own = this.severities.get(ruleId);
    if (own !== undefined) return own;
    const slash = ruleId.indexOf('/');
    return slash < 0 ? undefined : this.severities.get(`${ruleId.slice(0, slash)}/*`);
  }

  /** The finding as the user wants it, or undefined when suppressed or turned off. */
  apply(finding: Finding): Finding | undefined {
    const override = this.severityOf(finding.ruleId);
    if (override === 'off' || isSuppressed(finding, this.suppressions)) return undefined;
    return override && override !== finding.severity ? { ...finding, severity: override } : finding;
  }

  /** Kept findings of every list, in document order (stable: same-position findings keep their order). */
  applyAll(...lists: readonly (readonly Finding[])[]): Finding[] {
    const kept: Finding[] = [];
    for (const list of lists) {
      for (const finding of list) {
        const applied = this.apply(finding);
        if (applied) kept.push(applied);
      }
    }
    return kept.sort(byPosition);
  }
}

export function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
