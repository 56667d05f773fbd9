import { strict as assert } from 'node:assert';
import {
  formulaMax,
  kernelDefault,
  recommend,
  tableMemory,
  type ConntrackRecommendation,
  type KernelDefault,
  type KernelDefaultOptions,
  type KernelSizingEra,
  type PointerBits,
} from '../../../server/src/engine/sizing';

const KIB = 1024;
const MIB = 1024 ** 2;
const GIB = 1024 ** 3;
/** The worked example of docs/reference/kernel-keys.md §3.3: MemTotal 49521980 kB. */
const WORKED_EXAMPLE_BYTES = 49521980 * KIB;

describe('formulaMax', () => {
  const cases: Array<[string, number, PointerBits, number, number]> = [
    ['the worked example (49521980 kB, x86_64)', WORKED_EXAMPLE_BYTES, 64, 1547561, 193445],
    ['the worked example on 32-bit', WORKED_EXAMPLE_BYTES, 32, 3095123, 386890],
    ['512 MiB, 64-bit', 512 * MIB, 64, 16384, 2048],
    ['512 MiB, 32-bit', 512 * MIB, 32, 32768, 4096],
    ['1 GiB, 64-bit', GIB, 64, 32768, 4096],
    ['1 GiB, 32-bit', GIB, 32, 65536, 8192],
    ['1 GiB minus one byte, 64-bit (floors)', GIB - 1, 64, 32767, 4095],
    ['4 GiB, 64-bit', 4 * GIB, 64, 131072, 16384],
    ['4 GiB, 32-bit', 4 * GIB, 32, 262144, 32768],
    ['16 GiB, 64-bit', 16 * GIB, 64, 524288, 65536],
    ['16 GiB, 32-bit', 16 * GIB, 32, 1048576, 131072],
    ['64 GiB, 64-bit', 64 * GIB, 64, 2097152, 262144],
    ['64 GiB, 32-bit', 64 * GIB, 32, 4194304, 524288],
    ['16183432 kB (arm64 capture)', 16183432 * KIB, 64, 505732, 63216],
    ['32 MiB, 32-bit (RAM_MB x 64)', 32 * MIB, 32, 2048, 256],
    ['64 KiB, 64-bit', 64 * KIB, 64, 2, 0],
    ['32 KiB, 64-bit', 32 * KIB, 64, 1, 0],
    ['32767 bytes, 64-bit', 32767, 64, 0, 0],
    ['1 byte, 32-bit', 1, 32, 0, 0],
    ['2^53 - 1 bytes, 64-bit (still exact)', Number.MAX_SAFE_INTEGER, 64, 274877906943, 34359738367],
  ];
  for (const [label, memBytes, bits, conntrackMax, hashsize] of cases) {
    it(`gives ${conntrackMax} / ${hashsize} for ${label}`, () => {
      assert.deepEqual(formulaMax(memBytes, bits), { conntrackMax, hashsize });
    });
  }

  it('floors instead of rounding the worked example (1547561.875)', () => {
    assert.notEqual(formulaMax(WORKED_EXAMPLE_BYTES, 64).conntrackMax, 1547562);
  });

  for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
    it(`throws RangeError for memBytes ${bad}`, () => {
      assert.throws(() => formulaMax(bad, 64), RangeError);
    });
  }
});

function defaults(memBytes: number, bits: PointerBits, version: string, options?: KernelDefaultOptions): KernelDefault {
  const result = kernelDefault(memBytes, bits, version, options);
  if (!result.ok) assert.fail(result.error);
  return result.value;
}

