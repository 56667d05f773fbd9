import { strict as assert } from 'node:assert';
import { findingsOf, fixTable, ruleFixes, ruleTable } from './helpers';

const SOMAXCONN = 'net.core.somaxconn';
const SYN = 'net.ipv4.tcp_max_syn_backlog';
const COOKIES = 'net.ipv4.tcp_syncookies';
const PORTS = 'net.ipv4.ip_local_port_range';
const LOW = 'net.netfilter.nf_conntrack_frag6_low_thresh';
const HIGH = 'net.netfilter.nf_conntrack_frag6_high_thresh';

describe('rule somaxconn-truncated', () => {
  ruleTable('somaxconn-truncated', [
    {
      name: '65536 on 3.10 is truncated to 0',
      text: `${SOMAXCONN} = 65536\n`,
      settings: { kernelVersion: '3.10' },
      expect: [
        {
          severity: 'error',
          line: 0,
          at: '65536',
          message: ['On kernel 3.10.0 the listen backlog is 16 bits wide', 'somaxconn 65536 is accepted but acts as 0', 'Use at most 65535'],
        },
      ],
    },
    {
      name: '65537 on a RHEL 7 uname string acts as 1',
      text: `${SOMAXCONN} = 65537\n`,
      settings: { kernelVersion: '3.10.0-1160.el7.x86_64' },
      expect: [{ severity: 'error', line: 0, at: '65537', message: 'acts as 1' }],
    },
    {
      name: '65536 on 4.0 is refused',
      text: `${SOMAXCONN} = 65536\n`,
      settings: { kernelVersion: '4.0' },
      expect: [{ severity: 'error', line: 0, at: '65536', message: ['Kernels 3.11 to 4.0 refuse somaxconn above 65535 (EINVAL)', 'on 4.0.0 the value stays at its default'] }],
    },
    {
      name: '65536 on 3.11 is refused',
      text: `${SOMAXCONN} = 65536\n`,
      settings: { kernelVersion: '3.11' },
      expect: [{ severity: 'error', line: 0, at: '65536', message: 'refuse somaxconn above 65535 (EINVAL)' }],
    },
    {
      name: 'the value written in hex',
      text: `${SOMAXCONN} = 0x10000\n`,
      settings: { kernelVersion: '3.10' },
      expect: [{ severity: 'error', line: 0, at: '0x10000', message: 'acts as 0' }],
    },
    {
      name: 'only the winning assignment',
      text: `${SOMAXCONN} = 1024\n${SOMAXCONN} = 131072\n`,
      settings: { kernelVersion: '3.10' },
      expect: [{ severity: 'error', line: 1, at: '131072', message: 'acts as 0' }],
    },
  ]);

  ruleTable('somaxconn-truncated', [
    { name: '65536 on 4.1', text: `${SOMAXCONN} = 65536\n`, settings: { kernelVersion: '4.1' }, expect: [] },
    { name: '65536 on the default kernel', text: `${SOMAXCONN} = 65536\n`, expect: [] },
    { name: '65535 on 3.10', text: `${SOMAXCONN} = 65535\n`, settings: { kernelVersion: '3.10' }, expect: [] },
    { name: 'a large value overridden by a small one', text: `${SOMAXCONN} = 65536\n${SOMAXCONN} = 4096\n`, settings: { kernelVersion: '4.0' }, expect: [] },
    { name: 'above INT_MAX (out-of-range reports it)', text: `${SOMAXCONN} = 2147483648\n`, settings: { kernelVersion: '3.10' }, expect: [] },
  ]);

  for (const kernelVersion of ['3.10', '4.0']) {
    it(`gives the only finding about 65536 on ${kernelVersion}: no out-of-range as well`, () => {
      for (const value of ['65536', '0x10000', '65536 1']) {
        const text = `${SOMAXCONN} = ${value}\n`;
        assert.equal(findingsOf(text, 'somaxconn-truncated', { kernelVersion }).length, 1, value);
        assert.deepEqual(findingsOf(text, 'out-of-range', { kernelVersion }), [], value);
      }
    });
  }

  fixTable([
    {
      name: 'cap at 65535',
      text: `${SOMAXCONN} = 65536\n`,
      settings: { kernelVersion: '3.10' },
      ruleId: 'somaxconn-truncated',
      fix: 'Change to 65535',
      result: `${SOMAXCONN} = 65535\n`,
      safe: true,
      isPreferred: true,
    },
    {
      name: 'cap at 65535 in a CRLF file without a final newline',
      text: `vm.swappiness = 10\r\n${SOMAXCONN} = 262144`,
      settings: { kernelVersion: '4.0' },
      ruleId: 'somaxconn-truncated',
      fix: 'Change to 65535',
      result: `vm.swappiness = 10\r\n${SOMAXCONN} = 65535`,
      safe: true,
    },
  ]);
});

