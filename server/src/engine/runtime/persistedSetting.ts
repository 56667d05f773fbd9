/**
 * Where a host persists nf_conntrack_max: from the lines of its sysctl files that mention the key
 * (`grep -Hn` output over the standard locations, or the same read locally), the assignment that
 * `sysctl --system` applies last, found with the tools' own file precedence.
 */

import { parseLine } from '../parser/parseLine';
import { applyOrder, SYSCTL_CONF, SYSTEM_DIRECTORIES, type ConfigEntry } from '../system/precedence';

/** One line of a sysctl file: `path:line:text` as grep -Hn prints it. */
export interface ConfigHit {
  path: string;
  /** 1-based. */
  line: number;
  text: string;
}

export interface PersistedSetting extends ConfigHit {
  key: string;
  value: string;
}

/** The files and the key the remote command greps; the same list the local reader scans. */
export const CONNTRACK_MAX_PATTERN = 'nf_conntrack_max';
export const CONFIG_GLOBS = [...SYSTEM_DIRECTORIES.map((d) => `${d}/*.conf`), SYSCTL_CONF];

export function parseGrepHits(text: string): ConfigHit[] {
  const hits: ConfigHit[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\/[^:\n]*):(\d+):(.*)$/.exec(line);
    if (match) hits.push({ path: match[1], line: Number(match[2]), text: match[3] });
  }
  return hits;
}

const MAX_KEYS: ReadonlySet<string> = new Set(['net.netfilter.nf_conntrack_max', 'net.nf_conntrack_max']);

/** The assignment of nf_conntrack_max that wins, or undefined when no file sets it. */
export function persistedConntrackMax(hits: readonly ConfigHit[]): PersistedSetting | undefined {
  const byDir = new Map<string, ConfigEntry[]>();
  const hitsByPath = new Map<string, ConfigHit[]>();
  let sysctlConf: ConfigEntry | undefined;
  for (const hit of hits) {
    if (!hitsByPath.has(hit.path)) {
      hitsByPath.set(hit.path, []);
      const slash = hit.path.lastIndexOf('/');
      const entry: ConfigEntry = { name: hit.path.slice(slash + 1), path: hit.path, kind: 'file', text: '', realPath: hit.path };
      if (hit.path === SYSCTL_CONF) sysctlConf = entry;
      else byDir.set(hit.path.slice(0, slash), [...(byDir.get(hit.path.slice(0, slash)) ?? []), entry]);
    }
    hitsByPath.get(hit.path)!.push(hit);
  }
  let winner: PersistedSetting | undefined;
  for (const file of applyOrder({ directories: byDir, sysctlConf }, 'procps').files) {
    for (const hit of hitsByPath.get(file.path) ?? []) {
      const parsed = parseLine(hit.text, '\n');
      if (parsed.kind === 'setting' && MAX_KEYS.has(parsed.key.canonical)) winner = { ...hit, key: parsed.key.canonical, value: parsed.value.text };
    }
  }
  return winner;
}
