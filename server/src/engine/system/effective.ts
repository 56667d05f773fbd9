import { displayName, procpsPath } from '../parser/keyPath';
import { parseDocument } from '../parser/parseDocument';
import type { ConfigEntry, Flavor, SystemTree } from './precedence';
import { applyOrder } from './precedence';

/** Where a setting comes from. */
export interface SettingSource {
  file: ConfigEntry;
  /** 0-based line in the file. */
  line: number;
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

export interface EffectiveConfiguration {
  flavor: Flavor;
  files: ConfigEntry[];
  /** Final settings, ordered by the position of the write that decides them. */
  settings: EffectiveSetting[];
}

interface Assignment {
  path: string;
  key: string;
  value: string;
  source: SettingSource;
  isGlob: boolean;
}

function assignmentsOf(file: ConfigEntry, flavor: Flavor): Array<Assignment | { exclusion: string }> {
  if (file.kind !== 'file') return [];
  const out: Array<Assignment | { exclusion: string }> = [];
  parseDocument(file.text).lines.forEach((line, index) => {
    if (line.kind === 'exclusion' && line.key.text !== '') out.push({ exclusion: line.key.path });
    if (line.kind !== 'setting' || line.key.text === '') return;
    const key = flavor === 'procps' ? displayName(procpsPath(line.procpsKey)) : line.key.canonical;
    out.push({ path: line.key.path, key, value: line.value.text, source: { file, line: index }, isGlob: line.key.isGlob });
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
  for (const file of files) {
    for (const item of assignmentsOf(file, flavor)) {
      if ('exclusion' in item) {
        if (flavor === 'systemd') table.delete(item.exclusion);
        continue;
      }
      const previous = table.get(item.path);
      if (previous && flavor === 'systemd' && previous.value === item.value) {
        previous.overrides.push(item.source);
        continue;
      }
      const overrides = previous ? [...previous.overrides, previous.source] : [];
      if (previous) table.delete(item.path);
      table.set(item.path, { ...item, overrides });
    }
  }
  return { flavor, files, settings: [...table.values()] };
}
