/**
 * Host facts from text: a local /proc/meminfo, or the output of REMOTE_FACTS_COMMAND run over SSH.
 * Pure parsing only; running the command belongs to the caller.
 */

import { architectureFromUname, type Architecture } from './architecture';
import { MAX_EXACT_BYTES } from './size';

export interface MemTotal {
  /** The number /proc/meminfo prints; its "kB" means KiB. */
  memTotalKiB: number;
  memBytes: number;
}

export type MemTotalResult = { ok: true; value: MemTotal } | { ok: false; error: string };

export interface HostFacts extends MemTotal {
  architecture: Architecture;
  /** `uname -r` when the output carried a KERNEL= line, else null (older command or none). */
  kernelRelease: string | null;
}

export type HostFactsResult = { ok: true; value: HostFacts } | { ok: false; error: string };

/**
 * The command to run on a remote host (as the single remote-command argument of ssh). `sh -c`
 * keeps it independent of the login shell (fish, csh). Output, one fact per line:
 *   MemTotal:       49521980 kB
 *   ARCH=x86_64
 *   KERNEL=6.8.0-45-generic
 * Banners or motd text printed before it are harmless: the parser takes the last line of each kind.
 */
export const REMOTE_FACTS_COMMAND = `sh -c 'grep "^MemTotal:" /proc/meminfo; echo "ARCH=$(uname -m)"; echo "KERNEL=$(uname -r)"'`;

/** No Linux system boots in less; a smaller MemTotal means the text is not what we think. */
const MIN_PLAUSIBLE_KIB = 1024;
const MAX_EXACT_KIB = Math.floor(MAX_EXACT_BYTES / 1024);

const MEMTOTAL_LINE = /^MemTotal:/;
const MEMTOTAL_VALUE = /^MemTotal:\s*(\d+)\s+kB$/;
const ARCH_LINE = /^ARCH=/;
const KERNEL_LINE = /^KERNEL=/;

function lines(text: string): string[] {
  return text.split(/\r\n|\n|\r/).map((line) => line.trim());
}

function lastIndexMatching(all: readonly string[], pattern: RegExp): number {
  for (let i = all.length - 1; i >= 0; i--) if (pattern.test(all[i])) return i;
  return -1;
}

function memTotalFromLine(line: string): MemTotalResult {
  const match = MEMTOTAL_VALUE.exec(line);
  if (!match) {
    return { ok: false, error: `Cannot read "${line}": expected "MemTotal: <whole number> kB", as in /proc/meminfo.` };
  }
  const memTotalKiB = Number(match[1]);
  if (memTotalKiB < MIN_PLAUSIBLE_KIB) {
    return { ok: false, error: `MemTotal of ${match[1]} kB is not plausible for a Linux host (expected at least ${MIN_PLAUSIBLE_KIB} kB).` };
  }
  if (memTotalKiB > MAX_EXACT_KIB) {
    return { ok: false, error: `MemTotal of ${match[1]} kB is too large to be real (limit 8 PiB).` };
  }
  return { ok: true, value: { memTotalKiB, memBytes: memTotalKiB * 1024 } };
}

/** MemTotal from /proc/meminfo text; lines that are not MemTotal are ignored, the last MemTotal wins. */
export function parseMemTotal(text: string): MemTotalResult {
  if (text.trim() === '') return { ok: false, error: 'The /proc/meminfo text is empty.' };
  const all = lines(text);
  const index = lastIndexMatching(all, MEMTOTAL_LINE);
  if (index < 0) return { ok: false, error: 'No "MemTotal:" line found; is this /proc/meminfo output from a Linux host?' };
  return memTotalFromLine(all[index]);
}

/** Facts from the output of REMOTE_FACTS_COMMAND, possibly preceded by login noise. */
export function parseHostFacts(text: string): HostFactsResult {
  if (text.trim() === '') return { ok: false, error: 'The remote command printed nothing.' };
  const all = lines(text);

  const memIndex = lastIndexMatching(all, MEMTOTAL_LINE);
  if (memIndex < 0) {
    return { ok: false, error: 'The remote output has no "MemTotal:" line; the host may not be Linux or /proc may be unavailable.' };
  }
  const memTotal = memTotalFromLine(all[memIndex]);
  if (!memTotal.ok) return memTotal;

  const archIndex = lastIndexMatching(all, ARCH_LINE);
  if (archIndex < 0) return { ok: false, error: 'The remote output has no "ARCH=" line from `uname -m`.' };
  // The command prints MemTotal first; the other order means the lines came from somewhere else.
  if (archIndex < memIndex) return { ok: false, error: 'The remote output has its "ARCH=" line before "MemTotal:"; not output of our command.' };
  const architecture = architectureFromUname(all[archIndex].slice('ARCH='.length));
  if (!architecture.ok) return { ok: false, error: `In the remote output: ${architecture.error}` };

  const kernelIndex = lastIndexMatching(all, KERNEL_LINE);
  const kernelRelease = kernelIndex > archIndex ? all[kernelIndex].slice('KERNEL='.length) : '';

  return {
    ok: true,
    value: { ...memTotal.value, architecture: architecture.value, kernelRelease: kernelRelease === '' ? null : kernelRelease },
  };
}
