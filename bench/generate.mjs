// @ts-check
// Inputs for the benchmark, generated on every run and never checked in: a `sysctl -a`-like dump
// of this machine (or a built-in sample when procps is missing), with realistic mistakes, repeated
// to size. All randomness is seeded, so a machine gets the same files on every run.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRandom } from './stats.mjs';

/** Used when `sysctl -a` is unavailable: common keys with typical values. */
const SAMPLE = `abi.vsyscall32 = 1
fs.aio-max-nr = 65536
fs.file-max = 9223372036854775807
fs.inotify.max_user_instances = 128
fs.inotify.max_user_watches = 65536
fs.protected_hardlinks = 1
fs.protected_symlinks = 1
fs.suid_dumpable = 0
kernel.core_pattern = core
kernel.core_uses_pid = 0
kernel.dmesg_restrict = 1
kernel.kptr_restrict = 1
kernel.panic = 0
kernel.panic_on_oops = 0
kernel.perf_event_paranoid = 2
kernel.pid_max = 4194304
kernel.randomize_va_space = 2
kernel.sched_autogroup_enabled = 1
kernel.shmall = 18446744073692774399
kernel.shmmax = 18446744073692774399
kernel.sysrq = 176
kernel.threads-max = 192593
kernel.unprivileged_bpf_disabled = 2
kernel.yama.ptrace_scope = 1
net.core.default_qdisc = fq_codel
net.core.netdev_max_backlog = 1000
net.core.optmem_max = 131072
net.core.rmem_default = 212992
net.core.rmem_max = 212992
net.core.somaxconn = 4096
net.core.wmem_default = 212992
net.core.wmem_max = 212992
net.ipv4.conf.all.accept_redirects = 1
net.ipv4.conf.all.rp_filter = 2
net.ipv4.conf.default.accept_source_route = 1
net.ipv4.conf.default.rp_filter = 2
net.ipv4.icmp_echo_ignore_broadcasts = 1
net.ipv4.ip_forward = 0
net.ipv4.ip_local_port_range = 32768\t60999
net.ipv4.tcp_congestion_control = cubic
net.ipv4.tcp_fin_timeout = 60
net.ipv4.tcp_keepalive_time = 7200
net.ipv4.tcp_max_syn_backlog = 512
net.ipv4.tcp_rmem = 4096\t131072\t6291456
net.ipv4.tcp_syncookies = 1
net.ipv4.tcp_tw_reuse = 2
net.ipv4.tcp_wmem = 4096\t16384\t4194304
net.ipv6.conf.all.disable_ipv6 = 0
net.ipv6.conf.all.forwarding = 0
net.ipv6.conf.default.accept_ra = 1
net.netfilter.nf_conntrack_buckets = 65536
net.netfilter.nf_conntrack_max = 262144
net.netfilter.nf_conntrack_tcp_timeout_established = 432000
net.nf_conntrack_max = 262144
vm.dirty_background_ratio = 10
vm.dirty_ratio = 20
vm.max_map_count = 65530
vm.min_free_kbytes = 67584
vm.overcommit_memory = 0
vm.swappiness = 60
vm.vfs_cache_pressure = 100`.split('\n');

let cachedDump;

