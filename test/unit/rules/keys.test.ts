import { strict as assert } from 'node:assert';
import { findingsOf, fixTable, ruleFixes, ruleTable } from './helpers';

describe('rule unknown-key', () => {
  ruleTable('unknown-key', [
    {
      name: 'a typo, with a did-you-mean',
      text: 'net.netfilter.nf_conntrack_maxx = 1048576\n',
      expect: [
        {
          severity: 'warning',
          line: 0,
          at: 'net.netfilter.nf_conntrack_maxx',
          message: ["Unknown key 'net.netfilter.nf_conntrack_maxx'", 'cannot stat', "Did you mean 'net.netfilter.nf_conntrack_max'?"],
        },
      ],
    },
    {
      // The kernel refuses such names (ip link add: 16 characters, or a ':'), so the directory never exists.
      name: 'an interface name no interface can have: 16 characters, or a colon',
      text: 'net.ipv4.conf.abcdefghijklmno.rp_filter = 1\nnet.ipv4.conf.abcdefghijklmnop.rp_filter = 1\nnet.ipv6.neigh.eth0:1.mcast_solicit = 3\n',
      expect: [
        {
          severity: 'warning',
          line: 1,
          at: 'net.ipv4.conf.abcdefghijklmnop.rp_filter',
          message: ["'abcdefghijklmnop' cannot be an interface name (it has 16 characters and interface names have at most 15)", 'cannot stat'],
        },
        {
          severity: 'warning',
          line: 2,
          at: 'net.ipv6.neigh.eth0:1.mcast_solicit',
          message: ["'eth0:1' cannot be an interface name (interface names cannot contain ':')"],
        },
      ],
    },
    {
      name: 'a VLAN interface written in all-dot form',
      text: 'net.ipv4.conf.eth0.100.rp_filter = 1\n',
      expect: [
        {
          severity: 'warning',
          line: 0,
          at: 'net.ipv4.conf.eth0.100.rp_filter',
          message: ['the VLAN interface is read as two', "Write 'net.ipv4.conf.eth0/100.rp_filter'"],
        },
      ],
    },
    {
      name: 'a glob that matches no known key',
      text: 'net.netfilter.nf_conntrak_* = 1\n',
      expect: [{ severity: 'warning', line: 0, at: 'net.netfilter.nf_conntrak_*', message: "Pattern 'net.netfilter.nf_conntrak_*' matches no known kernel key" }],
    },
    {
      name: 'keys are case-sensitive',
      text: 'NET.IPV4.IP_FORWARD = 1\n',
      expect: [{ severity: 'warning', line: 0, at: 'NET.IPV4.IP_FORWARD', message: "Did you mean 'net.ipv4.ip_forward'?" }],
    },
    {
      name: 'a bare last component: the key it ends',
      text: 'nmi_watchdog = 0\nsomaxconn = 4096\nrp_filter = 1\n',
      expect: [
        { severity: 'warning', line: 0, at: 'nmi_watchdog', message: "Did you mean 'kernel.nmi_watchdog'?" },
        { severity: 'warning', line: 1, at: 'somaxconn', message: "Did you mean 'net.core.somaxconn'?" },
        { severity: 'warning', line: 2, at: 'rp_filter', message: "Did you mean 'net.ipv4.conf.all.rp_filter'?" },
      ],
    },
    {
      name: 'a typo in a per-interface leaf, answered under the same interface',
      text: 'net.ipv4.conf.eth0.rp_filtr = 1\n',
      expect: [{ severity: 'warning', line: 0, at: 'net.ipv4.conf.eth0.rp_filtr', message: "Did you mean 'net.ipv4.conf.eth0.rp_filter'?" }],
    },
    {
      name: 'an exclusion of a key no kernel has (range without the dash)',
      text: '-net.ipv4.tcp_nosuch_thing\n',
      expect: [{ severity: 'warning', line: 0, at: 'net.ipv4.tcp_nosuch_thing', message: "Unknown key 'net.ipv4.tcp_nosuch_thing'" }],
    },
    {
      name: 'a per-interface setting without its interface: the all form, of the other protocol when only it has the leaf',
      text: 'net.ipv4.accept_ra = 0\n',
      expect: [{ severity: 'warning', line: 0, at: 'net.ipv4.accept_ra', message: "Did you mean 'net.ipv6.conf.all.accept_ra'?" }],
    },
    {
      name: 'a per-interface setting without its interface, of the protocol written',
      text: 'net.ipv4.rp_filter = 1\n',
      expect: [{ severity: 'warning', line: 0, at: 'net.ipv4.rp_filter', message: "Did you mean 'net.ipv4.conf.all.rp_filter'?" }],
    },
    {
      name: 'a module parameter and a sysfs file are said to be what they look like',
      text: 'zswap.enabled = 1\nkernel.mm.transparent_hugepage.enabled = never\n',
      expect: [
        {
          severity: 'warning',
          line: 0,
          at: 'zswap.enabled',
          message: ["If 'zswap' is a kernel module", 'zswap.enabled=VALUE on the kernel command line', '/sys/module/zswap/parameters/enabled'],
        },
        {
          severity: 'warning',
          line: 1,
          at: 'kernel.mm.transparent_hugepage.enabled',
          message: ['the sysfs file /sys/kernel/mm/transparent_hugepage/enabled', "'w /sys/kernel/mm/transparent_hugepage/enabled - - - - VALUE'"],
        },
      ],
    },
    {
      name: 'a key with nothing close enough gets no suggestion',
      text: 'completely.made.up.key = 1\n',
      expect: [{ severity: 'warning', line: 0, at: 'completely.made.up.key', message: 'sysctl --system and systemd-sysctl skip it.' }],
    },
  ]);

  ruleTable('unknown-key', [
    { name: 'a real key the database does not document', text: 'kernel.pid_max = 4194304\nvm.swappiness = 10\nnet.ipv4.ip_forward = 1\n', expect: [] },
    { name: 'a per-interface key for any interface name', text: 'net.ipv4.conf.eth7.rp_filter = 1\nnet.ipv6.conf.wlp2s0.disable_ipv6 = 1\n', expect: [] },
    { name: 'a VLAN interface in slash and in path form', text: 'net.ipv4.conf.eth0/100.rp_filter = 1\nnet/ipv4/conf/eth0.100/rp_filter = 1\n', expect: [] },
    { name: 'a glob over interfaces', text: 'net.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.all.rp_filter\n', expect: [] },
    { name: 'a glob over interfaces that do not exist yet (silent in both tools)', text: 'net.ipv4.conf.zz*.rp_filter = 1\n', expect: [] },
    { name: 'a glob over documented keys', text: 'net.netfilter.nf_conntrack_tcp_timeout_* = 60\n', expect: [] },
    { name: 'documented keys in dotted, slash and leading-slash form', text: 'net.core.somaxconn = 4096\nnet/core/somaxconn = 4096\n/net/core/somaxconn = 4096\n', expect: [] },
    { name: 'an alias and a legacy name (legacy-key reports them)', text: 'net.nf_conntrack_max = 1\nnet.ipv4.netfilter.ip_conntrack_max = 1\n', expect: [] },
    { name: 'a removed key (removed-key reports it)', text: 'net.ipv4.tcp_tw_recycle = 0\n', expect: [] },
    { name: "a '..' key (tool-divergence reports it; procps resolves it)", text: 'net/ipv4/../ipv4/tcp_fin_timeout = 30\n', expect: [] },
    { name: 'repeated separators around a real key', text: 'net..ipv4.tcp_fin_timeout = 30\n', expect: [] },
    {
      name: 'broken keys that syntax-error and tool-divergence report',
      text: 'sysctl -w net.core.somaxconn=1024\n--net.core.somaxconn = 1\nnet.ipv4 .ip_forward = 1\n= 1\n',
      expect: [],
    },
  ]);

  it('a BOM on the first key does not add an unknown-key finding', () => {
    assert.deepEqual(findingsOf('\uFEFFvm.swappiness = 12\n', 'unknown-key'), []);
  });

  it('offers the closest names as fixes, the best one preferred', () => {
    const [finding] = findingsOf('net.netfilter.nf_conntrack_maxx = 1\n', 'unknown-key');
    const fixes = ruleFixes(finding);
    assert.equal(fixes[0].title, "Change to 'net.netfilter.nf_conntrack_max'");
    assert.equal(fixes[0].isPreferred, true);
    assert.ok(fixes.length <= 3);
    assert.ok(fixes.slice(1).every((fix) => fix.isPreferred === false));
  });

  it('a glob that matches nothing has no fix of its own', () => {
    const [finding] = findingsOf('net.netfilter.nf_conntrak_* = 1\n', 'unknown-key');
    assert.deepEqual(ruleFixes(finding), []);
  });

  fixTable([
    {
      name: 'did-you-mean replaces only the key',
      text: 'net.netfilter.nf_conntrack_maxx = 1048576\n',
      ruleId: 'unknown-key',
      fix: "Change to 'net.netfilter.nf_conntrack_max'",
      result: 'net.netfilter.nf_conntrack_max = 1048576\n',
      // A guess: offered, never applied by --fix or fix-all.
      safe: false,
      isPreferred: true,
    },
    {
      name: 'did-you-mean keeps the dash, the spacing and a missing final newline',
      text: 'vm.swappiness = 10\n  -net.netfilter.nf_conntrack_maxx   =   5',
      ruleId: 'unknown-key',
      fix: "Change to 'net.netfilter.nf_conntrack_max'",
      result: 'vm.swappiness = 10\n  -net.netfilter.nf_conntrack_max   =   5',
      safe: false,
    },
    {
      name: 'the VLAN key in slash form, CRLF file',
      text: '# vlan\r\nnet.ipv4.conf.eth0.100.rp_filter = 1\r\nvm.swappiness = 10\r\n',
      ruleId: 'unknown-key',
      fix: "Change to 'net.ipv4.conf.eth0/100.rp_filter'",
      result: '# vlan\r\nnet.ipv4.conf.eth0/100.rp_filter = 1\r\nvm.swappiness = 10\r\n',
      safe: true,
      isPreferred: true,
    },
  ]);
});

