import { foldOrdinaryInterface } from '../keys/interfaceNames';
import type { ParsedLine } from '../parser/types';

/** Family tables of one way of writing a key: dotted or as a path, with or without the ignore-errors `-`. */
interface FamilyTables {
  readonly byName: Map<string, Set<string>>;
  readonly byInterfaceKey: Map<string, Map<string, Set<string>>>;
}

/** Dotted, dotted after `-`, as a path, as a path after `-`. */
const WRITINGS = 4;

/**
 * Values found clean, by key family: what the line-local findings of a plain setting depend on.
 * A plain setting (no parser issue, a key written the usual way for its form, not a glob) is
 * judged by its key, with an ordinary interface folded away (`net.ipv4.conf.eth7.x` and
 * `net.ipv4.conf.wlan0.x` are one family), the way it is written, and its value; equal lines
 * find the same. The ways of writing a key are kept apart: the ignore-errors `-` changes what is
 * reported, and messages quote the key as written.
 *
 * Families are found without building a string per line: by name, or by prefix and the key after
 * the interface.
 */
export class CleanValues {
  private readonly tables: FamilyTables[] = Array.from({ length: WRITINGS }, () => ({ byName: new Map(), byInterfaceKey: new Map() }));
  private entries = 0;
  /** Families created since the last prune, to drop those that stayed empty (no memory per unique typo). */
  private created: Array<{ table: Map<string, Set<string>>; key: string }> = [];

  /** The clean values of the line's family (created empty), or undefined for a line that is always checked. */
  familyOf(line: ParsedLine): Set<string> | undefined {
    if (line.kind !== 'setting' || line.issues.length > 0 || line.key.isGlob) return undefined;
    const name = line.key.canonical;
    const text = line.key.text;
    // A key written as a path is the canonical name with the separators swapped (see keyPath).
    const asPath = text !== name;
    if (asPath && text !== line.key.path) return undefined;
    // After the `-`, procps reads the key as written: only then is the line like any other of its family.
    const dashed = line.dash !== undefined;
    if (dashed && line.procpsKey !== text) return undefined;
    const tables = this.tables[(dashed ? 1 : 0) + (asPath ? 2 : 0)];
    const folded = foldOrdinaryInterface(name);
    let family: Set<string> | undefined;
    if (folded) {
      let byRest = tables.byInterfaceKey.get(folded.prefix);
      if (!byRest) tables.byInterfaceKey.set(folded.prefix, (byRest = new Map()));
      family = byRest.get(folded.rest) ?? this.create(byRest, folded.rest);
    } else {
      family = tables.byName.get(name) ?? this.create(tables.byName, name);
    }
    return family;
  }

  private create(table: Map<string, Set<string>>, key: string): Set<string> {
    const family = new Set<string>();
    table.set(key, family);
    this.created.push({ table, key });
    return family;
  }

  /** Forgets the families created since the last prune that have no clean value. */
  pruneEmpty(): void {
    for (const { table, key } of this.created) if (table.get(key)?.size === 0) table.delete(key);
    this.created = [];
  }

  add(family: Set<string>, value: string): void {
    family.add(value);
    this.entries++;
  }

  /** Bounded: a long session types many values. */
  get full(): boolean {
    return this.entries >= 200_000;
  }
}
