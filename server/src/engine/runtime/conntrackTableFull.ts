/**
 * Rule `conntrack-table-full`: the host's conntrack table is nearly full (warning) or has dropped
 * packets (error). Reported on the file's nf_conntrack_max line, or at the top of the file; the
 * sizing quick fix comes with it when the snapshot tells RAM and architecture.
 */

import { conntrackSizingAction } from '../actions/conntrackSizing';
import { resolveKey } from '../keys/database';
import type { ParsedDocument } from '../parser/types';
import { defineRule } from '../rules/defineRule';
import type { Finding, Fix } from '../rules/types';
import { recommendationFromFacts } from '../sizing/fromSettings';
import { spanToRange, type Range } from '../text/position';
import { conntrackHealth, describeCounters, formatShare, type ConntrackHealth } from './conntrackHealth';
import { describeSnapshotSource, type RuntimeSnapshot } from './types';

/** Reported from a snapshot of the running host (no check of its own on the document). */
export const conntrackTableFull = defineRule({
  id: 'conntrack-table-full',
  defaultSeverity: 'error',
  summary: "The host's conntrack table is nearly full or has dropped packets.",
  description:
    'From the host snapshot: an error when drop, early_drop or insert_failed (summed over CPUs in /proc/net/stat/nf_conntrack) are above zero, a warning when nf_conntrack_count is at 90% of nf_conntrack_max or more. Reported on the nf_conntrack_max line, or at the top of the file; the sizing quick fix applies.',
});
export const CONNTRACK_TABLE_FULL = conntrackTableFull.id;
const MAX_KEY = 'net.netfilter.nf_conntrack_max';

function maxLineRange(document: ParsedDocument): Range | undefined {
  let found: Range | undefined;
  document.lines.forEach((line, lineNumber) => {
    if (line.kind === 'setting' && !line.key.isGlob && resolveKey(line.key.canonical)?.spec.name === MAX_KEY) found = spanToRange(lineNumber, line.key.span);
  });
  return found;
}

function sizingFix(document: ParsedDocument, snapshot: RuntimeSnapshot): Fix[] {
  if (snapshot.memBytes === null || snapshot.machine === null) return [];
  const recommendation = recommendationFromFacts({ memBytes: snapshot.memBytes, arch: snapshot.machine, kernelRelease: snapshot.kernelRelease }, undefined);
  if (!recommendation.ok) return [];
  const action = conntrackSizingAction(document, recommendation.value, 'max');
  return [{ title: action.title, edits: action.edits, safe: false }];
}

export function describeHealth(health: ConntrackHealth): string {
  return `${health.count} of ${health.max} entries (${formatShare(health.share)}); ${describeCounters(health)}`;
}

/** `onlyWhenSet`: report only if the file sets nf_conntrack_max (for a whole machine's files, one file speaks). */
export function conntrackTableFullFindings(document: ParsedDocument, snapshot: RuntimeSnapshot, options: { onlyWhenSet?: boolean } = {}): Finding[] {
  const health = conntrackHealth(snapshot);
  if (!health || (!health.dropping && !health.nearlyFull)) return [];
  const range = maxLineRange(document);
  if (!range && options.onlyWhenSet) return [];
  const where = describeSnapshotSource(snapshot.source);
  const state = health.dropping ? 'has dropped packets since boot' : `is ${formatShare(health.share)} full`;
  const fixes = sizingFix(document, snapshot);
  return [
    {
      ruleId: CONNTRACK_TABLE_FULL,
      severity: health.dropping ? 'error' : 'warning',
      range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `The conntrack table on ${where} ${state}: ${describeHealth(health)}. Raise net.netfilter.nf_conntrack_max${fixes.length > 0 ? ' (the sizing quick fix computes a value from its RAM)' : ''}, then apply it live and persist it.`,
      ...(fixes.length > 0 ? { fixes } : {}),
    },
  ];
}
