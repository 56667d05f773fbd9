import { partitionPoint, spliceAll } from '../arrays';
import { resolveKey } from '../keys';
import { mayNeedModule } from '../keys/moduleKeys';
import type { ParsedLine, SettingLine } from '../parser/types';
import type { SettingRef } from './context';
import { recordedChange } from '../model/editableDocument';

/**
 * Where each variable is set, kept across edits: an edit changes a few lines, so the index
 * changes those entries and shifts the line numbers after them instead of being rebuilt.
 */
export interface DocumentIndex {
  lines: readonly ParsedLine[];
  settingsInOrder: SettingRef[];
  /** The settings whose key may need a module (see mayNeedModule), in file order: all module-boot-order reads per edit. */
  moduleCandidates: SettingRef[];
  byTarget: SettingsByTarget;
  /** Line numbers of non-glob exclusion lines, in file order. */
  exclusions: number[];
  /** Line numbers of comments that may hold suppression directives. */
  directives: number[];
}

/**
 * An entry of an index over lines that are not its own (a batch of a document's lines, checked
 * apart): the line numbers it counts are not the document's, so they cannot be kept on the lines.
 */
class IndexedSetting implements SettingRef {
  constructor(
    public lineNumber: number,
    readonly line: SettingLine,
    readonly target: string,
  ) {}
}

/**
 * The index entry of a setting line: in a document's own index the line itself, which keeps its
 * line number (a file of 100,000 settings holds no object per setting); an entry of its own for
 * an alias or legacy name, which writes the documented key's variable, and in other indexes.
 */
function refFor(line: ParsedLine, lineNumber: number, own: boolean): SettingRef | undefined {
  if (line.kind !== 'setting' || line.key.isGlob || line.key.text === '') return undefined;
  const name = line.key.canonical;
  const target = resolveKey(name)?.spec.name ?? name;
  if (!own || target !== name) return new IndexedSetting(lineNumber, line, target);
  line.lineNumber = lineNumber;
  return line;
}

function isExclusion(line: ParsedLine): boolean {
  return line.kind === 'exclusion' && !line.key.isGlob;
}

function isDirective(line: ParsedLine): boolean {
  return line.kind === 'comment' && line.marker === '#' && line.body.startsWith('sysctl-lint-disable');
}

/** Line numbers matching `test` after an edit: kept before the edit, re-scanned inside it, shifted after it. */
function updateLineList(list: readonly number[], lines: readonly ParsedLine[], prefix: number, oldEnd: number, newEnd: number, test: (line: ParsedLine) => boolean): number[] {
  const delta = newEnd - oldEnd;
  const out: number[] = [];
  for (const lineNumber of list) if (lineNumber < prefix) out.push(lineNumber);
  for (let lineNumber = prefix; lineNumber < newEnd; lineNumber++) if (test(lines[lineNumber])) out.push(lineNumber);
  for (const lineNumber of list) if (lineNumber >= oldEnd) out.push(lineNumber + delta);
  return out;
}

function firstAtOrAfter(refs: readonly SettingRef[], lineNumber: number): number {
  return partitionPoint(refs.length, (i) => refs[i].lineNumber < lineNumber);
}

/**
 * Settings by the variable they write, in file order. Nearly every variable of a large file is
 * set once: those cost one map entry and no list (a list per line was a tenth of the heap).
 */
export class SettingsByTarget {
  /** The setting of a variable set once, or the list of one set more than once. */
  private readonly byTarget = new Map<string, SettingRef | SettingRef[]>();
  /** Variables set more than once, in the order they became so. */
  private readonly repeated = new Set<string>();

  get(target: string): readonly SettingRef[] | undefined {
    const found = this.byTarget.get(target);
    return found === undefined || Array.isArray(found) ? found : [found];
  }

  /** The setting that takes effect: the last one in the file. */
  last(target: string): SettingRef | undefined {
    const found = this.byTarget.get(target);
    return Array.isArray(found) ? found[found.length - 1] : found;
  }

  /** Targets set more than once (the only ones the duplicate rule looks at), in the order they became so. */
  repeatedTargets(): IterableIterator<string> {
    return this.repeated.values();
  }

  /** Adds a setting after every other of its target (building in file order). */
  append(ref: SettingRef): void {
    this.insert(ref, (list) => list.length);
  }

  /** Adds a setting at its place by line number. */
  add(ref: SettingRef): void {
    this.insert(ref, (list) => firstAtOrAfter(list, ref.lineNumber));
  }

