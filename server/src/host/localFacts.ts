/**
 * Host facts of THIS machine: MemTotal from /proc/meminfo, the architecture from `uname -m`
 * (os.machine()), the kernel release from `uname -r` (os.release()). Parsing is the engine's.
 */

import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import { architectureFromUname, parseMemTotal } from '../engine/sizing';
import { oneLine, type HostFactsReadResult } from './hostFacts';

/** Replaceable probes, for tests; the defaults read the real machine. */
export interface LocalFactsProbe {
  platform?: NodeJS.Platform;
  meminfoPath?: string;
  machine?: () => string;
  release?: () => string;
}

export const PROC_MEMINFO = '/proc/meminfo';

/** Never rejects; every failure is a one-line message. */
export async function readLocalFacts(probe: LocalFactsProbe = {}): Promise<HostFactsReadResult> {
  const platform = probe.platform ?? process.platform;
  const meminfoPath = probe.meminfoPath ?? PROC_MEMINFO;
  if (platform !== 'linux') {
    return {
      ok: false,
      error: `${PROC_MEMINFO} is not available: this machine is not Linux (platform ${platform}). Enter RAM and architecture by hand, or read them from a Linux host over SSH.`,
    };
  }

  let text: string;
  try {
    text = await readFile(meminfoPath, 'utf8');
  } catch (error) {
    return { ok: false, error: `${meminfoPath} is not available: ${describeFsError(error)}` };
  }
  const memTotal = parseMemTotal(text);
  if (!memTotal.ok) return { ok: false, error: oneLine(`In ${meminfoPath} of this machine: ${memTotal.error}`) };

  let machine: string;
  let release: string;
  try {
    machine = (probe.machine ?? os.machine)();
    release = (probe.release ?? os.release)().trim();
  } catch (error) {
    return { ok: false, error: oneLine(`Cannot read this machine's architecture: ${error instanceof Error ? error.message : String(error)}`) };
  }
  const architecture = architectureFromUname(machine);
  if (!architecture.ok) return { ok: false, error: oneLine(`This machine: ${architecture.error}`) };

  return {
    ok: true,
    value: { ...memTotal.value, architecture: architecture.value, kernelRelease: release === '' ? null : release, source: { kind: 'local' } },
  };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file (is /proc mounted?)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return oneLine(error instanceof Error ? error.message : String(error));
}
