import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { parseHostFacts, parseMemTotal, REMOTE_FACTS_COMMAND, type HostFacts, type MemTotal } from '../../../server/src/engine/sizing';

/** /proc/meminfo of a 48 GiB x86_64 server on a 6.8 kernel. */
const X86_64_MEMINFO = `MemTotal:       49521980 kB
MemFree:        21873412 kB
MemAvailable:   40112876 kB
Buffers:          912344 kB
Cached:         17301288 kB
SwapCached:            0 kB
Active:         12887660 kB
Inactive:       12406412 kB
Active(anon):    7420396 kB
Inactive(anon):        0 kB
Active(file):    5467264 kB
Inactive(file): 12406412 kB
Unevictable:       32768 kB
Mlocked:           27648 kB
SwapTotal:       8388604 kB
SwapFree:        8388604 kB
Zswap:                 0 kB
Zswapped:              0 kB
Dirty:               452 kB
Writeback:             0 kB
AnonPages:       7112304 kB
Mapped:          1198512 kB
Shmem:            340124 kB
KReclaimable:    1265632 kB
Slab:            1843100 kB
SReclaimable:    1265632 kB
SUnreclaim:       577468 kB
KernelStack:       22944 kB
PageTables:        61812 kB
SecPageTables:         0 kB
NFS_Unstable:          0 kB
Bounce:                0 kB
WritebackTmp:          0 kB
CommitLimit:    33149592 kB
Committed_AS:   14530400 kB
VmallocTotal:   34359738367 kB
VmallocUsed:      112852 kB
VmallocChunk:          0 kB
Percpu:            29952 kB
HardwareCorrupted:     0 kB
AnonHugePages:   2189312 kB
ShmemHugePages:        0 kB
ShmemPmdMapped:        0 kB
FileHugePages:         0 kB
FilePmdMapped:         0 kB
Unaccepted:            0 kB
HugePages_Total:       0
HugePages_Free:        0
HugePages_Rsvd:        0
HugePages_Surp:        0
Hugepagesize:       2048 kB
Hugetlb:               0 kB
DirectMap4k:      618300 kB
DirectMap2M:    18219008 kB
DirectMap1G:    32505856 kB
`;

/** /proc/meminfo of a 16 GiB arm64 cloud instance on a 6.1 kernel (CMA lines, no DirectMap). */
const ARM64_MEMINFO = `MemTotal:       16183432 kB
MemFree:        12210148 kB
MemAvailable:   14897320 kB
Buffers:          101236 kB
Cached:          2653468 kB
SwapCached:            0 kB
Active:           874532 kB
Inactive:        2418860 kB
Active(anon):       3100 kB
Inactive(anon):   552716 kB
Active(file):     871432 kB
Inactive(file):  1866144 kB
Unevictable:       27896 kB
Mlocked:           27896 kB
SwapTotal:             0 kB
SwapFree:              0 kB
Zswap:                 0 kB
Zswapped:              0 kB
Dirty:                84 kB
Writeback:             0 kB
AnonPages:        566604 kB
Mapped:           301872 kB
Shmem:             13948 kB
KReclaimable:     189256 kB
Slab:             312460 kB
SReclaimable:     189256 kB
SUnreclaim:       123204 kB
KernelStack:        6944 kB
PageTables:         8512 kB
SecPageTables:         0 kB
NFS_Unstable:          0 kB
Bounce:                0 kB
WritebackTmp:          0 kB
CommitLimit:     8091716 kB
Committed_AS:    1733124 kB
VmallocTotal:   133143592960 kB
VmallocUsed:       22180 kB
VmallocChunk:          0 kB
Percpu:             2432 kB
HardwareCorrupted:     0 kB
AnonHugePages:    118784 kB
ShmemHugePages:        0 kB
ShmemPmdMapped:        0 kB
FileHugePages:         0 kB
FilePmdMapped:         0 kB
CmaTotal:          65536 kB
CmaFree:           64512 kB
HugePages_Total:       0
HugePages_Free:        0
HugePages_Rsvd:        0
HugePages_Surp:        0
Hugepagesize:       2048 kB
Hugetlb:               0 kB
`;

