import { strict as assert } from 'node:assert';
import { findingsOf, fixTable, ruleFixes, ruleTable } from './helpers';

describe('rule invalid-value', () => {
  ruleTable('invalid-value', [
    {
      name: 'not a number',
      text: 'net.core.somaxconn = lots\n',
      expect: [{ severity: 'error', line: 0, at: 'lots', message: ["'lots' is not a value net.core.somaxconn takes: not a number", 'EINVAL', 'Write a whole number'] }],
    },
    {
      name: 'double quotes',
      text: 'net.core.somaxconn = "4096"\n',
      expect: [{ severity: 'error', line: 0, at: '"4096"', message: ['Quotes are not syntax in sysctl files', 'refuses "4096" (EINVAL)'] }],
    },
    {
      name: 'single quotes around a vector',
      text: "net.ipv4.tcp_rmem = '4096 131072 6291456'\n",
      expect: [{ severity: 'error', line: 0, at: "'4096 131072 6291456'", message: 'Quotes are not syntax' }],
    },
    {
      name: 'a decimal point',
      text: 'net.ipv4.tcp_fin_timeout = 4.5\n',
      expect: [{ severity: 'error', line: 0, at: '4.5', message: ['a decimal point is not accepted', 'Write a whole number of seconds'] }],
    },
    {
      name: 'a unit suffix',
      text: 'net.ipv4.tcp_fin_timeout = 45s\n',
      expect: [{ severity: 'error', line: 0, at: '45s', message: "'s' after the number is not accepted" }],
    },
    {
      name: "a leading '+'",
      text: 'net.core.somaxconn = +4096\n',
      expect: [{ severity: 'error', line: 0, at: '+', message: "a leading '+' is not accepted" }],
    },
    {
      name: 'a digit that octal does not have',
      text: 'net.core.somaxconn = 09\n',
      expect: [{ severity: 'error', line: 0, at: { value: '09' }, message: "the digit '9' in an octal number is not accepted" }],
    },
    {
      name: 'words instead of a switch value',
      text: 'net.netfilter.nf_conntrack_acct = yes\n',
      expect: [{ severity: 'error', line: 0, at: 'yes', message: 'Write 0 or 1.' }],
    },
    {
      name: 'words instead of a mode',
      text: 'net.ipv4.tcp_tw_reuse = on\n',
      expect: [{ severity: 'error', line: 0, at: { value: 'on' }, message: 'Write one of 0, 1, 2.' }],
    },
    {
      name: 'too few numbers for a vector (only the leading fields are written)',
      text: 'net.ipv4.tcp_rmem = 4096 131072\n',
      expect: [{ severity: 'warning', line: 0, at: '4096 131072', message: ['takes 3 numbers (min, default, max) but 2 are given', 'and max keeps the value it had'] }],
    },
    {
      name: 'one number for the port range',
      text: 'net.ipv4.ip_local_port_range = 2000\n',
      expect: [{ severity: 'warning', line: 0, at: '2000', message: ['takes 2 numbers (low, high) but 1 is given', 'only the first field is written, and high keeps'] }],
    },
    {
      name: 'too many numbers for a vector',
      text: 'net.ipv4.tcp_wmem = 4096 16384 4194304 8388608\n',
      expect: [{ severity: 'warning', line: 0, at: '8388608', message: 'the kernel ignores the extra ones' }],
    },
    {
      name: 'a word inside a vector',
      text: 'net.ipv4.tcp_rmem = 4096 big 6291456\n',
      expect: [{ severity: 'error', line: 0, at: 'big', message: ['takes 3 numbers (min, default, max); not a number', 'EINVAL'] }],
    },
    {
      name: 'a comment before every field of a vector has a number',
      text: 'net.ipv4.tcp_rmem = 4096 131072 # min default\n',
      expect: [{ severity: 'error', line: 0, at: '#', message: 'not a number, so the kernel refuses the write (EINVAL)' }],
    },
  ]);

  ruleTable('invalid-value', [
    { name: 'whole numbers, hex and tabs', text: 'net.core.somaxconn = 4096\nnet.core.netdev_max_backlog = 0x1000\nnet.ipv4.tcp_rmem = 4096\t131072\t6291456\n', expect: [] },
    { name: 'text after a scalar (suspicious-value reports it)', text: 'net.ipv4.tcp_fin_timeout = 30 seconds\n', expect: [] },
    {
      name: 'a comment after a complete vector (the kernel never reads it)',
      text: 'net.ipv4.tcp_rmem = 4096 131072 6291456 # min default max\nnet.ipv4.ip_local_port_range = 1024 65000 ; wide\n',
      expect: [],
    },
    { name: 'keys the database does not document', text: 'kernel.domainname = "example.com"\nkernel.core_pattern = |/usr/lib/foo %p\n', expect: [] },
    { name: 'a removed key on a kernel without it', text: 'net.ipv4.tcp_tw_recycle = yes\n', expect: [] },
    {
      // procps 4 and systemd-sysctl 252 both fail the write (6.18, private network namespace).
      name: 'an empty value: the kernel refuses it',
      text: 'net.core.somaxconn =\n',
      expect: [{ severity: 'error', line: 0, at: '=', message: ['net.core.somaxconn has an empty value: the kernel refuses it (EINVAL)', 'the old value stays'] }],
    },
    {
      name: 'an empty value made of blanks',
      text: 'net.ipv4.tcp_rmem =  \t \n',
      expect: [{ severity: 'error', line: 0, at: '=', message: 'has an empty value' }],
    },
  ]);

  ruleTable('invalid-value', [
    {
      name: 'an assignment to a read-only key, whatever its value',
      text: 'net.netfilter.nf_conntrack_count = lots\n',
      expect: [{ severity: 'error', line: 0, at: 'net.netfilter.nf_conntrack_count', message: 'is read-only' }],
    },
  ]);

  fixTable([
    {
      name: 'remove double quotes',
      text: 'net.core.somaxconn = "4096"\n',
      ruleId: 'invalid-value',
      fix: 'Remove the quotes',
      result: 'net.core.somaxconn = 4096\n',
      safe: true,
      isPreferred: true,
    },
    {
      name: 'remove single quotes around a vector, CRLF file',
      text: "net.ipv4.tcp_rmem = '4096 131072 6291456'\r\nvm.swappiness = 10\r\n",
      ruleId: 'invalid-value',
      fix: 'Remove the quotes',
      result: 'net.ipv4.tcp_rmem = 4096 131072 6291456\r\nvm.swappiness = 10\r\n',
      safe: true,
    },
    {
      name: 'remove quotes on a last line without a final newline',
      text: 'vm.swappiness = 10\nnet.ipv4.tcp_fin_timeout = "30"',
      ruleId: 'invalid-value',
      fix: 'Remove the quotes',
      result: 'vm.swappiness = 10\nnet.ipv4.tcp_fin_timeout = 30',
      safe: true,
    },
  ]);

  it('quotes followed by more text offer no fix (removing the quotes would leave the rest)', () => {
    // From an Android file: kernel.sem='500 512000 64 2048'; stayed broken after the old fix.
    const [finding] = findingsOf("kernel.sem='500 512000 64 2048';\n", 'invalid-value');
    assert.match(finding?.message ?? '', /Quotes are not syntax/);
    assert.deepEqual(ruleFixes(finding), []);
  });

  it('a value that is not a number offers no guess', () => {
    const [finding] = findingsOf('net.ipv4.tcp_fin_timeout = 45s\n', 'invalid-value');
    assert.deepEqual(ruleFixes(finding), []);
  });
});

