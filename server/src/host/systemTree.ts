import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { dirname, join, posix, resolve, sep } from 'node:path';
import type { ConfigEntry, ParsedDocument, SystemTree } from '../engine';
import { SYSCTL_CONF, SYSTEM_DIRECTORIES } from '../engine';
import { describeIoError } from './ioErrors';

const MAX_LINK_HOPS = 40;

/** A problem reading the tree, worded for the user; the CLI turns it into exit 2. */
export class SystemTreeError extends Error {}

/**
 * Follows symlinks as if `root` were `/`, one path component at a time: absolute targets and `..`
 * stay inside the tree, also for a link on the way (`/lib -> /usr/lib`), so a fixture or image
 * tree never reads the host's files. Returns the target path on the target system, or
 * '/dev/null' for a mask.
 */
export function resolveInRoot(root: string, targetPath: string): string {
  const components = (path: string) => path.split('/').filter((c) => c !== '' && c !== '.');
  let pending = components(targetPath);
  let resolved = '/';
  let hops = 0;
  while (pending.length > 0) {
    const component = pending.shift()!;
    if (component === '..') {
      resolved = posix.dirname(resolved);
      continue;
    }
    const next = posix.join(resolved, component);
    let stat;
    try {
      stat = lstatSync(join(root, next));
    } catch {
      return posix.join(next, ...pending); // missing: the callers skip it
    }
    if (!stat.isSymbolicLink()) {
      resolved = next;
      continue;
    }
    if (++hops > MAX_LINK_HOPS) throw new SystemTreeError(`too many symbolic links at '${join(root, targetPath)}'`);
    const link = readlinkSync(join(root, next));
    if (link.startsWith('/')) resolved = '/';
    pending = [...components(link), ...pending];
  }
  return resolved;
}

/** Text of files open in an editor, by absolute disk path: they win over what is on disk. */
export interface OpenFiles {
  get(path: string): OpenFile | undefined;
}

/** An open file's text, and its parse when the editor has one (then it is not parsed again). */
export interface OpenFile {
  text: string;
  parsed?: ParsedDocument;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** An entry neither tool can read: it is left out, and said. */
class Unreadable {
  constructor(readonly problem: string) {}
}

function entryFor(root: string, targetPath: string, name: string, open: OpenFiles): ConfigEntry | Unreadable | undefined {
  let realPath: string;
  try {
    realPath = resolveInRoot(root, targetPath);
  } catch (error) {
    if (error instanceof SystemTreeError) return new Unreadable('a loop of symbolic links');
    throw error;
  }
  if (realPath === '/dev/null') return { name, path: targetPath, kind: 'mask', text: '', realPath };
  const onDisk = join(root, realPath);
  let stat;
  try {
    stat = statSync(onDisk);
  } catch {
    // A missing /etc/sysctl.conf is no problem; a link to nothing is.
    return isLink(join(root, targetPath)) ? new Unreadable(`a symbolic link to '${realPath}', which does not exist`) : undefined;
  }
  if (stat.isDirectory()) return { name, path: targetPath, kind: 'directory', text: '', realPath };
  if (!stat.isFile()) return undefined;
  const openFile = open.get(onDisk);
  let text: string;
  try {
    text = openFile?.text ?? readFileSync(onDisk, 'utf8');
  } catch (error) {
    throw new SystemTreeError(`cannot read '${onDisk}': ${describeIoError(error)}`);
  }
  return { name, path: targetPath, kind: text.length === 0 ? 'mask' : 'file', text, realPath, parsed: openFile?.parsed };
}

/**
 * The text of a configuration file under `root` as a tool reads it (links followed inside the
 * root): '' for a mask, a directory, a link to nothing or a file that cannot be read.
 */
export function readConfigText(root: string, targetPath: string): string {
  try {
    const entry = entryFor(root, targetPath, posix.basename(targetPath), new Map());
    return entry && !(entry instanceof Unreadable) && entry.kind === 'file' ? entry.text : '';
  } catch {
    return '';
  }
}

/** Reads the standard sysctl locations under `root` (default `/`). */
export function readSystemTree(rootArg: string, open: OpenFiles = new Map()): SystemTree {
  const root = resolve(rootArg);
  try {
    if (!statSync(root).isDirectory()) throw new SystemTreeError(`--root '${rootArg}' is not a directory`);
  } catch (error) {
    if (error instanceof SystemTreeError) throw error;
    throw new SystemTreeError(`cannot read --root '${rootArg}': ${describeIoError(error)}`);
  }
  const directories = new Map<string, ConfigEntry[]>();
  const unreadable: Array<{ path: string; problem: string }> = [];
  for (const dir of SYSTEM_DIRECTORIES) {
    const realDir = resolveInRoot(root, dir);
    let names: string[];
    try {
      if (!statSync(join(root, realDir)).isDirectory()) continue;
      names = readdirSync(join(root, realDir));
    } catch {
      continue;
    }
    const entries: ConfigEntry[] = [];
    for (const name of names) {
      if (!name.endsWith('.conf')) continue;
      const entry = entryFor(root, posix.join(realDir, name), name, open);
      if (entry instanceof Unreadable) unreadable.push({ path: posix.join(dir, name), problem: entry.problem });
      else if (entry) entries.push({ ...entry, path: posix.join(dir, name) });
    }
    directories.set(dir, entries);
  }
  const conf = entryFor(root, SYSCTL_CONF, 'sysctl.conf', open);
  if (conf instanceof Unreadable) unreadable.push({ path: SYSCTL_CONF, problem: conf.problem });
  const sysctlConf = conf && !(conf instanceof Unreadable) && conf.kind !== 'directory' ? conf : undefined;
  return { directories, sysctlConf, ...(unreadable.length > 0 ? { unreadable } : {}) };
}

/** Where a target path lives on this machine, for config lookup and messages. */
export function diskPathOf(root: string, targetPath: string): string {
  return join(resolve(root), targetPath === '/' ? '' : targetPath);
}

/**
 * The root of the machine tree a file belongs to: `/` for /etc/sysctl.d/x.conf, or `/repo/rootfs`
 * for /repo/rootfs/usr/lib/sysctl.d/x.conf. Files elsewhere are not part of a tree.
 */
export function treeRootOf(filePath: string): string | undefined {
  const asPosix = filePath.split(sep).join('/');
  if (asPosix.endsWith(SYSCTL_CONF)) return asPosix.slice(0, -SYSCTL_CONF.length) || '/';
  const dir = dirname(asPosix);
  for (const candidate of SYSTEM_DIRECTORIES) {
    if (dir === candidate || dir.endsWith(candidate)) return dir.slice(0, -candidate.length) || '/';
  }
  return undefined;
}
