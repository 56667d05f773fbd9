/**
 * Binary search over a sorted sequence: the first index at which `isBefore` stops holding, or
 * `length` when it holds everywhere. `isBefore` must hold on a prefix of the indexes and on
 * nothing after it.
 */
export function partitionPoint(length: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isBefore(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
