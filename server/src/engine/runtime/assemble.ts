/**
 * Builds a RuntimeSnapshot from the raw texts a host gave: the same pure parsing for this machine
 * (files read from /proc) and for a remote host (sections of REMOTE_SNAPSHOT_COMMAND's output).
 */

import { parseMemTotal } from '../sizing/meminfo';
import { parseConntrackStats } from './conntrackStats';
import { parseGrepHits } from './persistedSetting';
import { parseBootTime, parseModules, parseSockstat } from './procFiles';
import type { RuntimeSnapshot, SnapshotSource } from './types';

/** Raw texts; undefined means the host did not provide it (missing file, module not loaded). */
export interface SnapshotParts {
  kernelRelease?: string;
  machine?: string;
  meminfo?: string;
  stat?: string;
  modules?: string;
  conntrack?: string;
  sockstat?: string;
  /** `grep -Hn nf_conntrack_max` over the host's sysctl files. */
  persist?: string;
  values: ReadonlyMap<string, string>;
}

export type SnapshotResult = { ok: true; value: RuntimeSnapshot } | { ok: false; error: string };

/** A short printable word (uname output), else null: remote text is not trusted. */
function word(text: string | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return /^[\x21-\x7e]{1,100}$/.test(trimmed) ? trimmed : null;
}

export function assembleSnapshot(parts: SnapshotParts, source: SnapshotSource, readAt: Date): SnapshotResult {
  if (parts.values.size === 0) {
    return { ok: false, error: 'no sysctl values could be read (is /proc mounted, and is procps sysctl installed?)' };
  }
  const mem = parts.meminfo === undefined ? undefined : parseMemTotal(parts.meminfo);
  const conntrack = parts.conntrack === undefined || parts.conntrack.trim() === '' ? undefined : parseConntrackStats(parts.conntrack);
  return {
    ok: true,
    value: {
      source,
      readAt: readAt.toISOString(),
      kernelRelease: word(parts.kernelRelease),
      machine: word(parts.machine),
      memBytes: mem?.ok ? mem.value.memBytes : null,
      bootTime: parts.stat === undefined ? null : parseBootTime(parts.stat),
      values: parts.values,
      // An empty list means the file was unreadable (no system runs without any module or built-in-only is rare), so "unknown".
      modules: parts.modules === undefined || parts.modules.trim() === '' ? null : parseModules(parts.modules),
      conntrack: conntrack?.ok ? conntrack.value : null,
      sockstat: parts.sockstat === undefined ? null : parseSockstat(parts.sockstat),
      conntrackMaxLines: parts.persist === undefined ? null : parseGrepHits(parts.persist),
    },
  };
}
