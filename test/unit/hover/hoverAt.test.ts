import { strict as assert } from 'node:assert';
import { hoverAt } from '../../../server/src/engine/hover';
import { parseDocument } from '../../../server/src/engine/parser';
import type { EngineSettings } from '../../../server/src/engine/settings';
import { formatBytes, tableMemory } from '../../../server/src/engine/sizing';

const NO_FACTS: EngineSettings = { rules: {}, sizing: {} };
/** The worked example of docs/reference/kernel-keys.md §3.3: MemTotal 49521980 kB on x86_64, target kernel 6.8. */
const WORKED: EngineSettings = { rules: {}, kernelVersion: '6.8', sizing: { memTotal: '49521980 kB', architecture: 'x86_64' } };

function kernel(version: string): EngineSettings {
  return { rules: {}, kernelVersion: version, sizing: {} };
}

/** Hover over the key (first character after any dash) of a one-line file. */
function keyHover(line: string, settings: EngineSettings = NO_FACTS, extraLines: string[] = []) {
  const document = parseDocument([line, ...extraLines].join('\n'));
  const character = line.search(/[^\s-]/);
  return hoverAt(document, { line: 0, character }, settings);
}

/** Hover over the value of a one-line `key = value` file. */
function valueHover(line: string, settings: EngineSettings = NO_FACTS) {
  const document = parseDocument(line);
  const character = line.indexOf('=') + 1 + line.slice(line.indexOf('=') + 1).search(/\S/);
  return hoverAt(document, { line: 0, character }, settings);
}

function markdownOf(result: ReturnType<typeof hoverAt>): string {
  assert.ok(result, 'expected a hover');
  return result.markdown;
}

interface Case {
  name: string;
  hover: () => ReturnType<typeof hoverAt>;
  contains?: string[];
  lacks?: string[];
}

function runCases(cases: Case[]): void {
  for (const c of cases) {
    it(c.name, () => {
      const markdown = markdownOf(c.hover());
      for (const text of c.contains ?? []) assert.ok(markdown.includes(text), `missing ${JSON.stringify(text)} in:\n${markdown}`);
      for (const text of c.lacks ?? []) assert.ok(!markdown.includes(text), `unexpected ${JSON.stringify(text)} in:\n${markdown}`);
    });
  }
}

