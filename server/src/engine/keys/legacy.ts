/**
 * Aliases and legacy names of documented keys (data only). Facts from
 * docs/reference/kernel-keys.md §2.1; the list of net.ipv4.netfilter.ip_conntrack_* names is the set the kernel's old binary-sysctl
 * translation table knew for that directory.
 */

import type { LegacyKeySpec } from './types';

const IP_CONNTRACK_ERA =
  'The ip_conntrack module of the 2.4 / early 2.6 era; later a compatibility copy registered by ' +
  'nf_conntrack_ipv4 when CONFIG_NF_CONNTRACK_PROC_COMPAT was set. Absent from current kernels; ' +
  'the release that removed the copy is not known.';

/** Legacy suffix after `ip_conntrack_` → suffix after `nf_conntrack_` of the current key. */
const IP_CONNTRACK_SUFFIXES: readonly string[] = [
  'max',
  'count',
  'buckets',
  'checksum',
  'log_invalid',
  'generic_timeout',
  'icmp_timeout',
  'udp_timeout',
  'udp_timeout_stream',
  'tcp_loose',
  'tcp_be_liberal',
  'tcp_max_retrans',
  'tcp_timeout_syn_sent',
  'tcp_timeout_syn_recv',
  'tcp_timeout_established',
  'tcp_timeout_fin_wait',
  'tcp_timeout_close_wait',
  'tcp_timeout_last_ack',
  'tcp_timeout_time_wait',
  'tcp_timeout_close',
  'tcp_timeout_max_retrans',
  'sctp_timeout_closed',
  'sctp_timeout_cookie_wait',
  'sctp_timeout_cookie_echoed',
  'sctp_timeout_established',
  'sctp_timeout_shutdown_sent',
  'sctp_timeout_shutdown_recd',
  'sctp_timeout_shutdown_ack_sent',
];

export const LEGACY_KEYS: readonly LegacyKeySpec[] = [
  {
    name: 'net.nf_conntrack_max',
    kind: 'alias',
    target: 'net.netfilter.nf_conntrack_max',
    scope: 'init-netns-only',
    existedIn: 'Every nf_conntrack kernel, current ones included; registered only in the initial network namespace.',
    note:
      'A second sysctl entry for the same global variable as net.netfilter.nf_conntrack_max, so ' +
      'both always read the same (they are not symlinks). Inside a container the file does not ' +
      'exist. Setting both in one configuration is redundant; the later line wins.',
  },
  {
    name: 'net.ipv4.ip_conntrack_max',
    kind: 'legacy',
    target: 'net.netfilter.nf_conntrack_max',
    existedIn: 'Linux 2.4 (/proc/sys/net/ipv4/ip_conntrack_max).',
    note: 'The 2.4-era location of the connection limit; use net.netfilter.nf_conntrack_max.',
  },
  ...IP_CONNTRACK_SUFFIXES.map((suffix): LegacyKeySpec => ({
    name: `net.ipv4.netfilter.ip_conntrack_${suffix}`,
    kind: 'legacy',
    target: `net.netfilter.nf_conntrack_${suffix}`,
    existedIn: IP_CONNTRACK_ERA,
    unverified: ['removedIn'],
    note: `Old name of net.netfilter.nf_conntrack_${suffix}; use the new name.`,
  })),
];
