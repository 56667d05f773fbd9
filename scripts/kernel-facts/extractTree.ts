/**
 * Reads one kernel source tree and returns the facts of every sysctl key its tables define:
 * tables are found per file, placed at a path through their registration calls (directly, through
 * a kmemdup'd copy, through `.child` nesting in 6.1, or by pairing the one unplaced table of a file
 * with its one unresolved registration), and each entry becomes a key with the facts its handler,
 * maxlen, mode and extra1/extra2 give.
 */

import type { NetnsScope, SourceFact } from '../../server/src/engine/keys/kernelFactsTypes';
import type { HeaderDefines, Scope } from './cConstants';
import { evaluate, resolvePointer } from './cConstants';
import type { Macro, Token } from './cTokens';
import { expandMacros, readCFile, splitArguments, stringValue } from './cTokens';
import type { CTable, Registration } from './cTables';
import { findRegistrations, findTables, functionBodies, matchBrackets } from './cTables';
import type { FileVariables } from './cVariables';
import { collectVariables } from './cVariables';
import { PER_INTERFACE_PREFIXES, placeDefaultOnly } from './folding';
import type { HandlerSemantics } from './handlers';
import { STANDARD_HANDLERS } from './handlers';

export interface SourceFile {
  /** Path relative to the tree root. */
  readonly path: string;
  readonly text: string;
  /** Texts of headers it includes with quotes, found next to it. */
  readonly localHeaders: readonly string[];
}

export interface TreeInput {
  readonly files: readonly SourceFile[];
  readonly headers: HeaderDefines;
  /** Function-like macros of include/linux/sysctl.h (DECLARE_SYSCTL_BASE, register_sysctl, ...). */
  readonly sysctlMacros: ReadonlyMap<string, readonly Macro[]>;
  readonly moduleOf: (path: string) => string;
  readonly globals: ReadonlyMap<string, readonly Token[] | null>;
  /** Directories (dotted) and their leaf names seen on the 6.18 machine, for the last-resort placement. */
  readonly machineDirs: ReadonlyMap<string, ReadonlySet<string>>;
  /** Field counts of the 6.18 machine's values, for vectors whose maxlen cannot be evaluated. */
  readonly machineFields: ReadonlyMap<string, number>;
}

export interface TreeStats {
  tables: number;
  placedByRegistration: number;
  placedByChild: number;
  placedByPairing: number;
  placedByMachineNames: number;
  unplaced: string[];
}

export interface TreeResult {
  readonly facts: Map<string, SourceFact>;
  readonly stats: TreeStats;
  /** Every procname of every table, placed or not (to avoid calling a key removed when its table was not placed). */
  readonly allProcnames: ReadonlySet<string>;
}

interface ParsedFile {
  readonly path: string;
  readonly tokens: readonly Token[];
  readonly match: Int32Array;
  readonly tables: readonly CTable[];
  readonly registrations: readonly Registration[];
  readonly scope: Scope & { variables: FileVariables['variables'] };
  readonly vars: FileVariables;
  readonly functions: ReadonlyMap<string, { open: number; close: number; tableParam?: string }>;
  readonly ctlPaths: ReadonlyMap<string, string>;
  /** Tables whose entries get a new mode at run time (`table[0].mode = 0644`). */
  readonly modeChanged: ReadonlySet<string>;
}

interface Placement {
  readonly paths: readonly string[];
  readonly scope: NetnsScope;
}

function mergedMacros(file: SourceFile, sysctlMacros: ReadonlyMap<string, readonly Macro[]>): Map<string, Macro[]> {
  const macros = new Map<string, Macro[]>();
  // Only the table-declaring helpers: register_* wrappers stay calls the registration finder knows.
  for (const [name, list] of sysctlMacros) if (list[0].params && (name.startsWith('DECLARE_') || name === 'register_sysctl_base')) macros.set(name, [...list]);
  for (const header of file.localHeaders) for (const [name, list] of readCFile(header).macros) macros.set(name, [...list]);
  for (const [name, list] of readCFile(file.text).macros) macros.set(name, [...list]);
  return macros;
}

