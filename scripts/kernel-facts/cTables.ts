/**
 * Finds `struct ctl_table` arrays in a tokenized C file (plain arrays, arrays inside a struct
 * initialiser such as `.devinet_vars = { ... }`, enum-indexed `[NF_SYSCTL_CT_MAX] = { ... }`
 * entries) and the calls that register them.
 */

import type { Token } from './cTokens';
import { splitArguments, stringValue } from './cTokens';

export interface TableEntry {
  readonly procname: string;
  /** Designated fields other than procname, as token lists. */
  readonly fields: ReadonlyMap<string, readonly Token[]>;
  readonly line: number;
}

export interface CTable {
  /** Variable name, or the struct member name for an array inside a struct initialiser. */
  readonly name: string;
  readonly entries: readonly TableEntry[];
  readonly line: number;
  /** Token index of the opening brace (for locating the table inside functions). */
  readonly open: number;
}

export interface Registration {
  readonly call: string;
  readonly args: readonly (readonly Token[])[];
  readonly line: number;
  /** Token range of the function the call is in. */
  readonly functionStart: number;
  readonly functionEnd: number;
}

export const REGISTER_CALLS = [
  'register_sysctl',
  'register_sysctl_init',
  'register_sysctl_sz',
  'register_net_sysctl',
  'register_net_sysctl_sz',
  'register_sysctl_table',
  'register_sysctl_paths',
  'register_sysctl_base',
  '__register_sysctl_base',
] as const;

/** Index of the matching bracket for every opening bracket. */
export function matchBrackets(tokens: readonly Token[]): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  tokens.forEach((token, i) => {
    const t = token.text;
    if (token.kind !== 'punct') return;
    if (t === '{' || t === '(' || t === '[') stack.push(i);
    else if (t === '}' || t === ')' || t === ']') {
      const open = stack.pop();
      if (open !== undefined) {
        match[open] = i;
        match[i] = open;
      }
    }
  });
  return match;
}

/** The direct children of a brace block: token ranges between top-level commas. */
function elements(tokens: readonly Token[], match: Int32Array, open: number): [number, number][] {
  const out: [number, number][] = [];
  let start = open + 1;
  for (let i = open + 1; i < match[open]; i++) {
    const t = tokens[i].text;
    if ((t === '{' || t === '(' || t === '[') && tokens[i].kind === 'punct') {
      i = match[i];
      continue;
    }
    if (t === ',') {
      out.push([start, i]);
      start = i + 1;
    }
  }
  if (start < match[open]) out.push([start, match[open]]);
  return out;
}

/** Resolves an identifier used as a procname (a `const char[]` variable) to its string. */
export type NameResolver = (ident: string) => string | undefined;

function parseEntry(tokens: readonly Token[], match: Int32Array, from: number, to: number, resolveName: NameResolver): TableEntry | undefined {
  let open = from;
  // `[INDEX] = { ... }`
  if (tokens[open]?.text === '[') open = match[open] + 2;
  if (tokens[open]?.text !== '{' || match[open] < 0 || match[open] > to) return undefined;
  const fields = new Map<string, Token[]>();
  for (const [start, end] of elements(tokens, match, open)) {
    if (tokens[start]?.text !== '.' || tokens[start + 2]?.text !== '=') continue;
    fields.set(tokens[start + 1].text, tokens.slice(start + 3, end) as Token[]);
  }
  const procnameTokens = fields.get('procname');
  const procname =
    procnameTokens && (stringValue(procnameTokens) ?? (procnameTokens.length === 1 && procnameTokens[0].kind === 'ident' ? resolveName(procnameTokens[0].text) : undefined));
  if (procname === undefined) return undefined;
  fields.delete('procname');
  if (!fields.has('mode') && !fields.has('proc_handler') && !fields.has('child')) return undefined;
  return { procname, fields, line: procnameTokens![0].line };
}

/** Name and struct type declared before `=` at token `equals`. */
function declarationBefore(tokens: readonly Token[], match: Int32Array, equals: number): { name: string; type?: string } | undefined {
  let i = equals - 1;
  while (i >= 0 && tokens[i].kind === 'ident' && /^__/.test(tokens[i].text)) i--;
  if (tokens[i]?.text === ']') i = match[i] - 1;
  if (tokens[i]?.kind !== 'ident') return undefined;
  const name = tokens[i].text;
  if (tokens[i - 1]?.text === '.') return { name };
  for (let j = i - 1; j >= Math.max(0, i - 6); j--) {
    if (tokens[j].text === 'struct' && tokens[j + 1]) return { name, type: tokens[j + 1].text };
    if (tokens[j].text === ';' || tokens[j].text === '}' || tokens[j].text === '{') break;
  }
  return { name };
}

export function findTables(tokens: readonly Token[], match: Int32Array, resolveName: NameResolver = () => undefined): CTable[] {
  const tables: CTable[] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].text !== '{' || tokens[i - 1].text !== '=' || match[i] < 0) continue;
    const declaration = declarationBefore(tokens, match, i - 1);
    if (!declaration || (declaration.type && declaration.type !== 'ctl_table')) continue;
    const entries: TableEntry[] = [];
    for (const [start, end] of elements(tokens, match, i)) {
      const entry = parseEntry(tokens, match, start, end, resolveName);
      if (entry) entries.push(entry);
    }
    if (entries.length > 0) tables.push({ name: declaration.name, entries, line: tokens[i].line, open: i });
  }
  return tables;
}

/** Top-level brace blocks that follow a `)`: function bodies, as [open, close] token ranges. */
export function functionBodies(tokens: readonly Token[], match: Int32Array): [number, number][] {
  const bodies: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].text !== '{' || match[i] < 0) continue;
    if (tokens[i - 1]?.text === ')') bodies.push([i, match[i]]);
    i = match[i];
  }
  return bodies;
}

export function findRegistrations(tokens: readonly Token[], match: Int32Array): Registration[] {
  const bodies = functionBodies(tokens, match);
  const out: Registration[] = [];
  const calls: ReadonlySet<string> = new Set(REGISTER_CALLS);
  for (let i = 0; i < tokens.length - 1; i++) {
    if (tokens[i].kind !== 'ident' || !calls.has(tokens[i].text) || tokens[i + 1].text !== '(') continue;
    if (tokens[i - 1]?.kind === 'ident' && tokens[i - 1].text !== 'return') continue; // a declaration or prototype
    const split = splitArguments(tokens, i + 1);
    if (!split) continue;
    const body = bodies.find(([open, close]) => open < i && i < close);
    out.push({ call: tokens[i].text, args: split.args, line: tokens[i].line, functionStart: body?.[0] ?? 0, functionEnd: body?.[1] ?? tokens.length });
  }
  return out;
}