describe('hoverAt: keys', () => {
  describe('nf_conntrack_max', () => {
    runCases([
      {
        name: 'has a bold title, summary, type with "count of entries, not bytes", bounds, scope and a docs link',
        hover: () => keyHover('net.netfilter.nf_conntrack_max = 65536'),
        contains: [
          '**net.netfilter.nf_conntrack_max**\n\nMost connections each network namespace may track (one value for all, set from the host).',
          '- **Type:** integer (int): a count of entries (connections), not bytes',
          '- **Bounds:** 0 to 2147483647 (INT_MAX); anything outside is refused (EINVAL).',
          '- **Scope:** global; only the initial network namespace may write it.',
          '- **Also written as:** `net.nf_conntrack_max`',
          '[Kernel documentation (docs.kernel.org)](https://docs.kernel.org/networking/nf_conntrack-sysctl.html',
        ],
      },
      {
        name: 'with RAM settings: full-table memory at the written value, kernel 6.8 default 262144 and formula 1547561',
        hover: () => keyHover('net.netfilter.nf_conntrack_max = 65536', WORKED),
        contains: [
          // 65536 × 384 + 262144 default buckets × 8 = 27262976 bytes
          'At `65536` entries a full table uses about **26.0 MiB**',
          '262144 buckets × 8 B (the default bucket count for this RAM; 64-bit)',
          'Kernel 6.8 default for 47.2 GiB RAM (x86_64): `262144` entries with 262144 buckets',
          'Formula RAM / 16384 / (64 / 32): `1547561` entries',
          '- **Default:** `262144` for 47.2 GiB RAM (x86_64) on kernel 6.8.',
          'Computed once when conntrack initialises.',
        ],
        lacks: ['Set `sysctl.sizing.memTotal`'],
      },
      {
        name: 'takes the bucket count from an nf_conntrack_buckets line in the same file',
        hover: () => keyHover('net.netfilter.nf_conntrack_max = 65536', WORKED, ['net.netfilter.nf_conntrack_buckets = 65536']),
        // 65536 × 384 + 65536 × 8 = 25690112 bytes
        contains: ['about **24.5 MiB**', '65536 buckets × 8 B (nf_conntrack_buckets from this file; 64-bit)'],
      },
      {
        name: 'without RAM settings assumes one bucket per entry and says how to get the RAM facts',
        hover: () => keyHover('net.netfilter.nf_conntrack_max = 1000000'),
        contains: [
          `a full table uses about **${formatBytes(tableMemory(1000000, 1000000, 64))}**`,
          'about **373.8 MiB**',
          '1000000 buckets × 8 B (assuming one bucket per entry; 64-bit assumed)',
          'Set `sysctl.sizing.memTotal` and `sysctl.sizing.architecture`',
        ],
        lacks: ['Formula RAM'],
      },
      {
        name: 'on 32-bit counts 4 bytes per bucket',
        hover: () => keyHover('net.netfilter.nf_conntrack_max = 65536', { rules: {}, kernelVersion: '6.8', sizing: { memTotal: '2GiB', architecture: 'i686' } }),
        contains: ['× 4 B', 'Formula RAM / 16384 / (32 / 32): `131072` entries', 'Kernel 6.8 default for 2.0 GiB RAM (i686): `65536` entries'],
      },
      {
        name: 'value 0 means no limit',
        hover: () => keyHover('net.netfilter.nf_conntrack_max = 0'),
        contains: ['`0` sets no limit at all'],
        lacks: ['full table uses'],
      },
      {
        name: 'on target 6.8 notes the pre-6.15 acceptance of any int',
        hover: () => keyHover('net.netfilter.nf_conntrack_max = 65536', kernel('6.8')),
        contains: ['**Kernel versions** (target 6.8)', '- On kernel 6.8: Before 6.15'],
      },
      {
        name: 'on the newest documented kernel has no pre-6.15 note',
        hover: () => keyHover('net.netfilter.nf_conntrack_max = 65536'),
        lacks: ['On kernel', 'Before 6.15'],
      },
      {
        name: 'written in path form is the same key',
        hover: () => keyHover('net/netfilter/nf_conntrack_max = 65536'),
        contains: ['**net.netfilter.nf_conntrack_max**'],
      },
    ]);

    it('covers exactly the key token', () => {
      const result = keyHover('-net.netfilter.nf_conntrack_max = 65536');
      assert.deepEqual(result?.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 31 } });
    });
  });

  describe('version notes relative to the target kernel', () => {
    runCases([
      {
        name: 'tcp_tw_recycle on the newest documented kernel: removed in 4.12, with what to do',
        hover: () => keyHover('net.ipv4.tcp_tw_recycle = 0'),
        contains: ['> **Not in kernel 6.18:** removed in 4.12', 'Instead: There is no replacement: delete the line', '(target 6.18, the newest documented'],
      },
      {
        name: 'tcp_tw_recycle on 4.4: present, with the removal release listed',
        hover: () => keyHover('net.ipv4.tcp_tw_recycle = 0', kernel('4.4')),
        contains: ['- Removed in 4.12.', '- Instead: There is no replacement'],
        lacks: ['Not in kernel'],
      },
      {
        name: 'tcp_tw_reuse_delay on 5.15: not added yet',
        hover: () => keyHover('net.ipv4.tcp_tw_reuse_delay = 1000', kernel('5.15')),
        contains: ['> **Not in kernel 5.15:** added in 6.13', '- Added in 6.13 *(unverified)*.'],
      },
      {
        name: 'somaxconn on 5.0: the old default',
        hover: () => keyHover('net.core.somaxconn = 1024', kernel('5.0')),
        contains: ['- **Default on kernel 5.0:** `128`. Current kernels: `4096`.'],
      },
      {
        name: 'somaxconn on current kernels: the default with its history',
        hover: () => keyHover('net.core.somaxconn = 1024'),
        contains: ['- **Default:** `4096`. Older kernels: `128` before 5.4.'],
      },
      {
        name: 'nf_conntrack_buckets on 4.4: read-only there',
        hover: () => keyHover('net.netfilter.nf_conntrack_buckets = 65536', kernel('4.4')),
        contains: ['- Read-only before 4.7 *(unverified)*, so read-only on kernel 4.4.'],
      },
      {
        name: 'DCCP timeouts on 6.17: removed',
        hover: () => keyHover('net.netfilter.nf_conntrack_dccp_timeout_open = 43200', kernel('6.17')),
        contains: ['> **Not in kernel 6.17:** removed in 6.17'],
      },
    ]);
  });

  describe('other kinds of keys', () => {
    runCases([
      {
        name: 'an enum key lists each member with its meaning',
        hover: () => keyHover('net.ipv4.tcp_syncookies = 1'),
        contains: ['- **Type:** choice (u8):', '  - `0` off: Never send SYN cookies.', '  - `2` always: Send cookies for every connection request.', '- **Default:** `1`.'],
      },
      {
        name: 'a vector key lists its fields',
        hover: () => keyHover('net.ipv4.tcp_rmem = 4096 131072 6291456'),
        contains: ['- **Type:** 3 numbers separated by blanks, `min default max`:', '  - `max`: Ceiling for receive-buffer autotuning. In bytes; 4096 to 2147483647 (INT_MAX).'],
      },
      {
        name: 'a timeout key states seconds and the INT_MAX/HZ bound',
        hover: () => keyHover('net.netfilter.nf_conntrack_tcp_timeout_established = 432000'),
        contains: ['- **Type:** integer (int): seconds', '- **Default:** `432000`.', 'magnitude up to INT_MAX/HZ seconds (2147483 at HZ=1000, 8589934 at HZ=250)'],
      },
      {
        name: 'a maximum the kernel sets at boot is given from data where the source has a variable',
        hover: () => keyHover('kernel.shmmni = 4096'),
        contains: ['- **Range:** `0` to `32768`, or more when it was booted with ipcmni_extend (then 16,777,216); the kernel refuses other values'],
      },
      {
        name: 'an alias says what it maps to and then documents the key',
        hover: () => keyHover('net.nf_conntrack_max = 65536'),
        contains: ['**net.nf_conntrack_max**\n\nAlias of `net.netfilter.nf_conntrack_max`', '**net.netfilter.nf_conntrack_max**', 'not bytes'],
      },
      {
        name: 'a legacy name says what replaces it',
        hover: () => keyHover('net.ipv4.netfilter.ip_conntrack_max = 65536'),
        contains: ['Legacy name of `net.netfilter.nf_conntrack_max`', '> **Not in current kernels:** write `net.netfilter.nf_conntrack_max` instead.'],
      },
      {
        name: 'a read-only key says any assignment fails',
        hover: () => keyHover('net.netfilter.nf_conntrack_count = 1'),
        contains: ['- **Read-only:** the file is mode 0444, so any assignment fails.'],
      },
      {
        name: 'a real but undocumented key gets a short hover with the subtree documentation',
        hover: () => keyHover('vm.swappiness = 10'),
        contains: ['**vm.swappiness**', 'swap', '(https://docs.kernel.org/admin-guide/sysctl/vm.html)'],
      },
      {
        name: 'a per-interface key names its pattern and interface',
        hover: () => keyHover('net.ipv4.conf.eth0/100.rp_filter = 1'),
        contains: ['`net.ipv4.conf.<ifname>.rp_filter`, here for interface `eth0.100`', 'source address', '`2`'],
      },
    ]);

    const nothing: Array<[string, string, number]> = [
      ['an unknown key', 'net.ipv4.tcp_no_such_key = 1', 3],
      ['a glob', 'net.ipv4.conf.*.rp_filter = 1', 3],
      ['a comment', '# net.netfilter.nf_conntrack_max = 1', 5],
      ['the equals sign', 'net.core.somaxconn = 1024', 19],
      ['the blank before the value', 'net.core.somaxconn = 1024', 20],
      ['a missing-equals line', 'net.core.somaxconn', 3],
      ['the value of an unknown key', 'net.ipv4.tcp_no_such_key = 1', 27],
    ];
    for (const [what, line, character] of nothing) {
      it(`returns null on ${what}`, () => assert.equal(hoverAt(parseDocument(line), { line: 0, character }, NO_FACTS), null));
    }
  });
});