function functionIndex(tokens: readonly Token[], match: Int32Array): Map<string, { open: number; close: number; tableParam?: string }> {
  const index = new Map<string, { open: number; close: number; tableParam?: string }>();
  for (const [open, close] of functionBodies(tokens, match)) {
    const paramsOpen = match[open - 1];
    const name = tokens[paramsOpen - 1];
    if (paramsOpen < 0 || name?.kind !== 'ident') continue;
    // The parameter that carries the table (`const struct ctl_table *table`), wherever it is.
    const params = splitArguments(tokens, paramsOpen)?.args ?? [];
    const tableParam = params.find((p) => p.some((t) => t.text === 'ctl_table'))?.filter((t) => t.kind === 'ident');
    index.set(name.text, { open, close, tableParam: tableParam?.[tableParam.length - 1]?.text });
  }
  return index;
}

/** `static const struct ctl_path x[] = { { .procname = "net" }, ... }` → "net/..." (6.1's register_sysctl_paths). */
function ctlPaths(tokens: readonly Token[], match: Int32Array): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < tokens.length - 3; i++) {
    if (tokens[i].text !== 'ctl_path' || tokens[i - 1]?.text !== 'struct' || tokens[i + 1].kind !== 'ident') continue;
    const name = tokens[i + 1].text;
    let open = i + 2;
    while (open < tokens.length && tokens[open].text !== '{' && tokens[open].text !== ';') open++;
    if (tokens[open]?.text !== '{') continue;
    const parts: string[] = [];
    for (let j = open; j < match[open]; j++) {
      if (tokens[j].text === 'procname' && tokens[j + 1]?.text === '=') {
        const value = stringValue([tokens[j + 2]]);
        if (value !== undefined) parts.push(value);
      }
    }
    out.set(name, parts.join('/'));
  }
  return out;
}

function parseFile(file: SourceFile, input: TreeInput): ParsedFile {
  const { headers, sysctlMacros, globals } = input;
  const macros = mergedMacros(file, sysctlMacros);
  const raw = readCFile(file.text);
  const tokens = expandMacros(raw.tokens, macros);
  const match = matchBrackets(tokens);
  const vars = collectVariables(tokens, match);
  return {
    path: file.path,
    tokens,
    match,
    tables: findTables(tokens, match, (ident) => {
      const value = vars.variables.get(ident);
      return value ? stringValue(value) : undefined;
    }),
    registrations: findRegistrations(tokens, match),
    scope: { macros, headers, variables: vars.variables, arrays: vars.arrays, globals },
    vars,
    functions: functionIndex(tokens, match),
    ctlPaths: ctlPaths(tokens, match),
    modeChanged: modeChangedTables(tokens, match),
  };
}

/** Names of tables (or of the tables a local copy was made from) whose `.mode` a function assigns. */
function modeChangedTables(tokens: readonly Token[], match: Int32Array): Set<string> {
  const out = new Set<string>();
  for (const [open, close] of functionBodies(tokens, match)) {
    for (let i = open; i < close; i++) {
      if (tokens[i].text !== 'mode' || tokens[i + 1]?.text !== '=' || (tokens[i - 1]?.text !== '.' && tokens[i - 1]?.text !== '->')) continue;
      let j = i - 2;
      if (tokens[j]?.text === ']') j = match[j] - 1;
      const name = tokens[j]?.text;
      if (!name || tokens[j].kind !== 'ident') continue;
      out.add(name);
      // `copy = kmemdup(table, ...)` in the same function: the copy's table changes too.
      for (let k = open; k < close; k++) {
        if (tokens[k].text !== name || tokens[k + 1]?.text !== '=') continue;
        for (let m = k + 2; m < close && tokens[m].text !== ';'; m++) if (tokens[m].kind === 'ident') out.add(tokens[m].text);
      }
    }
  }
  return out;
}

function stripCasts(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.text !== '&' && t.text !== '(' && t.text !== ')' && t.text !== '*' && t.text !== 'struct' && t.text !== 'ctl_table' && t.text !== 'void');
}

