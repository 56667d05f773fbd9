import type { ParsedDocument } from '../parser/types';
import { canonicalRuleId } from '../rules/registry';
import type { Suppressions } from '../rules/suppression';
import { isSuppressed, readSuppressions } from '../rules/suppression';
import type { Finding, SeveritySetting } from '../rules/types';
import type { EngineSettings } from '../settings';
import { withBoundedMessage } from './messageLength';

/**
 * The user's say over findings, applied in one place for every source of findings (a document's
 * own rules, other files of the machine, the running host): suppression comments, severity
 * overrides (a rule may be named by a former id), document order and messages of bounded length.
 */
export class FindingsPolicy {
  private readonly severities = new Map<string, SeveritySetting>();

  private constructor(
    private readonly suppressions: Suppressions,
    rules: EngineSettings['rules'],
  ) {
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

  /** Whether the policy changes nothing: no suppression comment, no severity override. */
  private get isNeutral(): boolean {
    return this.severities.size === 0 && this.suppressions.file === null && this.suppressions.lines.size === 0;
  }

  /** Kept findings of every list, in document order (stable: same-position findings keep their order). */
  applyAll(...lists: readonly (readonly Finding[])[]): Finding[] {
    // Most files have no directive and no override: their findings then pass as they are.
    const neutral = this.isNeutral;
    let merged: Finding[] = [];
    for (const list of lists) {
      let kept: Finding[] = [];
      if (neutral) kept = list.map(withBoundedMessage);
      else {
        for (const finding of list) {
          const applied = this.apply(finding);
          if (applied) kept.push(withBoundedMessage(applied));
        }
      }
      // Each list is mostly in order already (line findings always are): sort only when not, then merge.
      if (!isSorted(kept)) kept.sort(byPosition);
      merged = merged.length === 0 ? kept : kept.length === 0 ? merged : mergeByPosition(merged, kept);
    }
    return merged;
  }
}

function isSorted(findings: readonly Finding[]): boolean {
  for (let i = 1; i < findings.length; i++) if (byPosition(findings[i - 1], findings[i]) > 0) return false;
  return true;
}

/** Two sorted lists as one; on equal positions the first list's findings come first, as a stable sort of both would put them. */
export function mergeByPosition(first: readonly Finding[], second: readonly Finding[]): Finding[] {
  const out: Finding[] = new Array(first.length + second.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < first.length && j < second.length) out[k++] = byPosition(second[j], first[i]) < 0 ? second[j++] : first[i++];
  while (i < first.length) out[k++] = first[i++];
  while (j < second.length) out[k++] = second[j++];
  return out;
}

export function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
