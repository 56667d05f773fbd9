/**
 * The kernel facts pipeline behind scripts/generate-kernel-facts.ts: reads the source trees, the
 * captured machine names and the known-name list, and renders kernel-facts.json deterministically
 * (sorted keys, shapes numbered in first-use order over sorted names).
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { KernelFactsFile, KeyFactsRecord, SourceFact } from '../../server/src/engine/keys/kernelFactsTypes';
import { readGlobalVariables, readHeaderDefines } from './cConstants';
import type { Token } from './cTokens';
import { readCFile } from './cTokens';
import type { SourceFile, TreeResult } from './extractTree';
import { extractTree } from './extractTree';
import { readKconfigTypes, ModuleResolver } from './modules';
import { PER_INTERFACE_PREFIXES, placeDefaultOnly } from './folding';

/** Directories of a tree that hold no kernel code that registers sysctls. */
const SKIPPED_DIRS = new Set(['Documentation', 'tools', 'samples', 'scripts', 'usr', 'LICENSES', '.git']);

/** Kernel self-tests register sysctls (foo.bar, debug.test_sysctl.*) no real system has. */
const TEST_SOURCE = /(?:^|\/)(?:tests?\/|test_[\w-]*\.c$|[\w-]*[-_](?:test|kunit)\.c$)/;

function walk(dir: string, visit: (path: string) => void): void {
  for (const name of readdirSync(dir).sort()) {
    if (SKIPPED_DIRS.has(name)) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) walk(path, visit);
    else visit(path);
  }
}

function release(tree: string): string {
  const makefile = readFileSync(join(tree, 'Makefile'), 'utf8');
  const field = (name: string) => new RegExp(`^${name}\\s*=\\s*(\\S*)`, 'm').exec(makefile)?.[1] ?? '?';
  return `${field('VERSION')}.${field('PATCHLEVEL')}.${field('SUBLEVEL')}`;
}

interface MachineData {
  readonly provenance: { readonly kernel: string };
  readonly keys: Readonly<Record<string, readonly [string, number | null, (string | null)?]>>;
}

function loadMachine(file: string): MachineData {
  const data = JSON.parse(readFileSync(file, 'utf8')) as MachineData;
  // Captures made before placeDefaultOnly folded the neighbour gc keys to <ifname>.
  return { ...data, keys: Object.fromEntries(Object.entries(data.keys).map(([name, entry]) => [placeDefaultOnly(name), entry])) };
}

function knownNames(file: string): Set<string> {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { groups: Record<string, string[]>; perInterface: Record<string, { leaves: string[] }> };
  const names = new Set<string>();
  for (const [group, leaves] of Object.entries(data.groups)) for (const leaf of leaves) names.add(group === '' ? leaf : `${group}.${leaf}`);
  for (const [prefix, entry] of Object.entries(data.perInterface)) for (const leaf of entry.leaves) names.add(`${prefix}.<ifname>.${leaf}`);
  return names;
}

function readTree(tree: string, machine: MachineData): TreeResult {
  const sources: SourceFile[] = [];
  const kconfig: string[] = [];
  const headerFiles: { path: string; text: string }[] = [];
  let sysctlHeader = '';
  const globals = new Map<string, readonly Token[] | null>();
  walk(tree, (path) => {
    const rel = relative(tree, path);
    if (TEST_SOURCE.test(rel)) return;
    if (path.endsWith('.c') || (path.endsWith('.h') && !rel.startsWith('include/') && !rel.startsWith('arch/'))) {
      const text = readFileSync(path, 'utf8');
      if (path.endsWith('.c')) readGlobalVariables(globals, text);
      if (!text.includes('ctl_table')) return;
      const localHeaders = [...text.matchAll(/^#\s*include\s+"([^"]+)"/gm)].flatMap((m) => {
        try {
          return [readFileSync(join(dirname(path), m[1]), 'utf8')];
        } catch {
          return [];
        }
      });
      sources.push({ path: rel, text, localHeaders });
    } else if (/(^|\/)Kconfig[^/]*$/.test(rel)) {
      kconfig.push(readFileSync(path, 'utf8'));
    } else if (rel.startsWith('include/') && rel.endsWith('.h')) {
      headerFiles.push({ path: rel, text: readFileSync(path, 'utf8') });
    }
    if (rel === 'include/linux/sysctl.h') sysctlHeader = readFileSync(path, 'utf8');
  });
  const modules = new ModuleResolver(tree, readKconfigTypes(kconfig));
  const machineDirs = new Map<string, Set<string>>();
  const machineFields = new Map<string, number>();
  for (const [name, [, fields]] of Object.entries(machine.keys)) {
    const dot = name.lastIndexOf('.');
    const dir = name.slice(0, dot);
    machineDirs.set(dir, (machineDirs.get(dir) ?? new Set()).add(name.slice(dot + 1)));
    if (fields !== null) machineFields.set(name, fields);
  }
  return extractTree({
    files: sources,
    headers: readHeaderDefines(headerFiles),
    sysctlMacros: readCFile(sysctlHeader).macros,
    globals,
    moduleOf: (p) => modules.moduleOf(p),
    machineDirs,
    machineFields,
  });
}