/** Expands `%s` in a registration path format into the directory patterns it produces. */
function formatPaths(format: string): string[] {
  if (format === 'net/%s/neigh/%s') return ['net/ipv4/neigh/<ifname>', 'net/ipv6/neigh/<ifname>'];
  const perInterface = PER_INTERFACE_PREFIXES.some((prefix) => format.startsWith(prefix.replace(/\./g, '/') + '/%'));
  return [format.replace(/%s/, perInterface ? '<ifname>' : '<name>').replace(/%[sd]/g, '<name>')];
}

/** The directory paths a registration's path argument names. */
function resolvePath(file: ParsedFile, registration: Registration, pathArg: readonly Token[]): string[] | undefined {
  const literal = stringValue(pathArg);
  if (literal !== undefined) return formatPaths(literal);
  const ident = pathArg.length === 1 && pathArg[0].kind === 'ident' ? pathArg[0].text : undefined;
  if (!ident) return undefined;
  const { tokens } = file;
  for (let i = registration.functionStart; i < registration.functionEnd; i++) {
    if (tokens[i].text === 'snprintf' && tokens[i + 2]?.text === ident) {
      const split = splitArguments(tokens, i + 1);
      const format = split?.args.map((a) => stringValue(a)).find((s) => s !== undefined && s.includes('/'));
      if (format) return formatPaths(format);
    }
  }
  return undefined;
}

/** The table a registration's table argument names, directly or through a local copy. */
function resolveTable(file: ParsedFile, registration: Registration, tableArg: readonly Token[]): CTable | undefined {
  const names = new Map(file.tables.map((t) => [t.name, t]));
  const idents = stripCasts(tableArg).filter((t) => t.kind === 'ident');
  const last = idents[idents.length - 1]?.text;
  if (last && names.has(last)) return names.get(last);
  if (idents.length !== 1) return undefined;
  const local = idents[0].text;
  const { tokens } = file;
  // `local = kmemdup(&table, ...)` or `local = table;` inside the same function.
  for (let i = registration.functionStart; i < registration.functionEnd; i++) {
    if (tokens[i].text !== local || tokens[i + 1]?.text !== '=') continue;
    const rhs: Token[] = [];
    for (let j = i + 2; j < registration.functionEnd && tokens[j].text !== ';'; j++) rhs.push(tokens[j]);
    const found = rhs.map((t) => t.text).find((t) => names.has(t));
    if (found) return names.get(found);
  }
  return undefined;
}

function registrationScope(file: ParsedFile, registration: Registration, netArg: readonly Token[] | undefined): NetnsScope {
  if (!netArg) return 'global';
  const text = netArg.map((t) => t.text).join('');
  if (text === '&init_net') return 'init-netns';
  const body = file.tokens.slice(registration.functionStart, registration.functionEnd);
  // Moving .data from init_net to the new namespace is the normal per-namespace copy. Entries
  // hidden (procname = NULL, a shorter table) or made read-only outside the initial namespace are
  // not told apart per entry: the table's scope is then unknown.
  const hides = body.some(
    (t, i) =>
      (t.text === 'procname' && body[i + 1]?.text === '=' && body[i + 2]?.text === 'NULL') ||
      (t.text === 'mode' && body[i + 1]?.text === '=' && (body[i - 1]?.text === '.' || body[i - 1]?.text === '->')) ||
      t.text === 'init_user_ns' ||
      t.text === 'user_ns',
  );
  return hides ? 'unknown' : 'netns';
}

function placeRegistration(file: ParsedFile, registration: Registration): { table?: CTable; placement?: Placement } {
  const { call, args } = registration;
  let netArg: readonly Token[] | undefined;
  let pathArg: readonly Token[] | undefined;
  let tableArg: readonly Token[] | undefined;
  let paths: string[] | undefined;
  switch (call) {
    case 'register_net_sysctl':
    case 'register_net_sysctl_sz':
      [netArg, pathArg, tableArg] = args;
      break;
    case 'register_sysctl_table':
    case 'register_sysctl_base':
    case '__register_sysctl_base':
      tableArg = args[0];
      paths = [''];
      break;
    case 'register_sysctl_paths': {
      tableArg = args[1];
      const name = stripCasts(args[0] ?? []).find((t) => t.kind === 'ident')?.text;
      const path = name === undefined ? undefined : file.ctlPaths.get(name);
      if (path !== undefined) paths = [path];
      break;
    }
    default:
      [pathArg, tableArg] = args;
  }
  if (!tableArg) return {};
  if (pathArg) paths = resolvePath(file, registration, pathArg);
  const table = resolveTable(file, registration, tableArg);
  return { table, placement: paths ? { paths, scope: registrationScope(file, registration, netArg) } : undefined };
}