/** What an Ubuntu host prints on an SSH command session with a chatty motd and a noisy profile. */
const UBUNTU_BANNER = `Welcome to Ubuntu 22.04.4 LTS (GNU/Linux 5.15.0-105-generic x86_64)

 * Documentation:  https://help.ubuntu.com
 * Management:     https://landscape.canonical.com
 * Support:        https://ubuntu.com/pro

  System information as of Tue Apr 16 09:12:44 UTC 2024

  System load:  0.08               Processes:             142
  Usage of /:   37.4% of 48.27GB   Users logged in:       0
  Memory usage: 21%                IPv4 address for eth0: 10.0.3.17
  Swap usage:   0%

MemTotal: 1024 kB (left here by a test banner)
ARCH=i686
Last login: Mon Apr 15 17:03:10 2024 from 10.0.3.1
`;

function memTotal(text: string): MemTotal {
  const result = parseMemTotal(text);
  if (!result.ok) assert.fail(result.error);
  return result.value;
}

function hostFacts(text: string): HostFacts {
  const result = parseHostFacts(text);
  if (!result.ok) assert.fail(result.error);
  return result.value;
}

function expectError(result: { ok: true } | { ok: false; error: string }, pattern: RegExp): void {
  assert.equal(result.ok, false, 'expected an error');
  if (!result.ok) assert.match(result.error, pattern);
}

describe('parseMemTotal', () => {
  it('reads a full x86_64 /proc/meminfo', () => {
    assert.deepEqual(memTotal(X86_64_MEMINFO), { memTotalKiB: 49521980, memBytes: 50710507520 });
  });

  it('reads a full arm64 /proc/meminfo', () => {
    assert.deepEqual(memTotal(ARM64_MEMINFO), { memTotalKiB: 16183432, memBytes: 16571834368 });
  });

  it('accepts CRLF line ends and a missing final newline', () => {
    assert.equal(memTotal(X86_64_MEMINFO.replace(/\n/g, '\r\n').trimEnd()).memTotalKiB, 49521980);
  });

  it('ignores noise before the meminfo text', () => {
    assert.equal(memTotal(`Last login: Mon Apr 15 17:03:10 2024\nsome profile output\n${ARM64_MEMINFO}`).memTotalKiB, 16183432);
  });

  it('takes the last MemTotal line when there are several', () => {
    assert.equal(memTotal(`MemTotal: 2048 kB\n${X86_64_MEMINFO}`).memTotalKiB, 49521980);
  });

  it('accepts the smallest plausible size, 1024 kB', () => {
    assert.deepEqual(memTotal('MemTotal:           1024 kB'), { memTotalKiB: 1024, memBytes: 1048576 });
  });

  const failures: Array<[string, string, RegExp]> = [
    ['empty text', '', /empty/],
    ['only whitespace', ' \n\t\n', /empty/],
    ['garbage', '<html><body>502 Bad Gateway</body></html>\n\u0000\u0001binary', /No "MemTotal:" line/],
    ['meminfo without MemTotal', X86_64_MEMINFO.replace(/^MemTotal:.*\n/, ''), /No "MemTotal:" line/],
    ['a lower-case memtotal', 'memtotal: 49521980 kB', /No "MemTotal:" line/],
    ['a non-numeric value', 'MemTotal:       lots kB', /Cannot read .*MemTotal: <whole number> kB/],
    ['a negative value', 'MemTotal:       -5 kB', /Cannot read/],
    ['a fractional value', 'MemTotal:       1.5 kB', /Cannot read/],
    ['a value without unit', 'MemTotal:       49521980', /Cannot read/],
    ['a value in MB', 'MemTotal:       48361 MB', /Cannot read/],
    ['zero', 'MemTotal:              0 kB', /0 kB is not plausible/],
    ['less than 1 MiB', 'MemTotal:           1023 kB', /1023 kB is not plausible/],
    ['more than 8 PiB', 'MemTotal: 99999999999999999 kB', /too large/],
  ];
  for (const [label, text, pattern] of failures) {
    it(`rejects ${label}`, () => {
      expectError(parseMemTotal(text), pattern);
    });
  }
});

