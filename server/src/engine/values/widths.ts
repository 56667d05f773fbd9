/**
 * Storage widths of sysctl values and the numbers they hold: the one table rules and hover share.
 */

import type { Bound, IntegerWidth } from '../keys/types';
import { resolveBound } from '../keys/database';

/** Smallest and largest value each width stores (a write outside is refused with EINVAL). */
export const WIDTH_BOUNDS: Readonly<Record<IntegerWidth, readonly [Bound, Bound]>> = {
  u8: [0, 255],
  int: ['INT_MIN', 'INT_MAX'],
  uint: [0, 'UINT_MAX'],
  long: ['LONG_MIN', 'LONG_MAX'],
  ulong: [0, 'ULONG_MAX'],
};

export const INT_MAX = 2n ** 31n - 1n;

/** Resolved ranges by width and pointer width: the value checker asks once per line. */
const ranges = new Map<string, readonly [bigint, bigint]>();

/** The width's range as numbers for a kernel of the given pointer width. */
export function widthRange(width: IntegerWidth, bits: 32 | 64): [bigint, bigint] {
  const key = `${width}/${bits}`;
  let range = ranges.get(key);
  if (!range) {
    const [min, max] = WIDTH_BOUNDS[width];
    range = [resolveBound(min, { bits }), resolveBound(max, { bits })];
    ranges.set(key, range);
  }
  return [range[0], range[1]];
}
