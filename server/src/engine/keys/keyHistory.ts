/**
 * Version history the kernel facts cannot show (data only): keys removed before 6.1, the oldest
 * source tree the generator reads, and keys that only patched vendor kernels have. Keys removed
 * between 6.1 and 6.12, or added after either, come from the facts (see kernelFacts.ts).
 */

import { remember } from './nameMemo';

export interface RemovedKey {
  readonly name: string;
  /** First mainline release without the key, where the removal commit is known. */
  readonly removedIn?: string;
  /** Otherwise: a release known not to have it (the oldest source tree the facts read). */
  readonly absentBy?: string;
  /** Where the setting went, our words. */
  readonly instead: string;
  readonly source: string;
}

const SCHED_DEBUGFS = 'moved to debugfs (/sys/kernel/debug/sched/) by upstream commit "sched: Move SCHED_DEBUG sysctl to debugfs"';

export const REMOVED_KEYS: readonly RemovedKey[] = [
  ...['sched_tunable_scaling', 'sched_migration_cost_ns', 'sched_nr_migrate'].map((leaf): RemovedKey => ({
    name: `kernel.${leaf}`,
    removedIn: '5.13',
    instead: 'The scheduler tunables now live in debugfs under /sys/kernel/debug/sched/, not in sysctl.',
    source: SCHED_DEBUGFS,
  })),
  // Moved to debugfs in 5.13, then gone from there too: kernel/sched/debug.c of 6.1 creates them, that of 6.12 does not.
  ...['sched_latency_ns', 'sched_min_granularity_ns', 'sched_wakeup_granularity_ns'].map((leaf): RemovedKey => ({
    name: `kernel.${leaf}`,
    removedIn: '5.13',
    instead: `It moved to debugfs (/sys/kernel/debug/sched/${leaf.slice('sched_'.length)}) and is gone from there too on current kernels, whose EEVDF scheduler has base_slice_ns in its place.`,
    source: `${SCHED_DEBUGFS}; absent from kernel/sched/debug.c of linux-source-6.12 (present in 6.1)`,
  })),
  ...['scan_delay_ms', 'scan_period_min_ms', 'scan_period_max_ms', 'scan_size_mb'].map((leaf): RemovedKey => ({
    name: `kernel.numa_balancing_${leaf}`,
    removedIn: '5.13',
    instead: 'The NUMA balancing tunables now live in debugfs under /sys/kernel/debug/sched/numa_balancing/.',
    source: SCHED_DEBUGFS,
  })),
  {
    name: 'kernel.sched_compat_yield',
    removedIn: '2.6.39',
    instead: 'No replacement: the CFS yield behaviour it selected is gone.',
    source: 'removed with the CFS yield rework (kernelnewbies Linux 2.6.39)',
  },
  {
    name: 'net.ipv4.tcp_abc',
    removedIn: '3.9',
    instead: 'Appropriate Byte Counting was removed; there is nothing to set.',
    source: 'upstream commit "tcp: remove Appropriate Byte Count support"',
  },
  { name: 'net.ipv4.tcp_cookie_size', removedIn: '3.10', instead: 'TCP Cookie Transactions were removed; there is nothing to set.', source: 'upstream commit "tcp: Remove TCPCT"' },
  {
    name: 'net.ipv4.tcp_frto_response',
    removedIn: '3.10',
    instead: 'F-RTO was rewritten to RFC 5682; only net.ipv4.tcp_frto remains.',
    source: 'upstream commit "tcp: implement RFC5682 F-RTO"',
  },
  { name: 'net.ipv4.tcp_dma_copybreak', removedIn: '3.19', instead: 'NET_DMA offload was removed; there is nothing to set.', source: 'upstream commit "net_dma: simple removal"' },
  { name: 'net.ipv4.tcp_max_ssthresh', absentBy: '6.1', instead: 'Limited slow start was removed; there is nothing to set.', source: 'absent from the linux-source-6.1 tables' },
  {
    name: 'kernel.random.read_wakeup_threshold',
    absentBy: '6.1',
    instead:
      'The blocking entropy pool it woke readers of was removed ("random: Remove kernel.random.read_wakeup_threshold"); /dev/random no longer blocks once seeded, and there is nothing to set.',
    source: 'upstream patch "random: Remove kernel.random.read_wakeup_threshold"; absent from the linux-source-6.1 tables',
  },
  {
    name: 'kernel.sched_features',
    absentBy: '6.1',
    instead: 'The scheduler feature switches are in debugfs (/sys/kernel/debug/sched/features on current kernels), not in sysctl.',
    source: 'a CONFIG_SCHED_DEBUG sysctl of early CFS kernels; absent from the linux-source-6.1 tables',
  },
  {
    name: 'kernel.sched_shares_ratelimit',
    absentBy: '6.1',
    instead: 'A group-scheduling tunable of 2.6-era CFS; there is nothing to set on current kernels.',
    source: 'kernel/sysctl.c of 2.6.2x kernels with CONFIG_FAIR_GROUP_SCHED; absent from the linux-source-6.1 tables',
  },
  {
    name: 'kernel.maps_protect',
    absentBy: '6.1',
    instead: 'Reading /proc/<pid>/maps of another process is now governed by ptrace access checks (see kernel.yama.ptrace_scope); there is nothing to set.',
    source: 'kernel/sysctl.c of 2.6.2x kernels (under CONFIG_PROC_FS); absent from the linux-source-6.1 tables',
  },
  ...[
    ['fs.xfs.xfsbufd_centisecs', 'XFS no longer has the buffer flush thread (xfsbufd) whose interval this was; there is nothing to set.'],
    ['fs.xfs.age_buffer_centisecs', 'XFS no longer ages delayed-write buffers by this timer; there is nothing to set.'],
  ].map(([name, instead]): RemovedKey => ({
    name,
    removedIn: '4.0',
    instead,
    source: 'Documentation/admin-guide/xfs.rst of linux-source-6.12, "Removed Sysctls" (removed in v4.0)',
  })),
  {
    name: 'vm.bdflush',
    absentBy: '6.1',
    instead: 'The buffer-flush tunables of Linux 2.4 gave way to vm.dirty_ratio, vm.dirty_background_ratio and vm.dirty_expire_centisecs in 2.6.',
    source: '/proc/sys/vm/bdflush of 2.2 and 2.4 kernels (LKML); absent from the linux-source-6.1 tables',
  },
  {
    name: 'vm.block_dump',
    absentBy: '6.1',
    instead: 'The block_dump debugging switch (every block I/O logged to the kernel log) was removed; blktrace and the block layer tracepoints do that job.',
    source: 'kernel/sysctl.c of 2.6 to 5.x kernels; removed by the upstream patch "block_dump: remove block_dump feature" (2021); absent from the linux-source-6.1 tables',
  },
  {
    name: 'net.ipv4.tcp_thin_dupack',
    absentBy: '6.1',
    instead: 'The thin-stream dupack heuristic was removed; net.ipv4.tcp_thin_linear_timeouts remains.',
    source: 'absent from the linux-source-6.1 tables',
  },
];

