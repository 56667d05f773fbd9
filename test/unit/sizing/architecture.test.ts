import { strict as assert } from 'node:assert';
import { architectureFromUname, pointerBytes, type PointerBits } from '../../../server/src/engine/sizing';

describe('architectureFromUname', () => {
  // Every row of the `uname -m` table in docs/reference/kernel-keys.md §6, written out independently of the implementation.
  const unameTable: Array<[string, PointerBits]> = [
    ['x86_64', 64],
    ['i386', 32],
    ['i486', 32],
    ['i586', 32],
    ['i686', 32],
    ['aarch64', 64],
    ['aarch64_be', 64],
    ['armv8l', 32],
    ['armv8b', 32],
    ['armv7l', 32],
    ['armv7b', 32],
    ['armv6l', 32],
    ['armv5tel', 32],
    ['armv5tejl', 32],
    ['armv4tl', 32],
    ['arm', 32],
    ['ppc64le', 64],
    ['ppc64', 64],
    ['ppc', 32],
    ['ppcle', 32],
    ['s390x', 64],
    ['s390', 32],
    ['riscv64', 64],
    ['riscv32', 32],
    ['riscv', 32],
    ['mips64', 64],
    ['mips', 32],
    ['loongarch64', 64],
    ['sparc64', 64],
    ['sparc', 32],
    ['parisc64', 64],
    ['parisc', 32],
    ['ia64', 64],
    ['alpha', 64],
    ['sh4', 32],
    ['m68k', 32],
    ['arc', 32],
    ['microblaze', 32],
    ['csky', 32],
    ['nios2', 32],
    ['xtensa', 32],
    ['or1k', 32],
  ];
  // Not printed by Linux, but common spellings with an unambiguous width.
  const aliases: Array<[string, PointerBits]> = [
    ['arm64', 64],
    ['amd64', 64],
    ['ppc64el', 64],
    ['armhf', 32],
    ['armel', 32],
    ['64', 64],
    ['32', 32],
  ];

  for (const [name, bits] of [...unameTable, ...aliases]) {
    it(`maps ${name} to ${bits}-bit`, () => {
      assert.deepEqual(architectureFromUname(name), { ok: true, value: { name, bits } });
    });
  }

  const normalised: Array<[string, string, PointerBits]> = [
    ['  x86_64\n', 'x86_64', 64],
    ['X86_64', 'x86_64', 64],
    ['AArch64', 'aarch64', 64],
    ['\tarmv7l ', 'armv7l', 32],
    [' 64 ', '64', 64],
  ];
  for (const [input, name, bits] of normalised) {
    it(`trims and lower-cases ${JSON.stringify(input)}`, () => {
      assert.deepEqual(architectureFromUname(input), { ok: true, value: { name, bits } });
    });
  }

  const unknown = ['x86', 'x86-64', 'amd', 'i786', 'armv7', 'armv', 'arm64e', 'aarch32', 'vax', '128', '16', 'unknown', 'x86_64 x86_64'];
  for (const name of unknown) {
    it(`refuses to guess for ${JSON.stringify(name)}`, () => {
      const result = architectureFromUname(name);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.match(result.error, /Unknown architecture/);
        assert.ok(result.error.includes(`"${name.toLowerCase()}"`), result.error);
        for (const example of ['x86_64', 'aarch64', 'armv7l', 'i686', '64 or 32']) assert.ok(result.error.includes(example), example);
      }
    });
  }

  it('reports an empty name as missing, with examples', () => {
    const result = architectureFromUname('   ');
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.match(result.error, /No architecture given/);
      assert.ok(result.error.includes('x86_64'));
    }
  });
});

describe('pointerBytes', () => {
  it('is 8 on 64-bit and 4 on 32-bit', () => {
    assert.equal(pointerBytes(64), 8);
    assert.equal(pointerBytes(32), 4);
  });
});
