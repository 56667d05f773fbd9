import type { RuleId, RuleMeta } from './types';

function rule(id: RuleId, defaultSeverity: RuleMeta['defaultSeverity'], summary: string, description: string): RuleMeta {
  return { id, defaultSeverity, summary, description };
}

/** Every rule the engine can report, with the text SARIF, the README and --help reuse. */
export const RULES: Readonly<Record<RuleId, RuleMeta>> = {
  'syntax-error': rule(
    'syntax-error',
    'error',
    'The line cannot be applied by any tool.',
    'Lines without "=", settings without a key, NUL bytes, a byte order mark and keys containing whitespace are rejected or skipped by both procps sysctl and systemd-sysctl.',
  ),
  'unknown-key': rule(
    'unknown-key',
    'warning',
    'No kernel has this key.',
    'The key is not a real kernel sysctl (checked against the names of current and older kernels, with per-interface patterns), so procps fails on the line and systemd-sysctl skips it. Near misses get a "did you mean" fix.',
  ),
  'invalid-value': rule(
    'invalid-value',
    'error',
    'The value is not of the form the key takes.',
    'Not a number, quotes, units or a decimal point in a numeric value (the kernel refuses the write with EINVAL), or the wrong number of fields for a vector key such as tcp_rmem or ip_local_port_range.',
  ),
  'out-of-range': rule(
    'out-of-range',
    'error',
    'The kernel refuses the value.',
    "The number is outside the bounds the kernel enforces for the key on the target kernel (or outside its storage width): the write fails with EINVAL and the old value stays. Timeouts in seconds are limited by the kernel's HZ.",
  ),
  'suspicious-value': rule(
    'suspicious-value',
    'warning',
    'The kernel accepts the value, but it is almost surely a mistake.',
    'Zero or negative timeouts, a leading zero that makes the number octal, a switch set to something other than 0 or 1, an undocumented mode such as tcp_syncookies = 3, nf_conntrack_max = 0 (no limit), text after the number, and empty values.',
  ),
  'removed-key': rule(
    'removed-key',
    'error',
    'The key does not exist on the target kernel.',
    'The key was removed before the target kernel (or added after it), so the line fails and sets nothing. The message says since which version and what replaces it.',
  ),
  'legacy-key': rule(
    'legacy-key',
    'warning',
    'An old name or alias of a current key.',
    'Old aliases such as net.nf_conntrack_max still work but only in the initial network namespace; legacy names such as net.ipv4.netfilter.ip_conntrack_max are gone from current kernels. The fix writes the current name.',
  ),
  'duplicate-key': rule(
    'duplicate-key',
    'warning',
    'The key is set again later in the file.',
    'Only the last assignment stays in effect (procps writes each one in turn, systemd-sysctl keeps the last). The earlier, dead assignment is reported with a link to the one that wins.',
  ),
  'tool-divergence': rule(
    'tool-divergence',
    'error',
    'procps sysctl and systemd-sysctl would apply the line differently.',
    'The same bytes mean different things to procps sysctl (sysctl -p, sysctl --system) and to systemd-sysctl: a space or a second dash after the ignore-errors "-", ";" comments, lone CR line breaks, lines over 1 MiB, ".." in keys, repeated separators, glob exclusions, and an exclusion after an assignment of the same key.',
  ),
  'conntrack-buckets-ratio': rule(
    'conntrack-buckets-ratio',
    'warning',
    'nf_conntrack_buckets does not suit nf_conntrack_max.',
    'Too few buckets make a full table chain many entries per bucket and slow every lookup; more buckets than entries waste memory.',
  ),
  'conntrack-memory': rule(
    'conntrack-memory',
    'warning',
    "A full conntrack table would take a large share of the machine's RAM.",
    'With RAM and architecture known (sysctl.sizing.* or --mem-total/--arch/--host), a full table is estimated at about 384 bytes per entry plus a pointer per bucket.',
  ),
  'conntrack-boot-order': rule(
    'conntrack-boot-order',
    'info',
    'Conntrack keys need nf_conntrack loaded before sysctl runs at boot.',
    'The net.netfilter.nf_conntrack_* keys appear only when the module loads; systemd-sysctl usually runs earlier, so the values are lost. Listing nf_conntrack in /etc/modules-load.d fixes the order.',
  ),
  'somaxconn-truncated': rule(
    'somaxconn-truncated',
    'error',
    'somaxconn above 65535 on a kernel older than 4.1.',
    'Kernels before 3.11 silently truncate the backlog to 16 bits (65536 becomes 0); 3.11 to 4.0 refuse values above 65535.',
  ),
  'syn-backlog-vs-somaxconn': rule(
    'syn-backlog-vs-somaxconn',
    'warning',
    'The SYN queue limit is below somaxconn while syncookies are off.',
    'Without syncookies, tcp_max_syn_backlog caps half-open handshakes per listener; below somaxconn it drops connections before the accept queue fills.',
  ),
  'port-range-order': rule(
    'port-range-order',
    'error',
    'ip_local_port_range ends are out of order or of the same parity.',
    'A low end above the high end is refused (EINVAL). Ends of the same parity work but the kernel logs a warning, since connect() splits the range into even and odd halves.',
  ),
  'threshold-order': rule(
    'threshold-order',
    'warning',
    'Thresholds that must be ordered are not.',
    'tcp_rmem and tcp_wmem must read min <= default <= max (the kernel does not check); nf_conntrack_frag6_low_thresh must not exceed high_thresh (the kernel refuses the write).',
  ),
  overridden: rule(
    'overridden',
    'info',
    'Another file of the machine sets this key later, so this value does not stay.',
    'sysctl --system and systemd-sysctl read every sysctl.d directory and /etc/sysctl.conf in a fixed order; the last assignment of a key wins. The finding names the file and line that win.',
  ),
  'runtime-drift': rule(
    'runtime-drift',
    'warning',
    'The running kernel has another value than the line sets.',
    'Compared with a snapshot of the host (this machine, or one read over SSH) the way the kernel reads values: numbers by value, fields by whitespace. The message names the running value and the likely reason: a later file wins, the module was loaded after the settings were applied, or the file changed since it was applied (with the command that applies it). Keys the host does not have are not drift.',
  ),
  'conntrack-table-full': rule(
    'conntrack-table-full',
    'error',
    "The host's conntrack table is nearly full or has dropped packets.",
    'From the host snapshot: an error when drop, early_drop or insert_failed (summed over CPUs in /proc/net/stat/nf_conntrack) are above zero, a warning when nf_conntrack_count is at 90% of nf_conntrack_max or more. Reported on the nf_conntrack_max line, or at the top of the file; the sizing quick fix applies.',
  ),
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}
