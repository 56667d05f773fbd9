#!/usr/bin/env node
// @ts-check
/**
 * Dev-time generator for server/src/engine/keys/data/known-names.json: the plain list of real
 * kernel sysctl names that the "unknown key / did you mean" check accepts.
 *
 * Sources, all read-only:
 *   1. `sysctl -N -a --deprecated` (procps: names only, never values, never writes);
 *   2. a walk of the /proc/sys directory tree (directory listings only, no file is opened), which
 *      adds write-only entries procps skips (vm.drop_caches, net.ipv4.route.flush, ...);
 *   3. SUPPLEMENT below: names of real keys that need hardware, modules or config options the
 *      generating machine lacks, or that older kernels had (names only, taken from the kernel's
 *      sysctl documentation index and well-known kernel interfaces);
 *   4. the names already in the committed output, unless --fresh is given, so running the
 *      generator on a machine with fewer modules never drops names.
 * Documented keys and their legacy names are added at run time by knownNames.ts, not here.
 *
 * Per-interface entries are folded into patterns (`net.ipv4.conf.<ifname>.<leaf>`), and
 * driver- or user-populated trees are listed as open subtrees. Output is sorted and
 * deterministic for a given set of inputs.
 *
 * Usage: node scripts/generate-known-keys.mjs [--fresh] [--stdout]
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(ROOT, 'server/src/engine/keys/data/known-names.json');

/** Directories whose next component is a network interface name. */
const PER_INTERFACE_PREFIXES = ['net.ipv4.conf', 'net.ipv6.conf', 'net.ipv4.neigh', 'net.ipv6.neigh', 'net.mpls.conf'];

/** Interface-directory names that exist on every system (or are not interfaces at all). */
const STABLE_INTERFACE_NAMES = ['all', 'default', 'lo'];

/**
 * Trees whose entries depend on hardware, drivers or user registrations. Any name below them is
 * accepted unless it falls inside a deeper group whose names are listed exactly.
 */
const OPEN_SUBTREES = ['dev', 'fs.binfmt_misc', 'kernel.sched_domain', 'net.ax25', 'net.llc', 'net.netrom', 'net.phonet', 'net.rds', 'net.rose', 'net.tipc', 'net.x25'];

/** Names seen on the generating machine that mainline kernels do not have (vendor patches). */
const EXCLUDE = [/^kernel\.init_private/];

