import { canonicalKey } from '../parser/keyPath';
import { parseDocument } from '../parser/parseDocument';
import type { ParsedDocument, ParsedLine } from '../parser/types';
import { procpsReadsEditorLines } from './effective';
import type { ConfigEntry, SystemTree } from './precedence';

/** A line that assigns nothing, in place of a setting left out. */
const LEFT_OUT: ParsedLine = parseDocument('').lines[0];

/**
 * The variables a parse sets or excludes, as canonical names (one per systemd path): the key
 * both tools read, and procps' own when it resolves another one (after `- ` or `--`).
 */
function addVariables(parsed: ParsedDocument, into: Set<string>): void {
  for (const line of parsed.lines) {
    if (line.kind === 'exclusion') into.add(line.key.canonical);
    if (line.kind !== 'setting') continue;
    into.add(line.key.canonical);
    if (line.procpsKey !== line.key.text) into.add(canonicalKey(line.procpsKey));
  }
}

function touches(line: ParsedLine, variables: ReadonlySet<string>): boolean {
  if (line.kind !== 'setting') return true;
  return variables.has(line.key.canonical) || (line.procpsKey !== line.key.text && variables.has(canonicalKey(line.procpsKey)));
}

/**
 * The tree as far as the `overridden` findings of one file go. Only another file's line can
 * override or drop a line of it (within one file duplicate-key speaks), and the tools' models keep
 * each variable apart, so the file's settings of variables no other file sets or excludes can
 * neither be overridden nor override anything there: they are left out, line numbers kept. A
 * 100,000-line file beside a few small ones then costs the models a few objects instead of one per
 * line and tool. A tree with a file procps splits into other lines than the editor (a lone CR)
 * stays as it is.
 */
export function focusedOn(tree: SystemTree, realPath: string): SystemTree {
  const entries = [...tree.directories.values()].flat();
  if (tree.sysctlConf) entries.push(tree.sysctlConf);
  const targets = entries.filter((entry) => entry.kind === 'file' && entry.realPath === realPath);
  if (targets.length === 0 || entries.some((entry) => entry.kind === 'file' && !procpsReadsEditorLines(entry.text))) return tree;
  const variables = new Set<string>();
  // Each entry and what replaces it: the other files with their parse (made once here), the file with its lines left out.
  const focused = new Map<ConfigEntry, ConfigEntry>();
  for (const entry of entries) {
    if (entry.kind !== 'file' || entry.realPath === realPath) continue;
    const parsed = entry.parsed ?? parseDocument(entry.text);
    addVariables(parsed, variables);
    focused.set(entry, { ...entry, parsed });
  }
  for (const entry of targets) {
    const parsed = entry.parsed ?? parseDocument(entry.text);
    const lines = parsed.lines.map((line) => (touches(line, variables) ? line : LEFT_OUT));
    focused.set(entry, { ...entry, parsed: { ...parsed, lines } });
  }
  const replace = (entry: ConfigEntry): ConfigEntry => focused.get(entry) ?? entry;
  return {
    ...tree,
    directories: new Map([...tree.directories].map(([directory, list]) => [directory, list.map(replace)])),
    ...(tree.sysctlConf ? { sysctlConf: replace(tree.sysctlConf) } : {}),
  };
}