/** `sysctl -a` of this machine as `key = value` lines, or the built-in sample. */
export function baseDump() {
  if (cachedDump) return cachedDump;
  const result = spawnSync('sysctl', ['-a'], { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = (result.stdout ?? '').split('\n').filter((line) => / = /.test(line));
  cachedDump =
    lines.length >= 100 ? { lines, source: `sysctl -a (${lines.length} keys)` } : { lines: SAMPLE, source: `built-in sample (${SAMPLE.length} keys; sysctl -a unavailable)` };
  return cachedDump;
}

/** procps' display name to its /proc/sys path: dots separate components, `/` stands for a dot. */
function procPath(name) {
  return '/proc/sys/' + name.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'));
}

/**
 * Settings of this machine that procps' dry run accepts: the key exists and has the owner-write
 * bit (as test/cli/dump-procps-oracle.test.ts selects them). Empty without procps.
 */
export function writableSettings() {
  const { lines, source } = baseDump();
  if (source.startsWith('built-in')) return [];
  return lines.filter((line) => {
    const key = line.slice(0, line.indexOf(' = '));
    if (key.includes('/')) return false;
    try {
      return (statSync(procPath(key)).mode & 0o200) !== 0;
    } catch {
      return false;
    }
  });
}

/** A typo in a `key = value` line: two letters of the key's last component swapped. */
function typo(line, random) {
  const eq = line.indexOf(' = ');
  const key = line.slice(0, eq);
  const dot = key.lastIndexOf('.');
  const last = key.slice(dot + 1);
  if (last.length < 3) return `${key}x${line.slice(eq)}`;
  const i = 1 + random.int(last.length - 2);
  return `${key.slice(0, dot + 1)}${last.slice(0, i - 1)}${last[i]}${last[i - 1]}${last.slice(i + 1)}${line.slice(eq)}`;
}

/** One realistic mistake applied to a `key = value` line. */
function mistake(line, random) {
  const eq = line.indexOf(' = ');
  const key = line.slice(0, eq);
  const value = line.slice(eq + 3);
  const dot = key.lastIndexOf('.');
  const last = key.slice(dot + 1);
  switch (random.int(9)) {
    case 0:
      return typo(line, random);
    case 1:
      return `${key} = ${random.pick(['yes', 'on', 'true', 'enabled'])}`; // a word where a number goes
    case 2:
      return `${key} ${value}`; // missing '='
    case 3:
      return `${key} = ${value} # ${random.pick(['tuned', 'was 0', 'see ticket 4711'])}`; // trailing comment
    case 4:
      return `${key.slice(0, dot + 1)} ${last} = ${value}`; // blank inside the key
    case 5:
      return `--${key} = ${value}`; // doubled dash
    case 6:
      return `${key} = ${random.pick(['-1', '99999999999999999999', '0x10', '1e6'])}`; // out of range / not decimal
    case 7:
      return `; ${key} = ${value}`; // semicolon comment
    default:
      return `${key}==${value}`; // doubled '='
  }
}

const PER_INTERFACE = /^(net\.ipv[46]\.(?:conf|neigh))\.([^.]+)\.(.+)$/;

/** The per-interface lines of one real interface of the dump (`all` and `default` are not interfaces), with `<if>` for its name. */
function interfaceTemplate() {
  const { lines } = baseDump();
  let first;
  const template = [];
  for (const line of lines) {
    const match = PER_INTERFACE.exec(line.slice(0, line.indexOf(' = ')));
    if (!match || match[2] === 'all' || match[2] === 'default') continue;
    first ??= match[2];
    if (match[2] === first) template.push(line.replace(PER_INTERFACE, (_m, prefix, _iface, rest) => `${prefix}.<if>.${rest}`));
  }
  return template;
}

/** The dump's keys that are not per-interface (written once on any host). */
function globalLines() {
  return baseDump().lines.filter((line) => {
    const match = PER_INTERFACE.exec(line.slice(0, line.indexOf(' = ')));
    return match === null || match[2] === 'all' || match[2] === 'default';
  });
}

/**
 * A `sysctl -a`-like dump with realistic mistakes (about one line in 30), repeated to exactly
 * `lineCount` lines the way `sysctl -a` grows on a router: the global keys once, then the
 * per-interface keys again for each further block of interfaces (so keys stay unique, as in a
 * real dump). Each repetition has its own mistakes, comments and blank lines.
 */
export function dumpDocument(lineCount, seed = 1) {
  const { lines: all } = baseDump();
  // `all` and `default` are not interfaces (and only `default` has the neigh gc_* keys).
  const perInterface = all.filter((line) => {
    const match = PER_INTERFACE.exec(line.slice(0, line.indexOf(' = ')));
    return match !== null && match[2] !== 'all' && match[2] !== 'default';
  });
  const random = createRandom(seed);
  const out = [];
  for (let copy = 1; out.length < lineCount; copy++) {
    out.push(`# sysctl -a of host-${copy}, kept as a sysctl.d drop-in`);
    const lines =
      copy === 1 || perInterface.length === 0 ? all : perInterface.map((line) => line.replace(PER_INTERFACE, (_m, prefix, iface, rest) => `${prefix}.${iface}c${copy}.${rest}`));
    let section = '';
    for (const line of lines) {
      const top = line.slice(0, line.indexOf('.'));
      if (top !== section) {
        section = top;
        out.push('', `# --- ${top} ---`);
      }
      out.push(random.int(30) === 0 ? mistake(line, random) : line);
    }
  }
  out.length = lineCount;
  return out.join('\n') + '\n';
}

/** `lineCount` lines of settings procps can dry-run (keys that exist here), with a comment now and then. */
export function procpsDocument(lineCount, settings) {
  const out = new Array(lineCount);
  let next = 0;
  for (let i = 0; i < lineCount; i++) {
    if (i % 100 === 0) out[i] = `# block ${i / 100}`;
    else out[i] = settings[next++ % settings.length];
  }
  return out.join('\n') + '\n';
}

/** A typical small drop-in: 30 lines of the dump with comments and two mistakes. */
export function smallDocument() {
  const text = dumpDocument(30, 7).split('\n');
  const random = createRandom(11);
  for (const i of [10, 20]) if (text[i].includes(' = ')) text[i] = mistake(text[i], random);
  return text.join('\n');
}

/** Unique settings without end: the dump once, then its per-interface keys for more and more interfaces. */
function* uniqueSettings() {
  yield* baseDump().lines;
  const template = interfaceTemplate();
  if (template.length === 0) return;
  for (let n = 0; ; n++) for (const line of template) yield line.replace('<if>', `veth${n}`);
}

/** Lines of a file cut to exactly `lineCount`, joined with a final newline. */
function finish(out, lineCount) {
  out.length = lineCount;
  return out.join('\n') + '\n';
}

/** Per-interface keys of 10,000 interfaces: an equal share of each interface's keys, a header now and then, a mistake in 100 lines. */
function interfacesDocument(lineCount, seed) {
  const random = createRandom(seed);
  const template = interfaceTemplate();
  const interfaces = 10_000;
  const perInterface = Math.max(1, Math.floor(lineCount / interfaces) - 0);
  const out = [];
  for (let n = 0; n < interfaces && out.length < lineCount; n++) {
    if (n % 100 === 0) out.push(`# interfaces eth${n} to eth${n + 99}`);
    for (let k = 0; k < perInterface; k++) {
      const line = template[(n * perInterface + k) % template.length].replace('<if>', `eth${n}`);
      out.push(random.int(100) === 0 ? mistake(line, random) : line);
    }
  }
  for (const line of uniqueSettings()) {
    if (out.length >= lineCount) break;
    if (!line.includes('.eth')) out.push(line);
  }
  return finish(out, lineCount);
}

/** `sysctl -a` of a host with 1,000 containers: the global keys once, then each container's veth with a comment; 2% typos. */
function containersDocument(lineCount, seed) {
  const random = createRandom(seed);
  const template = interfaceTemplate();
  const globals = globalLines();
  const containers = 1000;
  const out = ['# sysctl -a of a container host, kept as a sysctl.d drop-in'];
  const perContainer = Math.max(1, Math.min(template.length, Math.floor((lineCount - globals.length - 1) / containers) - 1));
  const withTypos = (line) => (random.int(50) === 0 ? typo(line, random) : line);
  for (const line of globals) out.push(withTypos(line));
  for (let c = 0; c < containers && out.length < lineCount; c++) {
    const veth = `veth${(0x1a2b3c + c * 7919).toString(16)}`;
    out.push(`# container ${c + 1}: ${veth}`);
    for (let k = 0; k < perContainer; k++) out.push(withTypos(template[(c + k) % template.length].replace('<if>', veth)));
  }
  for (const line of uniqueSettings()) {
    if (out.length >= lineCount) break;
    if (line.includes('.veth')) out.push(withTypos(line.replace('.veth', '.vethx')));
  }
  return finish(out, lineCount);
}

const PROSE = [
  'Tuned for the web tier after the load test of March.',
  'Do not lower this without asking the network team.',
  'Values below come from the vendor guide, section 4.',
  'See ticket 4711 for why this is here.',
  'Kept at the distribution default on purpose.',
];

/** Mostly comments and blank lines: paragraphs of prose, commented-out settings and one real setting in ten lines. */
function commentsDocument(lineCount, seed) {
  const random = createRandom(seed);
  const settings = uniqueSettings();
  const out = [];
  while (out.length < lineCount) {
    for (let k = 1 + random.int(5); k > 0; k--) out.push(`# ${random.pick(PROSE)}`);
    const next = settings.next();
    if (next.done) break;
    if (random.int(3) === 0) out.push(`# ${next.value}`, `; ${settings.next().value}`);
    out.push(next.value, '');
    if (random.int(4) === 0) out.push('', '#'.repeat(60), '');
  }
  return finish(out, lineCount);
}

/** 5% unknown keys (near misses and names no kernel has) and bad values among unique settings. */
function badDocument(lineCount, seed) {
  const random = createRandom(seed);
  const out = [];
  let n = 0;
  for (const line of uniqueSettings()) {
    if (out.length >= lineCount) break;
    if (n++ % 100 === 0) out.push(`# block ${n / 100}`);
    const eq = line.indexOf(' = ');
    const key = line.slice(0, eq);
    switch (random.int(40)) {
      case 0:
        out.push(`${key}_old${line.slice(eq)}`); // near miss: did you mean
        break;
      case 1:
        out.push(`vendor.tuning${n}.${key.slice(key.lastIndexOf('.') + 1)}${line.slice(eq)}`); // no kernel has it
        break;
      case 2:
      case 3:
        out.push(`${key} = ${random.pick(['yes', 'fast', '-1', '99999999999999999999', '0x10', '1e6', '12abc'])}`);
        break;
      default:
        out.push(line);
    }
  }
  return finish(out, lineCount);
}

/** The shapes of a 100,000-line file the language server is measured on (issue 16). */
export const SHAPES = {
  dump: { title: 'sysctl -a repeated with 1 mistake in 30 lines', make: (lines) => dumpDocument(lines, 1) },
  interfaces: { title: 'per-interface keys of 10,000 interfaces', make: (lines) => interfacesDocument(lines, 2) },
  containers: { title: 'sysctl -a of a host with 1,000 containers (2% typos)', make: (lines) => containersDocument(lines, 3) },
  comments: { title: 'mostly comments and blank lines', make: (lines) => commentsDocument(lines, 4) },
  bad: { title: '5% unknown keys and bad values', make: (lines) => badDocument(lines, 5) },
  // The dump again, but as a file of a machine tree: the server reads the other files of the tree on each check.
  sysctld: { title: 'sysctl -a repeated, as /etc/sysctl.d/50-bench.conf beside other files', make: (lines) => dumpDocument(lines, 1), tree: true },
};

/**
 * The other files of the machine tree the `sysctld` shape opens its file in: a distribution file
 * before it and a local file after it that overrides a few of its keys, as on a real host.
 */
export const TREE_NEIGHBOURS = {
  '10-distro.conf': '# from the distribution\nnet.ipv4.conf.all.rp_filter = 2\nkernel.kptr_restrict = 1\nnet.core.somaxconn = 4096\n',
  '99-local.conf': '# local overrides, read after 50-bench.conf\nnet.core.somaxconn = 8192\nvm.swappiness = 10\nnet.ipv4.ip_forward = 1\n',
};
