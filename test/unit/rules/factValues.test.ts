import { strict as assert } from 'node:assert';
import type { RuleId } from '../../../server/src/engine';
import { describeFindings, lint } from './helpers';
import type { SettingsPatch } from './helpers';

/**
 * The value checker on keys the curated database does not describe: one shape per value kind the
 * kernel facts give, each with values the kernel refuses (an error must fire) and values it
 * accepts (no error). Target kernel 6.18 unless a case says otherwise.
 */

interface Case {
  readonly line: string;
  /** The rule whose error must fire, or null when no error may fire. */
  readonly error: RuleId | null;
  readonly message?: string;
  readonly settings?: SettingsPatch;
  /** When given: the warnings must be exactly this rule (or none, for null). */
  readonly warning?: RuleId | null;
}

function check(kind: string, cases: readonly Case[]): void {
  describe(kind, () => {
    for (const c of cases) {
      it(`${c.error ? 'error' : 'no error'}: ${c.line}${c.settings?.kernelVersion ? ` (kernel ${c.settings.kernelVersion})` : ''}`, () => {
        const findings = lint(c.line + '\n', { kernelVersion: '6.18', ...c.settings });
        const errors = findings.filter((f) => f.severity === 'error');
        if (c.warning !== undefined) {
          const warnings = findings.filter((f) => f.severity === 'warning').map((f) => f.ruleId);
          assert.deepEqual(warnings, c.warning === null ? [] : [c.warning], describeFindings(findings));
        }
        if (c.error === null) {
          assert.deepEqual(errors, [], describeFindings(errors));
          return;
        }
        assert.equal(errors.length, 1, describeFindings(findings));
        assert.equal(errors[0].ruleId, c.error, describeFindings(errors));
        if (c.message) assert.ok(errors[0].message.includes(c.message), describeFindings(errors));
      });
    }
  });
}

