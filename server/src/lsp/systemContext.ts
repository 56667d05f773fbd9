import { posix, relative, sep } from 'node:path';
import type { Finding } from '../engine';
import { effectiveConfiguration, FLAVORS, overriddenFindingsByFile } from '../engine';
import type { OpenFiles } from '../host/systemTree';
import { readSystemTree, treeRootOf } from '../host/systemTree';

/**
 * `overridden` findings for a file from the other files of its tree, as both tools read them.
 * Reading only; any problem reading the tree just means no such findings.
 */
export function overriddenFindings(filePath: string, open: OpenFiles): Finding[] {
  const root = treeRootOf(filePath);
  if (root === undefined) return [];
  try {
    const tree = readSystemTree(root, open);
    const findings = overriddenFindingsByFile(FLAVORS.map((flavor) => effectiveConfiguration(tree, flavor)));
    const targetPath = '/' + relative(root, filePath).split(sep).join('/');
    return findings.get(posix.normalize(targetPath)) ?? [];
  } catch {
    return [];
  }
}