describe('rule removed-key', () => {
  ruleTable('removed-key', [
    {
      name: 'tcp_tw_recycle on the default (newest documented) kernel',
      text: 'net.ipv4.tcp_tw_recycle = 0\n',
      expect: [
        {
          severity: 'error',
          line: 0,
          at: 'net.ipv4.tcp_tw_recycle',
          tag: 'deprecated',
          message: ["'net.ipv4.tcp_tw_recycle' was removed in Linux 4.12", 'kernel 6.18 (the newest documented', 'cannot stat'],
        },
      ],
    },
    {
      name: 'tcp_tw_recycle on the release that removed it',
      text: 'net.ipv4.tcp_tw_recycle = 0\n',
      settings: { kernelVersion: '4.12' },
      expect: [{ severity: 'error', line: 0, at: 'net.ipv4.tcp_tw_recycle', message: 'on target kernel 4.12 the line fails' }],
    },
    {
      name: 'tcp_tw_recycle with a uname -r kernel string',
      text: 'net.ipv4.tcp_tw_recycle = 0\n',
      settings: { kernelVersion: '5.15.0-105-generic' },
      expect: [{ severity: 'error', line: 0, at: 'net.ipv4.tcp_tw_recycle', message: 'target kernel 5.15' }],
    },
    {
      name: 'tcp_tw_recycle in slash form with the ignore-errors dash',
      text: '-net/ipv4/tcp_tw_recycle = 0\n',
      expect: [{ severity: 'error', line: 0, at: 'net/ipv4/tcp_tw_recycle', message: 'was removed in Linux 4.12' }],
    },
    {
      name: 'nf_conntrack_helper, removed in 6.0, with what to do instead',
      text: 'net.netfilter.nf_conntrack_helper = 1\n',
      expect: [{ severity: 'error', line: 0, at: 'net.netfilter.nf_conntrack_helper', message: ['was removed in Linux 6.0', 'Attach helpers explicitly'] }],
    },
    {
      name: 'a key gone by a release without a known removal release',
      text: 'net.netfilter.nf_conntrack_events_retry_timeout = 15\n',
      expect: [{ severity: 'error', line: 0, at: 'net.netfilter.nf_conntrack_events_retry_timeout', message: 'no longer exists (already gone in Linux 6.18)' }],
    },
    {
      name: 'a removed key with a current replacement',
      text: 'net.netfilter.nf_conntrack_sctp_timeout_heartbeat_acked = 210\n',
      expect: [
        {
          severity: 'error',
          line: 0,
          at: 'net.netfilter.nf_conntrack_sctp_timeout_heartbeat_acked',
          message: ['was removed in Linux 6.2', "Use 'net.netfilter.nf_conntrack_sctp_timeout_established' instead."],
        },
      ],
    },
  ]);

  ruleTable('removed-key', [
    { name: 'tcp_tw_recycle on kernel 4.9', text: 'net.ipv4.tcp_tw_recycle = 0\n', settings: { kernelVersion: '4.9' }, expect: [] },
    { name: 'tcp_tw_recycle on kernel 4.11.12', text: 'net.ipv4.tcp_tw_recycle = 0\n', settings: { kernelVersion: '4.11.12' }, expect: [] },
    { name: 'nf_conntrack_helper on kernel 5.15', text: 'net.netfilter.nf_conntrack_helper = 0\n', settings: { kernelVersion: '5.15' }, expect: [] },
    { name: 'current keys', text: 'net.ipv4.tcp_tw_reuse = 1\nnet.netfilter.nf_conntrack_max = 262144\n', expect: [] },
    { name: 'an alias or legacy name (legacy-key reports them)', text: 'net.nf_conntrack_max = 1\nnet.ipv4.netfilter.ip_conntrack_max = 1\n', expect: [] },
    { name: 'a key whose first release is unverified', text: 'net.ipv4.tcp_tw_reuse_delay = 1000\n', settings: { kernelVersion: '5.10' }, expect: [] },
  ]);

  fixTable([
    {
      name: 'remove a line in the middle',
      text: 'vm.swappiness = 10\nnet.ipv4.tcp_tw_recycle = 1\nvm.dirty_ratio = 20\n',
      ruleId: 'removed-key',
      fix: 'Remove the line',
      result: 'vm.swappiness = 10\nvm.dirty_ratio = 20\n',
      safe: false,
    },
    {
      name: 'remove the last line of a file without a final newline',
      text: 'vm.swappiness = 10\nnet.ipv4.tcp_tw_recycle = 1',
      ruleId: 'removed-key',
      fix: 'Remove the line',
      result: 'vm.swappiness = 10',
      safe: false,
    },
    {
      name: 'remove a line of a CRLF file',
      text: 'net.ipv4.tcp_tw_recycle = 1\r\nvm.swappiness = 10\r\n',
      ruleId: 'removed-key',
      fix: 'Remove the line',
      result: 'vm.swappiness = 10\r\n',
      safe: false,
    },
    {
      name: 'remove the only line',
      text: 'net.ipv4.tcp_tw_recycle = 1',
      ruleId: 'removed-key',
      fix: 'Remove the line',
      result: '',
      safe: false,
    },
  ]);
});