describe('value checker driven by the kernel facts', () => {
  check('the examples of issue 11', [
    { line: 'vm.swappiness = 201', error: 'out-of-range', message: 'outside 0..200' },
    { line: 'vm.overcommit_memory = 3', error: 'out-of-range', message: 'outside 0..2' },
    { line: 'kernel.pid_max = 5000000', error: 'out-of-range', message: '4194304' },
    { line: 'kernel.randomize_va_space = abc', error: 'invalid-value', message: 'not a number' },
    { line: 'kernel.printk = "3 4 1 3"', error: 'invalid-value', message: 'Quotes' },
    { line: 'net.ipv4.ip_forward = yes', error: 'invalid-value' },
    { line: 'kernel.randomize_va_space = 3', error: null },
    { line: 'net.ipv4.conf.eth0.rp_filter = 7', error: null },
  ]);
  check('int with bounds (proc_dointvec_minmax)', [
    { line: 'vm.swappiness = 200', error: null },
    { line: 'vm.swappiness = 0', error: null },
    { line: 'vm.swappiness = -1', error: 'out-of-range' },
    { line: 'vm.swappiness = 1.5', error: 'invalid-value', message: 'decimal point' },
    { line: 'vm.swappiness = 60abc', error: 'invalid-value' },
  ]);
  check('int without bounds (proc_dointvec)', [
    { line: 'kernel.randomize_va_space = -7', error: null },
    { line: 'kernel.randomize_va_space = 2147483647', error: null },
    { line: 'kernel.randomize_va_space = 2147483648', error: 'out-of-range', message: 'int' },
    { line: 'kernel.randomize_va_space = 0x10', error: null },
  ]);
  check('unsigned int (proc_douintvec)', [
    { line: 'kernel.oops_limit = 4294967295', error: null },
    { line: 'kernel.oops_limit = 4294967296', error: 'out-of-range' },
    { line: 'kernel.oops_limit = -1', error: 'out-of-range' },
    { line: 'kernel.oops_limit = -0', error: 'out-of-range', message: 'no minus sign' },
    { line: 'kernel.randomize_va_space = -0', error: null },
  ]);
  check('unsigned long (proc_doulongvec_minmax)', [
    { line: 'fs.aio-max-nr = 18446744073709551615', error: null },
    { line: 'fs.aio-max-nr = 18446744073709551616', error: 'out-of-range' },
    { line: 'fs.aio-max-nr = -1', error: 'out-of-range' },
  ]);
  check('u8 (proc_dou8vec_minmax)', [
    { line: 'net.ipv4.fwmark_reflect = 255', error: null },
    { line: 'net.ipv4.fwmark_reflect = 256', error: 'out-of-range' },
    { line: 'net.ipv4.fwmark_reflect = -1', error: 'out-of-range' },
  ]);
  check('bool (proc_dobool: any int, non-zero is on)', [
    { line: 'dev.tty.legacy_tiocsti = 5', error: null },
    { line: 'dev.tty.legacy_tiocsti = on', error: 'invalid-value' },
  ]);
  check('seconds as jiffies', [
    { line: 'net.ipv4.inet_peer_maxttl = 600', error: null },
    { line: 'net.ipv4.inet_peer_maxttl = -5', error: null },
    { line: 'net.ipv4.inet_peer_maxttl = 99999999999', error: 'out-of-range' },
  ]);
  check('milliseconds as jiffies', [
    { line: 'net.ipv4.icmp_ratelimit = 2147483647', error: null },
    { line: 'net.ipv4.icmp_ratelimit = 4294967296', error: null },
    { line: 'net.ipv4.icmp_ratelimit = -1', error: 'out-of-range', message: 'low 32 bits' },
    { line: 'net.ipv4.icmp_ratelimit = 2147483648', error: 'out-of-range' },
    { line: 'net.ipv4.neigh.eth0.interval_probe_time_ms = 0', error: 'out-of-range', message: 'minimum of 1' },
    { line: 'net.ipv4.neigh.eth0.interval_probe_time_ms = 1', error: null },
  ]);
  check('USER_HZ ticks as jiffies', [
    { line: 'net.ipv4.neigh.eth0.locktime = 100', error: null },
    { line: 'net.ipv4.neigh.eth0.locktime = -100', error: null },
  ]);
  check('vectors (maxlen / sizeof)', [
    { line: 'kernel.printk = 3 4 1 3', error: null },
    { line: 'kernel.printk = 3 4', error: null },
    { line: 'kernel.printk = 3 4 1 3 7', error: null },
    { line: 'kernel.printk = 3 4 x', error: 'invalid-value' },
    { line: 'net.ipv4.tcp_mem = 1 2 -3', error: 'out-of-range' },
  ]);
  check('registered names', [
    { line: 'net.ipv4.tcp_congestion_control = bbr', error: null },
    // Not mainline, but a module built elsewhere or a BPF program can register it (the BBR scripts' tsunami): a warning.
    { line: 'net.ipv4.tcp_congestion_control = bbr2', error: null, warning: 'invalid-value' },
    { line: 'net.ipv4.tcp_congestion_control = tsunami', error: null, warning: 'invalid-value' },
    // No congestion control can be named so: longer than 15 characters, a blank inside, not starting with a letter.
    { line: 'net.ipv4.tcp_congestion_control = bbr_with_a_long_name', error: 'invalid-value', message: 'ENOENT' },
    { line: 'net.ipv4.tcp_congestion_control = bbr plus', error: 'invalid-value', message: 'ENOENT' },
    { line: 'net.ipv4.tcp_congestion_control = 1', error: 'invalid-value', message: 'ENOENT' },
    { line: 'net.netfilter.nf_log.2 = NONE', error: null },
    { line: 'net.netfilter.nf_log.2 = nf_log_ipv4', error: null },
    { line: 'net.netfilter.nf_log.2 = syslog', error: 'invalid-value' },
  ]);
  check('bitmaps, CPU masks and Fast Open keys', [
    { line: 'net.ipv4.ip_local_reserved_ports = 1,2-5,65535', error: null },
    { line: 'net.ipv4.ip_local_reserved_ports = 65536', error: 'invalid-value', message: 'beyond the last entry' },
    { line: 'net.ipv4.ip_local_reserved_ports = 5-2', error: 'invalid-value', message: 'backwards' },
    { line: 'net.ipv4.ip_local_reserved_ports = 8080 8443', error: 'invalid-value' },
    { line: 'net.ipv4.ip_local_reserved_ports = 8080, 8443', error: 'invalid-value' },
    { line: 'net.ipv4.ip_local_reserved_ports = 0x1f90,010', error: null },
    { line: 'net.ipv4.ip_local_reserved_ports = 09', error: 'invalid-value' },
    { line: 'net.ipv6.icmp.ratemask = 0-1,3-127', error: null },
    { line: 'net.ipv6.icmp.ratemask = 256', error: 'invalid-value' },
    { line: 'net.core.rps_default_mask = ff', error: null },
    { line: 'net.core.rps_default_mask = 0xff', error: 'invalid-value' },
    { line: 'net.ipv4.tcp_fastopen_key = 00000000-00000000-00000000-00000000', error: null },
    { line: 'net.ipv4.tcp_fastopen_key = abc', error: 'invalid-value' },
  ]);
  check('modes', [
    { line: 'fs.aio-nr = 5', error: 'invalid-value', message: 'read-only' },
    { line: 'kernel.osrelease = 6.18', error: 'invalid-value', message: 'read-only' },
    { line: 'vm.drop_caches = 3', error: null },
  ]);
  check('keys whose parsing is not derived get no value errors', [
    { line: 'fs.pipe-max-size = 1M', error: null },
    { line: 'net.ipv6.conf.all.addr_gen_mode = 2147483648', error: null },
  ]);
  check('a number the kernel accepts but no documented value means is a warning, never an error', [
    { line: 'net.ipv4.conf.all.rp_filter = 7', error: null, warning: 'suspicious-value' },
    { line: 'kernel.randomize_va_space = 3', error: null, warning: 'suspicious-value' },
    { line: 'net.ipv4.conf.default.rp_filter = 2', error: null, warning: null },
  ]);
  check('keys added after the newest source tree use their curated table facts', [
    { line: 'net.ipv4.tcp_rto_max_ms = abc', error: 'invalid-value' },
    { line: 'net.ipv4.tcp_rto_max_ms = 999', error: 'out-of-range' },
    { line: 'net.ipv4.tcp_rto_max_ms = 120000', error: null },
    { line: 'net.ipv4.tcp_ecn_option = 3', error: 'out-of-range' },
    { line: 'net.ipv6.conf.eth0.force_forwarding = 2', error: 'out-of-range' },
    { line: 'net.ipv6.conf.eth0.force_forwarding = 1', error: null },
  ]);
  check('curated keys keep their own rules and gain the bounds the oracle confirms', [
    { line: 'net.ipv4.tcp_rmem = 4095 87380 6291456', error: 'out-of-range' },
    { line: 'net.ipv4.tcp_rmem = 4096 87380 6291456', error: null },
    { line: 'net.netfilter.nf_conntrack_max = -1', error: null, settings: { kernelVersion: '6.14' } },
  ]);
  it("kernel.sem's semmni past 32768 fails the write half-way (a warning: ipcmni_extend raises it); below 0 it always does", () => {
    const found = (text: string) => lint(text).filter((f) => f.ruleId === 'out-of-range');
    const [above] = found('kernel.sem = 500 2048000 200 40960\n');
    assert.equal(above?.severity, 'warning');
    assert.deepEqual(above.range, { start: { line: 0, character: 29 }, end: { line: 0, character: 34 } });
    assert.match(above.message, /semmni \(number 4\) = 40960 is above 32768, .*ipcmni_extend.*: the write fails \(ERANGE\) after the first three numbers are applied/);
    assert.equal(found('kernel.sem = 250 32000 100 -1\n')[0]?.severity, 'error');
    assert.deepEqual(found('kernel.sem = 250 32000 100 32768\nkernel.sem = 32000 1024000000 500 32000\n'), []);
  });
  it('kernel.shmmni and kernel.msgmni past 32768 are refused unless ipcmni_extend raised the limit at boot (a warning)', () => {
    // Set to 819200 in a public PostgreSQL template: ipc_sysctl.c bounds both by ipc_mni, a boot-time variable.
    const found = (text: string) => lint(text).filter((f) => f.ruleId === 'out-of-range');
    for (const key of ['kernel.shmmni', 'kernel.msgmni']) {
      const [above] = found(`${key} = 819200\n`);
      assert.equal(above?.severity, 'warning', key);
      assert.match(above.message, new RegExp(`^${key} = 819200 is above 32768, .*ipcmni_extend.*: the write fails \\(EINVAL\\) and the old value stays\\.$`));
      assert.deepEqual(found(`${key} = 32768\n`), []);
      // Below 0 the facts' bound speaks, once.
      assert.equal(found(`${key} = -1\n`).length, 1);
    }
  });
  it('bounds the generator could not read come from data: a static left at zero, an enum maximum, a one-element array', () => {
    const outOfRange = (line: string) => lint(`${line}\n`).filter((f) => f.ruleId === 'out-of-range');
    assert.match(outOfRange('kernel.yama.ptrace_scope = 4')[0]?.message ?? '', /outside 0\.\.3/);
    assert.deepEqual(outOfRange('kernel.yama.ptrace_scope = 3'), []);
    // Refused in a private network namespace of the 6.18 machine: 4294967295 is one above GID_T_MAX.
    assert.match(outOfRange('net.ipv4.ping_group_range = 0 4294967295')[0]?.message ?? '', /Field 2 = 4294967295 is outside 0\.\.4294967294/);
    assert.match(outOfRange('net.mptcp.pm_type = 2')[0]?.message ?? '', /outside 0\.\.1/);
  });
  it('a key whose write is a one-off action (vm.drop_caches in Android boot files) gets an info; route.flush in hardening files does not', () => {
    const noted = (text: string) => lint(text).filter((f) => f.ruleId === 'suspicious-value');
    const [drop] = noted('vm.drop_caches = 3\n');
    assert.equal(drop?.severity, 'info');
    assert.match(drop.message, /^vm\.drop_caches is an action, not a setting: .*no value stays set/);
    assert.equal(noted('vm.compact_memory = 1\n').length, 1);
    assert.deepEqual(noted('net.ipv4.route.flush = 1\nnet.ipv6.route.flush = 1\n'), []);
  });
  it('a key the kernel registers but no longer reads gets an info on current targets, nothing on older ones', () => {
    const noted = (text: string, kernelVersion: string) =>
      lint(text, { kernelVersion })
        .filter((f) => f.ruleId === 'suspicious-value')
        .map((f) => [f.range.start.line, f.severity, f.message.replace(/ on .*?: .*/, '')]);
    const text = 'net.ipv4.tcp_low_latency = 1\nnet.ipv4.tcp_fack = 1\n';
    assert.deepEqual(noted(text, '6.18'), [
      [0, 'info', 'net.ipv4.tcp_low_latency has no effect'],
      [1, 'info', 'net.ipv4.tcp_fack has no effect'],
    ]);
    assert.deepEqual(noted(text, '4.9'), []);
    // FACK was gone by 4.18; tcp_adv_win_scale is obsolete from 6.6; the random thresholds take writes and keep nothing.
    assert.deepEqual(noted(text, '5.15'), [
      [0, 'info', 'net.ipv4.tcp_low_latency has no effect'],
      [1, 'info', 'net.ipv4.tcp_fack has no effect'],
    ]);
    const later = 'net.ipv4.tcp_adv_win_scale = -2\nkernel.random.write_wakeup_threshold = 1024\nkernel.random.urandom_min_reseed_secs = 60\n';
    assert.deepEqual(
      noted(later, '6.12').map(([line]) => line),
      [0, 1, 2],
    );
    assert.deepEqual(
      noted(later, '6.1').map(([line]) => line),
      [1, 2],
    );
  });
  it('a # comment after a text value is stored with it: a warning, and a fix that moves it (not applied unasked)', () => {
    const found = lint('kernel.core_pattern = core # my comment\n').filter((f) => f.ruleId === 'suspicious-value');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^'# my comment' is not a comment: kernel\.core_pattern stores it with the rest, as 'core # my comment'/);
    assert.equal(found[0].fixes?.[0].safe, false);
    assert.deepEqual(
      lint('kernel.core_pattern = |/usr/lib/systemd/systemd-coredump %P %u\n').filter((f) => f.ruleId === 'suspicious-value'),
      [],
    );
  });
  it('a quoted name says the quotes are the problem when the name inside is fine', () => {
    const [quoted] = lint('net.ipv4.tcp_congestion_control = "bbr"\n').filter((f) => f.ruleId === 'invalid-value');
    assert.match(quoted?.message ?? '', /^Quotes are not syntax in sysctl files: the kernel looks for a name "bbr"/);
    assert.equal(quoted.fixes?.[0].edits[0].newText, 'bbr');
    const [unknown] = lint('net.ipv4.tcp_congestion_control = "bbr9"\n').filter((f) => f.ruleId === 'invalid-value');
    assert.match(unknown?.message ?? '', /no mainline kernel registers/);
  });
  it('a text value in quotes keeps the quotes: a warning with a fix that removes them', () => {
    const [quoted] = lint('kernel.core_pattern = "/dev/null"\n').filter((f) => f.ruleId === 'suspicious-value');
    assert.equal(quoted?.severity, 'warning');
    assert.match(quoted.message, /^Quotes are not syntax in sysctl files: kernel\.core_pattern is set to "\/dev\/null", quotes included/);
    assert.equal(quoted.fixes?.[0].edits[0].newText, '/dev/null');
  });
  it('a text value longer than its kernel buffer is cut without an error: a warning with the bytes kept', () => {
    const long = `|/usr/local/bin/collect-core ${'--option %p '.repeat(10)}`.trim();
    const findings = lint(`kernel.core_pattern = ${long}\nkernel.core_pattern = |/usr/lib/systemd/systemd-coredump %P %u %g %s %t %c %h\n`, { kernelVersion: '6.18' });
    const cut = findings.filter((f) => f.ruleId === 'suspicious-value');
    assert.deepEqual(
      cut.map((f) => [f.range.start.line, f.severity]),
      [[0, 'warning']],
      describeFindings(findings),
    );
    assert.match(cut[0].message, /keeps only the first 127 bytes .* this 148-byte value is cut short/);
    assert.deepEqual(
      lint('kernel.hostname = ' + 'h'.repeat(64) + '\n').filter((f) => f.ruleId === 'suspicious-value'),
      [],
      '64 bytes fit',
    );
  });
  check('fields the facts know only by place are named by number', [
    { line: 'kernel.usermodehelper.bset = 4294967295 -1', error: 'out-of-range', message: 'Field 2 = -1 does not fit' },
  ]);
  it('kernel.printk with only the console level is information: setting the leading field alone is the idiom', () => {
    const [finding] = lint('kernel.printk = 3\n', { kernelVersion: '6.18' }).filter((f) => f.ruleId === 'invalid-value');
    assert.equal(finding?.severity, 'info');
    assert.match(finding.message, /kernel\.printk takes 4 numbers but 1 is given/);
  });
  it('a short vector of unnamed fields says how many keep their values', () => {
    const [finding] = lint('kernel.usermodehelper.bset = 1\n', { kernelVersion: '6.18' }).filter((f) => f.ruleId === 'invalid-value');
    assert.match(finding?.message ?? '', /takes 2 numbers but 1 is given: only the first field is written, and the last one keeps the value it had\.$/);
  });
  check('versions', [
    { line: 'kernel.sched_latency_ns = 1000000', error: 'removed-key', message: '5.13' },
    { line: 'kernel.sched_latency_ns = 1000000', error: null, settings: { kernelVersion: '5.10' } },
    { line: 'net.ipv4.tcp_rto_max_ms = 1000', error: 'removed-key', message: 'added after Linux 6.12', settings: { kernelVersion: '6.12' } },
    { line: 'kernel.sched_child_runs_first = 1', error: 'removed-key', message: 'removed after Linux 6.1', settings: { kernelVersion: '6.12' } },
    { line: 'kernel.sched_child_runs_first = 1', error: null, settings: { kernelVersion: '6.1' } },
    { line: 'net.ipv4.tcp_tw_recycle = 1', error: 'removed-key', message: '4.12' },
    { line: 'net.ipv4.tcp_abc = 1', error: 'removed-key', message: '3.9' },
    { line: 'net.ipv4.tcp_abc = 1', error: null, settings: { kernelVersion: '3.2' } },
    { line: 'net.ipv4.tcp_thin_dupack = 1', error: 'removed-key', message: 'already gone in Linux 6.1, the oldest kernel whose sources were checked' },
    { line: 'kernel.maps_protect = 1', error: 'removed-key', message: 'already gone in Linux 6.1, the oldest kernel whose sources were checked' },
    { line: 'kernel.random.read_wakeup_threshold = 64', error: 'removed-key', message: 'already gone in Linux 6.1, the oldest kernel whose sources were checked' },
    { line: 'kernel.sched_shares_ratelimit = 250000', error: 'removed-key', message: 'already gone in Linux 6.1, the oldest kernel whose sources were checked' },
    // Found in a 2.6.9-era file and two Android 3.x files: real keys once, not typos.
    { line: 'fs.xfs.xfsbufd_centisecs = 3000', error: 'removed-key', message: 'removed in Linux 4.0' },
    { line: 'fs.xfs.age_buffer_centisecs = 1500', error: 'removed-key', message: 'removed in Linux 4.0' },
    { line: 'fs.xfs.age_buffer_centisecs = 1500', error: null, settings: { kernelVersion: '3.10' } },
    { line: 'vm.block_dump = 0', error: 'removed-key', message: 'already gone in Linux 6.1, the oldest kernel whose sources were checked' },
    { line: 'vm.bdflush = 100 1200 128 512 15 5000 500 1884 2', error: 'removed-key', message: 'vm.dirty_ratio' },
  ]);
});

