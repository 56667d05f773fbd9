/**
 * The findings that need a snapshot of the running kernel (runtime-drift, conntrack-table-full),
 * with the user's severity overrides and suppression comments applied like analyze() does.
 */

import type { ParsedDocument } from '../parser/types';
import type { Finding } from '../rules/types';
import { isSuppressed, readSuppressions } from '../rules/suppression';
import type { EngineSettings } from '../settings';
import { conntrackTableFullFindings } from './conntrackTableFull';
import { runtimeDriftFindings, type DriftContext } from './runtimeDrift';
import type { RuntimeSnapshot } from './types';

export interface HostFindingsOptions extends DriftContext {
  /** Report conntrack-table-full only when the file sets nf_conntrack_max (one file of many speaks). */
  conntrackOnlyWhenSet?: boolean;
}

export function hostFindings(document: ParsedDocument, snapshot: RuntimeSnapshot, settings: EngineSettings, options: HostFindingsOptions = {}): Finding[] {
  const raw = [
    ...conntrackTableFullFindings(document, snapshot, { onlyWhenSet: options.conntrackOnlyWhenSet }),
    ...runtimeDriftFindings(document, snapshot, options),
  ];
  const suppressions = readSuppressions(document);
  const out: Finding[] = [];
  for (const finding of raw) {
    const override = settings.rules[finding.ruleId];
    if (override === 'off' || isSuppressed(finding, suppressions)) continue;
    out.push(override ? { ...finding, severity: override } : finding);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
