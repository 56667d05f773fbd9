import { strict as assert } from 'node:assert';
import { formatByteCount, formatDuration, formatMilliseconds, readNumbers } from '../../../server/src/engine/hover';

describe('hover unit formatting', () => {
  describe('formatDuration', () => {
    const cases: Array<[number, string]> = [
      [432000, '5 days'],
      [86400, '1 day'],
      [86401, '1 day 1 second'],
      [7200, '2 hours'],
      [7875, '2 hours 11 minutes 15 seconds'],
      [120, '2 minutes'],
      [60, '1 minute'],
      [75, '1 minute 15 seconds'],
      [30, '30 seconds'],
      [1, '1 second'],
      [0, '0 seconds'],
      [-60, 'minus 1 minute'],
      [8589934, '99 days 10 hours 5 minutes 34 seconds'],
    ];
    for (const [seconds, expected] of cases) {
      it(`${seconds} s is "${expected}"`, () => assert.equal(formatDuration(seconds), expected));
    }
  });

  describe('formatMilliseconds', () => {
    const cases: Array<[number, string]> = [
      [250, '250 ms'],
      [1000, '1 second'],
      [1500, '1.5 seconds'],
      [60000, '1 minute'],
    ];
    for (const [ms, expected] of cases) {
      it(`${ms} ms is "${expected}"`, () => assert.equal(formatMilliseconds(ms), expected));
    }
  });

  describe('formatByteCount', () => {
    const cases: Array<[number | bigint, string]> = [
      [212992, '208 KiB'],
      [4096, '4 KiB'],
      [131072, '128 KiB'],
      [33554432, '32 MiB'],
      [3145728, '3 MiB'],
      [6291456, '6 MiB'],
      [1024 ** 3, '1 GiB'],
      [1000, '1000 bytes'],
      [1, '1 byte'],
      [0, '0 bytes'],
      [2304, 'about 2.3 KiB'],
      [2n ** 63n - 1n, 'about 8191 PiB'],
    ];
    for (const [bytes, expected] of cases) {
      it(`${bytes} bytes is "${expected}"`, () => assert.equal(formatByteCount(bytes), expected));
    }
  });

  describe('readNumbers (kernel base detection)', () => {
    const good: Array<[string, bigint[], Array<8 | 10 | 16>]> = [
      ['0', [0n], [10]],
      ['65536', [65536n], [10]],
      ['010', [8n], [8]],
      ['0x20', [32n], [16]],
      ['-5', [-5n], [10]],
      ['4096\t131072  6291456', [4096n, 131072n, 6291456n], [10, 10, 10]],
    ];
    for (const [text, values, bases] of good) {
      it(`reads ${JSON.stringify(text)}`, () => {
        const read = readNumbers(text);
        assert.ok(read.ok);
        assert.deepEqual(
          read.numbers.map((n) => n.value),
          values,
        );
        assert.deepEqual(
          read.numbers.map((n) => n.base),
          bases,
        );
      });
    }
    for (const [text, token] of [
      ['45s', '45s'],
      ['+1', '+1'],
      ['4.5', '4.5'],
      ['08', '08'],
      ['1 x', 'x'],
    ]) {
      it(`refuses ${JSON.stringify(text)} at ${JSON.stringify(token)}`, () => assert.deepEqual(readNumbers(text), { ok: false, token }));
    }
  });
});
