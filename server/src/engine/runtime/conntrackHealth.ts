/**
 * How full the running conntrack table is and whether it has dropped packets, from a snapshot.
 * Thresholds follow common monitoring practice (netdata and rpc-maas alarm at 90%).
 */

import type { RuntimeSnapshot } from './types';

export const NEARLY_FULL_SHARE = 0.9;

export interface ConntrackHealth {
  count: number;
  max: number;
  buckets: number | null;
  /** count / max, 0..1 (0 when max is 0, which means no limit). */
  share: number;
  /** Summed over CPUs since boot; null when /proc/net/stat/nf_conntrack was not readable. */
  drop: number | null;
  earlyDrop: number | null;
  insertFailed: number | null;
  cpus: number | null;
  /** Packets were dropped (drop, early_drop or insert_failed > 0). */
  dropping: boolean;
  nearlyFull: boolean;
}

function integer(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** Null when conntrack is not loaded on the host (no nf_conntrack_max key). */
export function conntrackHealth(snapshot: RuntimeSnapshot): ConntrackHealth | null {
  const values = snapshot.values;
  const max = integer(values.get('net.netfilter.nf_conntrack_max')) ?? integer(values.get('net.nf_conntrack_max'));
  if (max === null) return null;
  const stats = snapshot.conntrack;
  const count = integer(values.get('net.netfilter.nf_conntrack_count')) ?? stats?.totals.entries ?? 0;
  const total = (column: string) => (stats ? (stats.totals[column] ?? 0) : null);
  const drop = total('drop');
  const earlyDrop = total('early_drop');
  const insertFailed = total('insert_failed');
  const share = max > 0 ? count / max : 0;
  return {
    count,
    max,
    buckets: integer(values.get('net.netfilter.nf_conntrack_buckets')),
    share,
    drop,
    earlyDrop,
    insertFailed,
    cpus: stats?.cpus ?? null,
    dropping: (drop ?? 0) + (earlyDrop ?? 0) + (insertFailed ?? 0) > 0,
    nearlyFull: max > 0 && share >= NEARLY_FULL_SHARE,
  };
}

/** "94.6%" */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** "drop 120, early_drop 40, insert_failed 3 (summed over 4 CPUs)" or a note that they are unknown. */
export function describeCounters(health: ConntrackHealth): string {
  if (health.drop === null) return 'drop counters unknown (/proc/net/stat/nf_conntrack not readable)';
  const cpus = health.cpus === 1 ? '1 CPU' : `${health.cpus} CPUs`;
  return `drop ${health.drop}, early_drop ${health.earlyDrop}, insert_failed ${health.insertFailed} (since boot, summed over ${cpus})`;
}