describe('rule syn-backlog-vs-somaxconn', () => {
  ruleTable('syn-backlog-vs-somaxconn', [
    {
      name: 'syncookies off and a SYN backlog below somaxconn',
      text: `${SOMAXCONN} = 4096\n${SYN} = 1024\n${COOKIES} = 0\n`,
      expect: [
        {
          severity: 'warning',
          line: 1,
          at: '1024',
          message: [
            'With tcp_syncookies = 0 a listener drops SYNs from peers it has no history with once more than 768 handshakes are half-open',
            'three quarters of tcp_max_syn_backlog 1024',
            'up to somaxconn 4096',
            'Raise tcp_max_syn_backlog to at least 5461',
          ],
          related: [{ line: 0, at: '4096', message: 'net.core.somaxconn' }],
        },
      ],
    },
    {
      name: 'in any order, with the winning values',
      text: `${COOKIES} = 1\n${SYN} = 8192\n${SOMAXCONN} = 65535\n${COOKIES} = 0\n${SYN} = 2048\n`,
      expect: [{ severity: 'warning', line: 4, at: '2048', message: 'at least 87379', related: [{ line: 2, at: '65535' }] }],
    },
    {
      // tcp_conn_request drops unproven peers once the queue holds more than syn - syn / 4 (6.1, 6.12).
      name: 'a SYN backlog equal to somaxconn: the early drop starts at three quarters of it',
      text: `${SOMAXCONN} = 4096\n${SYN} = 4096\n${COOKIES} = 0\n`,
      expect: [{ severity: 'warning', line: 1, at: '4096', message: ['once more than 3072 handshakes', 'at least 5461'] }],
    },
  ]);

  ruleTable('syn-backlog-vs-somaxconn', [
    { name: 'syncookies on overflow', text: `${SOMAXCONN} = 4096\n${SYN} = 1024\n${COOKIES} = 1\n`, expect: [] },
    { name: 'syncookies always', text: `${SOMAXCONN} = 4096\n${SYN} = 1024\n${COOKIES} = 2\n`, expect: [] },
    { name: 'syncookies left at the default', text: `${SOMAXCONN} = 4096\n${SYN} = 1024\n`, expect: [] },
    { name: 'the smallest SYN backlog whose early drop waits for a full backlog', text: `${SOMAXCONN} = 4096\n${SYN} = 5461\n${COOKIES} = 0\n`, expect: [] },
    { name: 'a SYN backlog well above somaxconn', text: `${SOMAXCONN} = 4096\n${SYN} = 8192\n${COOKIES} = 0\n`, expect: [] },
    { name: 'syncookies turned back on later', text: `${SOMAXCONN} = 4096\n${SYN} = 1024\n${COOKIES} = 0\n${COOKIES} = 1\n`, expect: [] },
  ]);
});

