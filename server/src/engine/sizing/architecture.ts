/**
 * Kernel pointer width from a `uname -m` machine name. The conntrack sizing rules depend on the
 * size of a bucket head (one pointer), so the width must be the kernel's, and an unknown name is
 * an error rather than a guess.
 */

export type PointerBits = 32 | 64;

export interface Architecture {
  /** The name as given, trimmed and lower-cased (`uname -m` never prints capitals). */
  name: string;
  bits: PointerBits;
}

export type ArchitectureResult = { ok: true; value: Architecture } | { ok: false; error: string };

/** Names Linux prints in `uname -m`, with the kernel pointer width they imply. */
const UNAME_MACHINE_BITS: ReadonlyMap<string, PointerBits> = new Map<string, PointerBits>([
  ['x86_64', 64],
  ['i386', 32],
  ['i486', 32],
  ['i586', 32],
  ['i686', 32],
  ['aarch64', 64],
  ['aarch64_be', 64],
  ['ppc64le', 64],
  ['ppc64', 64],
  ['ppc', 32],
  ['ppcle', 32],
  ['s390x', 64],
  // 31-bit addressing, but pointers are 4 bytes.
  ['s390', 32],
  ['riscv64', 64],
  ['riscv32', 32],
  // Compat name printed under a 32-bit personality on riscv64.
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
  ['arm', 32],
]);

/**
 * Spellings Linux `uname -m` does not print but users copy from Debian architecture names or
 * macOS/BSD (`arm64`, `amd64`); accepted because their width is unambiguous.
 */
const DISTRIBUTION_ALIASES_BITS: ReadonlyMap<string, PointerBits> = new Map<string, PointerBits>([
  ['amd64', 64],
  ['arm64', 64],
  ['ppc64el', 64],
  ['armhf', 32],
  ['armel', 32],
]);

/**
 * 32-bit ARM names are the CPU architecture plus an endianness letter (armv7l, armv5tejl, armv8b),
 * so they follow a rule rather than a list. armv8l/armv8b also cover a 32-bit personality on arm64.
 */
const ARM32_MACHINE = /^armv\d+[a-z]*[lb]$/;

const ACCEPTED_EXAMPLES = 'x86_64, aarch64, ppc64le, s390x, riscv64, loongarch64 (64-bit); i686, armv7l, armv6l, arm, mips, ppc (32-bit); or just 64 or 32';

export function architectureFromUname(text: string): ArchitectureResult {
  const name = text.trim().toLowerCase();
  if (name === '') {
    return { ok: false, error: `No architecture given. Expected a \`uname -m\` name such as ${ACCEPTED_EXAMPLES}.` };
  }
  const bits = bitsForName(name);
  if (bits === undefined) {
    return {
      ok: false,
      error: `Unknown architecture "${name}". Expected a \`uname -m\` name such as ${ACCEPTED_EXAMPLES}.`,
    };
  }
  return { ok: true, value: { name, bits } };
}

function bitsForName(name: string): PointerBits | undefined {
  if (name === '64') return 64;
  if (name === '32') return 32;
  return UNAME_MACHINE_BITS.get(name) ?? DISTRIBUTION_ALIASES_BITS.get(name) ?? (ARM32_MACHINE.test(name) ? 32 : undefined);
}

/** Bytes in one kernel pointer, i.e. one hash-bucket head. */
export function pointerBytes(bits: PointerBits): 4 | 8 {
  return bits === 64 ? 8 : 4;
}
