import { foldOrdinaryInterface } from '../keys/interfaceNames';
import type { ParsedLine } from '../parser/types';

/**
 * Values found clean, by key family: what the line-local findings of a plain setting depend on.
 * A plain setting (no parser issue, no dash, a dotted key written as the kernel spells it, not a
 * glob) is judged by its key, with an ordinary interface folded away (`net.ipv4.conf.eth7.x` and
 * `net.ipv4.conf.wlan0.x` are one family), and its value; equal lines find the same.
 *
 * Families are found without building a string per line: by name, or by prefix and the key after
 * the interface.
 */
export class CleanValues {
  private readonly byName = new Map<string, Set<string>>();
  private readonly byInterfaceKey = new Map<string, Map<string, Set<string>>>();
  private entries = 0;
  /** Families created since the last prune, to drop those that stayed empty (no memory per unique typo). */
  private created: Array<{ table: Map<string, Set<string>>; key: string }> = [];

  /** The clean values of the line's family (created empty), or undefined for a line that is always checked. */
  familyOf(line: ParsedLine): Set<string> | undefined {
    if (line.kind !== 'setting' || line.issues.length > 0 || line.dash !== undefined || line.key.isGlob || line.key.text !== line.key.canonical) return undefined;
    const name = line.key.canonical;
    const folded = foldOrdinaryInterface(name);
    let family: Set<string> | undefined;
    if (folded) {
      let byRest = this.byInterfaceKey.get(folded.prefix);
      if (!byRest) this.byInterfaceKey.set(folded.prefix, (byRest = new Map()));
      family = byRest.get(folded.rest) ?? this.create(byRest, folded.rest);
    } else {
      family = this.byName.get(name) ?? this.create(this.byName, name);
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