describe('kernelDefault', () => {
  // [label, memBytes, bits, kernel, era, buckets, max]
  const cases: Array<[string, number, PointerBits, string, KernelSizingEra, number, number]> = [
    // Numbers the reference gives.
    ['worked example, 5.15+', WORKED_EXAMPLE_BYTES, 64, '6.8', 'D', 262144, 262144],
    ['worked example, 4.x', WORKED_EXAMPLE_BYTES, 64, '4.9', 'C', 65536, 262144],
    ['worked example, era B', WORKED_EXAMPLE_BYTES, 64, '3.18', 'B', 16384, 65536],
    ['observed 6.18 VM (24684096 kB)', 24684096 * KIB, 64, '6.18.44', 'D', 262144, 262144],
    ['6.1 VPS (851968 kB)', 851968 * KIB, 64, '6.1', 'D', 6656, 6656],
    ['the same VPS before 5.15: four times the max', 851968 * KIB, 64, '5.4', 'C', 6656, 26624],
    ['325 MB Qubes VM (262000 kB, rounded up to a page of buckets)', 262000 * KIB, 64, '6.1', 'D', 2048, 2048],
    ['1-4 GiB, 5.15+: max unchanged', 2 * GIB, 64, '5.15', 'D', 65536, 65536],
    ['1-4 GiB, before 5.15', 2 * GIB, 64, '5.14', 'C', 16384, 65536],
    ['32-bit above 4 GiB (PAE), 5.15+: never 262144', 8 * GIB, 32, '6.1', 'D', 65536, 65536],
    ['32-bit above 4 GiB (PAE), before 5.15', 8 * GIB, 32, '4.19', 'C', 65536, 262144],
    ['era A above 1 GiB (RHEL AS 3: 8192 buckets, 65536 max)', 2 * GIB, 32, '2.4.21', 'A', 8192, 65536],
    // Thresholds are "more than", compared in pages.
    ['exactly 1 GiB, 5.15+ (RAM-derived)', GIB, 64, '6.8', 'D', 8192, 8192],
    ['1 GiB plus one page, 5.15+', GIB + 4096, 64, '6.8', 'D', 65536, 65536],
    ['1 GiB plus less than a page, 5.15+', GIB + 4095, 64, '6.8', 'D', 8192, 8192],
    ['exactly 4 GiB, 5.15+', 4 * GIB, 64, '6.8', 'D', 65536, 65536],
    ['4 GiB plus one page, 5.15+', 4 * GIB + 4096, 64, '6.8', 'D', 262144, 262144],
    ['exactly 4 GiB, 4.x', 4 * GIB, 64, '4.19', 'C', 16384, 65536],
    // Minimums per era.
    ['tiny RAM, 5.15+ minimum 1024', 32 * MIB, 64, '6.8', 'D', 1024, 1024],
    ['tiny RAM, era C minimum 32 (page-rounded buckets, max from rounded)', 2 * MIB, 64, '4.19', 'C', 512, 2048],
    ['tiny RAM, era B minimum 32 (max from the unrounded 32)', 2 * MIB, 64, '3.10', 'B', 512, 128],
    ['tiny RAM, era A minimum 16 (no rounding)', 1 * MIB, 64, '2.6.18', 'A', 16, 128],
    // RAM-derived sizes below 1 GiB.
    ['era A, 512 MiB 32-bit (two-pointer buckets)', 512 * MIB, 32, '2.6.18', 'A', 4096, 32768],
    ['era A, 512 MiB 64-bit', 512 * MIB, 64, '2.4.37', 'A', 2048, 16384],
    ['32-bit rounds to 1024 buckets per page', 262000 * KIB, 32, '6.1', 'D', 4096, 4096],
    // Where max is taken before or after page rounding (262000 kB: 2046 buckets before rounding).
    ['4.4 (per-namespace tables): max from unrounded 2046', 262000 * KIB, 64, '4.4', 'C', 2048, 8184],
    ['4.7 (single table): max from rounded 2048', 262000 * KIB, 64, '4.7', 'C', 2048, 8192],
    ['4.19: max from rounded 2048', 262000 * KIB, 64, '4.19', 'C', 2048, 8192],
  ];
  for (const [label, memBytes, bits, version, era, buckets, conntrackMax] of cases) {
    it(`${label}: ${buckets} buckets, max ${conntrackMax}`, () => {
      const value = defaults(memBytes, bits, version);
      assert.deepEqual({ era: value.era, buckets: value.buckets, conntrackMax: value.conntrackMax }, { era, buckets, conntrackMax });
    });
  }

  const eras: Array<[string, KernelSizingEra]> = [
    ['2.4.21', 'A'],
    ['2.6.23', 'A'],
    ['2.6.24', 'B'],
    ['2.6.32-754.el6.x86_64', 'B'],
    ['3.18.47', 'B'],
    ['3.19', 'B'],
    ['4.0', 'C'],
    ['4.18.0-513.el8.x86_64', 'C'],
    ['5.14.21', 'C'],
    ['5.15', 'D'],
    ['5.15.0-105-generic', 'D'],
    ['6.18', 'D'],
  ];
  for (const [version, era] of eras) {
    it(`puts kernel ${version} in era ${era}`, () => {
      assert.equal(defaults(4 * GIB, 64, version).era, era);
    });
  }

  it('accepts an already parsed version', () => {
    assert.equal(defaults(WORKED_EXAMPLE_BYTES, 64, '6.8').conntrackMax, 262144);
    const parsed = kernelDefault(WORKED_EXAMPLE_BYTES, 64, { major: 4, minor: 9, patch: 0 });
    assert.ok(parsed.ok && parsed.value.era === 'C' && parsed.value.conntrackMax === 262144);
  });

  it('reports the max factor and the bucket count before rounding', () => {
    const value = defaults(262000 * KIB, 64, '4.4');
    assert.deepEqual({ requested: value.requestedBuckets, factor: value.maxFactor, given: value.hashsizeGiven }, { requested: 2046, factor: 4, given: false });
    assert.equal(defaults(WORKED_EXAMPLE_BYTES, 64, '6.8').maxFactor, 1);
    assert.equal(defaults(WORKED_EXAMPLE_BYTES, 64, '2.6.18').maxFactor, 8);
  });

  describe('with 64 KiB pages', () => {
    it('rounds to 8192 buckets on 64-bit', () => {
      const value = defaults(851968 * KIB, 64, '6.1', { pageBytes: 65536 });
      assert.deepEqual([value.buckets, value.conntrackMax], [8192, 8192]);
    });
    it('leaves sizes above 1 GiB unchanged', () => {
      const value = defaults(WORKED_EXAMPLE_BYTES, 64, '6.8', { pageBytes: 65536 });
      assert.deepEqual([value.buckets, value.conntrackMax], [262144, 262144]);
    });
  });

  describe('with an explicit hashsize module parameter', () => {
    it('rounds 193445 to 193536 buckets and defaults max to 8 x 193536 (reference example)', () => {
      const value = defaults(WORKED_EXAMPLE_BYTES, 64, '6.8', { hashsize: 193445 });
      assert.deepEqual([value.buckets, value.conntrackMax, value.maxFactor, value.hashsizeGiven], [193536, 1548288, 8, true]);
    });
    it('yields 2097152 for hashsize=262144', () => {
      assert.equal(defaults(WORKED_EXAMPLE_BYTES, 64, '6.8', { hashsize: 262144 }).conntrackMax, 2097152);
    });
    it('uses the unrounded size for max on per-namespace-table kernels', () => {
      const value = defaults(WORKED_EXAMPLE_BYTES, 64, '4.4', { hashsize: 193445 });
      assert.deepEqual([value.buckets, value.conntrackMax], [193536, 1547560]);
    });
    it('does not round on era A kernels', () => {
      const value = defaults(WORKED_EXAMPLE_BYTES, 32, '2.4.21', { hashsize: 1000 });
      assert.deepEqual([value.buckets, value.conntrackMax], [1000, 8000]);
    });
  });

  const failures: Array<[string, () => ReturnType<typeof kernelDefault>, RegExp]> = [
    ['an unreadable version', () => kernelDefault(GIB, 64, 'latest'), /Cannot read "latest" as a kernel version/],
    ['a kernel before conntrack', () => kernelDefault(GIB, 64, '2.2.26'), /predates connection tracking/],
    ['zero memory', () => kernelDefault(0, 64, '6.8'), /positive whole number of bytes/],
    ['fractional memory', () => kernelDefault(1.5, 64, '6.8'), /positive whole number of bytes/],
    ['a page size that is not a power of two', () => kernelDefault(GIB, 64, '6.8', { pageBytes: 5000 }), /power of two/],
    ['a page size below 4 KiB', () => kernelDefault(GIB, 64, '6.8', { pageBytes: 2048 }), /power of two from 4096/],
    ['a zero hashsize', () => kernelDefault(GIB, 64, '6.8', { hashsize: 0 }), /hashsize must be/],
    ['a hashsize above 2^32 - 1', () => kernelDefault(GIB, 64, '6.8', { hashsize: 2 ** 32 }), /hashsize must be/],
  ];
  for (const [label, run, pattern] of failures) {
    it(`returns an error for ${label}`, () => {
      const result = run();
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, pattern);
    });
  }
});

