/** The running value of a key for its hover: what the kernel has now, and where it was read. */

import { conntrackHealth, describeCounters, formatShare } from './conntrackHealth';
import { resolveKey } from '../keys/database';
import { describeSnapshotSource, type RuntimeSnapshot } from './types';

const MAX_KEY = 'net.netfilter.nf_conntrack_max';

function clock(iso: string): string {
  return iso.slice(11, 19);
}

/** Markdown lines for the hover of `key`, or [] when the snapshot cannot say anything. */
export function runningValueHover(key: string, snapshot: RuntimeSnapshot): string[] {
  const where = `${describeSnapshotSource(snapshot.source)}, read at ${clock(snapshot.readAt)} UTC`;
  const running = snapshot.values.get(key);
  if (running === undefined) return [`**Running kernel** (${where}): no such key there.`];
  const shown = running === '' ? '(empty)' : running.includes('\n') ? running.split('\n')[0] + ' …' : running;
  const lines = [`**Running value**: \`${shown.replace(/`/g, "'")}\` (${where})`];
  if (resolveKey(key)?.spec.name === MAX_KEY) {
    const health = conntrackHealth(snapshot);
    if (health) {
      lines.push(`**Conntrack table now**: ${health.count} of ${health.max} entries (${health.max > 0 ? formatShare(health.share) : 'no limit'}); ${describeCounters(health)}`);
    }
  }
  return lines;
}
