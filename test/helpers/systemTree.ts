import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** File content, a symbolic link (its target as written), or an empty directory. */
export type TreeNode = string | Buffer | { symlink: string } | { directory: true };

/** Paths on the target system (`/etc/sysctl.d/10-a.conf`) and what is there. */
export type TreeSpec = Readonly<Record<string, TreeNode>>;

export const link = (target: string): TreeNode => ({ symlink: target });
export const directory: TreeNode = { directory: true };

/**
 * Builds a fake root for `sysctl-lint system --root`: every key is an absolute path on the target
 * system, created under `root` with its parents. Entries are created in the order given, so a
 * `/lib` symlink given first is followed by later `/lib/...` entries.
 */
export function buildTree(root: string, spec: TreeSpec): string {
  mkdirSync(root, { recursive: true });
  for (const [path, node] of Object.entries(spec)) {
    if (!path.startsWith('/')) throw new Error(`tree paths are absolute on the target system: '${path}'`);
    const onDisk = join(root, path);
    mkdirSync(dirname(onDisk), { recursive: true });
    if (typeof node === 'string' || Buffer.isBuffer(node)) writeFileSync(onDisk, node);
    else if ('symlink' in node) symlinkSync(node.symlink, onDisk);
    else mkdirSync(onDisk, { recursive: true });
  }
  return root;
}

/** Whether this machine has merged /usr (`/lib -> usr/lib`), as Debian 12 and later do. */
export function hostHasMergedUsr(): boolean {
  try {
    return lstatSync('/lib').isSymbolicLink();
  } catch {
    return false;
  }
}

/** `key = value # FILE:LINE` lines of `--print-effective` (one flavor) without the source comments. */
export function stripSources(printEffective: string): string[] {
  return printEffective
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = / # (\/[^\n]*):(\d+)$/.exec(line);
      if (!match) throw new Error(`no ' # FILE:LINE' at the end of '${line}'`);
      return line.slice(0, match.index);
    });
}

/** `key = value # FILE:LINE` split into its parts. */
export function parseEffectiveLine(line: string): { setting: string; file: string; line: number } {
  const match = /^(.*) # (\/.*):(\d+)$/.exec(line);
  if (!match) throw new Error(`not an effective line: '${line}'`);
  return { setting: match[1], file: match[2], line: Number(match[3]) };
}

/**
 * What `sysctl --system` ends with, from its output: `* Applying FILE ...` lines are dropped and
 * every `key = value` write is reduced to the last value per key, ordered by the position of each
 * key's last write (the order --print-effective uses).
 */
export function procpsFinalSettings(stdout: string): string[] {
  const last = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    if (line === '' || line.startsWith('* Applying ')) continue;
    const eq = line.indexOf(' = ');
    if (eq < 0) throw new Error(`unexpected procps output line '${line}'`);
    const key = line.slice(0, eq);
    last.delete(key);
    last.set(key, line);
  }
  return [...last.values()];
}

/** The `* Applying FILE ...` lines of `sysctl --system`: the files it read, in order. */
export function procpsAppliedFiles(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('* Applying '))
    .map((line) => line.slice('* Applying '.length, -' ...'.length));
}
