/**
 * Conntrack table sizing: the classic community formula, the kernel's own defaults by era, and
 * the memory a full table costs. Integer arithmetic throughout: every divisor is a power of two,
 * so floating-point division of byte counts below 2^53 is exact and Math.floor gives the C result.
 */

import { formatKernelVersion, isKernelAtLeast, parseKernelVersion, type KernelVersion } from '../kernelVersion';
import { architectureFromUname, pointerBytes, type Architecture, type PointerBits } from './architecture';
import { MAX_EXACT_BYTES } from './size';

const GIB = 1024 ** 3;
/** The kernel's "use 1/16384 of memory" divisor, shared by the formula and every era. */
const RAM_DIVISOR = 16384;
const DEFAULT_PAGE_BYTES = 4096;

/**
 * Rule of thumb for a full table on 64-bit: a 256-byte nf_conn slab object plus about 128 bytes of
 * extensions. No 32-bit measurement exists in our sources; the same figure is used there as an
 * upper bound (32-bit structures are smaller).
 */
export const CONNTRACK_BYTES_PER_ENTRY = 384;

export interface FormulaSizing {
  /** CONNTRACK_MAX = RAM / 16384 / (bits / 32), floored. */
  conntrackMax: number;
  /** HASHSIZE = CONNTRACK_MAX / 8, floored. */
  hashsize: number;
}

/** How many buckets to pair with a chosen nf_conntrack_max on the target kernel, and why. */
export interface BucketAdvice {
  buckets: number;
  /** `one-per-entry`: 5.15 and later; `eighth-of-max`: the classic advice for older kernels. */
  basis: 'one-per-entry' | 'eighth-of-max';
  /** One sentence for hover, recommend and the fix title's neighbours. */
  reason: string;
}

/**
 * Buckets for a table of `conntrackMax` entries. Each connection sits in the hash twice (original
 * and reply direction); since 5.15 the kernel's own default is one bucket per entry for that
 * reason, while older kernels defaulted to max = 4-8 x buckets, where the classic advice max / 8
 * comes from. Without a kernel version, current kernels are assumed.
 */
export function bucketAdvice(conntrackMax: number, kernel: KernelVersion | null): BucketAdvice {
  if (kernel === null || isKernelAtLeast(kernel, 5, 15)) {
    return {
      buckets: conntrackMax,
      basis: 'one-per-entry',
      reason: `one bucket per entry, as the kernel itself sizes it since 5.15 (commit d532bcd0b269): each connection occupies two hash slots, original and reply${kernel === null ? '; no kernel version given, so 5.15 or later is assumed' : ''}`,
    };
  }
  return {
    buckets: Math.floor(conntrackMax / 8),
    basis: 'eighth-of-max',
    reason: `nf_conntrack_max / 8, the classic advice for kernels before 5.15, which default to 4 entries per bucket (8 with hashsize=)`,
  };
}

function assertMemBytes(memBytes: number): void {
  if (!Number.isSafeInteger(memBytes) || memBytes <= 0) {
    throw new RangeError(`memory size must be a positive whole number of bytes below 2^53, got ${memBytes}`);
  }
}

/**
 * The classic formula from the netfilter "conntrack tuning" write-up: the old kernel default
 * without its 1 GiB cap. Floors like the C original (49521980 kB on x86_64 gives 1547561, not
 * 1547562). Throws RangeError for a non-positive or inexact memBytes; parsers validate first.
 */
export function formulaMax(memBytes: number, bits: PointerBits): FormulaSizing {
  assertMemBytes(memBytes);
  const conntrackMax = Math.floor(memBytes / (RAM_DIVISOR * (bits / 32)));
  return { conntrackMax, hashsize: Math.floor(conntrackMax / 8) };
}

/**
 * Kernel eras with different default sizing (docs/reference/kernel-keys.md §3.2):
 * A: ip_conntrack and nf_conntrack before hlist buckets; B: hlist buckets, factor 4;
 * C: the extra 4 GiB step; D: "sanitize table size default settings" (5.15).
 */
export type KernelSizingEra = 'A' | 'B' | 'C' | 'D';

export const KERNEL_SIZING_ERA_DESCRIPTIONS: Readonly<Record<KernelSizingEra, string>> = {
  A: 'before 2.6.24 (ip_conntrack, early nf_conntrack): 8192 buckets above 1 GiB, max = 8 x buckets',
  B: '2.6.24 to 3.19: 16384 buckets above 1 GiB, max = 4 x buckets',
  C: '4.0 to 5.14: 16384 buckets above 1 GiB, 65536 above 4 GiB, max = 4 x buckets',
  D: '5.15 and later: 65536 buckets above 1 GiB, 262144 above 4 GiB on 64-bit, max = buckets',
};