describe('rule out-of-range', () => {
  ruleTable('out-of-range', [
    {
      name: 'a u8 switch set to 2',
      text: 'net.netfilter.nf_conntrack_acct = 2\n',
      expect: [{ severity: 'error', line: 0, at: { value: '2' }, message: ['net.netfilter.nf_conntrack_acct is a switch', 'only 0 and 1 are accepted, so 2 is refused (EINVAL)'] }],
    },
    {
      name: 'a u8 switch set to -1',
      text: 'net.netfilter.nf_conntrack_tcp_be_liberal = -1\n',
      expect: [{ severity: 'error', line: 0, at: '-1', message: 'so -1 is refused (EINVAL)' }],
    },
    {
      name: 'tcp_tw_reuse = 3',
      text: 'net.ipv4.tcp_tw_reuse = 3\n',
      expect: [{ severity: 'error', line: 0, at: { value: '3' }, message: ['Value 3 is outside 0..2', 'refuses the write (EINVAL)'] }],
    },
    {
      name: 'nf_conntrack_events = 3',
      text: 'net.netfilter.nf_conntrack_events = 3\n',
      expect: [{ severity: 'error', line: 0, at: { value: '3' }, message: 'Value 3 is outside 0..2' }],
    },
    {
      name: 'somaxconn = -1',
      text: 'net.core.somaxconn = -1\n',
      expect: [{ severity: 'error', line: 0, at: '-1', message: 'Value -1 is outside 0..2147483647' }],
    },
    {
      name: 'somaxconn above INT_MAX',
      text: 'net.core.somaxconn = 2147483648\n',
      expect: [{ severity: 'error', line: 0, at: '2147483648', message: "does not fit the kernel's int field (-2147483648..2147483647)" }],
    },
    {
      name: 'ip_local_port_range high end 65536',
      text: 'net.ipv4.ip_local_port_range = 1024 65536\n',
      expect: [{ severity: 'error', line: 0, at: '65536', message: 'The high value 65536 is outside 1..65535' }],
    },
    {
      name: 'ip_local_port_range low end 0',
      text: 'net.ipv4.ip_local_port_range = 0 100\n',
      expect: [{ severity: 'error', line: 0, at: { value: '0' }, message: 'The low value 0 is outside 1..65535' }],
    },
    {
      name: 'a u8 counter at 256',
      text: 'net.ipv4.tcp_keepalive_probes = 256\n',
      expect: [{ severity: 'error', line: 0, at: '256', message: "does not fit the kernel's u8 field (0..255)" }],
    },
    {
      name: 'fs.nr_open below BITS_PER_LONG',
      text: 'fs.nr_open = 63\n',
      expect: [{ severity: 'error', line: 0, at: '63', message: 'Value 63 is outside 64..2147483584' }],
    },
    {
      name: 'a jiffies timeout above INT_MAX/100 (refused at every HZ)',
      text: 'net.ipv4.tcp_fin_timeout = 21474837\n',
      expect: [{ severity: 'error', line: 0, at: '21474837', message: ['21474837 seconds is more than any kernel accepts', '21474836 at HZ=100', 'EINVAL'] }],
    },
    {
      name: 'a negative jiffies timeout below -INT_MAX/100',
      text: 'net.netfilter.nf_conntrack_tcp_timeout_established = -99999999\n',
      expect: [{ severity: 'error', line: 0, at: '-99999999', message: 'more than any kernel accepts' }],
    },
    {
      name: 'a jiffies timeout just above INT_MAX/1000 (refused at HZ=1000 only)',
      text: 'net.ipv4.tcp_keepalive_time = 2147484\n',
      expect: [{ severity: 'warning', line: 0, at: '2147484', message: ['refused (EINVAL) by kernels built with HZ=1000 (limit 2147483)', 'HZ=250 allows 8589934'] }],
    },
    {
      name: 'a jiffies timeout at INT_MAX/100',
      text: 'net.netfilter.nf_conntrack_tcp_timeout_established = 21474836\n',
      expect: [{ severity: 'warning', line: 0, at: '21474836', message: 'HZ=1000' }],
    },
    {
      name: 'nf_conntrack_max = -1 on current kernels',
      text: 'net.netfilter.nf_conntrack_max = -1\n',
      expect: [{ severity: 'error', line: 0, at: '-1', message: 'Value -1 is outside 0..2147483647' }],
    },
    {
      name: 'fs.file-max above LONG_MAX on current kernels',
      text: 'fs.file-max = 9223372036854775808\n',
      expect: [{ severity: 'error', line: 0, at: '9223372036854775808', message: ['outside 0..9223372036854775807', 'EINVAL'] }],
    },
    {
      name: 'fs.file-max above LONG_MAX before 5.2 is dropped silently',
      text: 'fs.file-max = 9223372036854775808\n',
      settings: { kernelVersion: '5.1' },
      expect: [{ severity: 'error', line: 0, at: '9223372036854775808', message: ['outside 0..9223372036854775807', 'silently dropped although sysctl reports success'] }],
    },
    {
      name: 'tcp_rmem below its 4096 floor, on the 6.1 target too',
      text: 'net.ipv4.tcp_rmem = 1 262144 2147483647\n',
      settings: { kernelVersion: '6.1' },
      expect: [{ severity: 'error', line: 0, at: '1', message: ['min value 1 is outside 4096..2147483647', 'EINVAL'] }],
    },
    {
      name: 'somaxconn = -1 against the bounds of kernel 4.0',
      text: 'net.core.somaxconn = -1\n',
      settings: { kernelVersion: '4.0' },
      expect: [{ severity: 'error', line: 0, at: '-1', message: 'outside 0..65535' }],
    },
  ]);

  ruleTable('out-of-range', [
    { name: 'jiffies at INT_MAX/1000 and its negative', text: 'net.ipv4.tcp_fin_timeout = 2147483\nnet.ipv4.tcp_keepalive_intvl = -2147483\n', expect: [] },
    { name: 'tcp_syncookies = 3 (accepted; suspicious-value reports it)', text: 'net.ipv4.tcp_syncookies = 3\n', expect: [] },
    { name: 'u8 counters up to 255', text: 'net.ipv4.tcp_syncookies = 255\nnet.ipv4.tcp_keepalive_probes = 0\n', expect: [] },
    { name: 'nf_conntrack_max = -1 before 6.15 (stored as 4294967295)', text: 'net.netfilter.nf_conntrack_max = -1\n', settings: { kernelVersion: '6.14' }, expect: [] },
    { name: 'somaxconn 65536 on current kernels', text: 'net.core.somaxconn = 65536\n', expect: [] },
    { name: 'somaxconn 65536 on 4.0 (somaxconn-truncated reports it)', text: 'net.core.somaxconn = 65536\n', settings: { kernelVersion: '4.0' }, expect: [] },
    { name: 'somaxconn 0x10000 on 4.0 (somaxconn-truncated reports it)', text: 'net.core.somaxconn = 0x10000\n', settings: { kernelVersion: '4.0' }, expect: [] },
    { name: 'somaxconn 65536 with a second number on 4.0', text: 'net.core.somaxconn = 65536 1\n', settings: { kernelVersion: '4.0' }, expect: [] },
    { name: 'port range edges', text: 'net.ipv4.ip_local_port_range = 1 65535\n', expect: [] },
    { name: 'tcp_rmem at its 4096 floor, tcp_wmem at 1', text: 'net.ipv4.tcp_rmem = 4096 4096 4096\nnet.ipv4.tcp_wmem = 1 1 1\n', expect: [] },
    { name: 'nf_conntrack_buckets has no upper bound but its width', text: 'net.netfilter.nf_conntrack_buckets = 4294967295\n', expect: [] },
    { name: 'a removed switch on a kernel without it', text: 'net.netfilter.nf_conntrack_dccp_loose = 7\n', expect: [] },
    { name: 'a switch set to 0 or 1', text: 'net.netfilter.nf_conntrack_acct = 1\nnet.netfilter.nf_conntrack_checksum = 0\n', expect: [] },
  ]);

  fixTable([
    {
      name: 'a u8 switch goes to the nearest accepted value, CRLF file',
      text: 'net.netfilter.nf_conntrack_acct = 2\r\nvm.swappiness = 10\r\n',
      ruleId: 'out-of-range',
      fix: 'Change to 1',
      result: 'net.netfilter.nf_conntrack_acct = 1\r\nvm.swappiness = 10\r\n',
      safe: true,
      isPreferred: true,
    },
    {
      name: 'a negative u8 switch goes to 0',
      text: 'net.netfilter.nf_conntrack_tcp_be_liberal = -1\n',
      ruleId: 'out-of-range',
      fix: 'Change to 0',
      result: 'net.netfilter.nf_conntrack_tcp_be_liberal = 0\n',
      safe: true,
    },
    {
      // A mode key: the nearest number is another policy, so --fix does not apply it.
      name: 'tcp_tw_reuse 3 goes to 2, offered but not applied unasked',
      text: 'net.ipv4.tcp_tw_reuse = 3\n',
      ruleId: 'out-of-range',
      fix: 'Change to 2 (nearest accepted value)',
      result: 'net.ipv4.tcp_tw_reuse = 2\n',
      safe: false,
    },
    {
      name: 'somaxconn -1 goes to 0, without a final newline',
      text: 'net.core.somaxconn = -1',
      ruleId: 'out-of-range',
      fix: 'Change to 0 (nearest accepted value)',
      result: 'net.core.somaxconn = 0',
      safe: true,
    },
    {
      name: 'a 0 that turned something off is not raised to the minimum unasked (offered, not safe)',
      text: 'vm.dirty_background_bytes = 0\n',
      ruleId: 'out-of-range',
      fix: 'Change to 1 (nearest accepted value)',
      result: 'vm.dirty_background_bytes = 1\n',
      safe: false,
    },
    {
      name: 'only the port that is out of range changes',
      text: 'net.ipv4.ip_local_port_range = 1024   65536\n',
      ruleId: 'out-of-range',
      fix: 'Change to 65535 (nearest accepted value)',
      result: 'net.ipv4.ip_local_port_range = 1024   65535\n',
      safe: true,
    },
    {
      name: 'a jiffies timeout no kernel accepts goes to the limit every HZ accepts',
      text: 'net.ipv4.tcp_fin_timeout = 21474837',
      ruleId: 'out-of-range',
      fix: 'Change to 2147483 (accepted at every HZ)',
      result: 'net.ipv4.tcp_fin_timeout = 2147483',
      safe: true,
    },
    {
      name: 'a number wider than the field goes to the field maximum',
      text: 'net.ipv4.tcp_keepalive_probes = 256\n',
      ruleId: 'out-of-range',
      fix: 'Change to 255',
      result: 'net.ipv4.tcp_keepalive_probes = 255\n',
      safe: true,
    },
  ]);

  it('the HZ-dependent warning offers no automatic fix', () => {
    const [finding] = findingsOf('net.ipv4.tcp_keepalive_time = 2147484\n', 'out-of-range');
    assert.deepEqual(ruleFixes(finding), []);
  });
});

