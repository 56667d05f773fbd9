import { canonicalKey } from '../parser/keyPath';
import { parseDocument } from '../parser/parseDocument';
import type { ParsedDocument, ParsedLine } from '../parser/types';
import type { ConfigEntry, SystemTree } from './precedence';

/** A CR not followed by LF: procps then reads other lines than the editor's parse holds. */
const LONE_CR = /\r(?!\n)/;

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
 * line and tool. Files read as text with a lone CR (procps splits them otherwise) keep the tree as
 * it is.
 */
export function focusedOn(tree: SystemTree, realPath: string): SystemTree {
  const entries = [...tree.directories.values()].flat();
  if (tree.sysctlConf) entries.push(tree.sysctlConf);
  const targets = entries.filter((entry) => entry.kind === 'file' && entry.realPath === realPath);
  if (targets.length === 0 || entries.some((entry) => entry.kind === 'file' && LONE_CR.test(entry.text))) return tree;
  const variables = new Set<string>();
  const parsedOthers = new Map<ConfigEntry, ConfigEntry>();
  for (const entry of entries) {
    if (entry.kind !== 'file' || entry.realPath === realPath) continue;
    const parsed = entry.parsed ?? parseDocument(entry.text);
    addVariables(parsed, variables);
    parsedOthers.set(entry, { ...entry, parsed });
  }
  const focused = new Map<ConfigEntry, ConfigEntry>(parsedOthers);
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