function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

export function extractTree(input: TreeInput): TreeResult {
  const files = input.files.map((f) => parseFile(f, input));
  const globalFunctions = new Map<string, ParsedFile[]>();
  for (const file of files) for (const name of file.functions.keys()) globalFunctions.set(name, [...(globalFunctions.get(name) ?? []), file]);
  const stats: TreeStats = { tables: 0, placedByRegistration: 0, placedByChild: 0, placedByPairing: 0, placedByMachineNames: 0, unplaced: [] };
  const placements = new Map<CTable, Placement[]>();
  const tableFile = new Map<CTable, ParsedFile>();
  const addPlacement = (table: CTable, placement: Placement) => {
    const list = placements.get(table) ?? [];
    if (!list.some((p) => p.paths.join() === placement.paths.join())) list.push(placement);
    placements.set(table, list);
  };
  const allProcnames = new Set<string>();

  for (const file of files) {
    stats.tables += file.tables.length;
    for (const table of file.tables) {
      tableFile.set(table, file);
      for (const entry of table.entries) allProcnames.add(entry.procname);
    }
    const unresolved: Placement[] = [];
    for (const registration of file.registrations) {
      const { table, placement } = placeRegistration(file, registration);
      if (table && placement) {
        addPlacement(table, placement);
        stats.placedByRegistration++;
      } else if (!table && placement && placement.paths[0] !== '') unresolved.push(placement);
    }
    const childTables = new Set(file.tables.flatMap((t) => t.entries.map((e) => stripCasts(e.fields.get('child') ?? [])[0]?.text)));
    const orphans = file.tables.filter((t) => !placements.has(t) && !childTables.has(t.name));
    if (orphans.length === 1 && unresolved.length === 1) {
      addPlacement(orphans[0], unresolved[0]);
      stats.placedByPairing++;
    }
  }

  // 6.1: `.child = table` nests a table below a directory entry; iterate until nothing changes.
  const byName = new Map<string, CTable[]>();
  for (const [table] of tableFile) byName.set(table.name, [...(byName.get(table.name) ?? []), table]);
  for (let changed = true; changed;) {
    changed = false;
    for (const [table, list] of [...placements]) {
      for (const entry of table.entries) {
        const childName = stripCasts(entry.fields.get('child') ?? [])[0]?.text;
        if (!childName) continue;
        const candidates = byName.get(childName) ?? [];
        const child = candidates.find((c) => tableFile.get(c) === tableFile.get(table)) ?? (candidates.length === 1 ? candidates[0] : undefined);
        if (!child) continue;
        for (const placement of list) {
          const before = placements.get(child)?.length ?? 0;
          addPlacement(child, { paths: placement.paths.map((p) => joinPath(p, entry.procname)), scope: placement.scope });
          if ((placements.get(child)?.length ?? 0) > before) {
            changed = true;
            stats.placedByChild++;
          }
        }
      }
    }
  }

  // Last resort: the one directory of the 6.18 machine that holds most of the table's names.
  for (const [table, file] of tableFile) {
    if (placements.has(table) || table.entries.every((e) => e.fields.has('child'))) continue;
    const names = table.entries.map((e) => e.procname);
    let best: string | undefined;
    let bestCount = 0;
    let tie = false;
    for (const [dir, leaves] of input.machineDirs) {
      const count = names.filter((n) => leaves.has(n)).length;
      if (count > bestCount) {
        best = dir;
        bestCount = count;
        tie = false;
      } else if (count === bestCount && count > 0) tie = true;
    }
    if (best !== undefined && !tie && bestCount * 2 >= names.length) {
      addPlacement(table, { paths: [best.replace(/\./g, '/')], scope: 'unknown' });
      stats.placedByMachineNames++;
    } else {
      stats.unplaced.push(`${file.path}:${table.line} ${table.name}`);
    }
  }

  const facts = new Map<string, SourceFact>();
  for (const [table, list] of placements) {
    const file = tableFile.get(table)!;
    for (const placement of list) {
      for (const dir of placement.paths) {
        for (const entry of table.entries) {
          if (entry.fields.has('child')) continue;
          const name = placeDefaultOnly(joinPath(dir, entry.procname).split('/').join('.'));
          if (facts.has(name)) continue;
          facts.set(name, entryFact(file, entry, placement.scope, input, name, globalFunctions, file.modeChanged.has(table.name)));
        }
      }
    }
  }
  return { facts, stats, allProcnames };
}

