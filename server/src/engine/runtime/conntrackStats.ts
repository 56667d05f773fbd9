/**
 * /proc/net/stat/nf_conntrack: a header of column names, then one row per possible CPU with every
 * field in hexadecimal. Columns differ between kernels, so they are read from the header.
 * `entries` is the table's global count (the same in every row); the rest are per-CPU counters
 * since boot and are summed.
 */

import type { ConntrackStats } from './types';

export type ConntrackStatsResult = { ok: true; value: ConntrackStats } | { ok: false; error: string };

const GLOBAL_COLUMNS: ReadonlySet<string> = new Set(['entries']);

export function parseConntrackStats(text: string): ConntrackStatsResult {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return { ok: false, error: 'the conntrack statistics are empty' };
  const columns = lines[0].split(/\s+/);
  if (!columns.every((c) => /^[a-z_]+$/.test(c))) return { ok: false, error: 'the conntrack statistics have no header line of column names' };
  const totals: Record<string, number> = Object.fromEntries(columns.map((c) => [c, 0]));
  let cpus = 0;
  for (const row of lines.slice(1)) {
    const fields = row.split(/\s+/);
    if (fields.length !== columns.length || !fields.every((f) => /^[0-9a-fA-F]+$/.test(f))) {
      return { ok: false, error: `a conntrack statistics row does not have ${columns.length} hexadecimal fields` };
    }
    cpus++;
    columns.forEach((column, i) => {
      const value = parseInt(fields[i], 16);
      totals[column] = GLOBAL_COLUMNS.has(column) ? value : totals[column] + value;
    });
  }
  if (cpus === 0) return { ok: false, error: 'the conntrack statistics have no per-CPU rows' };
  return { ok: true, value: { columns, cpus, totals } };
}
