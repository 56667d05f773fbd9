/**
 * The findings that need a snapshot of the running kernel (runtime-drift, conntrack-table-full),
 * as raw findings: callers put them through the document's FindingsPolicy like every other source.
 */

import { FindingsPolicy } from '../findings/policy';
import type { ParsedDocument } from '../parser/types';
import type { Finding } from '../rules/types';
import type { EngineSettings } from '../settings';
import { conntrackTableFullFindings } from './conntrackTableFull';
import { runtimeDriftFindings, type DriftContext } from './runtimeDrift';
import type { RuntimeSnapshot } from './types';

export interface HostFindingsOptions extends DriftContext {
  /** Report conntrack-table-full only when the file sets nf_conntrack_max (one file of many speaks). */
  conntrackOnlyWhenSet?: boolean;
}

export function hostFindings(document: ParsedDocument, snapshot: RuntimeSnapshot, options: HostFindingsOptions = {}): Finding[] {
  return [...conntrackTableFullFindings(document, snapshot, { onlyWhenSet: options.conntrackOnlyWhenSet }), ...runtimeDriftFindings(document, snapshot, options)];
}

/** The host findings with the user's suppression comments and severity settings applied. */
export function hostFindingsWithPolicy(document: ParsedDocument, snapshot: RuntimeSnapshot, settings: EngineSettings, options: HostFindingsOptions = {}): Finding[] {
  return FindingsPolicy.of(document, settings).applyAll(hostFindings(document, snapshot, options));
}
