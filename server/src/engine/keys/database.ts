/**
 * Lookup structures over the key data. No I/O; everything is built once at module load.
 */

import { CONNTRACK_KEYS } from './conntrack';
import { CORE_KEYS } from './core';
import { FS_KEYS } from './fs';
import { LEGACY_KEYS } from './legacy';
import { TCP_KEYS } from './tcp';
import type { Bound, KeySpec, LegacyKeySpec } from './types';

const DOCUMENTED: readonly KeySpec[] = [...CONNTRACK_KEYS, ...CORE_KEYS, ...TCP_KEYS, ...FS_KEYS];

const BY_NAME: ReadonlyMap<string, KeySpec> = new Map(DOCUMENTED.map((spec) => [spec.name, spec]));
const LEGACY_BY_NAME: ReadonlyMap<string, LegacyKeySpec> = new Map(LEGACY_KEYS.map((spec) => [spec.name, spec]));

/** The documented key with this canonical dotted name (aliases and legacy names are not resolved). */
export function findKey(name: string): KeySpec | undefined {
  return BY_NAME.get(name);
}

/** Every documented key, current and removed, in a stable order (grouped by subsystem file). */
export function allDocumentedKeys(): readonly KeySpec[] {
  return DOCUMENTED;
}

/** The alias or legacy entry for this canonical dotted name. */
export function findLegacy(name: string): LegacyKeySpec | undefined {
  return LEGACY_BY_NAME.get(name);
}

export function allLegacyKeys(): readonly LegacyKeySpec[] {
  return LEGACY_KEYS;
}

/**
 * The documented key a name refers to, directly or through an alias / legacy name.
 * `via` is set when the name was an alias or legacy name.
 */
export function resolveKey(name: string): { spec: KeySpec; via?: LegacyKeySpec } | undefined {
  const direct = BY_NAME.get(name);
  if (direct) return { spec: direct };
  const legacy = LEGACY_BY_NAME.get(name);
  const target = legacy && BY_NAME.get(legacy.target);
  return target && legacy ? { spec: target, via: legacy } : undefined;
}

export interface BoundContext {
  /** Kernel pointer width; 64 unless told otherwise. */
  readonly bits?: 32 | 64;
  /** Timer frequency for jiffies limits; 1000 (the smallest limit of the usual choices) unless told otherwise. */
  readonly hz?: number;
}

const INT_MAX = 2n ** 31n - 1n;

/** The numeric value of a bound for a given target system. */
export function resolveBound(bound: Bound, context: BoundContext = {}): bigint {
  if (typeof bound === 'number') return BigInt(bound);
  const bits = BigInt(context.bits ?? 64);
  const hz = BigInt(context.hz ?? 1000);
  const longMax = 2n ** (bits - 1n) - 1n;
  switch (bound) {
    case 'INT_MIN':
      return -INT_MAX - 1n;
    case 'INT_MAX':
      return INT_MAX;
    case 'UINT_MAX':
      return 2n ** 32n - 1n;
    case 'LONG_MIN':
      return -longMax - 1n;
    case 'LONG_MAX':
      return longMax;
    case 'ULONG_MAX':
      return 2n ** bits - 1n;
    case 'INT_MAX/HZ':
      return INT_MAX / hz;
    case '-INT_MAX/HZ':
      return -(INT_MAX / hz);
    case 'BITS_PER_LONG':
      return bits;
    case 'NR_OPEN_MAX':
      return (INT_MAX / bits) * bits;
  }
}