describe('parseHostFacts', () => {
  it('reads the plain output of the remote command', () => {
    assert.deepEqual(hostFacts('MemTotal:       49521980 kB\nARCH=x86_64\nKERNEL=6.8.0-45-generic\n'), {
      memTotalKiB: 49521980,
      memBytes: 50710507520,
      architecture: { name: 'x86_64', bits: 64 },
      kernelRelease: '6.8.0-45-generic',
    });
  });

  it('reads an arm64 host', () => {
    const facts = hostFacts('MemTotal:       16183432 kB\nARCH=aarch64\nKERNEL=6.1.0-18-arm64\n');
    assert.deepEqual(facts.architecture, { name: 'aarch64', bits: 64 });
    assert.equal(facts.memBytes, 16571834368);
  });

  it('reads a 32-bit ARM host', () => {
    assert.deepEqual(hostFacts('MemTotal:         949448 kB\nARCH=armv7l\n').architecture, { name: 'armv7l', bits: 32 });
  });

  it('returns null for the kernel release when the KERNEL line is missing or empty', () => {
    assert.equal(hostFacts('MemTotal: 49521980 kB\nARCH=x86_64\n').kernelRelease, null);
    assert.equal(hostFacts('MemTotal: 49521980 kB\nARCH=x86_64\nKERNEL=\n').kernelRelease, null);
  });

  it('ignores a motd banner before the output, even one containing look-alike lines', () => {
    const facts = hostFacts(`${UBUNTU_BANNER}MemTotal:       49521980 kB\r\nARCH=x86_64\r\nKERNEL=5.15.0-105-generic\r\n`);
    assert.equal(facts.memTotalKiB, 49521980);
    assert.deepEqual(facts.architecture, { name: 'x86_64', bits: 64 });
    assert.equal(facts.kernelRelease, '5.15.0-105-generic');
  });

  const failures: Array<[string, string, RegExp]> = [
    ['empty output', '', /printed nothing/],
    ['whitespace only', '\n \n', /printed nothing/],
    ['garbage', 'sh: 1: Syntax error: Unterminated quoted string\n', /no "MemTotal:" line/],
    ['missing MemTotal', 'grep: /proc/meminfo: No such file or directory\nARCH=arm64\n', /no "MemTotal:" line/],
    ['missing ARCH', 'MemTotal:       49521980 kB\n', /no "ARCH=" line/],
    ['ARCH before MemTotal', 'ARCH=x86_64\nMemTotal:       49521980 kB\n', /before "MemTotal:"/],
    ['an unknown architecture', 'MemTotal: 49521980 kB\nARCH=vax\n', /Unknown architecture "vax"/],
    ['an empty ARCH value', 'MemTotal: 49521980 kB\nARCH=\n', /No architecture given/],
    ['a non-numeric MemTotal', 'MemTotal: unknown kB\nARCH=x86_64\n', /Cannot read/],
    ['an absurd MemTotal of 0', 'MemTotal: 0 kB\nARCH=x86_64\n', /not plausible/],
    ['a banner-only output', UBUNTU_BANNER.replace(/^MemTotal.*\n/m, ''), /no "MemTotal:" line/],
  ];
  for (const [label, text, pattern] of failures) {
    it(`rejects ${label}`, () => {
      expectError(parseHostFacts(text), pattern);
    });
  }
});

describe('REMOTE_FACTS_COMMAND', () => {
  const onLinux = process.platform === 'linux';

  (onLinux ? it : it.skip)('produces output that parseHostFacts reads, when run by a POSIX shell', () => {
    // Run it the way sshd does: the login shell gets the whole string as a command line.
    const output = execFileSync('/bin/sh', ['-c', REMOTE_FACTS_COMMAND], { encoding: 'utf8' });
    const facts = hostFacts(`${UBUNTU_BANNER}${output}`);
    const expectedBits = ['x64', 'arm64', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'].includes(process.arch) ? 64 : 32;
    assert.equal(facts.architecture.bits, expectedBits);
    assert.ok(facts.memTotalKiB >= 1024);
    assert.notEqual(facts.kernelRelease, null);
  });
});