  remove(ref: SettingRef): void {
    const found = this.byTarget.get(ref.target);
    if (found === ref) {
      this.byTarget.delete(ref.target);
      return;
    }
    if (!Array.isArray(found)) return;
    const at = found.indexOf(ref);
    if (at >= 0) found.splice(at, 1);
    if (found.length < 2) {
      this.repeated.delete(ref.target);
      if (found.length === 1) this.byTarget.set(ref.target, found[0]);
      else this.byTarget.delete(ref.target);
    }
  }

  private insert(ref: SettingRef, position: (list: readonly SettingRef[]) => number): void {
    const found = this.byTarget.get(ref.target);
    if (found === undefined) {
      this.byTarget.set(ref.target, ref);
    } else if (Array.isArray(found)) {
      found.splice(position(found), 0, ref);
    } else {
      const pair = [found];
      pair.splice(position(pair), 0, ref);
      this.byTarget.set(ref.target, pair);
      this.repeated.add(ref.target);
    }
  }
}

/**
 * The index of `lines`. `own`: the index of the document the lines belong to (analyze's), whose
 * setting lines keep their line numbers; any other index (a batch of lines) has entries of its own.
 */
export function buildIndex(lines: readonly ParsedLine[], own = false): DocumentIndex {
  const index: DocumentIndex = { lines, settingsInOrder: [], moduleCandidates: [], byTarget: new SettingsByTarget(), exclusions: [], directives: [] };
  for (let lineNumber = 0; lineNumber < lines.length; lineNumber++) {
    const line = lines[lineNumber];
    if (isExclusion(line)) index.exclusions.push(lineNumber);
    if (isDirective(line)) index.directives.push(lineNumber);
    const ref = refFor(line, lineNumber, own);
    if (!ref) continue;
    index.settingsInOrder.push(ref);
    if (mayNeedModule(ref.target)) index.moduleCandidates.push(ref);
    index.byTarget.append(ref);
  }
  return index;
}

/**
 * Where two versions of a document differ, by line identity: lines [prefix, oldEnd) of the old
 * version became lines [prefix, newEnd) of the new one. Undefined when nothing changed.
 */
export interface Region {
  prefix: number;
  oldEnd: number;
  newEnd: number;
}

export function changedRegion(old: readonly ParsedLine[], lines: readonly ParsedLine[]): Region | undefined {
  if (old === lines) return undefined;
  const recorded = recordedChange(old, lines);
  if (recorded) return recorded.change;
  let prefix = 0;
  const common = Math.min(old.length, lines.length);
  while (prefix < common && old[prefix] === lines[prefix]) prefix++;
  if (prefix === old.length && prefix === lines.length) return undefined;
  let suffix = 0;
  while (suffix < common - prefix && old[old.length - 1 - suffix] === lines[lines.length - 1 - suffix]) suffix++;
  return { prefix, oldEnd: old.length - suffix, newEnd: lines.length - suffix };
}

/** The document's own index for `lines`, updating `previous` in place where the two share most line objects. */
export function updateIndex(previous: DocumentIndex | undefined, lines: readonly ParsedLine[], known?: Region | null): DocumentIndex {
  if (!previous) return buildIndex(lines, true);
  const region = known === undefined ? changedRegion(previous.lines, lines) : (known ?? undefined);
  if (!region) {
    previous.lines = lines;
    return previous;
  }
  const { prefix, oldEnd, newEnd } = region;
  if (oldEnd - prefix + (newEnd - prefix) > lines.length / 4 + 64) return buildIndex(lines, true);

  const index = previous;
  const delta = newEnd - oldEnd;
  const from = firstAtOrAfter(index.settingsInOrder, prefix);
  const to = firstAtOrAfter(index.settingsInOrder, oldEnd);
  const candidatesFrom = firstAtOrAfter(index.moduleCandidates, prefix);
  const candidatesTo = firstAtOrAfter(index.moduleCandidates, oldEnd);
  for (let i = from; i < to; i++) index.byTarget.remove(index.settingsInOrder[i]);
  if (delta !== 0) for (let i = to; i < index.settingsInOrder.length; i++) index.settingsInOrder[i].lineNumber += delta;
  const added: SettingRef[] = [];
  for (let lineNumber = prefix; lineNumber < newEnd; lineNumber++) {
    const ref = refFor(lines[lineNumber], lineNumber, true);
    if (ref) added.push(ref);
  }
  spliceAll(index.settingsInOrder, from, to - from, added);
  spliceAll(
    index.moduleCandidates,
    candidatesFrom,
    candidatesTo - candidatesFrom,
    added.filter((ref) => mayNeedModule(ref.target)),
  );
  for (const ref of added) index.byTarget.add(ref);

  index.exclusions = updateLineList(index.exclusions, lines, prefix, oldEnd, newEnd, isExclusion);
  index.directives = updateLineList(index.directives, lines, prefix, oldEnd, newEnd, isDirective);
  index.lines = lines;
  return index;
}
