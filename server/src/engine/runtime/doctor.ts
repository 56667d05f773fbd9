/**
 * The admin's diagnosis on one screen (`sysctl-lint doctor`): the machine, the conntrack table's
 * fill and drops, the TCP sockets in use, the formula value, and the exact commands to set it
 * live and to persist it. Pure: a function of a snapshot.
 */

import { recommendationFromFacts } from '../sizing/fromSettings';
import { formatBytes } from '../sizing/size';
import { applyValueCommand, shellQuote } from './applyCommand';
import { conntrackHealth, describeCounters, formatShare } from './conntrackHealth';
import { persistedConntrackMax } from './persistedSetting';
import { describeSnapshotSource, type RuntimeSnapshot } from './types';

const MAX_KEY = 'net.netfilter.nf_conntrack_max';
/** Where a new setting goes: late in sysctl.d order, so most vendor files do not override it. */
export const NEW_CONNTRACK_FILE = '/etc/sysctl.d/90-nf_conntrack.conf';

export interface DoctorReport {
  lines: string[];
  /** The table is full or has dropped packets: `doctor` exits 1. */
  unhealthy: boolean;
}

function moduleState(snapshot: RuntimeSnapshot, loaded: boolean): string {
  if (!loaded) return 'not loaded (the host has no nf_conntrack_max key): nothing is tracked, nothing to size';
  if (snapshot.modules === null) return 'loaded (the module list /proc/modules could not be read)';
  return snapshot.modules.has('nf_conntrack') ? 'loaded as a module (nf_conntrack)' : 'built into the kernel';
}

function sockets(snapshot: RuntimeSnapshot): string {
  const tcp = snapshot.sockstat?.TCP;
  if (!tcp) return 'unknown (/proc/net/sockstat not readable)';
  return `${tcp.inuse ?? '?'} in use, ${tcp.tw ?? '?'} in TIME_WAIT, ${tcp.alloc ?? '?'} allocated (/proc/net/sockstat; what netstat -nat | wc -l approximates)`;
}

export function doctorReport(snapshot: RuntimeSnapshot): DoctorReport {
  const health = conntrackHealth(snapshot);
  const lines: string[] = [`# sysctl-lint doctor: ${describeSnapshotSource(snapshot.source)}, read ${snapshot.readAt}`];
  const ram = snapshot.memBytes === null ? 'RAM unknown' : `RAM ${formatBytes(snapshot.memBytes)} (MemTotal ${snapshot.memBytes / 1024} kB)`;
  lines.push(`Kernel:        ${snapshot.kernelRelease ?? 'unknown'}, ${snapshot.machine ?? 'architecture unknown'}, ${ram}`);
  lines.push(`Conntrack:     ${moduleState(snapshot, health !== null)}`);
  if (health) {
    lines.push(`Table:         ${health.count} of ${health.max} entries (${health.max > 0 ? formatShare(health.share) : 'no limit'}), ${health.buckets ?? 'unknown'} buckets`);
    lines.push(`Dropped:       ${describeCounters(health)}`);
  }
  lines.push(`TCP sockets:   ${sockets(snapshot)}`);
  const unhealthy = health !== null && (health.dropping || (health.max > 0 && health.count >= health.max));
  if (health) {
    const status = health.dropping
      ? 'DROPPING: packets were dropped because the table was full or inserts failed'
      : health.nearlyFull
        ? `NEARLY FULL (${formatShare(health.share)})`
        : 'OK';
    lines.push(`Status:        ${status}`);
  }
  if (!health) return { lines, unhealthy };

  const recommendation =
    snapshot.memBytes !== null && snapshot.machine !== null
      ? recommendationFromFacts({ memBytes: snapshot.memBytes, arch: snapshot.machine, kernelRelease: snapshot.kernelRelease }, undefined)
      : undefined;
  if (!recommendation?.ok) {
    lines.push(`Formula:       unknown (${recommendation ? recommendation.error : 'RAM or architecture unknown'})`);
    return { lines, unhealthy };
  }
  const rec = recommendation.value;
  const value = rec.formula.conntrackMax;
  lines.push(`Formula:       nf_conntrack_max = RAM_bytes / 16384 / (${rec.architecture.bits} / 32) = ${value}`);
  if (value <= health.max)
    lines.push(
      `               the running limit ${health.max} is already at or above it${health.dropping || health.nearlyFull ? ': look at what fills the table (conntrack -L, timeouts) before raising it further' : ''}`,
    );
  lines.push(`Set it live:   ${applyValueCommand(MAX_KEY, String(value))}`);
  const setting = `${MAX_KEY} = ${value}`;
  const persisted = snapshot.conntrackMaxLines === null ? undefined : persistedConntrackMax(snapshot.conntrackMaxLines);
  if (persisted && (persisted.path === '/etc/sysctl.conf' || persisted.path.startsWith('/etc/sysctl.d/'))) {
    lines.push(`Persist it:    line ${persisted.line} of ${persisted.path} sets ${persisted.key} = ${persisted.value}; change it to "${setting}":`);
    lines.push(`               sudo sed -i ${shellQuote(`${persisted.line}s/.*/${setting}/`)} ${shellQuote(persisted.path)}`);
  } else {
    const note = persisted
      ? ` (${persisted.path}:${persisted.line} sets ${persisted.value} now; a file in /etc/sysctl.d with the same name would hide all of it)`
      : snapshot.conntrackMaxLines === null
        ? " (the host's sysctl files were not read)"
        : ' (no sysctl file sets it now)';
    lines.push(`Persist it:    add "${setting}" as a new file${note}:`);
    lines.push(`               echo ${shellQuote(setting)} | sudo tee ${NEW_CONNTRACK_FILE}`);
  }
  if (snapshot.modules?.has('nf_conntrack')) {
    lines.push(`Boot order:    load the module before sysctl runs at boot: echo nf_conntrack | sudo tee /etc/modules-load.d/nf_conntrack.conf`);
  }
  return { lines, unhealthy };
}
