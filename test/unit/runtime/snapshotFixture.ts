import type { RuntimeSnapshot } from '../../../server/src/engine/runtime';

/** A snapshot built in code: values and the rest as a test needs them. */
export function snapshotOf(values: Record<string, string>, extra: Partial<RuntimeSnapshot> = {}): RuntimeSnapshot {
  return {
    source: { kind: 'ssh', host: 'db-1' },
    readAt: '2026-12-04T17:00:00.000Z',
    kernelRelease: '6.8.0-45-generic',
    machine: 'x86_64',
    memBytes: 49521980 * 1024,
    bootTime: 1_764_000_000,
    values: new Map(Object.entries(values)),
    modules: new Set<string>(),
    conntrack: null,
    sockstat: null,
    conntrackMaxLines: null,
    ...extra,
  };
}

/** /proc/net/stat/nf_conntrack totals with only the counters a test cares about. */
export function stats(totals: Record<string, number>, cpus = 4): RuntimeSnapshot['conntrack'] {
  return { columns: Object.keys(totals), cpus, totals };
}