describe('rule legacy-key', () => {
  ruleTable('legacy-key', [
    {
      name: 'the net.nf_conntrack_max alias',
      text: 'net.nf_conntrack_max = 262144\n',
      expect: [
        {
          severity: 'info',
          line: 0,
          at: 'net.nf_conntrack_max',
          message: ["'net.nf_conntrack_max' is an old alias of 'net.netfilter.nf_conntrack_max'", 'only in the initial network namespace'],
        },
      ],
    },
    {
      name: 'the alias in slash form',
      text: 'net/nf_conntrack_max = 262144\n',
      expect: [{ severity: 'info', line: 0, at: 'net/nf_conntrack_max', message: 'is an old alias' }],
    },
    {
      name: 'the ip_conntrack legacy name',
      text: 'net.ipv4.netfilter.ip_conntrack_max = 262144\n',
      expect: [
        {
          severity: 'warning',
          line: 0,
          at: 'net.ipv4.netfilter.ip_conntrack_max',
          tag: 'deprecated',
          message: ["'net.ipv4.netfilter.ip_conntrack_max' is a legacy name", "current kernels only have 'net.netfilter.nf_conntrack_max'"],
        },
      ],
    },
    {
      name: 'a legacy timeout name',
      text: 'net.ipv4.netfilter.ip_conntrack_tcp_timeout_established = 7200\n',
      expect: [{ severity: 'warning', line: 0, at: 'net.ipv4.netfilter.ip_conntrack_tcp_timeout_established', message: "'net.netfilter.nf_conntrack_tcp_timeout_established'" }],
    },
    {
      name: 'the 2.4-era net.ipv4.ip_conntrack_max',
      text: 'net.ipv4.ip_conntrack_max = 65536\n',
      expect: [{ severity: 'warning', line: 0, at: 'net.ipv4.ip_conntrack_max', message: 'Linux 2.4' }],
    },
  ]);

  ruleTable('legacy-key', [
    { name: 'the current name', text: 'net.netfilter.nf_conntrack_max = 262144\n', expect: [] },
    { name: 'an exclusion of the alias', text: '-net.nf_conntrack_max\n', expect: [] },
    { name: 'a typo near the alias (unknown-key reports it)', text: 'net.nf_conntrack_maxx = 1\n', expect: [] },
  ]);

  fixTable([
    {
      name: 'the alias becomes the current name',
      text: 'net.nf_conntrack_max = 262144\n',
      ruleId: 'legacy-key',
      fix: "Use the current name 'net.netfilter.nf_conntrack_max'",
      result: 'net.netfilter.nf_conntrack_max = 262144\n',
      safe: true,
      isPreferred: true,
    },
    {
      name: 'the slash-form alias becomes the dotted current name, CRLF file',
      text: 'net/nf_conntrack_max = 262144\r\nvm.swappiness = 10\r\n',
      ruleId: 'legacy-key',
      fix: "Use the current name 'net.netfilter.nf_conntrack_max'",
      result: 'net.netfilter.nf_conntrack_max = 262144\r\nvm.swappiness = 10\r\n',
      safe: true,
    },
    {
      name: 'the legacy name, without a final newline',
      text: '-net.ipv4.netfilter.ip_conntrack_max = 262144',
      ruleId: 'legacy-key',
      fix: "Use the current name 'net.netfilter.nf_conntrack_max'",
      result: '-net.netfilter.nf_conntrack_max = 262144',
      safe: true,
    },
  ]);
});
