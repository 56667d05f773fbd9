import { strict as assert } from 'node:assert';
import { findingsOf, fixTable, ruleFixes, ruleTable } from './helpers';

const MIB = 1024 * 1024;

describe('rule syntax-error', () => {
  ruleTable('syntax-error', [
    {
      name: 'a line without = (procps warns, systemd fails the service)',
      text: 'net.ipv4.tcp_fin_timeout 30\n',
      expect: [{ severity: 'error', line: 0, at: 'net.ipv4.tcp_fin_timeout 30', message: ["Line is not a setting: it has no '='", 'fails the service'] }],
    },
    {
      name: 'an indented line without =, range trimmed at both ends',
      text: 'vm.swappiness = 10\n   net.ipv4.ip_forward   \n',
      expect: [{ severity: 'error', line: 1, at: 'net.ipv4.ip_forward', message: "has no '='" }],
    },
    {
      name: 'include directives do not exist',
      text: 'include /etc/other.conf\n',
      expect: [{ severity: 'error', line: 0, at: 'include /etc/other.conf', message: "has no '='" }],
    },
    {
      name: 'an empty key',
      text: '= 1\n',
      expect: [{ severity: 'error', line: 0, at: [0, 1], message: "Setting has no key before '='" }],
    },
    {
      name: 'an empty key after the ignore-errors dash',
      text: '-= 1\n',
      expect: [{ severity: 'error', line: 0, at: [1, 2], message: "Setting has no key before '='" }],
    },
    {
      name: 'whitespace inside the key',
      text: 'net.ipv4 .ip_forward = 1\n',
      expect: [{ severity: 'error', line: 0, at: 'net.ipv4 .ip_forward', message: "Key 'net.ipv4 .ip_forward' contains whitespace" }],
    },
    {
      name: 'a pasted `sysctl -w key=value` command',
      text: 'sysctl -w net.core.somaxconn=1024\n',
      expect: [
        {
          severity: 'error',
          line: 0,
          at: 'sysctl -w net.core.somaxconn',
          message: ['This is a sysctl command, not a setting', "the key would be 'sysctl -w net.core.somaxconn'", "Write 'net.core.somaxconn = 1024'"],
        },
      ],
    },
    {
      name: 'a pasted `sysctl key = value` command without -w',
      text: 'sysctl net.ipv4.tcp_fin_timeout = 30\n',
      expect: [{ severity: 'error', line: 0, at: 'sysctl net.ipv4.tcp_fin_timeout', message: "Write 'net.ipv4.tcp_fin_timeout = 30'" }],
    },
    {
      name: 'a NUL byte (from the NUL to the end of the line)',
      text: 'kernel.domainname = ab\0cd\n',
      expect: [{ severity: 'error', line: 0, at: [22, 25], message: 'NUL byte in the line' }],
    },
    {
      name: 'a UTF-8 byte order mark',
      text: '\uFEFFvm.swappiness = 12\n',
      expect: [{ severity: 'error', line: 0, at: [0, 1], message: 'byte order mark' }],
    },
  ]);

  ruleTable('syntax-error', [
    { name: 'settings, comments and blank lines', text: '# comment\n\n   \nvm.swappiness = 10\n  -vm.swappiness = 20\n', expect: [] },
    { name: 'an exclusion has no =', text: '-net.ipv4.conf.all.rp_filter\n', expect: [] },
    { name: 'an = inside the value', text: 'kernel.core_pattern = |/usr/lib/foo %p a=b\nkernel.domainname==foo\n', expect: [] },
    { name: 'a last line without a final newline', text: 'vm.swappiness = 10\nvm.dirty_ratio = 20', expect: [] },
    { name: 'CRLF line endings', text: 'vm.swappiness = 10\r\nvm.dirty_ratio = 20\r\n', expect: [] },
    { name: 'whitespace in the value', text: 'net.ipv4.tcp_rmem = 4096\t131072   6291456\n', expect: [] },
    { name: 'a key that merely starts with "sysctl"', text: 'sysctlx.y = 1\n', expect: [] },
  ]);

  fixTable([
    {
      name: 'the pasted command becomes a setting',
      text: 'sysctl -w net.core.somaxconn=1024\n',
      ruleId: 'syntax-error',
      fix: "Change to 'net.core.somaxconn = 1024'",
      result: 'net.core.somaxconn = 1024\n',
      safe: true,
      isPreferred: true,
    },
    {
      name: 'the pasted command with spaces around =, in a CRLF file',
      text: '# tuned\r\nsysctl -w net.core.somaxconn = 4096\r\nvm.swappiness = 10\r\n',
      ruleId: 'syntax-error',
      fix: "Change to 'net.core.somaxconn = 4096'",
      result: '# tuned\r\nnet.core.somaxconn = 4096\r\nvm.swappiness = 10\r\n',
      safe: true,
    },
    {
      name: 'the pasted command on a last line without a final newline',
      text: 'vm.swappiness = 10\nsysctl -w net.netfilter.nf_conntrack_max=1048576',
      ruleId: 'syntax-error',
      fix: "Change to 'net.netfilter.nf_conntrack_max = 1048576'",
      result: 'vm.swappiness = 10\nnet.netfilter.nf_conntrack_max = 1048576',
      safe: true,
    },
  ]);

  it('other syntax errors offer no fix of their own', () => {
    for (const text of ['net.ipv4.tcp_fin_timeout 30\n', '= 1\n', 'net.ipv4 .ip_forward = 1\n']) {
      const [finding] = findingsOf(text, 'syntax-error');
      assert.deepEqual(ruleFixes(finding), [], text);
    }
  });
});