interface HandlerResolution {
  readonly semantics?: HandlerSemantics;
  readonly via?: string;
  /** Bounds set inside the wrapper (on a temporary table), when the wrapper does not pass the entry's own. */
  readonly wrapperBounds?: { lo?: bigint | 'unknown'; hi?: bigint | 'unknown' };
}

/**
 * A custom handler that hands the write to a standard one: which, and with whose bounds. Wrappers
 * of wrappers are followed a few levels; a wrapper that calls two different handlers (chosen at
 * run time) is left underived.
 */
function resolveHandler(handler: string, file: ParsedFile, globalFunctions: ReadonlyMap<string, ParsedFile[]>, depth = 0): HandlerResolution {
  const standard = STANDARD_HANDLERS[handler];
  if (standard) return { semantics: standard };
  const owners = file.functions.has(handler) ? [file] : (globalFunctions.get(handler) ?? []);
  if (owners.length !== 1 || depth > 3) return {};
  const owner = owners[0];
  const fn = owner.functions.get(handler)!;
  const { tokens } = owner;
  const found: HandlerResolution[] = [];
  for (let i = fn.open; i < fn.close; i++) {
    const name = tokens[i].text;
    if (tokens[i].kind !== 'ident' || tokens[i + 1]?.text !== '(' || name === handler) continue;
    const via = STANDARD_HANDLERS[name];
    const args = splitArguments(tokens, i + 1)?.args ?? [];
    if (readPathOnly(tokens, i, args)) continue;
    const first = args[0] ?? [];
    const passesTable = fn.tableParam !== undefined && first.length === 1 && first[0].text === fn.tableParam;
    // A helper that takes the table in another position (proc_watchdog_common(flag, table, ...)).
    const handsOnTable = fn.tableParam !== undefined && args.some((a) => a.length === 1 && a[0].text === fn.tableParam);
    if (via) {
      if (passesTable || !via.bounded) {
        found.push({ semantics: via, via: name });
        continue;
      }
      const setInside = boundsSetIn(owner, fn.open, fn.close);
      // `tmp = *table;` copies extra1/extra2 too: unless the wrapper sets them, the entry's own apply.
      const copiesTable = tokens.slice(fn.open, fn.close).some((t, j, body) => t.text === '=' && body[j + 1]?.text === '*' && body[j + 2]?.text === fn.tableParam);
      found.push(!setInside && copiesTable ? { semantics: via, via: name } : { semantics: via, via: name, wrapperBounds: setInside ?? { lo: 'unknown', hi: 'unknown' } });
    } else if (handsOnTable && (owner.functions.has(name) || globalFunctions.has(name))) {
      const inner = resolveHandler(name, owner, globalFunctions, depth + 1);
      if (inner.semantics) found.push(inner);
    }
  }
  const distinct = new Set(found.map((f) => JSON.stringify([f.via, f.semantics, f.wrapperBounds], (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))));
  return distinct.size === 1 ? found[0] : {};
}

/**
 * A call that only serves reads: `write` passed as a literal 0 (proc_do_rointvec), or guarded by
 * `if (!write)`. The wrapper handles writes some other way, so the call says nothing about them.
 */
