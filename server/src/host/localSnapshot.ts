/**
 * A snapshot of THIS machine's running kernel by direct reads: every file below /proc/sys (named
 * as `sysctl -a` names them), /proc/modules, /proc/net/stat/nf_conntrack, /proc/net/sockstat,
 * /proc/meminfo and /proc/stat, and the lines of the sysctl files that set nf_conntrack_max.
 * Read-only; parsing is the engine's. `procRoot` and `root` let tests read a fixture tree.
 */

import { readdir, readFile } from 'node:fs/promises';
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

/**
 * Every readable file below `dir`. Unreadable (write-only) files are skipped, as `sysctl -a`
 * skips them; symlinks are not followed (none belong in /proc/sys).
 */
async function readSysctlTree(dir: string, components: string[], values: Map<string, string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return readSysctlTree(path, [...components, entry.name], values);
      if (!entry.isFile()) return;
      const text = await readOptional(path);
      if (text === undefined) return;
      // A value of several lines (rare) keeps its lines, as parseSysctlListing does.
      values.set(keyOf([...components, entry.name]), text.replace(/\n$/, '').split('\n').map(normaliseRunningValue).join('\n'));
    }),
  );
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
    await readSysctlTree(join(proc, 'sys'), [], values);
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