/** Real keys the generating machine may lack (see header). Parent path → leaf names. */
const SUPPLEMENT = {
  abi: ['cp15_barrier', 'riscv_v_default_allow', 'setend', 'sme_default_vector_length', 'sve_default_vector_length', 'swp'],
  crypto: ['fips_enabled', 'fips_name', 'fips_version'],
  debug: ['kprobes-optimization'],
  'dev.cdrom': ['autoclose', 'autoeject', 'check_media', 'debug', 'info', 'lock'],
  'dev.hpet': ['max-user-freq'],
  'dev.i915': ['oa_max_sample_rate', 'perf_stream_paranoid'],
  'dev.mac_hid': ['mouse_button2_keycode', 'mouse_button3_keycode', 'mouse_button_emulation'],
  'dev.raid': ['speed_limit_max', 'speed_limit_min'],
  'dev.scsi': ['logging_level'],
  'fs.binfmt_misc': ['register', 'status'],
  'fs.nfs': [
    'idmap_cache_timeout',
    'nfs_callback_tcpport',
    'nfs_congestion_kb',
    'nfs_mountpoint_timeout',
    'nlm_grace_period',
    'nlm_tcpport',
    'nlm_timeout',
    'nlm_udpport',
    'nsm_local_state',
    'nsm_use_hostnames',
  ],
  kernel: [
    'acpi_video_flags',
    'hotplug',
    'hyperv_record_panic_msg',
    'ignore-unaligned-usertrap',
    'kexec_load_disabled',
    'kexec_load_limit_panic',
    'kexec_load_limit_reboot',
    'modprobe',
    'modules_disabled',
    'nmi_wd_lpm_factor',
    // Moved to debugfs in 5.13; real on older kernels and still common in tuning profiles.
    'numa_balancing_scan_delay_ms',
    'numa_balancing_scan_period_max_ms',
    'numa_balancing_scan_period_min_ms',
    'numa_balancing_scan_size_mb',
    'panic_on_stackoverflow',
    'perf_user_access',
    'powersave-nap',
    'reboot-cmd',
    'sched_child_runs_first',
    'sched_energy_aware',
    'sched_latency_ns',
    'sched_migration_cost_ns',
    'sched_min_granularity_ns',
    'sched_nr_migrate',
    'sched_schedstats',
    'sched_tunable_scaling',
    'sched_util_clamp_max',
    'sched_util_clamp_min',
    'sched_util_clamp_min_rt_default',
    'sched_wakeup_granularity_ns',
    'sg-big-buff',
    'stack_erasing',
    'stack_tracer_enabled',
    'stop-a',
    'sysrq',
    'unaligned-trap',
    // Distribution kernels (Debian and derived); not in mainline but widely set in hardening guides.
    'unprivileged_userns_clone',
  ],
  'kernel.loadpin': ['enforce'],
  'kernel.yama': ['ptrace_scope'],
  'net.appletalk': ['aarp-expiry-time', 'aarp-resolve-time', 'aarp-retransmit-limit', 'aarp-tick-time'],
  // Older TCP/IP keys removed from current kernels but still found in tuning guides.
  'net.ipv4': ['tcp_abc', 'tcp_cookie_size', 'tcp_dma_copybreak', 'tcp_frto_response', 'tcp_max_ssthresh', 'tcp_thin_dupack'],
  'net.ipv4.vs': [
    'am_droprate',
    'amemthresh',
    'backup_only',
    'cache_bypass',
    'conn_reuse_mode',
    'conntrack',
    'debug_level',
    'drop_entry',
    'drop_packet',
    'est_cpulist',
    'est_nice',
    'expire_nodest_conn',
    'expire_quiescent_template',
    'ignore_tunneled',
    'lblc_expiration',
    'lblcr_expiration',
    'nat_icmp_send',
    'pmtu_disc',
    'run_estimation',
    'schedule_icmp',
    'secure_tcp',
    'sloppy_sctp',
    'sloppy_tcp',
    'snat_reroute',
    'sync_persist_mode',
    'sync_ports',
    'sync_qlen_max',
    'sync_refresh_period',
    'sync_retries',
    'sync_sock_size',
    'sync_threshold',
    'sync_version',
  ],
  'net.mpls': ['default_ttl', 'ip_ttl_propagate', 'platform_labels'],
  'net.sctp': [
    'addip_enable',
    'addip_noauth_enable',
    'addr_scope_policy',
    'association_max_retrans',
    'auth_enable',
    'cookie_hmac_alg',
    'cookie_preserve_enable',
    'ecn_enable',
    'encap_port',
    'hb_interval',
    'intl_enable',
    'l3mdev_accept',
    'max_autoclose',
    'max_burst',
    'max_init_retransmits',
    'path_max_retrans',
    'pf_enable',
    'pf_expose',
    'pf_retrans',
    'plpmtud_probe_interval',
    'prsctp_enable',
    'ps_retrans',
    'rcvbuf_policy',
    'reconf_enable',
    'rto_alpha_exp_divisor',
    'rto_beta_exp_divisor',
    'rto_initial',
    'rto_max',
    'rto_min',
    'sack_timeout',
    'sctp_mem',
    'sctp_rmem',
    'sctp_wmem',
    'sndbuf_policy',
    'udp_port',
    'valid_cookie_life',
  ],
  'net.smc': ['autocorking_size', 'rmem', 'smcr_buf_type', 'smcr_max_conns_per_lgr', 'smcr_max_links_per_lgr', 'smcr_testlink_time', 'wmem'],
  'net.tipc': ['named_timeout', 'tipc_rmem'],
  s390dbf: ['debug_active', 'debug_stoppable'],
  sunrpc: [
    'max_resvport',
    'min_resvport',
    'nfs_debug',
    'nfsd_debug',
    'nlm_debug',
    'rpc_debug',
    'tcp_fin_timeout',
    'tcp_max_slot_table_entries',
    'tcp_slot_table_entries',
    'transports',
    'udp_slot_table_entries',
  ],
  vm: ['compact_memory', 'drop_caches', 'enable_soft_offline', 'highmem_is_dirtyable', 'mem_profiling', 'memory_failure_early_kill', 'memory_failure_recovery', 'nr_trim_pages'],
};

/** Per-interface leaves the generating machine may lack. */
const SUPPLEMENT_PER_INTERFACE = {
  'net.mpls.conf': ['input'],
};

function namesFromProcps() {
  const result = spawnSync('sysctl', ['-N', '-a', '--deprecated'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error || typeof result.stdout !== 'string') return [];
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[a-z]/.test(line));
}

/** Directory walk of /proc/sys; a path component's dots become slashes, as procps prints them. */
function namesFromProcSys(root = '/proc/sys') {
  const names = [];
  const walk = (dir, components) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const next = [...components, entry.name.replace(/\./g, '/')];
      if (entry.isDirectory()) walk(join(dir, entry.name), next);
      else if (entry.isFile()) names.push(next.join('.'));
    }
  };
  if (existsSync(root)) walk(root, []);
  return names;
}

function readExisting() {
  if (!existsSync(OUTPUT)) return { groups: {}, perInterface: {}, openSubtrees: [] };
  return JSON.parse(readFileSync(OUTPUT, 'utf8'));
}

function splitName(name) {
  const index = name.lastIndexOf('.');
  return index < 0 ? ['', name] : [name.slice(0, index), name.slice(index + 1)];
}

