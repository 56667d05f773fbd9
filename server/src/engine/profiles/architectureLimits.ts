import type { ArchitectureLimitName } from './types';

/**
 * Architecture-dependent bounds of the ASLR and low-address keys, from the defaults of
 * CONFIG_ARCH_MMAP_RND_BITS_MAX / _COMPAT_BITS_MAX in arch/<arch>/Kconfig of Linux 6.12 (the
 * kernel refuses writes above the maximum with EINVAL) and kernel-hardening-checker's
 * mmap_min_addr expectation. Where a family's maximum depends on its configuration (VA size,
 * page size), `lowest` is the smallest maximum of its common configurations and `detail` says more.
 */

export type ArchitectureFamily = 'x86_64' | 'x86' | 'arm64' | 'arm' | 'riscv64' | 'ppc64' | 'loongarch64' | 'mips64';

export interface ArchitectureLimit {
  /** The value to require: the maximum (or, for mmap_min_addr, the protective minimum). */
  lowest: number;
  /** Set when configurations differ: what the value depends on. */
  detail?: string;
}

const LIMITS: Readonly<Record<ArchitectureLimitName, Partial<Record<ArchitectureFamily, ArchitectureLimit>>>> = {
  mmap_rnd_bits: {
    x86_64: { lowest: 32 },
    x86: { lowest: 16 },
    arm64: {
      lowest: 24,
      detail:
        'the arm64 maximum depends on VA size and page size: 33 for 48-bit VA with 4 KiB pages, 31 with 16 KiB pages, 29 with 64 KiB pages, 24 for 39-bit VA (Raspberry Pi OS)',
    },
    arm: { lowest: 14, detail: 'the 32-bit ARM maximum is 16 with the usual 3G/1G split, 15 or 14 with larger kernel splits' },
    riscv64: { lowest: 24 },
    ppc64: { lowest: 29, detail: 'the ppc64 maximum is 29 with 64 KiB pages and 33 with 4 KiB pages' },
    loongarch64: { lowest: 18 },
    mips64: { lowest: 18 },
  },
  mmap_rnd_compat_bits: {
    x86_64: { lowest: 16 },
    arm64: { lowest: 16 },
    riscv64: { lowest: 17 },
    ppc64: { lowest: 13, detail: 'the ppc64 compat maximum is 13 with 64 KiB pages and 17 with 4 KiB pages' },
    mips64: { lowest: 15 },
  },
  mmap_min_addr: {
    x86_64: { lowest: 65536 },
    x86: { lowest: 65536 },
    riscv64: { lowest: 65536 },
    arm64: { lowest: 65536, detail: 'kernel-hardening-checker also wants 32-bit compat support (CONFIG_COMPAT) off on arm64, where the kernel default is 32768 with it' },
    arm: { lowest: 32768 },
    ppc64: { lowest: 65536 },
    loongarch64: { lowest: 65536 },
    mips64: { lowest: 65536 },
  },
};

const FAMILY_OF: ReadonlyMap<string, ArchitectureFamily> = new Map([
  ['x86_64', 'x86_64'],
  ['amd64', 'x86_64'],
  ['i386', 'x86'],
  ['i486', 'x86'],
  ['i586', 'x86'],
  ['i686', 'x86'],
  ['aarch64', 'arm64'],
  ['aarch64_be', 'arm64'],
  ['arm64', 'arm64'],
  ['arm', 'arm'],
  ['armhf', 'arm'],
  ['armel', 'arm'],
  ['riscv64', 'riscv64'],
  ['ppc64', 'ppc64'],
  ['ppc64le', 'ppc64'],
  ['ppc64el', 'ppc64'],
  ['loongarch64', 'loongarch64'],
  ['mips64', 'mips64'],
]);

/** The family of a `uname -m` name; undefined for names these limits do not cover. */
export function architectureFamily(uname: string): ArchitectureFamily | undefined {
  const name = uname.trim().toLowerCase();
  return FAMILY_OF.get(name) ?? (/^armv\d+[a-z]*[lb]$/.test(name) ? 'arm' : undefined);
}

/** The limit for a family, or undefined when the key does not exist there or the family is not covered. */
export function architectureLimit(limit: ArchitectureLimitName, family: ArchitectureFamily): ArchitectureLimit | undefined {
  return LIMITS[limit][family];
}
