import { ruleTable } from './helpers';
import type { SettingsPatch } from './helpers';

const MAX = 'net.netfilter.nf_conntrack_max';
const BUCKETS = 'net.netfilter.nf_conntrack_buckets';
const X86_8G: SettingsPatch = { sizing: { memTotal: '8GiB', architecture: 'x86_64' } };

describe('rule conntrack-buckets-ratio', () => {
  ruleTable('conntrack-buckets-ratio', [
    {
      name: 'more than 8 entries per bucket',
      text: `${MAX} = 1048576\n${BUCKETS} = 65536\n`,
      expect: [
        {
          severity: 'warning',
          line: 1,
          at: '65536',
          message: ['65536 buckets for up to 1048576 entries', 'about 16.0 entries per bucket', 'nf_conntrack_max / 8 = 131072 buckets'],
          related: [{ line: 0, at: '1048576', message: 'nf_conntrack_max' }],
        },
      ],
    },
    {
      name: 'buckets set before the limit',
      text: `${BUCKETS} = 16384\n${MAX} = 262144\n`,
      expect: [{ severity: 'warning', line: 0, at: '16384', message: 'about 16.0 entries per bucket', related: [{ line: 1, at: '262144' }] }],
    },
    {
      name: 'more buckets than two per entry (each connection takes two slots)',
      text: `${MAX} = 65536\n${BUCKETS} = 262144\n`,
      expect: [
        {
          severity: 'info',
          line: 1,
          at: '262144',
          message: ['262144 buckets for at most 65536 entries', 'more than 131072 buckets can never fill', 'costs 8 bytes'],
          related: [{ line: 0, at: '65536' }],
        },
      ],
    },
    {
      name: 'more buckets than two per entry on a 32-bit machine',
      text: `${MAX} = 65536\n${BUCKETS} = 262144\n`,
      settings: { sizing: { memTotal: '2GiB', architecture: 'armv7l' } },
      expect: [{ severity: 'info', line: 1, at: '262144', message: 'costs 4 bytes' }],
    },
    {
      name: 'the alias counts as nf_conntrack_max',
      text: `net.nf_conntrack_max = 1048576\n${BUCKETS} = 65536\n`,
      expect: [{ severity: 'warning', line: 1, at: '65536', message: 'for up to 1048576 entries', related: [{ line: 0, at: '1048576' }] }],
    },
    {
      name: 'the winning values count, not the overridden ones',
      text: `${MAX} = 65536\n${BUCKETS} = 65536\n${MAX} = 1048576\n`,
      expect: [{ severity: 'warning', line: 1, at: { value: '65536' }, message: 'for up to 1048576 entries', related: [{ line: 2, at: '1048576' }] }],
    },
  ]);

  ruleTable('conntrack-buckets-ratio', [
    { name: 'a ratio of 4', text: `${MAX} = 262144\n${BUCKETS} = 65536\n`, expect: [] },
    { name: 'a ratio of exactly 8', text: `${MAX} = 524288\n${BUCKETS} = 65536\n`, expect: [] },
    { name: 'one bucket per entry (the 5.15+ default)', text: `${MAX} = 262144\n${BUCKETS} = 262144\n`, expect: [] },
    { name: 'only the limit', text: `${MAX} = 4194304\n`, expect: [] },
    { name: 'only the buckets', text: `${BUCKETS} = 1024\n`, expect: [] },
    { name: 'no limit at all (suspicious-value reports it)', text: `${MAX} = 0\n${BUCKETS} = 65536\n`, expect: [] },
    { name: 'values that do not parse', text: `${MAX} = lots\n${BUCKETS} = 1024\n`, expect: [] },
  ]);
});

