import type { SourceFact } from './kernelFactsTypes';

/**
 * Corrections to the kernel facts for kernels newer than the newest source tree (6.12): facts that
 * changed after 6.12, found by writing values on the 6.18 development machine in a private network
 * namespace (test/cli/kernel-oracle.test.ts). The exact release of each change is not known, so a
 * correction applies to every target newer than 6.12 and only ever removes a check.
 */

export interface FactCorrection {
  readonly name: string;
  /** Bounds that no longer hold after 6.12: they are not checked on newer targets. */
  readonly dropBounds: readonly ('lo' | 'hi')[];
  readonly source: string;
}

export const FACT_CORRECTIONS: readonly FactCorrection[] = [
  { name: 'net.ipv4.tcp_tso_rtt_log', dropBounds: ['hi'], source: '6.12 caps it at 31; 6.18.44 accepts 32 (kernel oracle).' },
  { name: 'net.unix.max_dgram_qlen', dropBounds: ['lo'], source: '6.12 refuses negative values; 6.18.44 accepts -1 (kernel oracle).' },
];

/**
 * Facts for keys added after 6.12, the newest kernel Debian ships as a source package: read from
 * the mainline sysctl table that adds each key, and confirmed on the 6.18 development machine by
 * writing values in a private network namespace (test/cli/kernel-oracle.test.ts). They apply to
 * targets newer than 6.12 only, as the key does not exist before.
 */
export interface AddedAfterSources {
  readonly name: string;
  readonly fact: SourceFact;
  readonly source: string;
}

export const ADDED_AFTER_SOURCES: readonly AddedAfterSources[] = [
  {
    name: 'net.ipv4.tcp_rto_max_ms',
    fact: { k: 'int', h: 'proc_dointvec_minmax', lo: '1000', hi: '120000', m: '644', s: 'netns', mod: 'builtin', at: 'net/ipv4/sysctl_net_ipv4.c' },
    source: 'ipv4_net_table: SYSCTL_ONE_THOUSAND .. tcp_rto_max_max (TCP_RTO_MAX_SEC * MSEC_PER_SEC = 120000); 6.18.44 refuses 999 and 120001.',
  },
  {
    name: 'net.ipv4.tcp_ecn_option',
    fact: { k: 'u8', h: 'proc_dou8vec_minmax', lo: '0', hi: '2', m: '644', s: 'netns', mod: 'builtin', at: 'net/ipv4/sysctl_net_ipv4.c' },
    source: 'ipv4_net_table: SYSCTL_ZERO .. SYSCTL_TWO (raised to SYSCTL_THREE by a later release); 6.18.44 refuses 3.',
  },
  {
    name: 'net.ipv4.tcp_ecn_option_beacon',
    fact: { k: 'u8', h: 'proc_dou8vec_minmax', lo: '0', hi: '3', m: '644', s: 'netns', mod: 'builtin', at: 'net/ipv4/sysctl_net_ipv4.c' },
    source: 'ipv4_net_table: SYSCTL_ZERO .. SYSCTL_THREE; 6.18.44 refuses 4.',
  },
  {
    name: 'net.ipv6.conf.<ifname>.force_forwarding',
    fact: { k: 'int', h: 'addrconf_sysctl_force_forwarding', via: 'proc_dointvec_minmax', lo: '0', hi: '1', m: '644', s: 'netns', mod: 'builtin', at: 'net/ipv6/addrconf.c' },
    source: 'addrconf_sysctl: addrconf_sysctl_force_forwarding checks 0..1 with proc_dointvec_minmax; 6.18.44 refuses 2 and -1.',
  },
  {
    name: 'net.mptcp.syn_retrans_before_tcp_fallback',
    fact: { k: 'u8', h: 'proc_dou8vec_minmax', m: '644', s: 'netns', mod: 'builtin', at: 'net/mptcp/ctrl.c' },
    source: 'mptcp_sysctl_table: a u8 without bounds; 6.18.44 refuses 256 and -1.',
  },
  {
    name: 'net.mptcp.path_manager',
    fact: { k: 'string', h: 'proc_path_manager', m: '644', s: 'netns', mod: 'builtin', at: 'net/mptcp/ctrl.c' },
    source: 'mptcp_sysctl_table: a path manager name (the registered names are checked by nameValues.ts).',
  },
  {
    name: 'net.mptcp.available_path_managers',
    fact: { k: 'string', h: 'proc_available_path_managers', m: '444', s: 'netns', mod: 'builtin', at: 'net/mptcp/ctrl.c' },
    source: 'mptcp_sysctl_table: mode 0444, the list of registered path managers.',
  },
];

/**
 * Keys whose table entries are filled in at run time, so the generator cannot place them: the
 * per-protocol logger choice of nf_log (netfilter_log_sysctl_init names them 0 .. NFPROTO_NUMPROTO-1
 * and registers them per network namespace; net/netfilter/nf_log.c, netfilter.o, built in).
 */
export const BUILT_AT_RUN_TIME: readonly AddedAfterSources[] = Array.from({ length: 11 }, (_, protocol) => ({
  name: `net.netfilter.nf_log.${protocol}`,
  fact: { k: 'string', h: 'nf_log_proc_dostring', m: '644', s: 'netns', mod: 'builtin', at: 'net/netfilter/nf_log.c:461' } as const,
  source: 'netfilter_log_sysctl_init fills the table at run time: a logger name such as nf_log_ipv4, or NONE.',
}));