describe('rule suspicious-value', () => {
  ruleTable('suspicious-value', [
    {
      name: 'a zero timeout',
      text: 'net.netfilter.nf_conntrack_udp_timeout = 0\n',
      expect: [
        { severity: 'warning', line: 0, at: { value: '0' }, message: ['net.netfilter.nf_conntrack_udp_timeout = 0', 'a zero timeout lets matching entries expire at once'] },
      ],
    },
    {
      name: 'a negative timeout',
      text: 'net.ipv4.tcp_fin_timeout = -5\n',
      expect: [{ severity: 'warning', line: 0, at: '-5', message: 'A negative timeout (-5 s) is accepted' }],
    },
    {
      name: 'a leading zero makes the number octal',
      text: 'net.ipv4.tcp_fin_timeout = 010\n',
      expect: [{ severity: 'warning', line: 0, at: '010', message: ['010 has a leading zero, so the kernel reads it as octal', 'stores 8, not 10'] }],
    },
    {
      name: 'a leading zero that does not change the number says nothing (07 is 7 either way)',
      text: 'vm.swappiness = 07\n',
      expect: [],
    },
    {
      name: 'a leading zero in a vector field',
      text: 'net.ipv4.ip_local_port_range = 01024 65535\n',
      expect: [{ severity: 'warning', line: 0, at: '01024', message: 'stores 532, not 1024' }],
    },
    {
      name: 'tcp_syncookies = 3',
      text: 'net.ipv4.tcp_syncookies = 3\n',
      expect: [
        {
          severity: 'warning',
          line: 0,
          at: { value: '3' },
          message: ['net.ipv4.tcp_syncookies = 3 is not one of its modes', '0 (off), 1 (on overflow), 2 (always)', 'behave like 1 (cookies only on overflow).'],
        },
      ],
    },
    {
      name: 'tcp_syncookies = 0',
      text: 'net.ipv4.tcp_syncookies = 0\n',
      expect: [{ severity: 'warning', line: 0, at: { value: '0' }, message: 'cookies off' }],
    },
    {
      name: 'nf_conntrack_max = 0 (no limit at all)',
      text: 'net.netfilter.nf_conntrack_max = 0\n',
      expect: [{ severity: 'warning', line: 0, at: { value: '0' }, message: ['net.netfilter.nf_conntrack_max = 0', 'no limit at all'] }],
    },
    {
      name: 'a boolean that accepts any number, set to 5',
      text: 'net.ipv4.tcp_tw_recycle = 5\n',
      settings: { kernelVersion: '4.9' },
      expect: [{ severity: 'warning', line: 0, at: { value: '5' }, message: ['net.ipv4.tcp_tw_recycle is a switch (0 or 1); 5 is accepted and acts as 1'] }],
    },
    {
      name: 'tcp_tw_recycle = 1 where it still exists',
      text: 'net.ipv4.tcp_tw_recycle = 1\n',
      settings: { kernelVersion: '4.9' },
      expect: [{ severity: 'warning', line: 0, at: { value: '1' }, message: 'drops connections from clients behind NAT' }],
    },
    {
      name: 'a switch whose other values the database does not know',
      text: 'net.netfilter.nf_conntrack_helper = 5\n',
      settings: { kernelVersion: '5.10' },
      expect: [{ severity: 'warning', line: 0, at: { value: '5' }, message: 'the kernel may refuse 5 (EINVAL) or treat it as 1' }],
    },
    {
      name: 'text after the number',
      text: 'net.ipv4.tcp_fin_timeout = 30 seconds\n',
      expect: [{ severity: 'warning', line: 0, at: 'seconds', message: "net.ipv4.tcp_fin_timeout takes one number; the kernel uses 30 and ignores 'seconds'." }],
    },
    {
      name: 'a second number after a scalar',
      text: 'net.core.somaxconn = 4096 8192\n',
      expect: [{ severity: 'warning', line: 0, at: '8192', message: "uses 4096 and ignores '8192'" }],
    },
    {
      name: 'words after a complete vector',
      text: 'net.ipv4.tcp_rmem = 4096 131072 6291456 bytes\n',
      expect: [{ severity: 'warning', line: 0, at: 'bytes', message: "the kernel uses '4096 131072 6291456' and ignores 'bytes'" }],
    },
    {
      name: "an inline '#' comment",
      text: 'net.ipv4.tcp_fin_timeout = 30 # half a minute\n',
      expect: [{ severity: 'info', line: 0, at: '# half a minute', message: ["'# half a minute' is not a comment: it is part of the value", 'move the comment to its own line'] }],
    },
    {
      name: "an inline ';' comment",
      text: 'net.ipv4.tcp_fin_timeout = 30 ; half a minute\n',
      expect: [{ severity: 'info', line: 0, at: '; half a minute', message: 'is not a comment' }],
    },
    {
      name: 'an inline comment after a complete vector',
      text: 'net.ipv4.tcp_rmem = 4096 131072 6291456   # min default max\n',
      expect: [{ severity: 'info', line: 0, at: '# min default max', message: 'text after the 3 numbers it reads' }],
    },
    {
      name: 'zero and octal together: both reported',
      text: 'net.netfilter.nf_conntrack_tcp_timeout_close = 00\nnet.netfilter.nf_conntrack_tcp_timeout_close_wait = 017\n',
      expect: [
        { severity: 'warning', line: 0, at: '00', message: 'a zero timeout' },
        { severity: 'warning', line: 1, at: '017', message: 'stores 15, not 17' },
      ],
    },
  ]);

  ruleTable('suspicious-value', [
    { name: 'ordinary values', text: 'net.ipv4.tcp_fin_timeout = 30\nnet.ipv4.tcp_syncookies = 1\nnet.netfilter.nf_conntrack_max = 262144\n', expect: [] },
    {
      name: 'zero where zero is a normal setting',
      text: 'net.netfilter.nf_conntrack_tcp_loose = 0\nnet.ipv4.tcp_tw_reuse = 0\nnet.netfilter.nf_conntrack_log_invalid = 0\n',
      expect: [],
    },
    { name: 'hex is not octal', text: 'net.ipv4.tcp_fin_timeout = 0x1e\n', expect: [] },
    { name: 'a lone 0 is not octal', text: 'net.netfilter.nf_conntrack_acct = 0\n', expect: [] },
    { name: 'tcp_syncookies = 2 (a listed mode)', text: 'net.ipv4.tcp_syncookies = 2\n', expect: [] },
    { name: 'string keys keep whatever text they have (a # comment after them is reported apart)', text: 'kernel.domainname = foo c\nkernel.core_pattern =\n', expect: [] },
    { name: 'tcp_tw_recycle on a kernel without it', text: 'net.ipv4.tcp_tw_recycle = 1\n', expect: [] },
    { name: 'a refused value is out-of-range, not suspicious', text: 'net.netfilter.nf_conntrack_acct = 2\nnet.ipv4.tcp_fin_timeout = -99999999\n', expect: [] },
    { name: 'trailing blanks', text: 'net.ipv4.tcp_fin_timeout = 30   \t\n', expect: [] },
  ]);

  it('the syncookies note does not end in a double period', () => {
    const [finding] = findingsOf('net.ipv4.tcp_syncookies = 3\n', 'suspicious-value');
    assert.ok(!finding.message.endsWith('..'), finding.message);
  });

  fixTable([
    {
      name: 'octal to decimal (not safe: the author may have meant 8)',
      text: 'net.ipv4.tcp_fin_timeout = 010\n',
      ruleId: 'suspicious-value',
      fix: 'Change to 10 (decimal)',
      result: 'net.ipv4.tcp_fin_timeout = 10\n',
      safe: false,
      isPreferred: true,
    },
    {
      name: 'octal to decimal in a CRLF file without a final newline',
      text: 'vm.swappiness = 10\r\nnet.ipv4.ip_local_port_range = 01024 65535',
      ruleId: 'suspicious-value',
      fix: 'Change to 1024 (decimal)',
      result: 'vm.swappiness = 10\r\nnet.ipv4.ip_local_port_range = 1024 65535',
      safe: false,
    },
    {
      name: 'move an inline comment to the line above',
      text: 'vm.swappiness = 10\nnet.ipv4.tcp_fin_timeout = 30 # half a minute\n',
      ruleId: 'suspicious-value',
      fix: 'Move the comment to the line above',
      result: 'vm.swappiness = 10\n# half a minute\nnet.ipv4.tcp_fin_timeout = 30\n',
      safe: true,
    },
    {
      name: 'move an inline comment in a CRLF file',
      text: 'net.ipv4.tcp_fin_timeout = 30   # half a minute\r\nvm.swappiness = 10\r\n',
      ruleId: 'suspicious-value',
      fix: 'Move the comment to the line above',
      result: '# half a minute\r\nnet.ipv4.tcp_fin_timeout = 30\r\nvm.swappiness = 10\r\n',
      safe: true,
    },
    {
      name: "move a ';' comment as a '#' comment, without a final newline",
      text: 'vm.swappiness = 10\nnet.ipv4.tcp_fin_timeout = 30 ; half a minute',
      ruleId: 'suspicious-value',
      fix: 'Move the comment to the line above',
      result: 'vm.swappiness = 10\n# half a minute\nnet.ipv4.tcp_fin_timeout = 30',
      safe: true,
    },
    {
      name: 'move the comment after a vector',
      text: 'net.ipv4.tcp_rmem = 4096 131072 6291456 # min default max\n',
      ruleId: 'suspicious-value',
      fix: 'Move the comment to the line above',
      result: '# min default max\nnet.ipv4.tcp_rmem = 4096 131072 6291456\n',
      safe: true,
    },
    {
      name: 'a switch that acts as 1 is written as 1',
      text: 'net.ipv4.tcp_tw_recycle = 5\n',
      settings: { kernelVersion: '4.9' },
      ruleId: 'suspicious-value',
      fix: 'Change to 1',
      result: 'net.ipv4.tcp_tw_recycle = 1\n',
      safe: false,
    },
    {
      name: 'a negative switch value that acts as 1 is written as 1',
      text: 'net.ipv4.tcp_tw_recycle = -1\n',
      settings: { kernelVersion: '4.9' },
      ruleId: 'suspicious-value',
      fix: 'Change to 1',
      result: 'net.ipv4.tcp_tw_recycle = 1\n',
      safe: false,
    },
  ]);

  it('notes about values offer no automatic fix', () => {
    for (const text of ['net.netfilter.nf_conntrack_udp_timeout = 0\n', 'net.ipv4.tcp_fin_timeout = -5\n', 'net.netfilter.nf_conntrack_max = 0\n']) {
      const [finding] = findingsOf(text, 'suspicious-value');
      assert.deepEqual(ruleFixes(finding), [], text);
    }
  });
});
