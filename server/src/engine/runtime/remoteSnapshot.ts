/**
 * The ONE fixed command a remote host runs for a snapshot, and the parser of its output. Nothing
 * from a sysctl file or a setting is ever put into it. Each part follows a marker line, so a
 * banner or motd printed before it is harmless and a cut-off run is detected (no end marker).
 */

import { assembleSnapshot, type SnapshotParts, type SnapshotResult } from './assemble';
import { CONFIG_GLOBS, CONNTRACK_MAX_PATTERN } from './persistedSetting';
import { parseSysctlListing } from './sysctlListing';
import type { SnapshotSource } from './types';

const MARK = '@@sysctl-lint-snapshot';

/**
 * `sh -c` keeps it independent of the login shell, which sshd runs it with: one line, one quoted
 * word, stderr silenced inside (a trailing `2>/dev/null` is sh syntax; csh reads it as an argument
 * and sends stdout away). sysctl lives in /sbin or /usr/sbin, which a non-root PATH may lack.
 * Missing files (no conntrack, no /proc/modules) just leave a part empty.
 */
export const REMOTE_SNAPSHOT_COMMAND =
  `sh -c 'exec 2>/dev/null; PATH="$PATH:/usr/sbin:/sbin"; m() { echo "${MARK} $1"; }; ` +
  'm begin; m kernel; uname -r; m machine; uname -m; ' +
  'm meminfo; grep "^MemTotal:" /proc/meminfo; m stat; grep "^btime" /proc/stat; ' +
  `m persist; grep -Hn ${CONNTRACK_MAX_PATTERN} ${CONFIG_GLOBS.join(' ')}; ` +
  'm modules; cat /proc/modules; m conntrack; cat /proc/net/stat/nf_conntrack; m sockstat; cat /proc/net/sockstat; ' +
  `m sysctl; sysctl -a; m end'`;

const PART_NAMES = ['kernel', 'machine', 'meminfo', 'stat', 'persist', 'modules', 'conntrack', 'sockstat', 'sysctl'] as const;
type PartName = (typeof PART_NAMES)[number];

export function parseRemoteSnapshot(text: string, source: SnapshotSource, readAt: Date): SnapshotResult {
  const lines = text.split('\n');
  const begin = lines.lastIndexOf(`${MARK} begin`);
  if (begin < 0) return { ok: false, error: 'the output is not from the snapshot command (no start marker)' };
  const sections = new Map<PartName, string[]>();
  let current: PartName | undefined;
  let ended = false;
  for (const line of lines.slice(begin + 1)) {
    if (line.startsWith(`${MARK} `)) {
      const name = line.slice(MARK.length + 1);
      if (name === 'end') {
        ended = true;
        break;
      }
      current = (PART_NAMES as readonly string[]).includes(name) ? (name as PartName) : undefined;
      if (current) sections.set(current, []);
      continue;
    }
    if (current) sections.get(current)!.push(line);
  }
  if (!ended) return { ok: false, error: 'the output ended early (no end marker): the command was cut off' };
  const part = (name: PartName) => sections.get(name)?.join('\n');
  const parts: SnapshotParts = {
    kernelRelease: part('kernel'),
    machine: part('machine'),
    meminfo: part('meminfo'),
    stat: part('stat'),
    persist: part('persist'),
    modules: part('modules'),
    conntrack: part('conntrack'),
    sockstat: part('sockstat'),
    values: parseSysctlListing(part('sysctl') ?? ''),
  };
  return assembleSnapshot(parts, source, readAt);
}