export interface VendorKey {
  /** Key name, or a prefix ending in '.' for a whole subtree. */
  readonly name: string;
  /** The patch set that adds it, as it reads after "exists only on kernels with". */
  readonly patch: string;
  /**
   * The key exists only in OpenWrt and the firmware built on it, so a file that sets it is for
   * OpenWrt, whose boot loads its kernel modules (/etc/modules.d) before it applies sysctl files.
   */
  readonly openWrt?: true;
}

export const VENDOR_KEYS: readonly VendorKey[] = [
  { name: 'kernel.unprivileged_userns_clone', patch: 'the Debian and Ubuntu kernel patch (also linux-hardened and linux-zen)' },
  { name: 'kernel.apparmor_restrict_unprivileged_userns', patch: "Ubuntu's AppArmor patches (Ubuntu 23.10 and later)" },
  { name: 'kernel.apparmor_restrict_unprivileged_unconfined', patch: "Ubuntu's AppArmor patches (Ubuntu 23.10 and later)" },
  { name: 'kernel.deny_new_usb', patch: 'the linux-hardened patch set' },
  { name: 'kernel.tiocsti_restrict', patch: 'the linux-hardened patch set' },
  { name: 'kernel.device_sidechannel_restrict', patch: 'the linux-hardened patch set' },
  { name: 'net.ipv4.tcp_simult_connect', patch: 'the linux-hardened patch set (from grsecurity)' },
  { name: 'kernel.exec-shield', patch: 'the exec-shield patch (Red Hat Enterprise Linux 5 and 6 kernels)' },
  { name: 'kernel.rr_interval', patch: "the BFS and MuQSS CPU schedulers of Con Kolivas's -ck patch set (Liquorix, GalliumOS and other -ck kernels)" },
  { name: 'kernel.iso_cpu', patch: "the BFS and MuQSS CPU schedulers of Con Kolivas's -ck patch set" },
  { name: 'kernel.yield_type', patch: "the MuQSS CPU scheduler (-ck patch set) and Project C's BMQ and PDS schedulers" },
  { name: 'kernel.grsecurity.', patch: 'the grsecurity patch' },
  { name: 'kernel.pax.', patch: 'the PaX or grsecurity patches' },
  { name: 'vm.heap_stack_gap', patch: 'the grsecurity and PaX patches' },
  { name: 'vm.min_free_order_shift', patch: "Android's kernel patches (older Android common kernels)" },
  { name: 'net.netfilter.nf_conntrack_skip_filter', patch: 'a router firmware patch of OpenWrt-based kernels (Turris OS reads it)', openWrt: true },
  {
    name: 'net.netfilter.nf_conntrack_tcp_no_window_check',
    patch: "OpenWrt's kernel patch 613-netfilter-optional-tcp-window-check (OpenWrt and firmware built on it)",
    openWrt: true,
  },
  { name: 'vm.pagecache_ratio', patch: 'an out-of-tree page-cache limit patch that some router vendor kernels carry (ASUS and other Broadcom SDK firmware)' },
  { name: 'fs.may_detach_mounts', patch: 'the patches of RHEL and CentOS 7 (3.10.0-693 and later, added there for Docker)' },
  { name: 'net.ipv4.tcp_collapse_max_bytes', patch: "Cloudflare's TCP collapse patch (XanMod, CachyOS and similar kernels)" },
  { name: 'xen.independent_wallclock', patch: 'the XenLinux patches of classic Xen guest kernels (2.6.18-xen and distribution kernels built on them)' },
  { name: 'kernel.init_private', patch: "the patches of the development machine's vendor kernel (6.18.44-fc)" },
];

