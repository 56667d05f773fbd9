/**
 * Real kernel sysctl names, for catching typos: a name is "known" when a kernel has (or had) it,
 * whether or not the key database documents it. Data comes from data/known-names.json (generated
 * by scripts/generate-known-keys.mjs) plus every documented key and legacy name.
 *
 * All functions take the canonical dotted form procps prints (see `canonicalKey` in
 * ../parser/keyPath): a dot inside an interface name shows as `/`, e.g.
 * `net.ipv4.conf.enp3s0/200.forwarding` for VLAN interface enp3s0.200.
 */

import data from './data/known-names.json';
import { globSearch } from '../parser/globPattern';
import { partitionPoint } from '../arrays';
import { allDocumentedKeys, allLegacyKeys } from './database';
import { allFactNames } from './kernelFacts';
import { remember } from './nameMemo';
import { interfaceNameProblem, isInterfaceComponent, splitInterfaceName } from './interfaceNames';

interface PerInterfaceData {
  /** Interface directory names present on every system under this prefix (all, default, lo). */
  readonly stable: readonly string[];
  readonly leaves: readonly string[];
}

interface KnownNamesData {
  readonly groups: Readonly<Record<string, readonly string[]>>;
  readonly perInterface: Readonly<Record<string, PerInterfaceData>>;
  readonly openSubtrees: readonly string[];
}

export type KnownNameMatch =
  | { readonly kind: 'exact' }
  | {
      readonly kind: 'per-interface';
      /** e.g. `net.ipv4.conf.<ifname>.rp_filter` */
      readonly pattern: string;
      /** The interface component as written in the dotted name (a `/` stands for a `.`). */
      readonly interfaceComponent: string;
    }
  | { readonly kind: 'open-subtree'; readonly subtree: string };

const DATA = data as KnownNamesData;

const FLAT: ReadonlySet<string> = (() => {
  const names = new Set<string>();
  for (const [group, leaves] of Object.entries(DATA.groups)) {
    for (const leaf of leaves) names.add(group === '' ? leaf : `${group}.${leaf}`);
  }
  for (const spec of allDocumentedKeys()) names.add(spec.name);
  for (const legacy of allLegacyKeys()) names.add(legacy.name);
  // Every name the kernel tables of 6.1 and 6.12 define and the 6.18 machine has (patterns apart).
  for (const name of allFactNames()) if (!name.includes('<')) names.add(name);
  return names;
})();

function parentOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(0, dot);
}

/** Parent paths of exactly listed names: inside these, a name must match exactly. */
const CLOSED_GROUPS: ReadonlySet<string> = new Set([...FLAT].map(parentOf));

const PER_INTERFACE: ReadonlyMap<string, { stable: readonly string[]; leaves: ReadonlySet<string> }> = (() => {
  const map = new Map(Object.entries(DATA.perInterface).map(([prefix, entry]) => [prefix, { stable: entry.stable, leaves: new Set(entry.leaves) }]));
  for (const name of allFactNames()) {
    const match = /^(.+)\.<ifname>\.([^.]+)$/.exec(name);
    if (match) map.get(match[1])?.leaves.add(match[2]);
  }
  return map;
})();

/** Longest first, so the most specific subtree wins. */
const OPEN_SUBTREES: readonly string[] = [...DATA.openSubtrees].sort((a, b) => b.length - a.length);

const EXACT: KnownNameMatch = Object.freeze({ kind: 'exact' });

/** A per-interface match; its pattern is spelt out when asked (most callers only ask whether a name is known). */
class PerInterfaceMatch {
  readonly kind = 'per-interface';
  constructor(private readonly split: { prefix: string; ifname: string; rest: string }) {}

  get pattern(): string {
    return `${this.split.prefix}.<ifname>.${this.split.rest}`;
  }

  get interfaceComponent(): string {
    return this.split.ifname;
  }
}

/** How a name is known, or undefined when no kernel is known to have it. */
export function matchKnownName(name: string): KnownNameMatch | undefined {
  return remember(name, 'known', matchUncached);
}

function matchUncached(name: string): KnownNameMatch | undefined {
  if (FLAT.has(name)) return EXACT;

  const split = splitInterfaceName(name);
  if (split && isInterfaceComponent(split.ifname) && PER_INTERFACE.get(split.prefix)?.leaves.has(split.rest)) return new PerInterfaceMatch(split);

  if (name.split('.').some((component) => component === '')) return undefined;
  for (const subtree of OPEN_SUBTREES) {
    if (!name.startsWith(`${subtree}.`)) continue;
    // Inside an exactly listed group deeper than the subtree (dev.raid below dev), only listed names count.
    for (let parent = parentOf(name); parent.length > subtree.length; parent = parentOf(parent)) {
      if (CLOSED_GROUPS.has(parent)) return undefined;
    }
    return { kind: 'open-subtree', subtree };
  }
  return undefined;
}

/**
 * For a per-interface key whose interface component no interface can have
 * (`net.ipv4.conf.abcdefghijklmnop.rp_filter`): that component and why; undefined otherwise.
 */
export function impossibleInterface(name: string): { ifname: string; problem: string } | undefined {
  const split = splitInterfaceName(name);
  if (!split || !PER_INTERFACE.get(split.prefix)?.leaves.has(split.rest)) return undefined;
  const problem = interfaceNameProblem(split.ifname);
  return problem === undefined ? undefined : { ifname: split.ifname, problem };
}

