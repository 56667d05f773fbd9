import { dirname, posix, relative, sep } from 'node:path';
import type { Finding } from '../engine';
import { effectiveConfiguration, FLAVORS, SYSCTL_CONF, SYSTEM_DIRECTORIES, systemFindings } from '../engine';
import type { OpenFiles } from '../host/systemTree';
import { readSystemTree } from '../host/systemTree';

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

/**
 * `overridden` findings for a file from the other files of its tree, as both tools read them.
 * Reading only; any problem reading the tree just means no such findings.
 */
export function overriddenFindings(filePath: string, open: OpenFiles): Finding[] {
  const root = treeRootOf(filePath);
  if (root === undefined) return [];
  try {
    const tree = readSystemTree(root, open);
    const findings = systemFindings(FLAVORS.map((flavor) => effectiveConfiguration(tree, flavor)));
    const targetPath = '/' + relative(root, filePath).split(sep).join('/');
    return (findings.get(posix.normalize(targetPath)) ?? []).filter((f) => f.ruleId === 'overridden');
  } catch {
    return [];
  }
}