/** Keys the kernel still registers but no longer reads: a write succeeds and changes nothing. */
export interface NoEffectKey {
  readonly name: string;
  /** A release known to ignore it (the first one where the removal commit is known, else the oldest tree read). */
  readonly ignoredBy: string;
  /** What it used to do and why it is gone, our words. */
  readonly why: string;
  readonly source: string;
}

export const NO_EFFECT_KEYS: readonly NoEffectKey[] = [
  {
    name: 'net.ipv4.tcp_low_latency',
    ignoredBy: '4.14',
    why: 'it switched off the TCP prequeue, which was removed in Linux 4.14; the key stays only so that writes still succeed.',
    source: 'upstream commit "tcp: remove prequeue support"; a static variable nothing reads in net/ipv4/sysctl_net_ipv4.c of linux-source-6.1 and 6.12',
  },
  {
    name: 'net.ipv4.tcp_fack',
    ignoredBy: '4.18',
    why: 'forward-acknowledgment loss recovery was removed (RACK took its place); the key stays only so that writes still succeed.',
    source:
      'sysctl_tcp_fack is marked obsolete and read nowhere in linux-source-6.1 (include/net/netns/ipv4.h); ip-sysctl.rst has called it a legacy option without effect since the 4.x series (RACK replaced FACK in 4.15-4.18)',
  },
  {
    name: 'net.ipv4.tcp_adv_win_scale',
    ignoredBy: '6.6',
    why: 'TCP now measures the buffer overhead of each socket itself (scaling_ratio) instead of assuming it from this key.',
    source: 'ip-sysctl.rst of linux-source-6.12: "Obsolete since linux-6.6"; sysctl_tcp_adv_win_scale is set and registered but read nowhere in 6.12',
  },
  ...(['kernel.random.write_wakeup_threshold', 'kernel.random.urandom_min_reseed_secs'] as const).map((name): NoEffectKey => ({
    name,
    ignoredBy: '6.1',
    why: 'since the 2022 rewrite of the random number generator the key only reports a fixed value; writes are accepted so that old programs do not fail.',
    source: 'drivers/char/random.c of linux-source-6.1 and 6.12: proc_do_rointvec returns 0 on write and stores nothing',
  })),
];

const NO_EFFECT_BY_NAME = new Map(NO_EFFECT_KEYS.map((k) => [k.name, k]));

export function findNoEffectKey(name: string): NoEffectKey | undefined {
  return NO_EFFECT_BY_NAME.get(name);
}

const REMOVED_BY_NAME = new Map(REMOVED_KEYS.map((r) => [r.name, r]));

export function findRemovedKey(name: string): RemovedKey | undefined {
  return REMOVED_BY_NAME.get(name);
}

export function findVendorKey(name: string): VendorKey | undefined {
  return remember(name, 'vendor', vendorUncached);
}

function vendorUncached(name: string): VendorKey | undefined {
  return VENDOR_KEYS.find((v) =>
    v.name.endsWith('.') ? name.startsWith(v.name) : name === v.name || (v.name === 'kernel.init_private' && name.startsWith('kernel.init_private')),
  );
}