describe('unknown-key tells which kernels have a key', () => {
  const unknown = (line: string) => lint(line + '\n', { kernelVersion: '6.18' }).filter((f) => f.ruleId === 'unknown-key');
  it('does not fire on a module key the development machine lacks (net.vrf.strict_mode, vrf since 5.8)', () => {
    assert.deepEqual(unknown('net.vrf.strict_mode = 1'), []);
  });
  it('does not fire on keys removed before 6.1 (removed-key speaks about them)', () => {
    assert.deepEqual(unknown('kernel.sched_min_granularity_ns = 1'), []);
  });
  it('names the vendor patch of a key only patched kernels have', () => {
    const [finding] = unknown('kernel.deny_new_usb = 1');
    assert.ok(finding?.message.includes('linux-hardened'), describeFindings(unknown('kernel.deny_new_usb = 1')));
  });
  it('names the scheduler patch of the -ck kernels (BFS, MuQSS) for their keys', () => {
    for (const line of ['kernel.rr_interval = 1', 'kernel.iso_cpu = 70', 'kernel.yield_type = 1']) {
      const [finding] = unknown(line);
      assert.equal(finding?.severity, 'info', describeFindings(unknown(line)));
      assert.ok(finding.message.includes('MuQSS'), finding.message);
    }
  });
  it("names OpenWrt's patch and the router vendors' page-cache patch for their keys", () => {
    for (const [line, patch] of [
      ['net.netfilter.nf_conntrack_tcp_no_window_check = 1', 'OpenWrt'],
      ['vm.pagecache_ratio = 50', 'router vendor kernels'],
      ['vm.heap_stack_gap = 1', 'grsecurity'],
      ['vm.min_free_order_shift = 4', 'Android'],
      ['xen/independent_wallclock = 1', 'XenLinux'],
      ['fs.may_detach_mounts = 1', 'RHEL and CentOS 7'],
      ['net.ipv4.tcp_collapse_max_bytes = 6291456', 'Cloudflare'],
    ]) {
      const [finding] = unknown(line);
      assert.equal(finding?.severity, 'info', describeFindings(unknown(line)));
      assert.ok(finding.message.includes(patch), finding.message);
    }
  });
  it('says "no kernel has it" only for names no source has', () => {
    const [finding] = unknown('net.ipv4.tcp_no_such_key = 1');
    assert.ok(finding?.message.includes('no kernel has it'));
  });
});