function readPathOnly(tokens: readonly Token[], call: number, args: readonly (readonly Token[])[]): boolean {
  if (args[1]?.length === 1 && args[1][0].text === '0') return true;
  const before = tokens
    .slice(Math.max(0, call - 8), call)
    .map((t) => t.text)
    .join(' ');
  return /if \( ! write \)(?: return)?$/.test(before);
}

/** `x.extra1 = ...` / `.extra1 = ...` assignments in a function body. */
function boundsSetIn(file: ParsedFile, open: number, close: number): { lo?: bigint | 'unknown'; hi?: bigint | 'unknown' } | undefined {
  const out: { lo?: bigint | 'unknown' | null; hi?: bigint | 'unknown' | null } = {};
  let found = false;
  const { tokens } = file;
  for (let i = open; i < close; i++) {
    const field = tokens[i].text;
    if ((field !== 'extra1' && field !== 'extra2') || tokens[i + 1]?.text !== '=') continue;
    const rhs: Token[] = [];
    for (let j = i + 2; j < close && tokens[j].text !== ';' && tokens[j].text !== ',' && tokens[j].text !== '}'; j++) rhs.push(tokens[j]);
    found = true;
    // NULL: no bound on that side.
    const value = rhs.length === 1 && rhs[0].text === 'NULL' ? null : (resolvePointer(rhs, withLocals(file, open, close)) ?? 'unknown');
    if (field === 'extra1') out.lo = value;
    else out.hi = value;
  }
  const side = (value: bigint | 'unknown' | null | undefined) => (value === null ? undefined : (value ?? 'unknown'));
  return found ? { lo: side(out.lo), hi: side(out.hi) } : undefined;
}

/** The file's scope plus `int name = constant;` declarations inside one function body. */
function withLocals(file: ParsedFile, open: number, close: number): Scope {
  const locals = new Map(file.scope.variables);
  const { tokens } = file;
  for (let i = open + 1; i < close; i++) {
    if (tokens[i].kind !== 'ident' || tokens[i + 1]?.text !== '=' || !['int', 'long', 'unsigned', 'u32', 'u8'].includes(tokens[i - 1]?.text ?? '')) continue;
    const rhs: Token[] = [];
    for (let j = i + 2; j < close && tokens[j].text !== ';'; j++) rhs.push(tokens[j]);
    // Assigned again later in the function: not a constant.
    const reassigned = tokens.slice(i + 2, close).some((t, j, rest) => t.text === tokens[i].text && rest[j + 1]?.text === '=' && rest[j - 1]?.text !== '.');
    locals.set(tokens[i].text, reassigned ? null : rhs);
  }
  return { ...file.scope, variables: locals };
}

/** Field count from `maxlen`: sizeof of a type, a file variable or array, times a constant. */
function fieldCount(file: ParsedFile, maxlen: readonly Token[] | undefined, size: number): number | undefined {
  if (!maxlen || size === 0) return undefined;
  const tokens: Token[] = [];
  for (let i = 0; i < maxlen.length; i++) {
    const t = maxlen[i];
    if (t.text === 'sizeof' && maxlen[i + 1]?.text === '(') {
      let close = i + 1;
      while (close < maxlen.length && maxlen[close].text !== ')') close++;
      const inner = maxlen.slice(i + 2, close).filter((x) => x.text !== '&');
      const bytes = sizeOfOperand(file, inner);
      if (bytes === undefined) return undefined;
      tokens.push({ kind: 'number', text: String(bytes), line: t.line });
      i = close;
    } else tokens.push(t);
  }
  const total = evaluate(tokens, file.scope);
  if (total === undefined || total <= 0n || Number(total) % size !== 0) return undefined;
  return Number(total) / size;
}

/** A large bitmap's maxlen is its size in bits. */
function bitmapBits(file: ParsedFile, maxlen: readonly Token[] | undefined): number | undefined {
  const bits = maxlen ? evaluate(maxlen, file.scope) : undefined;
  return bits === undefined || bits <= 0n ? undefined : Number(bits);
}

