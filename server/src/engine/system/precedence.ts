/**
 * Which files `sysctl --system` (procps) and `systemd-sysctl` read, and in which order: the same
 * name in a higher-priority directory hides the others, survivors are sorted by byte order of
 * their names, and procps reads /etc/sysctl.conf last while systemd ignores it.
 */

import type { ParsedDocument } from '../parser/types';

export type Flavor = 'procps' | 'systemd';
export const FLAVORS: readonly Flavor[] = ['procps', 'systemd'];

/** Configuration directories in priority order, as on the target root. */
export const SYSTEM_DIRECTORIES = ['/etc/sysctl.d', '/run/sysctl.d', '/usr/local/lib/sysctl.d', '/usr/lib/sysctl.d', '/lib/sysctl.d'] as const;
export const SYSCTL_CONF = '/etc/sysctl.conf';

/** systemd dropped split-usr support (and /lib/sysctl.d) in v255. */
const SYSTEMD_DIRECTORIES: ReadonlySet<string> = new Set(SYSTEM_DIRECTORIES.filter((d) => d !== '/lib/sysctl.d'));

export interface ConfigEntry {
  /** File name inside its directory. */
  name: string;
  /** Path on the target system, e.g. /etc/sysctl.d/99-sysctl.conf. */
  path: string;
  /** `file`: readable content (symlinks followed); `mask`: empty or /dev/null; `directory`: a directory with a .conf name. */
  kind: 'file' | 'mask' | 'directory';
  text: string;
  /** The file it resolves to after symlinks (e.g. 99-sysctl.conf -> /etc/sysctl.conf). */
  realPath: string;
  /** `text` parsed as editor lines, when the reader has it (a document open in the editor): not parsed again. */
  parsed?: ParsedDocument;
}

export interface SystemTree {
  /** Entries per directory of SYSTEM_DIRECTORIES that exists. */
  directories: ReadonlyMap<string, readonly ConfigEntry[]>;
  /** /etc/sysctl.conf when it is a regular file (symlinks followed). */
  sysctlConf?: ConfigEntry;
  /** `.conf` entries neither tool can read (a dangling or looping link): both report an error and go on. */
  unreadable?: ReadonlyArray<{ path: string; problem: string }>;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files in the order the tool applies them; `hidden` lists files that a same-named file masks. */
export function applyOrder(tree: SystemTree, flavor: Flavor): { files: ConfigEntry[]; hidden: Array<{ entry: ConfigEntry; by: ConfigEntry }> } {
  const chosen = new Map<string, ConfigEntry>();
  const hidden: Array<{ entry: ConfigEntry; by: ConfigEntry }> = [];
  for (const dir of SYSTEM_DIRECTORIES) {
    if (flavor === 'systemd' && !SYSTEMD_DIRECTORIES.has(dir)) continue;
    for (const entry of tree.directories.get(dir) ?? []) {
      if (!entry.name.endsWith('.conf')) continue;
      // systemd skips hidden files; procps reads them.
      if (flavor === 'systemd' && entry.name.startsWith('.')) continue;
      const winner = chosen.get(entry.name);
      if (winner) hidden.push({ entry, by: winner });
      else chosen.set(entry.name, entry);
    }
  }
  const files = [...chosen.values()].sort((a, b) => byteOrder(a.name, b.name));
  if (flavor === 'procps' && tree.sysctlConf) files.push(tree.sysctlConf);
  return { files, hidden };
}