describe('rule port-range-order', () => {
  ruleTable('port-range-order', [
    {
      name: 'the ends reversed',
      text: `${PORTS} = 60999 32768\n`,
      expect: [{ severity: 'error', line: 0, at: '60999 32768', message: ['The low end (60999) is above the high end (32768)', 'EINVAL', "Write '32768 60999'"] }],
    },
    {
      name: 'both ends even',
      text: `${PORTS} = 1024 65000\n`,
      expect: [
        { severity: 'info', line: 0, at: '1024 65000', message: ['Both ends are even', 'prefer different parity for start/end values', 'Make the high end odd (e.g. 64999)'] },
      ],
    },
    {
      name: 'both ends odd, at the top of the range',
      text: `${PORTS} = 1025 65535\n`,
      expect: [{ severity: 'info', line: 0, at: '1025 65535', message: ['Both ends are odd', 'Make the high end even (e.g. 65534)'] }],
    },
    {
      name: 'both ends odd',
      text: `${PORTS} = 10001 60001\n`,
      expect: [{ severity: 'info', line: 0, at: '10001 60001', message: 'e.g. 60002' }],
    },
  ]);

  ruleTable('port-range-order', [
    { name: '1024 65535', text: `${PORTS} = 1024 65535\n`, expect: [] },
    { name: 'the default range', text: `${PORTS} = 32768 60999\n`, expect: [] },
    { name: 'equal ends', text: `${PORTS} = 5000 5000\n`, expect: [] },
    { name: 'only the low end', text: `${PORTS} = 2000\n`, expect: [] },
    { name: 'a reversed range overridden later', text: `${PORTS} = 60999 32768\n${PORTS} = 32768 60999\n`, expect: [] },
  ]);

  it('only the reversed range has a fix', () => {
    const [parity] = findingsOf(`${PORTS} = 1024 65000\n`, 'port-range-order');
    assert.deepEqual(ruleFixes(parity), []);
  });

  it('reads the numbers the kernel reads before a trailing comment, and its fix keeps the comment', () => {
    // unshare -n: sysctl -p of this line stores '1024 65000' and the kernel logs the parity hint.
    const [parity] = findingsOf(`${PORTS} = 1024 65000        # more local ports\n`, 'port-range-order');
    assert.match(parity?.message ?? '', /Both ends are even/);
  });

  fixTable([
    {
      name: 'swap the ends before a trailing comment, which stays',
      text: `${PORTS} = 60999 32768 # swapped\n`,
      ruleId: 'port-range-order',
      fix: "Swap to '32768 60999'",
      result: `${PORTS} = 32768 60999 # swapped\n`,
      safe: true,
    },
    {
      name: 'swap the ends',
      text: `${PORTS} = 60999 32768\n`,
      ruleId: 'port-range-order',
      fix: "Swap to '32768 60999'",
      result: `${PORTS} = 32768 60999\n`,
      safe: true,
      isPreferred: true,
    },
    {
      name: 'swap tab-separated ends in a CRLF file',
      text: `# ports\r\n${PORTS} = 65535\t1024\r\n`,
      ruleId: 'port-range-order',
      fix: "Swap to '1024 65535'",
      result: `# ports\r\n${PORTS} = 1024 65535\r\n`,
      safe: true,
    },
    {
      name: 'swap on a last line without a final newline',
      text: `vm.swappiness = 10\n${PORTS} = 61000 32768`,
      ruleId: 'port-range-order',
      fix: "Swap to '32768 61000'",
      result: `vm.swappiness = 10\n${PORTS} = 32768 61000`,
      safe: true,
    },
  ]);
});