/** True when a kernel is known to have (or to have had) a key of this canonical dotted name. */
export function isKnownKeyName(name: string): boolean {
  return matchKnownName(name) !== undefined;
}

let allNames: readonly string[] | undefined;

/**
 * Every concrete known name, sorted: exact names plus per-interface leaves under the stable
 * directory names (all, default, lo). For "did you mean" suggestions.
 */
export function knownNames(): readonly string[] {
  if (!allNames) {
    const names = new Set(FLAT);
    for (const [prefix, entry] of PER_INTERFACE) {
      for (const ifname of entry.stable) for (const leaf of entry.leaves) names.add(`${prefix}.${ifname}.${leaf}`);
    }
    allNames = [...names].sort();
  }
  return allNames;
}

let topLevels: ReadonlySet<string> | undefined;

/** Whether some known key starts with this component (`net`, `vm`, `kernel`, ...): a /proc/sys directory. */
export function isKnownTopLevel(component: string): boolean {
  topLevels ??= new Set(knownNames().map((known) => known.slice(0, known.indexOf('.'))));
  return topLevels.has(component);
}

/**
 * Suggestion candidates for one (possibly misspelt) name: knownNames(), plus the per-interface
 * leaves under the interface the name itself uses (so `net.ipv4.conf.eth0.rp_filtr` can be
 * answered with `net.ipv4.conf.eth0.rp_filter`).
 */
export function knownNameCandidates(name: string): readonly string[] {
  const split = splitInterfaceName(name);
  const entry = split && PER_INTERFACE.get(split.prefix);
  if (!split || !entry || !isInterfaceComponent(split.ifname) || entry.stable.includes(split.ifname)) return knownNames();
  return [...knownNames(), ...[...entry.leaves].map((leaf) => `${split.prefix}.${split.ifname}.${leaf}`)];
}

/**
 * True when a systemd/procps glob (`*`, `?`, `[...]`) matches at least one known name. `*` and
 * `?` may also match dots here, which errs on the side of accepting a glob.
 */
export function globMatchesKnownName(glob: string): boolean {
  let answer = globAnswers.get(glob);
  if (answer === undefined) {
    if (globAnswers.size >= 10_000) globAnswers.clear();
    // A glob over interface names (net.ipv4.conf.*.rp_filter) is covered by the per-interface check.
    globAnswers.set(glob, (answer = someKnownNameMatches(glob) || isKnownKeyName(glob)));
  }
  return answer;
}

/**
 * Whether the glob (crossDots) matches a name of knownNames(). Only the sorted range of names that
 * start with the glob's literal prefix can match, and of those only names that end with its
 * literal suffix: 100,000 distinct globs took seconds when each was tried on every name.
 */
function someKnownNameMatches(glob: string): boolean {
  const names = knownNames();
  const { prefix, suffix, matches } = globSearch(glob);
  for (let i = partitionPoint(names.length, (at) => names[at] < prefix); i < names.length && names[i].startsWith(prefix); i++) {
    const name = names[i];
    if (name.endsWith(suffix) && matches(name)) return true;
  }
  return false;
}

/** Answers by glob: one pattern repeated on many lines is compared with every known name once. */
const globAnswers = new Map<string, boolean>();

/** Where a "did you mean" search starts: the names that share a name's parent, as last components. */
export interface KnownSiblings {
  /** The name's parent with its trailing dot, e.g. `net.ipv4.conf.eth0.`. */
  readonly parent: string;
  /** Last components of the known names under that parent (without dots). */
  readonly leaves: readonly string[];
  /** Names of the same family share their leaves: the parent, with an interface folded to `<ifname>`. */
  readonly family: string;
}

let leavesByParent: Map<string, string[]> | undefined;
const interfaceLeaves = new Map<string, string[]>();

/**
 * Known names that share this name's parent (everything before its last component), since a
 * typo is usually in the last component. Per-interface names get the leaves of their prefix, so
 * `net.ipv4.conf.eth0.rp_filtr` is compared with the leaves under any interface.
 */
export function knownSiblings(name: string): KnownSiblings {
  const split = splitInterfaceName(name);
  const entry = split && PER_INTERFACE.get(split.prefix);
  if (split && entry && isInterfaceComponent(split.ifname) && !split.rest.includes('.')) {
    let leaves = interfaceLeaves.get(split.prefix);
    if (!leaves) interfaceLeaves.set(split.prefix, (leaves = [...entry.leaves].filter((leaf) => !leaf.includes('.'))));
    return { parent: `${split.prefix}.${split.ifname}.`, leaves, family: `${split.prefix}.<ifname>.` };
  }
  if (!leavesByParent) {
    leavesByParent = new Map();
    for (const known of knownNames()) {
      const parent = parentOf(known);
      const leaf = known.slice(parent.length === 0 ? 0 : parent.length + 1);
      const list = leavesByParent.get(parent);
      if (list) list.push(leaf);
      else leavesByParent.set(parent, [leaf]);
    }
  }
  const parent = parentOf(name);
  const prefix = parent === '' ? '' : `${parent}.`;
  return { parent: prefix, leaves: leavesByParent.get(parent) ?? [], family: prefix };
}