describe('hoverAt: values', () => {
  runCases([
    {
      name: 'tcp_tw_reuse = 2 is loopback only, and the default',
      hover: () => valueHover('net.ipv4.tcp_tw_reuse = 2'),
      contains: [
        '**`net.ipv4.tcp_tw_reuse = 2`**: loopback only',
        'Reuse only for loopback traffic.',
        'Choices: `0` off, `1` on, `2` loopback only (default).',
        'This is the default.',
      ],
    },
    {
      name: 'tcp_tw_reuse = 1 is on, not the default',
      hover: () => valueHover('net.ipv4.tcp_tw_reuse = 1'),
      contains: ['**`net.ipv4.tcp_tw_reuse = 1`**: on', 'Reuse for outgoing connections when timestamps make it safe.', 'Default: `2`.'],
    },
    {
      name: 'tcp_tw_reuse = 3 is refused',
      hover: () => valueHover('net.ipv4.tcp_tw_reuse = 3'),
      contains: ['Outside 0 to 2: current kernels refuse the write (EINVAL).'],
    },
    {
      name: 'tcp_syncookies = 3 is stored and acts like 1',
      hover: () => valueHover('net.ipv4.tcp_syncookies = 3'),
      contains: ['Values 3..255 are stored and behave like 1'],
    },
    {
      name: 'tcp_syncookies = 0 carries the warning note',
      hover: () => valueHover('net.ipv4.tcp_syncookies = 0'),
      contains: ['**`net.ipv4.tcp_syncookies = 0`**: off', '**Warning:** Cookies off'],
    },
    {
      name: '432000 seconds = 5 days',
      hover: () => valueHover('net.netfilter.nf_conntrack_tcp_timeout_established = 432000'),
      contains: ['`432000` seconds = 5 days.', 'This is the default.'],
    },
    {
      name: 'a 7200-second keepalive is 2 hours',
      hover: () => valueHover('net.ipv4.tcp_keepalive_time = 7200'),
      contains: ['`7200` seconds = 2 hours.'],
    },
    {
      name: 'a zero timeout is flagged',
      hover: () => valueHover('net.netfilter.nf_conntrack_udp_timeout = 0'),
      contains: ['**Warning:** Accepted by the kernel, but a zero timeout'],
    },
    {
      name: 'a timeout beyond INT_MAX/HZ at HZ=100 is refused everywhere',
      hover: () => valueHover('net.netfilter.nf_conntrack_udp_timeout = 30000000'),
      contains: ['Beyond INT_MAX/HZ for every usual HZ'],
    },
    {
      name: 'milliseconds convert to seconds',
      hover: () => valueHover('net.ipv4.tcp_tw_reuse_delay = 1500'),
      contains: ['`1500` ms = 1.5 seconds.'],
    },
    {
      name: 'tcp_rmem shows each field with KiB/MiB',
      hover: () => valueHover('net.ipv4.tcp_rmem = 4096 131072 6291456'),
      contains: [
        '- `min` = `4096` bytes = 4 KiB: Buffer each socket keeps even under memory pressure.',
        '- `default` = `131072` bytes = 128 KiB: Initial receive buffer of a new TCP socket.',
        '- `max` = `6291456` bytes = 6 MiB: Ceiling for receive-buffer autotuning.',
      ],
    },
    {
      name: 'a short vector leaves the trailing fields alone',
      hover: () => valueHover('net.ipv4.tcp_rmem = 4096 131072'),
      contains: ['- `max`: not written, keeps its current value.'],
    },
    {
      name: 'a reversed vector is explained',
      hover: () => valueHover('net.ipv4.tcp_wmem = 8192 4096 1024'),
      contains: ['- `min` is above `default`: The kernel does not check the order'],
    },
    {
      name: 'the port range counts its ports',
      hover: () => valueHover('net.ipv4.ip_local_port_range = 32768 60999'),
      contains: ['- 28232 ports in the range.', 'This is the default.'],
    },
    {
      name: 'a socket buffer in KiB',
      hover: () => valueHover('net.core.rmem_max = 212992'),
      contains: ['`212992` bytes = 208 KiB.'],
    },
    {
      name: 'a leading zero is octal',
      hover: () => valueHover('net.core.somaxconn = 010'),
      contains: ['`010` starts with 0, so the kernel reads it as octal: **8**.', '`8` connections.'],
    },
    {
      name: 'only the first number of a scalar counts',
      hover: () => valueHover('net.core.somaxconn = 45 46'),
      contains: ['Only the first number counts; the kernel ignores `46`.'],
    },
    {
      name: 'a switch says on',
      hover: () => valueHover('net.netfilter.nf_conntrack_checksum = 1'),
      contains: ['**`net.netfilter.nf_conntrack_checksum = 1`**: on', 'This is the default.'],
    },
    {
      name: 'log_invalid = 6 is TCP',
      hover: () => valueHover('net.netfilter.nf_conntrack_log_invalid = 6'),
      contains: ['TCP.'],
    },
    {
      name: 'nf_conntrack_max value: a count, the full-table memory, the RAM default and formula',
      hover: () => valueHover('net.netfilter.nf_conntrack_max = 262144', WORKED),
      contains: ['`262144` entries (a count, not bytes).', 'This is the kernel default for the configured RAM.', 'about **98.0 MiB**', '`1547561`'],
    },
    {
      name: 'a word is not a number',
      hover: () => valueHover('net.netfilter.nf_conntrack_max = lots'),
      contains: ['The kernel cannot read `lots` as a number'],
    },
    {
      name: 'an alias names itself in the title',
      hover: () => valueHover('net.nf_conntrack_max = 65536'),
      contains: ['**`net.nf_conntrack_max = 65536`**'],
    },
  ]);

  it('covers exactly the value token', () => {
    const result = valueHover('net.ipv4.tcp_rmem =  4096 131072 6291456 ');
    assert.deepEqual(result?.range, { start: { line: 0, character: 21 }, end: { line: 0, character: 40 } });
  });
});