describe('tableMemory', () => {
  const cases: Array<[string, number, number, PointerBits, number]> = [
    ['1,048,576 entries without buckets: 384 MiB', 1048576, 0, 64, 384 * MIB],
    ['262144 buckets alone: 2 MiB', 0, 262144, 64, 2 * MIB],
    ['the formula value of the worked example (~568 MiB)', 1547561, 193445, 64, 595810984],
    ['the 5.15+ default of the worked example', 262144, 262144, 64, 102760448],
    ['32-bit: 4-byte bucket heads', 65536, 65536, 32, 25427968],
  ];
  for (const [label, entries, buckets, bits, bytes] of cases) {
    it(`${label} = ${bytes} bytes`, () => {
      assert.equal(tableMemory(entries, buckets, bits), bytes);
    });
  }
});

function recommendation(input: Parameters<typeof recommend>[0]): ConntrackRecommendation {
  const result = recommend(input);
  if (!result.ok) assert.fail(result.error);
  return result.value;
}

describe('recommend', () => {
  it('puts the formula and the kernel default of the worked example side by side', () => {
    const value = recommendation({ memBytes: WORKED_EXAMPLE_BYTES, arch: 'x86_64', kernelVersion: '6.8.0-45-generic' });
    assert.deepEqual(value.input, { memBytes: 50710507520, arch: 'x86_64', kernelVersion: '6.8.0-45-generic', pageBytes: 4096 });
    assert.deepEqual(value.architecture, { name: 'x86_64', bits: 64 });
    assert.equal(value.pointerBytes, 8);
    assert.equal(value.formula.conntrackMax, 1547561);
    // 6.8 sizes one bucket per entry (since 5.15): the buckets follow the kernel, not max / 8.
    assert.deepEqual([value.formula.buckets, value.formula.basis], [1547561, 'one-per-entry']);
    assert.match(value.formula.reason, /5\.15 \(commit d532bcd0b269\).*two hash slots/);
    assert.equal(value.formula.fullTable.bytes, 1547561 * 384 + 1547561 * 8);
    assert.ok(value.kernelDefault !== null);
    assert.equal(value.kernelDefault.era, 'D');
    assert.equal(value.kernelDefault.buckets, 262144);
    assert.equal(value.kernelDefault.conntrackMax, 262144);
    assert.equal(value.kernelDefault.fullTable.bytes, 102760448);
    assert.match(value.kernelDefault.eraDescription, /5\.15 and later/);
    assert.deepEqual(value.warnings, []);
  });

  it('shows the formula as about 5.9 times the 5.15+ default', () => {
    const value = recommendation({ memBytes: WORKED_EXAMPLE_BYTES, arch: 'x86_64', kernelVersion: '6.8' });
    assert.ok(value.kernelDefault !== null);
    assert.equal((value.formula.conntrackMax / value.kernelDefault.conntrackMax).toFixed(1), '5.9');
  });

  it('uses the pointer width of the architecture name', () => {
    const value = recommendation({ memBytes: 16 * GIB, arch: 'armv7l', kernelVersion: '5.10' });
    assert.deepEqual([value.formula.conntrackMax, value.formula.hashsize, value.pointerBytes], [1048576, 131072, 4]);
    assert.ok(value.kernelDefault !== null);
    assert.deepEqual([value.kernelDefault.era, value.kernelDefault.buckets, value.kernelDefault.conntrackMax], ['C', 65536, 262144]);
  });

  it('leaves the kernel default out when no kernel version is known', () => {
    const value = recommendation({ memBytes: 16 * GIB, arch: 'arm64' });
    assert.equal(value.kernelDefault, null);
    assert.equal(value.input.kernelVersion, null);
    assert.equal(value.formula.conntrackMax, 524288);
    assert.equal(recommendation({ memBytes: 16 * GIB, arch: 'arm64', kernelVersion: '  ' }).kernelDefault, null);
  });

  it('passes the page size to the kernel default', () => {
    const value = recommendation({ memBytes: 851968 * KIB, arch: 'ppc64le', kernelVersion: '6.1', pageBytes: 65536 });
    assert.equal(value.kernelDefault?.buckets, 8192);
    assert.equal(value.input.pageBytes, 65536);
  });

  it('warns when the formula would set max to 0 (no limit)', () => {
    const value = recommendation({ memBytes: 16 * KIB, arch: '64' });
    assert.equal(value.formula.conntrackMax, 0);
    assert.equal(value.warnings.length, 1);
    assert.match(value.warnings[0], /no limit/);
  });

  it('pairs the worked example with max / 8 = 193445 buckets on kernels before 5.15, and says why', () => {
    const value = recommendation({ memBytes: WORKED_EXAMPLE_BYTES, arch: 'x86_64', kernelVersion: '5.14' });
    assert.deepEqual([value.formula.conntrackMax, value.formula.buckets, value.formula.basis], [1547561, 193445, 'eighth-of-max']);
    assert.match(value.formula.reason, /before 5\.15/);
    assert.equal(value.formula.fullTable.bytes, 595810984);
    assert.ok(Math.abs(value.formula.fullTable.ramShare - 595810984 / 50710507520) < 1e-15);
  });

  it('assumes a current kernel, and says so, when no kernel version is given', () => {
    const value = recommendation({ memBytes: WORKED_EXAMPLE_BYTES, arch: 'x86_64' });
    assert.equal(value.formula.buckets, 1547561);
    assert.match(value.formula.reason, /no kernel version given/);
  });

  it('warns when the bucket count would be 0 (max / 8 on an old kernel)', () => {
    const value = recommendation({ memBytes: 64 * KIB, arch: '64', kernelVersion: '4.19' });
    assert.deepEqual([value.formula.conntrackMax, value.formula.buckets], [2, 0]);
    assert.equal(value.warnings.length, 1);
    assert.match(value.warnings[0], /hash size of 0/);
  });

  it('warns that 3.19 sits on an unconfirmed era boundary', () => {
    const value = recommendation({ memBytes: 8 * GIB, arch: 'x86_64', kernelVersion: '3.19.8' });
    assert.equal(value.kernelDefault?.era, 'B');
    assert.equal(value.warnings.length, 1);
    assert.match(value.warnings[0], /3\.19/);
  });

  const failures: Array<[string, Parameters<typeof recommend>[0], RegExp]> = [
    ['an unknown architecture', { memBytes: GIB, arch: 'pdp11', kernelVersion: '6.8' }, /Unknown architecture "pdp11".*x86_64/],
    ['an unreadable kernel version', { memBytes: GIB, arch: 'x86_64', kernelVersion: 'six' }, /kernel version/],
    ['zero memory', { memBytes: 0, arch: 'x86_64' }, /positive whole number/],
    ['negative memory', { memBytes: -GIB, arch: 'x86_64' }, /positive whole number/],
    ['inexact memory', { memBytes: 2 ** 60, arch: 'x86_64' }, /positive whole number/],
    ['a bad page size', { memBytes: GIB, arch: 'x86_64', pageBytes: 1000 }, /power of two/],
  ];
  for (const [label, input, pattern] of failures) {
    it(`returns an error for ${label}`, () => {
      const result = recommend(input);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, pattern);
    });
  }
});
