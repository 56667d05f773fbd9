/**
 * Keys whose value is the name of something the kernel or a module registers (data only). A name
 * no mainline kernel registers is refused with ENOENT (unless an out-of-tree module adds it).
 * Names are those the 6.12 sources register (tcp_congestion_ops, nf_logger and mptcp
 * scheduler/path-manager `.name` fields); `modules` maps a name to the module that provides it.
 */

import { remember } from './nameMemo';

export interface NameValueSpec {
  /** Key name or `<ifname>` pattern; `<n>` stands for a number component. */
  readonly key: string;
  readonly what: string;
  readonly names: readonly string[];
  readonly modules?: Readonly<Record<string, string>>;
  /**
   * The kernel loads the module itself when a privileged writer (root, as sysctl runs at boot)
   * names its value, so the module need not be loaded first; with `kernel.modules_disabled = 1` it
   * cannot.
   */
  readonly loadsModuleOnWrite?: { readonly source: string };
  /**
   * The names something outside mainline can register too (a module built elsewhere, a BPF
   * program): a name mainline lacks that fits is not a certain failure.
   */
  readonly registrableElsewhere?: { readonly names: RegExp; readonly source: string };
  readonly source: string;
}

const CONGESTION_MODULES: Readonly<Record<string, string>> = {
  bbr: 'tcp_bbr',
  bic: 'tcp_bic',
  cdg: 'tcp_cdg',
  dctcp: 'tcp_dctcp',
  'dctcp-reno': 'tcp_dctcp',
  highspeed: 'tcp_highspeed',
  htcp: 'tcp_htcp',
  hybla: 'tcp_hybla',
  illinois: 'tcp_illinois',
  lp: 'tcp_lp',
  nv: 'tcp_nv',
  scalable: 'tcp_scalable',
  vegas: 'tcp_vegas',
  veno: 'tcp_veno',
  westwood: 'tcp_westwood',
  yeah: 'tcp_yeah',
};

const NF_LOGGERS = ['nf_log_arp', 'nf_log_ipv4', 'nf_log_ipv6', 'nf_log_netdev', 'nf_log_bridge', 'nfnetlink_log'];

export const NAME_VALUES: readonly NameValueSpec[] = [
  {
    key: 'net.ipv4.tcp_congestion_control',
    what: 'TCP congestion control algorithm',
    names: ['reno', 'cubic', ...Object.keys(CONGESTION_MODULES)],
    modules: { ...CONGESTION_MODULES, cubic: 'tcp_cubic' },
    loadsModuleOnWrite: { source: 'tcp_ca_find_autoload(): request_module("tcp_%s") when the writer has CAP_NET_ADMIN, net/ipv4/tcp_cong.c (linux-source-6.1 and 6.12)' },
    registrableElsewhere: {
      names: /^[A-Za-z][A-Za-z0-9_-]{0,14}$/,
      source: "out-of-tree modules (the BBR scripts' tsunami, bbrplus) and BPF struct_ops register tcp_congestion_ops too; TCP_CA_NAME_MAX is 16 bytes with the NUL",
    },
    source: 'struct tcp_congestion_ops .name in net/ipv4/tcp_*.c (linux-source-6.12)',
  },
  {
    key: 'net.netfilter.nf_log.<n>',
    what: 'netfilter logger',
    names: ['NONE', ...NF_LOGGERS],
    modules: Object.fromEntries(NF_LOGGERS.map((n) => [n, n === 'nfnetlink_log' ? 'nfnetlink_log' : 'nf_log_syslog'])),
    source: 'struct nf_logger .name in net/netfilter/nf_log_syslog.c and nfnetlink_log.c; "NONE" in nf_log.c (linux-source-6.12)',
  },
  { key: 'net.mptcp.scheduler', what: 'MPTCP packet scheduler', names: ['default'], source: 'struct mptcp_sched_ops .name in net/mptcp/sched.c (linux-source-6.12)' },
  { key: 'net.mptcp.path_manager', what: 'MPTCP path manager', names: ['kernel', 'userspace'], source: 'net.mptcp.available_path_managers on 6.18.44' },
];

/** The name-valued spec for a key, if it is one. */
export function findNameValueSpec(name: string): NameValueSpec | undefined {
  return remember(name, 'nameValue', nameValueUncached);
}

function nameValueUncached(name: string): NameValueSpec | undefined {
  const pattern = name.replace(/^net\.netfilter\.nf_log\.\d+$/, 'net.netfilter.nf_log.<n>');
  return NAME_VALUES.find((spec) => spec.key === pattern);
}