describe('rule threshold-order', () => {
  // mm/page-writeback.c domain_dirty_limits: bg_thresh >= thresh becomes thresh / 2 (6.1, 6.12).
  ruleTable('threshold-order', [
    {
      name: 'a background writeback ratio equal to the dirty ratio (seen in router and Android files)',
      text: 'vm.dirty_ratio = 10\nvm.dirty_background_ratio = 10\n',
      expect: [
        {
          severity: 'warning',
          line: 1,
          at: '10',
          message: ['dirty_background_ratio (10%) is not below dirty_ratio (10%)', 'half of dirty_ratio'],
          related: [{ line: 0, at: '10' }],
        },
      ],
    },
    {
      name: 'in bytes, above',
      text: 'vm.dirty_background_bytes = 200000000\nvm.dirty_bytes = 100000000\n',
      expect: [{ severity: 'warning', line: 0, at: '200000000', message: 'dirty_background_bytes (200000000 bytes) is not below dirty_bytes (100000000 bytes)' }],
    },
    { name: 'below', text: 'vm.dirty_background_ratio = 5\nvm.dirty_ratio = 20\n', expect: [] },
    { name: 'the two forms mixed: one write zeroes the other', text: 'vm.dirty_background_ratio = 5\nvm.dirty_ratio = 5\nvm.dirty_bytes = 100000000\n', expect: [] },
  ]);

  // dirty_ratio_handler zeroes vm_dirty_bytes on a changed ratio, dirty_bytes_handler zeroes
  // vm_dirty_ratio on changed bytes (6.1, 6.12); both 0 make domain_dirty_limits' thresh 0.
  const ZERO_LIMIT = ['vm.dirty_ratio = 0 leaves no dirty limit', 'sets vm.dirty_bytes to 0', 'every buffered write is throttled'];
  ruleTable('threshold-order', [
    {
      name: 'a dirty ratio of 0 with no bytes limit after it (the background ratio is not compared)',
      text: 'vm.dirty_background_ratio = 0\nvm.dirty_ratio = 0\n',
      expect: [{ severity: 'warning', line: 1, at: '0', message: ZERO_LIMIT }],
    },
    {
      name: 'a dirty ratio of 0 after a refused bytes limit',
      text: 'vm.dirty_bytes = 4096\nvm.dirty_ratio = 0\n',
      expect: [{ severity: 'warning', line: 1, at: '0', message: ZERO_LIMIT }],
    },
    { name: 'bytes after the ratio of 0', text: 'vm.dirty_ratio = 0\nvm.dirty_bytes = 268435456\n', expect: [] },
    {
      name: 'a sysctl -a of a machine limited by bytes: the ratio of 0 changes nothing',
      text: 'vm.dirty_bytes = 268435456\nvm.dirty_expire_centisecs = 3000\nvm.dirty_ratio = 0\n',
      expect: [],
    },
    { name: 'a ratio again after the 0', text: 'vm.dirty_ratio = 0\nvm.dirty_ratio = 15\n', expect: [] },
  ]);

  ruleTable('threshold-order', [
    {
      name: 'tcp_rmem out of order',
      text: 'net.ipv4.tcp_rmem = 4096 6291456 131072\n',
      expect: [
        {
          severity: 'warning',
          line: 0,
          at: '4096 6291456 131072',
          message: ['net.ipv4.tcp_rmem must read min <= default <= max, but is 4096 6291456 131072', 'sort the three numbers'],
        },
      ],
    },
    {
      name: 'tcp_wmem reversed',
      text: 'net.ipv4.tcp_wmem = 8192 4096 1024\n',
      expect: [{ severity: 'warning', line: 0, at: '8192 4096 1024', message: 'net.ipv4.tcp_wmem must read min <= default <= max' }],
    },
    {
      name: 'tcp_mem with min above pressure',
      text: 'net.ipv4.tcp_mem = 94500000 91500000 92700000\n',
      expect: [
        { severity: 'warning', line: 0, at: '94500000 91500000 92700000', message: ['net.ipv4.tcp_mem must read min <= pressure <= max', 'memory pressure then behaves oddly'] },
      ],
    },
    {
      name: 'frag6 low above high: on the later line',
      text: `${LOW} = 5000000\n${HIGH} = 4194304\n`,
      expect: [
        {
          severity: 'error',
          line: 1,
          at: '4194304',
          message: ['nf_conntrack_frag6_low_thresh (5000000) is above nf_conntrack_frag6_high_thresh (4194304)', 'EINVAL', 'Keep low <= high'],
          related: [{ line: 0, at: '5000000', message: 'The other threshold' }],
        },
      ],
    },
    {
      name: 'frag6 high set first, then a low above it',
      text: `${HIGH} = 4194304\nvm.swappiness = 10\n${LOW} = 8388608\n`,
      expect: [{ severity: 'error', line: 2, at: '8388608', message: 'is above', related: [{ line: 0, at: '4194304' }] }],
    },
    // Checked on the running kernel (unshare -n): low = 6291456 before high = 8388608 is refused.
    {
      name: 'ipfrag low raised before high: refused against the default high threshold',
      text: 'net.ipv4.ipfrag_low_thresh = 6291456\nnet.ipv4.ipfrag_high_thresh = 8388608\n',
      expect: [
        {
          severity: 'warning',
          line: 0,
          at: '6291456',
          message: [
            'ipfrag_low_thresh = 6291456 is above ipfrag_high_thresh as it stands when this line is written (4194304, the default)',
            'EINVAL',
            'move line 2 above this one',
          ],
          related: [{ line: 1, at: '8388608', message: 'The ipfrag_high_thresh this write needs first' }],
        },
      ],
    },
    {
      name: 'ip6frag high lowered below the default low threshold, with no low line',
      text: 'net.ipv6.ip6frag_high_thresh = 2097152\n',
      expect: [
        {
          severity: 'warning',
          line: 0,
          at: '2097152',
          message: ['below ip6frag_low_thresh as it stands when this line is written (3145728, the default)', 'Set ip6frag_low_thresh below it first.'],
        },
      ],
    },
    {
      name: 'only one frag6 threshold, above the default high one',
      text: `${LOW} = 5000000\n`,
      expect: [{ severity: 'warning', line: 0, at: '5000000', message: 'nf_conntrack_frag6_low_thresh = 5000000 is above nf_conntrack_frag6_high_thresh' }],
    },
  ]);

  ruleTable('threshold-order', [
    { name: 'tcp_rmem in order', text: 'net.ipv4.tcp_rmem = 4096 131072 6291456\nnet.ipv4.tcp_wmem = 4096 16384 4194304\n', expect: [] },
    { name: 'equal thresholds', text: 'net.ipv4.tcp_rmem = 4096 4096 4096\n', expect: [] },
    { name: 'only two numbers (invalid-value reports it)', text: 'net.ipv4.tcp_rmem = 131072 4096\n', expect: [] },
    { name: 'frag6 low equal to high', text: `${LOW} = 4194304\n${HIGH} = 4194304\n`, expect: [] },
    { name: 'frag6 low below high', text: `${LOW} = 3145728\n${HIGH} = 4194304\n`, expect: [] },
    { name: 'only one frag6 threshold, within the default high one', text: `${LOW} = 4000000\n`, expect: [] },
    { name: 'ipfrag raised in the order the kernel needs (high first)', text: 'net.ipv4.ipfrag_high_thresh = 8388608\nnet.ipv4.ipfrag_low_thresh = 6291456\n', expect: [] },
    {
      name: "ipfrag lowered in the order the kernel needs (low first), a '-' line left alone",
      text: 'net.ipv4.ipfrag_low_thresh = 1048576\nnet.ipv4.ipfrag_high_thresh = 2097152\n-net.ipv6.ip6frag_high_thresh = 1\n',
      expect: [],
    },
    { name: 'an unordered triple overridden by an ordered one', text: 'net.ipv4.tcp_rmem = 3 2 1\nnet.ipv4.tcp_rmem = 1 2 3\n', expect: [] },
  ]);

  it('the frag6 order has no automatic fix', () => {
    const [finding] = findingsOf(`${LOW} = 5000000\n${HIGH} = 4194304\n`, 'threshold-order');
    assert.deepEqual(ruleFixes(finding), []);
  });

  fixTable([
    {
      name: 'sort tcp_rmem',
      text: 'net.ipv4.tcp_rmem = 4096 6291456 131072\n',
      ruleId: 'threshold-order',
      fix: 'Sort the three numbers',
      result: 'net.ipv4.tcp_rmem = 4096 131072 6291456\n',
      safe: true,
    },
    {
      name: 'sort tab-separated tcp_wmem in a CRLF file',
      text: 'net.ipv4.tcp_wmem = 8192\t4096\t1024\r\nvm.swappiness = 10\r\n',
      ruleId: 'threshold-order',
      fix: 'Sort the three numbers',
      result: 'net.ipv4.tcp_wmem = 1024 4096 8192\r\nvm.swappiness = 10\r\n',
      safe: true,
    },
    {
      name: 'sort on a last line without a final newline',
      text: 'vm.swappiness = 10\nnet.ipv4.tcp_rmem = 16777216 87380 4096',
      ruleId: 'threshold-order',
      fix: 'Sort the three numbers',
      result: 'vm.swappiness = 10\nnet.ipv4.tcp_rmem = 4096 87380 16777216',
      safe: true,
    },
  ]);
});