describe('rule tool-divergence', () => {
  ruleTable('tool-divergence', [
    {
      name: "a space after the ignore-errors '-'",
      text: '- net.ipv4.tcp_fin_timeout = 30\n',
      expect: [{ severity: 'error', line: 0, at: [0, 1], message: ["Space between '-' and the key", 'procps looks up a key starting with a space'] }],
    },
    {
      name: 'two leading dashes',
      text: '--net.ipv4.tcp_fin_timeout = 30\n',
      expect: [{ severity: 'error', line: 0, at: '--', message: ['Two leading dashes', "Use a single '-'"] }],
    },
    {
      name: "a ';' comment",
      text: 'vm.swappiness = 10\n; tuned for the proxy\n',
      expect: [{ severity: 'warning', line: 1, at: ';', message: ["';' comment", 'systemd 259 and later', "Use '#'"] }],
    },
    {
      name: "an indented ';' comment",
      text: '   ;net.ipv4.ip_forward = 1\n',
      expect: [{ severity: 'warning', line: 0, at: ';', message: "';' comment" }],
    },
    {
      name: 'a lone CR line break (the range covers the CR)',
      text: 'net.ipv4.tcp_fin_timeout = 30\rnet.ipv4.tcp_keepalive_time = 600\n',
      expect: [{ severity: 'error', line: 0, at: [29, 30], message: 'lone carriage return' }],
    },
    {
      name: "a '..' component",
      text: 'net/ipv4/../ipv4/tcp_fin_timeout = 30\n',
      expect: [{ severity: 'error', line: 0, at: 'net/ipv4/../ipv4/tcp_fin_timeout', message: ["contains a '..' component", 'systemd-sysctl refuses it (EINVAL)'] }],
    },
    {
      name: 'repeated dots',
      text: 'net..ipv4.tcp_fin_timeout = 30\n',
      expect: [{ severity: 'warning', line: 0, at: 'net..ipv4.tcp_fin_timeout', message: ['repeats a separator', 'separators should not be repeated'] }],
    },
    {
      name: 'repeated slashes',
      text: 'net/ipv4//tcp_fin_timeout = 30\n',
      expect: [{ severity: 'warning', line: 0, at: 'net/ipv4//tcp_fin_timeout', message: 'repeats a separator' }],
    },
    {
      name: 'a glob exclusion',
      text: 'net.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.eth*.rp_filter\n',
      expect: [{ severity: 'warning', line: 1, at: 'net.ipv4.conf.eth*.rp_filter', message: ['glob exclusion is honoured only by procps 4.0.5', 'Exclude each key explicitly'] }],
    },
    {
      name: 'a line holding only a form feed',
      text: 'vm.swappiness = 10\n\f\nvm.dirty_ratio = 20\n',
      expect: [{ severity: 'error', line: 1, at: [0, 1], message: ['only a vertical tab or form feed', 'Line is not an assignment'] }],
    },
    {
      name: 'a line holding blanks and a vertical tab',
      text: ' \v \n',
      expect: [{ severity: 'error', line: 0, at: [0, 3], message: 'only a vertical tab or form feed' }],
    },
    {
      name: 'a line longer than 1 MiB',
      text: `vm.swappiness = 10\nkernel.domainname = ${'a'.repeat(MIB)}\nvm.dirty_ratio = 20\n`,
      expect: [{ severity: 'error', line: 1, at: [0, 20 + MIB], message: ['longer than 1 MiB', 'drops every later line'] }],
    },
    {
      name: 'a line over 1 MiB in UTF-8 bytes but not in characters',
      text: `kernel.domainname = ${'€'.repeat(350_000)}\n`,
      expect: [{ severity: 'error', line: 0, at: [0, 20 + 350_000], message: 'longer than 1 MiB' }],
    },
    {
      name: '`k = 1` followed by `-k` (systemd cancels the assignment, procps applies it)',
      text: 'net.ipv4.tcp_fin_timeout = 30\nvm.swappiness = 10\n-net.ipv4.tcp_fin_timeout\n',
      expect: [
        {
          severity: 'warning',
          line: 2,
          at: 'net.ipv4.tcp_fin_timeout',
          message: ["This exclusion follows an assignment of 'net.ipv4.tcp_fin_timeout' on line 1", 'systemd-sysctl drops that assignment'],
          related: [{ line: 0, at: 'net.ipv4.tcp_fin_timeout = 30', message: 'The assignment systemd-sysctl cancels' }],
        },
      ],
    },
    {
      name: 'an exclusion in slash form after a dotted assignment',
      text: 'net.ipv4.tcp_fin_timeout = 30\n-net/ipv4/tcp_fin_timeout\n',
      expect: [
        {
          severity: 'warning',
          line: 1,
          at: 'net/ipv4/tcp_fin_timeout',
          message: 'This exclusion follows an assignment',
          related: [{ line: 0, at: 'net.ipv4.tcp_fin_timeout = 30' }],
        },
      ],
    },
  ]);

  ruleTable('tool-divergence', [
    { name: 'a dash directly before the key', text: '-net.ipv4.tcp_fin_timeout = 30\n  -vm.swappiness = 20\n', expect: [] },
    { name: "'#' comments", text: '# a comment\n   # x = 1\n#net.ipv4.ip_forward=1\n', expect: [] },
    { name: 'CRLF line endings, also on the last line', text: 'vm.swappiness = 10\r\nvm.dirty_ratio = 20\r\n', expect: [] },
    {
      name: 'a plain exclusion under a glob (the sysctl.d(5) example)',
      text: 'net.ipv4.conf.default.rp_filter = 2\nnet.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.all.rp_filter\nnet.ipv4.conf.hub0.rp_filter = 1\n',
      expect: [],
    },
    { name: '`-k` before `k = 1` (both tools write 1)', text: '-net.ipv4.tcp_fin_timeout\nnet.ipv4.tcp_fin_timeout = 30\n', expect: [] },
    { name: 'an exclusion after a glob assignment', text: 'net.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.all.rp_filter\n', expect: [] },
    { name: 'a line just under 1 MiB', text: `kernel.domainname = ${'a'.repeat(MIB - 100)}\n`, expect: [] },
    { name: 'a form feed inside a value', text: 'kernel.domainname = a\fb\n', expect: [] },
    { name: 'single separators in path form', text: 'net/ipv4/tcp_fin_timeout = 30\n/net/ipv4/ip_forward = 1\n', expect: [] },
  ]);
});
