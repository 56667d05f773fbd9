/** Small /proc files the snapshot reads: /proc/modules, /proc/net/sockstat, btime of /proc/stat. */

import type { Sockstat } from './types';

/** Module names: the first field of each line of /proc/modules. */
export function parseModules(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const name = line.split(' ')[0];
    if (/^[A-Za-z0-9_-]+$/.test(name)) names.add(name);
  }
  return names;
}

/** `TCP: inuse 5 orphan 0 tw 2 alloc 7 mem 1` lines as { TCP: { inuse: 5, ... } }. */
export function parseSockstat(text: string): Sockstat {
  const out: Record<string, Record<string, number>> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z0-9]+):\s+(.*)$/.exec(line.trim());
    if (!match) continue;
    const words = match[2].split(/\s+/);
    const counters: Record<string, number> = {};
    for (let i = 0; i + 1 < words.length; i += 2) {
      if (/^\d+$/.test(words[i + 1])) counters[words[i]] = Number(words[i + 1]);
    }
    out[match[1]] = counters;
  }
  return out;
}

/** The boot time from /proc/stat (`btime SECONDS`), or null. */
export function parseBootTime(text: string): number | null {
  const match = /^btime\s+(\d+)\s*$/m.exec(text);
  return match ? Number(match[1]) : null;
}