describe('rule conntrack-memory', () => {
  ruleTable('conntrack-memory', [
    {
      name: 'nf_conntrack_max 4194304 on an 8 GiB x86_64 machine',
      text: `${MAX} = 4194304\n`,
      settings: X86_8G,
      expect: [
        {
          severity: 'warning',
          line: 0,
          at: '4194304',
          message: [
            'A full table at 4194304 entries needs about 1.5 GiB of kernel memory',
            '~384 bytes per entry',
            "19% of this machine's 8.0 GiB (x86_64)",
            'The classic formula gives 262144.',
          ],
        },
      ],
    },
    {
      name: 'RAM given as MemTotal from /proc/meminfo',
      text: `${MAX} = 4194304\n`,
      settings: { sizing: { memTotal: '8388608 kB', architecture: 'x86_64' } },
      expect: [{ severity: 'warning', line: 0, at: '4194304', message: "of this machine's 8.0 GiB" }],
    },
    {
      name: 'just over a tenth of RAM',
      text: `${MAX} = 2500000\n`,
      settings: X86_8G,
      expect: [{ severity: 'warning', line: 0, at: '2500000', message: '11% of this machine' }],
    },
    {
      name: 'a 32-bit machine, with its own classic formula',
      text: `${MAX} = 1048576\n`,
      settings: { sizing: { memTotal: '2GiB', architecture: 'armv7l' } },
      expect: [{ severity: 'warning', line: 0, at: '1048576', message: ['(armv7l)', 'The classic formula gives 131072.'] }],
    },
    {
      name: 'through the alias',
      text: 'net.nf_conntrack_max = 4194304\n',
      settings: X86_8G,
      expect: [{ severity: 'warning', line: 0, at: '4194304', message: 'at 4194304 entries' }],
    },
  ]);

  ruleTable('conntrack-memory', [
    { name: 'the classic formula value', text: `${MAX} = 262144\n`, settings: X86_8G, expect: [] },
    { name: 'just under a tenth of RAM', text: `${MAX} = 2000000\n`, settings: X86_8G, expect: [] },
    { name: 'without sizing settings', text: `${MAX} = 4194304\n`, expect: [] },
    { name: 'without sizing settings, even for absurd limits', text: `${MAX} = 2147483647\n`, expect: [] },
    { name: 'with RAM but no architecture', text: `${MAX} = 4194304\n`, settings: { sizing: { memTotal: '8GiB' } }, expect: [] },
    { name: 'with an architecture but no RAM', text: `${MAX} = 4194304\n`, settings: { sizing: { architecture: 'x86_64' } }, expect: [] },
    { name: 'with RAM that does not parse', text: `${MAX} = 4194304\n`, settings: { sizing: { memTotal: 'lots', architecture: 'x86_64' } }, expect: [] },
    { name: 'an overridden large value', text: `${MAX} = 4194304\n${MAX} = 262144\n`, settings: X86_8G, expect: [] },
    { name: 'no limit at all', text: `${MAX} = 0\n`, settings: X86_8G, expect: [] },
  ]);
});

describe('rule module-boot-order (formerly conntrack-boot-order) on conntrack keys', () => {
  const message = ['exists only once the nf_conntrack module is loaded', "put 'nf_conntrack' in /etc/modules-load.d/nf_conntrack.conf"];

  ruleTable('module-boot-order', [
    {
      name: 'once per file, on the first conntrack key',
      text: `vm.swappiness = 10\n${MAX} = 262144\n${BUCKETS} = 262144\nnet.netfilter.nf_conntrack_tcp_timeout_established = 7200\n`,
      expect: [{ severity: 'info', line: 1, at: MAX, message }],
    },
    {
      name: "not on a '-' line: on the next conntrack key",
      text: `-${MAX} = 262144\nnet.core.somaxconn = 4096\n  ${BUCKETS} = 262144\n`,
      expect: [{ severity: 'info', line: 2, at: BUCKETS, message }],
    },
    {
      name: 'the alias needs the module too',
      text: 'net.nf_conntrack_max = 262144\n',
      expect: [{ severity: 'info', line: 0, at: 'net.nf_conntrack_max', message }],
    },
    {
      name: 'a conntrack key in slash form',
      text: 'net/netfilter/nf_conntrack_udp_timeout = 30\n',
      expect: [{ severity: 'info', line: 0, at: 'net/netfilter/nf_conntrack_udp_timeout', message }],
    },
  ]);

  ruleTable('module-boot-order', [
    // nf_conntrack_standalone.c registers the flowtable timeouts too (kernel facts, 6.1 and 6.12).
    {
      name: 'flowtable timeouts are nf_conntrack keys',
      text: 'net.netfilter.nf_flowtable_tcp_timeout = 30\n',
      expect: [{ severity: 'info', line: 0, at: 'net.netfilter.nf_flowtable_tcp_timeout', message }],
    },
  ]);

  ruleTable('module-boot-order', [
    { name: 'a file without conntrack keys', text: 'net.core.somaxconn = 4096\nvm.swappiness = 10\n', expect: [] },
    { name: "only '-' conntrack lines (failures are ignored on purpose)", text: `-${MAX} = 262144\n-${BUCKETS} = 262144\n`, expect: [] },
    { name: 'an exclusion of a conntrack key', text: `-${MAX}\n`, expect: [] },
    { name: 'conntrack keys in comments', text: `# ${MAX} = 262144\n`, expect: [] },
  ]);
});