/**
 * The newest tree's scope, unless the 6.18 machine contradicts it (a per-namespace key absent from
 * a fresh namespace, or an init-namespace key present there): then it is unknown.
 */
function checkScope(fact: SourceFact, onMachine: MachineData['keys'][string] | undefined): SourceFact {
  const inFreshNetns = onMachine?.[2];
  if (inFreshNetns === undefined) return fact;
  const contradicted = (fact.s === 'netns' && inFreshNetns === null) || (fact.s === 'init-netns' && inFreshNetns !== null);
  return contradicted ? { ...fact, s: 'unknown' } : fact;
}

/** JSON with sorted object keys, one key record per line. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Names of one interface directory (the known list's groups), except the neighbour gc keys that only `default` has. */
function isPerInterfaceLeafOnly(name: string): boolean {
  return PER_INTERFACE_PREFIXES.some((prefix) => name.startsWith(prefix + '.') && !name.startsWith(prefix + '.<ifname>.')) && !/^net\.ipv[46]\.neigh\.default\.gc_/.test(name);
}

export interface GenerateOptions {
  /** The older tree first. */
  readonly trees: readonly { readonly kernel: string; readonly package: string; readonly path: string }[];
  readonly machineFile: string;
  readonly knownFile: string;
}

/** The text of kernel-facts.json and a coverage report, from the given inputs only. */
export function generateKernelFacts(options: GenerateOptions): { output: string; report: string[] } {
  const { trees } = options;
  const machine = loadMachine(options.machineFile);
  const known = knownNames(options.knownFile);
  const results = trees.map((tree) => ({ ...tree, release: release(tree.path), result: readTree(tree.path, machine) }));

  const shapes: string[] = [];
  const shapeIndex = new Map<string, number>();
  const shapeOf = (fact: SourceFact): [number, string] => {
    const { at, ...shape } = fact;
    const text = stableStringify(shape);
    let index = shapeIndex.get(text);
    if (index === undefined) {
      index = shapes.length;
      shapes.push(text);
      shapeIndex.set(text, index);
    }
    return [index, at];
  };

  const names = new Set<string>([...Object.keys(machine.keys), ...known]);
  for (const { result } of results) for (const name of result.facts.keys()) names.add(name);
  const keys: Record<string, KeyFactsRecord> = {};
  for (const name of [...names].sort()) {
    if (isPerInterfaceLeafOnly(name)) continue;
    const src: Record<string, readonly [number, string]> = {};
    const onMachine = machine.keys[name];
    for (const { kernel, result } of results) {
      const fact = result.facts.get(name);
      if (fact) src[kernel] = shapeOf(kernel === results[results.length - 1].kernel ? checkScope(fact, onMachine) : fact);
    }
    const leaf = name.slice(name.lastIndexOf('.') + 1);
    // Presence changes are claimed only when the leaf name appears in no table of the other tree.
    const [older, newer] = results;
    const added = src[newer.kernel] && !src[older.kernel] && !older.result.allProcnames.has(leaf) ? newer.kernel : undefined;
    const removed = src[older.kernel] && !src[newer.kernel] && !newer.result.allProcnames.has(leaf) ? newer.kernel : undefined;
    // Numbered leaves (net.netfilter.nf_log.0) come from tables filled at run time, not from a newer kernel.
    const addedAfter = !Object.keys(src).length && onMachine && !/^\d+$/.test(leaf) && !newer.result.allProcnames.has(leaf) ? newer.kernel : undefined;
    const record: KeyFactsRecord = {
      ...(Object.keys(src).length > 0 ? { src } : {}),
      ...(added ? { since: added } : {}),
      ...(addedAfter ? { after: addedAfter } : {}),
      ...(removed ? { gone: removed } : {}),
      ...(onMachine ? { machine: { m: onMachine[0], ...(name.startsWith('net.') ? { ns: onMachine[2] ?? null } : {}) } } : {}),
      ...(known.has(name) ? { known: true as const } : {}),
    };
    keys[name] = record;
  }

  // Shapes are numbered in first-use order over sorted keys, so the output is deterministic.
  const header: Omit<KernelFactsFile, 'shapes' | 'keys'> = {
    $comment:
      'Generated by scripts/generate-kernel-facts.ts; do not edit. Facts read from the kernel sources of Debian packages linux-source-6.1 and linux-source-6.12 (sysctl tables and their registrations), the names and modes of the 6.18 development machine (scripts/data/machine-sysctl.json) and known-names.json. Per key: src maps a kernel tree to [index into shapes, source location]; machine is what 6.18 showed; known marks names from known-names.json. Bounds are decimal strings; "unknown" means the kernel enforces a bound that could not be resolved.',
    provenance: {
      generator: 'scripts/generate-kernel-facts.ts',
      trees: results.map(({ kernel, package: pkg, release: rel }) => ({ kernel, package: pkg, release: rel })),
      machine: { kernel: machine.provenance.kernel, file: 'scripts/data/machine-sysctl.json' },
      knownNames: 'server/src/engine/keys/data/known-names.json',
      assumptions:
        "x86_64 sizes (long is 64 bits, PAGE_SIZE 4096), CONFIG_BASE_SMALL off; modules are tristate objects of the Makefile that links the file; the trees are Debian's latest stable point releases with Debian's patches applied (so kernel.unprivileged_userns_clone is present); kernel self-test sources are skipped.",
    },
  };
  const lines = [
    '{',
    ...Object.entries(header).map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)},`),
    '"shapes":[',
    shapes.map((s) => s).join(',\n'),
    '],',
    '"keys":{',
    Object.entries(keys)
      .map(([name, record]) => `${JSON.stringify(name)}:${stableStringify(record)}`)
      .join(',\n'),
    '}}',
  ];
  const output = lines.join('\n') + '\n';
  return { output, report: coverage(results, machine, keys, shapes) };
}

function coverage(results: readonly { kernel: string; result: TreeResult }[], machine: MachineData, keys: Record<string, KeyFactsRecord>, shapes: readonly string[]): string[] {
  const report: string[] = [];
  const log = (line: string) => report.push(line);
  for (const { kernel, result } of results) {
    const s = result.stats;
    log(
      `${kernel}: ${result.facts.size} keys from ${s.tables} tables (placed: ${s.placedByRegistration} by registration, ${s.placedByChild} by .child, ${s.placedByPairing} by pairing, ${s.placedByMachineNames} by 6.18 names; unplaced ${s.unplaced.length})`,
    );
    for (const u of s.unplaced) log(`  unplaced: ${u}`);
  }
  const onMachine = Object.keys(machine.keys);
  const newest = results[results.length - 1].kernel;
  const in612 = onMachine.filter((n) => keys[n]?.src?.[newest]);
  const parsed = shapes.map((s) => JSON.parse(s) as SourceFact);
  const withKind = in612.filter((n) => parsed[keys[n].src![newest][0]].k !== 'custom');
  const unknownBounds = in612.filter((n) => {
    const f = parsed[keys[n].src![newest][0]];
    return f.lo === 'unknown' || f.hi === 'unknown';
  });
  log(
    `6.18 machine: ${onMachine.length} names; ${in612.length} found in 6.12 sources; ${withKind.length} of those with a derived value kind (${((100 * withKind.length) / Math.max(1, in612.length)).toFixed(1)}%), ${unknownBounds.length} with an unresolved bound.`,
  );
  const missing = onMachine.filter((n) => !keys[n]?.src);
  log(`6.18 names in neither tree: ${missing.length}${missing.length ? ': ' + missing.join(' ') : ''}`);
  log(`custom handlers without a derived kind: ${[...new Set(in612.filter((n) => !withKind.includes(n)).map((n) => parsed[keys[n].src![newest][0]].h))].sort().join(' ')}`);
  return report;
}
