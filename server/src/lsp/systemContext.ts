import { posix, relative, sep } from 'node:path';
import type { Finding } from '../engine';
import { effectiveConfiguration, FLAVORS, focusedOn, overriddenFindingsByFile } from '../engine';
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
    const targetPath = posix.normalize('/' + relative(root, filePath).split(sep).join('/'));
    // Only the file's own findings are kept: the tree is modelled as far as they need.
    const tree = focusedOn(readSystemTree(root, open), targetPath);
    const findings = overriddenFindingsByFile(FLAVORS.map((flavor) => effectiveConfiguration(tree, flavor)));
    return findings.get(targetPath) ?? [];
  } catch {
    return [];
  }
}