export interface KernelDefault {
  era: KernelSizingEra;
  kernelVersion: KernelVersion;
  pageBytes: number;
  /** True when the bucket count came from an explicit hashsize module parameter. */
  hashsizeGiven: boolean;
  /** Bucket count before page rounding: from RAM and the era's clamps, or the given hashsize. */
  requestedBuckets: number;
  /** What nf_conntrack_buckets (and the hashsize parameter) reports. */
  buckets: number;
  maxFactor: 1 | 4 | 8;
  /** The default nf_conntrack_max. */
  conntrackMax: number;
}

export interface KernelDefaultOptions {
  /** Kernel page size; 4096 unless the kernel uses 16 KiB or 64 KiB pages (some arm64, ppc64le). */
  pageBytes?: number;
  /** An explicit `hashsize=` module parameter; switches the default max to 8 x buckets. */
  hashsize?: number;
}

export type KernelDefaultResult = { ok: true; value: KernelDefault } | { ok: false; error: string };

function eraFor(version: KernelVersion): KernelSizingEra | undefined {
  if (!isKernelAtLeast(version, 2, 4)) return undefined;
  if (!isKernelAtLeast(version, 2, 6, 24)) return 'A';
  // The 4 GiB step is absent from 3.18 and present in 4.0; 3.19 is unconfirmed and kept in B.
  if (!isKernelAtLeast(version, 4, 0)) return 'B';
  if (!isKernelAtLeast(version, 5, 15)) return 'C';
  return 'D';
}

/** Buckets from RAM with the era's clamps, before page rounding. */
function autoSizedBuckets(era: KernelSizingEra, ramBytes: number, bits: PointerBits): number {
  // Era A buckets were two-pointer list heads; hlist heads since are one pointer.
  const bucketHeadBytes = era === 'A' ? 2 * pointerBytes(bits) : pointerBytes(bits);
  const raw = Math.floor(ramBytes / (RAM_DIVISOR * bucketHeadBytes));
  // The kernel replaces (not caps) the RAM-derived size above each threshold.
  switch (era) {
    case 'A':
      return Math.max(ramBytes > GIB ? 8192 : raw, 16);
    case 'B':
      return Math.max(ramBytes > GIB ? 16384 : raw, 32);
    case 'C':
      return Math.max(ramBytes > 4 * GIB ? 65536 : ramBytes > GIB ? 16384 : raw, 32);
    case 'D':
      return Math.max(bits === 64 && ramBytes > 4 * GIB ? 262144 : ramBytes > GIB ? 65536 : raw, 1024);
  }
}

/**
 * Whether the default max is factor x the page-rounded bucket count. From 4.7 the single global
 * table is allocated (and rounded) before max is set; with per-namespace tables (3.x, 4.0..4.6)
 * max was set from the unrounded count. Era A did not round at all.
 */
function maxUsesRoundedBuckets(era: KernelSizingEra, version: KernelVersion): boolean {
  return era === 'D' || (era === 'C' && isKernelAtLeast(version, 4, 7));
}

function isValidPageSize(pageBytes: number): boolean {
  return Number.isSafeInteger(pageBytes) && pageBytes >= 4096 && pageBytes <= 262144 && (pageBytes & (pageBytes - 1)) === 0;
}

function pageSizeError(pageBytes: number): string {
  return `Page size must be a power of two from 4096 to 262144 bytes, got ${pageBytes}.`;
}

/**
 * The kernel's default nf_conntrack_buckets and nf_conntrack_max for a RAM size (MemTotal bytes,
 * which equals the kernel's totalram_pages x PAGE_SIZE), pointer width and kernel version.
 */
export function kernelDefault(memBytes: number, bits: PointerBits, kernelVersion: string | KernelVersion, options: KernelDefaultOptions = {}): KernelDefaultResult {
  if (!Number.isSafeInteger(memBytes) || memBytes <= 0) {
    return { ok: false, error: `Memory size must be a positive whole number of bytes, got ${memBytes}.` };
  }
  const version = typeof kernelVersion === 'string' ? parseKernelVersion(kernelVersion) : { ok: true as const, value: kernelVersion };
  if (!version.ok) return version;
  const era = eraFor(version.value);
  if (era === undefined) {
    return { ok: false, error: `Kernel ${formatKernelVersion(version.value)} predates connection tracking (added in 2.4).` };
  }
  const pageBytes = options.pageBytes ?? DEFAULT_PAGE_BYTES;
  if (!isValidPageSize(pageBytes)) return { ok: false, error: pageSizeError(pageBytes) };
  const { hashsize } = options;
  if (hashsize !== undefined && (!Number.isSafeInteger(hashsize) || hashsize <= 0 || hashsize > 0xffffffff)) {
    return { ok: false, error: `hashsize must be a whole number from 1 to 4294967295, got ${hashsize}.` };
  }

  // The kernel sees whole pages only.
  const ramBytes = Math.floor(memBytes / pageBytes) * pageBytes;
  const requestedBuckets = hashsize ?? autoSizedBuckets(era, ramBytes, bits);
  const bucketsPerPage = pageBytes / pointerBytes(bits);
  const buckets = era === 'A' ? requestedBuckets : Math.ceil(requestedBuckets / bucketsPerPage) * bucketsPerPage;
  const maxFactor: 1 | 4 | 8 = hashsize !== undefined || era === 'A' ? 8 : era === 'D' ? 1 : 4;
  const conntrackMax = maxFactor * (maxUsesRoundedBuckets(era, version.value) ? buckets : requestedBuckets);

  return {
    ok: true,
    value: { era, kernelVersion: version.value, pageBytes, hashsizeGiven: hashsize !== undefined, requestedBuckets, buckets, maxFactor, conntrackMax },
  };
}