function main() {
  const fresh = process.argv.includes('--fresh');
  const toStdout = process.argv.includes('--stdout');

  const machineNames = new Set([...namesFromProcps(), ...namesFromProcSys()]);
  const flat = new Set();
  /** prefix → { leaves: Set, stable: Set, byInterface: Map<ifname, Set<leaf>> } */
  const perInterface = new Map(PER_INTERFACE_PREFIXES.map((p) => [p, { leaves: new Set(), stable: new Set(), byInterface: new Map() }]));
  /** The entry of a prefix known to be in perInterface. */
  const entryOf = (prefix) => /** @type {NonNullable<ReturnType<typeof perInterface.get>>} */ (perInterface.get(prefix));

  for (const name of machineNames) {
    if (EXCLUDE.some((re) => re.test(name))) continue;
    const prefix = PER_INTERFACE_PREFIXES.find((p) => name.startsWith(`${p}.`));
    if (!prefix) {
      flat.add(name);
      continue;
    }
    const rest = name.slice(prefix.length + 1);
    const dot = rest.indexOf('.');
    if (dot <= 0) {
      flat.add(name);
      continue;
    }
    const ifname = rest.slice(0, dot);
    const leaf = rest.slice(dot + 1);
    const entry = entryOf(prefix);
    if (!entry.byInterface.has(ifname)) entry.byInterface.set(ifname, new Set());
    entry.byInterface.get(ifname).add(leaf);
  }

  // Leaves every interface directory may have: the union over directories that are real
  // interfaces. Names that only `all` / `default` have (neigh default gc_* limits) stay flat.
  for (const [prefix, entry] of perInterface) {
    for (const [ifname, leaves] of entry.byInterface) {
      if (ifname === 'all' || ifname === 'default') continue;
      for (const leaf of leaves) entry.leaves.add(leaf);
    }
    for (const [ifname, leaves] of entry.byInterface) {
      if (STABLE_INTERFACE_NAMES.includes(ifname)) entry.stable.add(ifname);
      for (const leaf of leaves) if (!entry.leaves.has(leaf)) flat.add(`${prefix}.${ifname}.${leaf}`);
    }
  }

  for (const [group, leaves] of Object.entries(SUPPLEMENT)) for (const leaf of leaves) flat.add(`${group}.${leaf}`);
  for (const [prefix, leaves] of Object.entries(SUPPLEMENT_PER_INTERFACE)) {
    for (const leaf of leaves) entryOf(prefix).leaves.add(leaf);
  }

  const open = new Set(OPEN_SUBTREES);
  if (!fresh) {
    const existing = readExisting();
    for (const [group, leaves] of Object.entries(existing.groups ?? {})) for (const leaf of leaves) flat.add(`${group}.${leaf}`);
    for (const [prefix, entry] of Object.entries(existing.perInterface ?? {})) {
      if (!perInterface.has(prefix)) perInterface.set(prefix, { leaves: new Set(), stable: new Set(), byInterface: new Map() });
      for (const leaf of entry.leaves ?? []) entryOf(prefix).leaves.add(leaf);
      for (const name of entry.stable ?? []) entryOf(prefix).stable.add(name);
    }
    for (const subtree of existing.openSubtrees ?? []) open.add(subtree);
  }

  const groups = new Map();
  for (const name of flat) {
    const [group, leaf] = splitName(name);
    if (!groups.has(group)) groups.set(group, new Set());
    groups.get(group).add(leaf);
  }

  const sorted = (iterable) => [...iterable].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = ['{'];
  lines.push(
    '  "$comment": "Generated by scripts/generate-known-keys.mjs; do not edit by hand. Real sysctl names: groups maps a parent path to leaf names; perInterface maps a directory to the leaves each <ifname> below it has; openSubtrees accept any name below them.",',
  );
  lines.push('  "groups": {');
  const groupLines = sorted(groups.keys()).map((group) => `    ${JSON.stringify(group)}: ${JSON.stringify(sorted(groups.get(group)))}`);
  lines.push(groupLines.join(',\n'));
  lines.push('  },');
  lines.push('  "perInterface": {');
  const prefixLines = sorted([...perInterface.keys()].filter((p) => entryOf(p).leaves.size > 0)).map((prefix) => {
    const entry = entryOf(prefix);
    return `    ${JSON.stringify(prefix)}: {"stable": ${JSON.stringify(sorted(entry.stable))}, "leaves": ${JSON.stringify(sorted(entry.leaves))}}`;
  });
  lines.push(prefixLines.join(',\n'));
  lines.push('  },');
  lines.push(`  "openSubtrees": ${JSON.stringify(sorted(open))}`);
  lines.push('}');
  const text = `${lines.join('\n')}\n`;

  if (toStdout) {
    process.stdout.write(text);
    return;
  }
  writeFileSync(OUTPUT, text);
  const leafCount = [...groups.values()].reduce((n, set) => n + set.size, 0);
  process.stderr.write(
    `wrote ${OUTPUT}: ${leafCount} names in ${groups.size} groups, ${perInterface.size} per-interface patterns, ` +
      `${open.size} open subtrees, ${Buffer.byteLength(text)} bytes\n`,
  );
}

main();
