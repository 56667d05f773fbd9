/**
 * A snapshot of THIS machine's running kernel by direct reads: every file below /proc/sys (named
 * as `sysctl -a` names them), /proc/modules, /proc/net/stat/nf_conntrack, /proc/net/sockstat,
 * /proc/meminfo and /proc/stat, and the lines of the sysctl files that set nf_conntrack_max.
 * Read-only; parsing is the engine's. `procRoot` and `root` let tests read a fixture tree.
 */

import { open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import * as os from 'node:os';
import { join } from 'node:path';
import { assembleSnapshot, CONNTRACK_MAX_PATTERN, normaliseRunningValue, type SnapshotResult } from '../engine/runtime';
import { SYSCTL_CONF, SYSTEM_DIRECTORIES } from '../engine/system/precedence';
import { oneLine } from './hostFacts';

export interface LocalSnapshotProbe {
  /** Where /proc is; default /proc. */
  procRoot?: string;
  /** Where the sysctl files are looked for; default /. */
  root?: string;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** procps writes a '.' inside a path component as '/' (net.ipv4.conf.eth0/100.rp_filter). */
function keyOf(components: readonly string[]): string {
  return components.map((c) => c.replace(/\./g, '/')).join('.');
}

/** Files read at once while the tree is read. */
const READ_CONCURRENCY = 16;
/** Most values are a few bytes; longer ones take more reads. */
const PROC_READ_CHUNK = 4096;

/**
 * A file below /proc/sys, read in small pieces. Its size is unknown (stat says 0), and readFile
 * gives such a file a 64 KB buffer: the 1,300 reads of the tree held 85 MB at once.
 */
async function readProcValue(path: string): Promise<string | undefined> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const chunks: Buffer[] = [];
    for (;;) {
      const chunk = Buffer.allocUnsafe(PROC_READ_CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, PROC_READ_CHUNK, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Every regular file below `dir`, with the path components below it; unreadable directories are skipped. */
async function listSysctlTree(dir: string, components: string[], files: { path: string; components: string[] }[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await listSysctlTree(path, [...components, entry.name], files);
    else if (entry.isFile()) files.push({ path, components: [...components, entry.name] });
  }
}

/**
 * Every readable file below `dir`. Unreadable (write-only) files are skipped, as `sysctl -a`
 * skips them; symlinks are not followed (none belong in /proc/sys).
 */
async function readSysctlTree(dir: string, values: Map<string, string>): Promise<void> {
  const files: { path: string; components: string[] }[] = [];
  await listSysctlTree(dir, [], files);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const { path, components } = files[next++];
      const text = await readProcValue(path);
      if (text === undefined) continue;
      // A value of several lines (rare) keeps its lines, as parseSysctlListing does.
      values.set(keyOf(components), text.replace(/\n$/, '').split('\n').map(normaliseRunningValue).join('\n'));
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
}

/** `path:line:text` for every line mentioning nf_conntrack_max, like the remote command's grep. */
async function conntrackMaxLines(root: string): Promise<string> {
  const files: string[] = [];
  for (const dir of SYSTEM_DIRECTORIES) {
    try {
      for (const name of (await readdir(join(root, dir))).sort()) if (name.endsWith('.conf')) files.push(`${dir}/${name}`);
    } catch {
      // no such directory
    }
  }
  files.push(SYSCTL_CONF);
  const out: string[] = [];
  for (const file of files) {
    const text = await readOptional(join(root, file));
    text?.split('\n').forEach((line, i) => {
      if (line.includes(CONNTRACK_MAX_PATTERN)) out.push(`${file}:${i + 1}:${line}`);
    });
  }
  return out.join('\n');
}

/** Never rejects; every failure is a one-line message. */
export async function readLocalSnapshot(probe: LocalSnapshotProbe = {}): Promise<SnapshotResult> {
  if (process.platform !== 'linux') return { ok: false, error: `this machine is not Linux (platform ${process.platform}): there is no /proc/sys to read` };
  try {
    const proc = probe.procRoot ?? '/proc';
    const values = new Map<string, string>();
    await readSysctlTree(join(proc, 'sys'), values);
    const [meminfo, stat, modules, conntrack, sockstat, persist] = await Promise.all([
      readOptional(join(proc, 'meminfo')),
      readOptional(join(proc, 'stat')),
      readOptional(join(proc, 'modules')),
      readOptional(join(proc, 'net/stat/nf_conntrack')),
      readOptional(join(proc, 'net/sockstat')),
      conntrackMaxLines(probe.root ?? '/'),
    ]);
    const sorted = new Map([...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const parts = { kernelRelease: os.release(), machine: os.machine(), meminfo, stat, modules, conntrack, sockstat, persist, values: sorted };
    const result = assembleSnapshot(parts, { kind: 'local' }, new Date());
    return result.ok ? result : { ok: false, error: `this machine: ${result.error}` };
  } catch (error) {
    return { ok: false, error: oneLine(`Reading this machine's kernel failed: ${error instanceof Error ? error.message : String(error)}`) };
  }
}
