/**
 * A read-only picture of a running kernel: every sysctl value, the loaded modules and the
 * conntrack counters, with where and when it was read. Built by the host adapters
 * (server/src/host), consumed by the drift and conntrack rules, the doctor report and hover.
 */

import type { ConfigHit } from './persistedSetting';

/** Where the snapshot was read: this machine (direct reads of /proc) or a host over ssh. */
export type SnapshotSource = { kind: 'local' } | { kind: 'ssh'; host: string };

/** Summed counters of /proc/net/stat/nf_conntrack. */
export interface ConntrackStats {
  /** Column names as the header gives them (they differ between kernels). */
  columns: string[];
  /** Number of per-CPU rows that were summed. */
  cpus: number;
  /** `entries` is global (the same in every row); every other column is summed over the CPUs. */
  totals: Readonly<Record<string, number>>;
}

/** `/proc/net/sockstat`: counters per protocol line, e.g. TCP -> { inuse, orphan, tw, alloc, mem }. */
export type Sockstat = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface RuntimeSnapshot {
  source: SnapshotSource;
  /** When it was read (ISO 8601), for "read 2 minutes ago" in hovers. */
  readAt: string;
  /** `uname -r`, or null when the host did not say. */
  kernelRelease: string | null;
  /** `uname -m`, or null. */
  machine: string | null;
  /** MemTotal in bytes, or null. */
  memBytes: number | null;
  /** Boot time in seconds since the epoch (`btime` of /proc/stat), or null. */
  bootTime: number | null;
  /** Every sysctl as `sysctl -a` names it (dotted, `/` for a dot inside a component), tabs as spaces. */
  values: ReadonlyMap<string, string>;
  /** Names of loaded modules (/proc/modules), or null when the list could not be read. */
  modules: ReadonlySet<string> | null;
  /** /proc/net/stat/nf_conntrack, or null when conntrack is not loaded (or not readable). */
  conntrack: ConntrackStats | null;
  /** /proc/net/sockstat, or null. */
  sockstat: Sockstat | null;
  /** Lines of the host's sysctl files that mention nf_conntrack_max, or null when not read. */
  conntrackMaxLines: ConfigHit[] | null;
}

/** "this machine" or "db-1 (over SSH)", for messages. */
export function describeSnapshotSource(source: SnapshotSource): string {
  return source.kind === 'local' ? 'this machine' : `${source.host} (over SSH)`;
}