const BASIC_SIZES: Readonly<Record<string, number>> = {
  int: 4,
  'unsigned int': 4,
  unsigned: 4,
  u32: 4,
  s32: 4,
  long: 8,
  'unsigned long': 8,
  u64: 8,
  u8: 1,
  bool: 1,
  char: 1,
  u16: 2,
  atomic_t: 4,
};

function sizeOfOperand(file: ParsedFile, inner: readonly Token[]): number | undefined {
  const words = inner.map((t) => t.text).filter((w) => w !== 'const');
  const type = words.join(' ');
  if (type in BASIC_SIZES) return BASIC_SIZES[type];
  if (words.length === 1) {
    const elementType = file.vars.types.get(words[0]);
    const element = elementType === undefined ? undefined : BASIC_SIZES[elementType];
    if (element === undefined) return undefined;
    const length = file.vars.arrayLengths.get(words[0]);
    if (!length) return element;
    const count = evaluate(length, file.scope);
    return count === undefined ? undefined : element * Number(count);
  }
  return undefined;
}

function boundText(value: bigint | 'unknown' | undefined): string | undefined {
  return value === undefined ? undefined : value === 'unknown' ? 'unknown' : value.toString();
}

function entryFact(
  file: ParsedFile,
  entry: CTable['entries'][number],
  scope: NetnsScope,
  input: TreeInput,
  name: string,
  globalFunctions: ReadonlyMap<string, ParsedFile[]>,
  modeChanged: boolean,
): SourceFact {
  const handlerTokens = stripCasts(entry.fields.get('proc_handler') ?? []);
  const handler = handlerTokens.length === 1 ? handlerTokens[0].text : handlerTokens.length === 0 ? 'none' : 'unknown';
  const modeValue = evaluate(entry.fields.get('mode') ?? [], file.scope);
  // A read-only mode that the code may lift at run time is not a fact about every machine.
  const mode = modeValue === undefined || (modeChanged && (modeValue & 0o222n) === 0n) ? 'unknown' : modeValue.toString(8);
  const resolution = resolveHandler(handler, file, globalFunctions);
  const semantics = resolution.semantics;
  const base = { h: handler, m: mode, s: scope, mod: input.moduleOf(file.path), at: `${file.path}:${entry.line}` };
  if (!semantics) return { k: 'custom', ...base };
  let lo: bigint | 'unknown' | undefined = semantics.fixed?.lo;
  let hi: bigint | 'unknown' | undefined = semantics.fixed?.hi;
  if (semantics.bounded) {
    if (resolution.wrapperBounds) {
      lo = resolution.wrapperBounds.lo;
      hi = resolution.wrapperBounds.hi;
    } else {
      const extra1 = entry.fields.get('extra1');
      const extra2 = entry.fields.get('extra2');
      lo = extra1 && stripCasts(extra1)[0]?.text !== 'NULL' ? (resolvePointer(extra1, file.scope) ?? 'unknown') : undefined;
      hi = extra2 && stripCasts(extra2)[0]?.text !== 'NULL' ? (resolvePointer(extra2, file.scope) ?? 'unknown') : undefined;
    }
  }
  let n = semantics.kind === 'bitmap' ? bitmapBits(file, entry.fields.get('maxlen')) : fieldCount(file, entry.fields.get('maxlen'), semantics.size);
  let nFrom: '6.18' | undefined;
  if (n === undefined && semantics.size > 0) {
    n = input.machineFields.get(name);
    nFrom = n === undefined ? undefined : '6.18';
  }
  const fact: SourceFact = {
    k: semantics.kind,
    ...(semantics.time ? { t: semantics.time } : {}),
    ...((semantics.size > 0 && n !== 1) || semantics.kind === 'bitmap' ? { n: n ?? 0 } : {}),
    ...(boundText(lo) !== undefined ? { lo: boundText(lo) } : {}),
    ...(boundText(hi) !== undefined ? { hi: boundText(hi) } : {}),
    ...(resolution.via ? { via: resolution.via } : {}),
    ...(nFrom && n !== 1 ? { nFrom } : {}),
    ...base,
  };
  return fact;
}