describe('hoverAt: pasted values and names of any length', () => {
  const numbers = (count: number, from = 0) => Array.from({ length: count }, (_, i) => String(from + i)).join(' ');

  it('quotes a long value by its ends and names at most 8 of its extra numbers', () => {
    const value = numbers(200_000);
    for (const line of [`net.ipv4.tcp_rmem = ${value}`, `net.core.somaxconn = ${value}`]) {
      const markdown = markdownOf(valueHover(line));
      assert.ok(markdown.length < 2000, `${markdown.length} characters`);
      assert.ok(markdown.includes(`(${value.length} characters)`), markdown);
      assert.match(markdown, /`\d+` `\d+` `\d+` `\d+` `\d+` `\d+` `\d+` `\d+` and 1999\d\d more/);
    }
    const octal = markdownOf(valueHover(`net.core.somaxconn = ${Array.from({ length: 20 }, () => '010').join(' ')}`));
    assert.equal(octal.match(/starts with 0/g)?.length, 8, octal);
    assert.ok(octal.includes('12 more numbers are octal or hexadecimal.'), octal);
    assert.ok(markdownOf(valueHover(`net.core.somaxconn = ${'x'.repeat(100_000)}`)).length < 1000, 'a word of 100,000 characters');
  });

  it('quotes a long name by its ends', () => {
    // Names under fs.binfmt_misc are the formats registered on the machine: any name is known there.
    const markdown = markdownOf(keyHover(`fs.binfmt_misc.${'e'.repeat(500_000)} = 1`));
    assert.ok(markdown.length < 2000, `${markdown.length} characters`);
    assert.equal(keyHover(`net.ipv4.conf.${'e'.repeat(500_000)}.rp_filter = 1`), null, 'no interface has a name that long');
  });
});