/** Bytes a table holding maxEntries connections uses, plus its bucket array (one pointer each). */
export function tableMemory(maxEntries: number, buckets: number, bits: PointerBits): number {
  return maxEntries * CONNTRACK_BYTES_PER_ENTRY + buckets * pointerBytes(bits);
}

export interface TableFootprint {
  /** Bytes used when the table is full (tableMemory). */
  bytes: number;
  /** bytes / RAM, as a fraction (0.0118 = 1.18 %). */
  ramShare: number;
}

export interface RecommendInput {
  memBytes: number;
  /** A `uname -m` name, or "32" / "64". */
  arch: string;
  /** Kernel release ("6.8", "5.15.0-105-generic"); without it no kernel default is computed. */
  kernelVersion?: string | null;
  /** Kernel page size, default 4096; only changes the kernel default on hosts with 1 GiB or less. */
  pageBytes?: number;
}

export interface ConntrackRecommendation {
  input: { memBytes: number; arch: string; kernelVersion: string | null; pageBytes: number };
  architecture: Architecture;
  pointerBytes: 4 | 8;
  /** The classic formula's nf_conntrack_max, with the bucket count the target kernel calls for. */
  formula: FormulaSizing & BucketAdvice & { fullTable: TableFootprint };
  /** Null when no kernel version was given. */
  kernelDefault: (KernelDefault & { eraDescription: string; fullTable: TableFootprint }) | null;
  /** Conditions a caller should show before offering the formula value. */
  warnings: string[];
}

export type RecommendResult = { ok: true; value: ConntrackRecommendation } | { ok: false; error: string };

function footprint(maxEntries: number, buckets: number, bits: PointerBits, memBytes: number): TableFootprint {
  const bytes = tableMemory(maxEntries, buckets, bits);
  return { bytes, ramShare: bytes / memBytes };
}

/** Formula and kernel default side by side, with what each costs in memory. */
export function recommend(input: RecommendInput): RecommendResult {
  const { memBytes } = input;
  if (!Number.isSafeInteger(memBytes) || memBytes <= 0 || memBytes > MAX_EXACT_BYTES) {
    return { ok: false, error: `Memory size must be a positive whole number of bytes, got ${memBytes}.` };
  }
  const architecture = architectureFromUname(input.arch);
  if (!architecture.ok) return architecture;
  const { bits } = architecture.value;
  const pageBytes = input.pageBytes ?? DEFAULT_PAGE_BYTES;
  if (!isValidPageSize(pageBytes)) return { ok: false, error: pageSizeError(pageBytes) };
  const kernelVersion = input.kernelVersion?.trim() || null;

  const classic = formulaMax(memBytes, bits);
  const parsedKernel = kernelVersion === null ? undefined : parseKernelVersion(kernelVersion);
  const formula = { ...classic, ...bucketAdvice(classic.conntrackMax, parsedKernel?.ok ? parsedKernel.value : null) };
  const warnings: string[] = [];
  if (formula.conntrackMax === 0) {
    warnings.push('The formula gives nf_conntrack_max = 0 for this little RAM, and 0 means "no limit" to the kernel.');
  } else if (formula.buckets === 0) {
    warnings.push('The formula gives a hash size of 0, which the kernel rejects; leave the bucket count at its default.');
  }

  let defaults: ConntrackRecommendation['kernelDefault'] = null;
  if (kernelVersion !== null) {
    const computed = kernelDefault(memBytes, bits, kernelVersion, { pageBytes });
    if (!computed.ok) return computed;
    const value = computed.value;
    defaults = {
      ...value,
      eraDescription: KERNEL_SIZING_ERA_DESCRIPTIONS[value.era],
      fullTable: footprint(value.conntrackMax, value.buckets, bits, memBytes),
    };
    if (value.kernelVersion.major === 3 && value.kernelVersion.minor === 19) {
      warnings.push('Kernel 3.19 may already use the 4.0 sizing (65536 buckets above 4 GiB); the 3.18 rules were applied.');
    }
  }

  return {
    ok: true,
    value: {
      input: { memBytes, arch: input.arch, kernelVersion, pageBytes },
      architecture: architecture.value,
      pointerBytes: pointerBytes(bits),
      formula: { ...formula, fullTable: footprint(formula.conntrackMax, formula.buckets, bits, memBytes) },
      kernelDefault: defaults,
      warnings,
    },
  };
}
