import { isGlobKey, procpsDisplayName, systemdPath } from '../parser/keyPath';
import { parseDocument } from '../parser/parseDocument';
import { parseLine } from '../parser/parseLine';
import type { ParsedLine } from '../parser/types';
import type { ConfigEntry, Flavor, SystemTree } from './precedence';
import { applyOrder } from './precedence';

/** Where a setting comes from. */
export interface SettingSource {
  file: ConfigEntry;
  /** 0-based line in the file. */
  line: number;
  /** The value the line writes, as the tool reads it. */
  value: string;
}

export interface EffectiveSetting {
  /** Variable identity: systemd's normalised path. */
  path: string;
  /** The key as the tool prints it. */
  key: string;
  value: string;
  source: SettingSource;
  /** Earlier assignments of the same variable that this one overrides. */
  overrides: SettingSource[];
  isGlob: boolean;
}

/** An assignment a later `-key` exclusion drops (systemd only): the tool never writes it. */
export interface CancelledSetting {
  setting: EffectiveSetting;
  /** The exclusion line. */
  by: { file: ConfigEntry; line: number };
}

export interface EffectiveConfiguration {
  flavor: Flavor;
  files: ConfigEntry[];
  /** Final settings, ordered by the position of the write that decides them. */
  settings: EffectiveSetting[];
  /** Assignments an exclusion in a later line dropped, in the order it happened. */
  cancelled: CancelledSetting[];
}

/** An exclusion line as read from a file (systemd: `-key` without a value). */
interface Exclusion {
  exclusion: string;
  file: ConfigEntry;
  line: number;
}

/** An assignment as read from a file: an EffectiveSetting that overrides nothing yet (NO_OVERRIDES). */
type Assignment = EffectiveSetting;

/** The overrides of the settings that override nothing, shared; a setting gets its own list when it first overrides one. */
const NO_OVERRIDES = Object.freeze([]) as unknown as SettingSource[];

/** A CR not followed by LF: a line break for editors, part of the line for procps. */
const LONE_CR = /\r(?!\n)/;

/**
 * Whether procps reads the text in the lines the editor's parse holds: without a lone CR (CRLF
 * ends a line for both, its CR is blank to both parses).
 */
export function procpsReadsEditorLines(text: string): boolean {
  return !LONE_CR.test(text);
}

/**
 * procps reads lines with getline, so only LF ends a line (a lone CR stays in the value), and it
 * writes the key after the ignore-errors dash as written (`--k` sets `-k` minus one dash, `- k`
 * looks up ` k`), as `procpsWrites` does. Keys with whitespace or a BOM never resolve: with
 * --system they fail silently. Lines are counted as editors count them, for ranges.
 */
function procpsAssignments(file: ConfigEntry): Assignment[] {
  const out: Assignment[] = [];
  const add = (line: ParsedLine, editorLine: number) => {
    if (line.kind === 'setting' && line.procpsKey.length > 0 && !/[\s\uFEFF]/.test(line.procpsKey)) {
      const key = line.procpsKey;
      out.push({
        path: systemdPath(key),
        key: procpsDisplayName(key),
        value: line.value.text,
        source: { file, line: editorLine, value: line.value.text },
        overrides: NO_OVERRIDES,
        isGlob: isGlobKey(key),
      });
    }
  };
  const text = file.text;
  // The editor's parse serves, but for a BOM, which procps keeps in the first key.
  if (file.parsed && procpsReadsEditorLines(text)) {
    file.parsed.lines.forEach((line, index) => {
      if (!(index === 0 && line.issues.some((issue) => issue.code === 'bom'))) add(line, index);
    });
    return out;
  }
  let start = 0;
  let editorLine = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    add(parseLine(raw, '\n'), editorLine);
    // Editors also break lines at a lone CR (not at the CR of the closing CRLF).
    for (let i = raw.indexOf('\r'); i >= 0; i = raw.indexOf('\r', i + 1)) {
      if (!(i === raw.length - 1 && end < text.length)) editorLine++;
    }
    editorLine++;
    if (end === text.length) break;
    start = end + 1;
  }
  return out;
}

function assignmentsOf(file: ConfigEntry, flavor: Flavor): Array<Assignment | Exclusion> {
  if (file.kind !== 'file') return [];
  if (flavor === 'procps') return procpsAssignments(file);
  const out: Array<Assignment | Exclusion> = [];
  (file.parsed ?? parseDocument(file.text)).lines.forEach((line, index) => {
    if (line.kind === 'exclusion' && line.key.text !== '') out.push({ exclusion: line.key.path, file, line: index });
    if (line.kind !== 'setting' || line.key.text === '') return;
    // A BOM or whitespace in the key: no such variable, the write fails (as for procps).
    if (line.issues.some((i) => i.code === 'bom' || i.code === 'whitespace-in-key')) return;
    out.push({
      path: line.key.path,
      key: line.key.canonical,
      value: line.value.text,
      source: { file, line: index, value: line.value.text },
      overrides: NO_OVERRIDES,
      isGlob: line.key.isGlob,
    });
  });
  return out;
}

/**
 * The settings a machine ends up with. procps writes every line in order (the last write wins);
 * systemd keeps one entry per key, moving a changed key to its last assignment, and an exclusion
 * line drops an earlier explicit assignment.
 */
export function effectiveConfiguration(tree: SystemTree, flavor: Flavor): EffectiveConfiguration {
  const { files } = applyOrder(tree, flavor);
  const table = new Map<string, EffectiveSetting>();
  const cancelled: CancelledSetting[] = [];
  for (const file of files) {
    for (const item of assignmentsOf(file, flavor)) {
      if ('exclusion' in item) {
        const dropped = table.get(item.exclusion);
        if (dropped) cancelled.push({ setting: dropped, by: { file: item.file, line: item.line } });
        table.delete(item.exclusion);
        continue;
      }
      const previous = table.get(item.path);
      if (previous && flavor === 'systemd' && previous.value === item.value) {
        if (previous.overrides === NO_OVERRIDES) previous.overrides = [];
        previous.overrides.push(item.source);
        continue;
      }
      // The previous entry leaves the table: its list moves on (a copy per assignment was quadratic in repeats).
      if (previous) {
        item.overrides = previous.overrides === NO_OVERRIDES ? [] : previous.overrides;
        item.overrides.push(previous.source);
        table.delete(item.path);
      }
      table.set(item.path, item);
    }
  }
  return { flavor, files, settings: [...table.values()], cancelled };
}
