import { strict as assert } from 'node:assert';
import { compareKernelVersions, isKernelAtLeast, parseKernelVersion, type KernelVersion } from '../../../server/src/engine/kernelVersion';

function version(text: string): KernelVersion {
  const result = parseKernelVersion(text);
  if (!result.ok) assert.fail(`expected "${text}" to parse: ${result.error}`);
  return result.value;
}

describe('parseKernelVersion', () => {
  const accepted: Array<[string, KernelVersion]> = [
    ['6.8', { major: 6, minor: 8, patch: 0 }],
    ['5.4', { major: 5, minor: 4, patch: 0 }],
    ['4.9', { major: 4, minor: 9, patch: 0 }],
    ['6.18.44', { major: 6, minor: 18, patch: 44 }],
    ['5.15.0-105-generic', { major: 5, minor: 15, patch: 0 }],
    ['6.1.0-18-amd64', { major: 6, minor: 1, patch: 0 }],
    ['4.18.0-513.el8.x86_64', { major: 4, minor: 18, patch: 0 }],
    ['2.6.32-754.el6.x86_64', { major: 2, minor: 6, patch: 32 }],
    ['2.6.32.27', { major: 2, minor: 6, patch: 32 }],
    ['6.10-rc3', { major: 6, minor: 10, patch: 0 }],
    ['6.8.0+', { major: 6, minor: 8, patch: 0 }],
    ['  6.8\n', { major: 6, minor: 8, patch: 0 }],
  ];
  for (const [text, expected] of accepted) {
    it(`reads ${JSON.stringify(text)}`, () => {
      assert.deepEqual(version(text), expected);
    });
  }

  const rejected = ['', '   ', '6', 'v6.8', 'six', '6.x', '6.8 generic', '6.8.', '6..8', '-6.8', '6,8', '6.12345'];
  for (const text of rejected) {
    it(`rejects ${JSON.stringify(text)} with an example of the accepted form`, () => {
      const result = parseKernelVersion(text);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.match(result.error, /Cannot read/);
        assert.match(result.error, /6\.8/);
        assert.match(result.error, /5\.15\.0-105-generic/);
      }
    });
  }
});

describe('compareKernelVersions / isKernelAtLeast', () => {
  const ordered: Array<[string, string, number]> = [
    ['5.15', '5.4', 1],
    ['5.4', '5.15', -1],
    ['2.6.24', '2.6.9', 1],
    ['4.0', '3.19', 1],
    ['6.8', '6.8.0-45-generic', 0],
  ];
  for (const [a, b, sign] of ordered) {
    it(`orders ${a} against ${b} as ${sign}`, () => {
      assert.equal(Math.sign(compareKernelVersions(version(a), version(b))), sign);
    });
  }

  it('treats the boundary version itself as reached', () => {
    assert.equal(isKernelAtLeast(version('5.15'), 5, 15), true);
    assert.equal(isKernelAtLeast(version('5.14.21'), 5, 15), false);
    assert.equal(isKernelAtLeast(version('2.6.23'), 2, 6, 24), false);
    assert.equal(isKernelAtLeast(version('2.6.24'), 2, 6, 24), true);
  });
});
