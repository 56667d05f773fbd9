import { strict as assert } from 'node:assert';
import { formatBytes, parseSize } from '../../../server/src/engine/sizing';

const GIB = 1024 ** 3;

describe('parseSize', () => {
  const accepted: Array<[string, number]> = [
    ['49521980 kB', 50710507520],
    ['49521980kB', 50710507520],
    ['49521980 KB', 50710507520],
    ['48GiB', 48 * GIB],
    ['48G', 48 * GIB],
    ['48 GiB', 48 * GIB],
    ['48g', 48 * GIB],
    ['512MiB', 512 * 1024 ** 2],
    ['512M', 512 * 1024 ** 2],
    ['1TiB', 1024 ** 4],
    ['1T', 1024 ** 4],
    ['64KiB', 65536],
    ['64K', 65536],
    ['64k', 65536],
    ['51539607552', 51539607552],
    ['  48G \n', 48 * GIB],
    ['007G', 7 * GIB],
    ['1.5G', 1610612736],
    ['0.5K', 512],
    ['2.25 MiB', 2359296],
    ['8191T', 9006099743113216],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ];
  for (const [text, bytes] of accepted) {
    it(`reads ${JSON.stringify(text)} as ${bytes} bytes`, () => {
      assert.deepEqual(parseSize(text), { ok: true, value: bytes });
    });
  }

  const rejected: Array<[string, RegExp]> = [
    ['', /No memory size given/],
    ['   ', /No memory size given/],
    ['-1G', /negative/],
    ['-512', /negative/],
    ['0', /zero/],
    ['0G', /zero/],
    ['0.0M', /zero/],
    ['1.3K', /not a whole number of bytes/],
    ['100.5', /not a whole number of bytes/],
    ['1.0000001G', /not a whole number of bytes/],
    ['48GB', /ambiguous.*GiB or G/],
    ['512MB', /ambiguous.*MiB or M/],
    ['1TB', /ambiguous.*TiB or T/],
    ['48X', /Unknown unit "X"/],
    ['1P', /Unknown unit "P"/],
    ['48 bytes', /Unknown unit "bytes"/],
    ['512B', /Unknown unit "B"/],
    ['1e9', /Cannot read/],
    ['4 8G', /Cannot read/],
    ['G', /Cannot read/],
    ['.5G', /Cannot read/],
    ['1.G', /Cannot read/],
    ['1,024', /Cannot read/],
    ['0x10', /Cannot read/],
    ['+5G', /Cannot read/],
    ['8192T', /too large/],
    ['9007199254740992', /too large/],
  ];
  for (const [text, reason] of rejected) {
    it(`rejects ${JSON.stringify(text)} and lists the accepted forms`, () => {
      const result = parseSize(text);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.match(result.error, reason);
        for (const form of ['51539607552', '49521980 kB', '512M / 512MiB', '48G / 48GiB', '1T / 1TiB', '64K / 64KiB']) {
          assert.ok(result.error.includes(form), `message lacks "${form}": ${result.error}`);
        }
      }
    });
  }
});

describe('formatBytes', () => {
  const cases: Array<[number, string]> = [
    [50710507520, '47.2 GiB'],
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [595810984, '568.2 MiB'],
    [402653184, '384.0 MiB'],
    [GIB, '1.0 GiB'],
    // 1023.96 MiB would round to "1024.0 MiB"; it moves up a unit instead.
    [1073699881, '1.0 GiB'],
    [1024 ** 4, '1.0 TiB'],
    [Number.MAX_SAFE_INTEGER, '8.0 PiB'],
  ];
  for (const [bytes, text] of cases) {
    it(`prints ${bytes} as "${text}"`, () => {
      assert.equal(formatBytes(bytes), text);
    });
  }

  it('refuses negative and non-finite counts', () => {
    assert.throws(() => formatBytes(-1), RangeError);
    assert.throws(() => formatBytes(Number.NaN), RangeError);
    assert.throws(() => formatBytes(Number.POSITIVE_INFINITY), RangeError);
  });
});
