/**
 * Array helpers for inputs of any size. Spreading a list into call arguments
 * (`push(...items)`, `splice(at, n, ...items)`, `Math.max(...items)`) puts every item on the
 * stack, and past about 100,000 items V8 throws "Maximum call stack size exceeded": a paste of
 * 300,000 lines, or 200,000 findings in one file, did.
 */

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

/** Appends every item of `items` to `list`. */
export function pushAll<T>(list: T[], items: Iterable<T>): void {
  for (const item of items) list.push(item);
}

/** `list.splice(start, removed, ...items)` for a start and count of 0 or more, in place, for any number of items. */
export function spliceAll<T>(list: T[], start: number, removed: number, items: readonly T[]): void {
  if (items.length <= 1024) {
    list.splice(start, removed, ...items);
    return;
  }
  // As splice does: a start past the end appends, and at most the items after start are removed.
  const at = Math.min(start, list.length);
  const tail = list.slice(at + Math.max(0, removed));
  list.length = at;
  pushAll(list, items);
  pushAll(list, tail);
}

/** The largest of the numbers, or `empty` when there are none. */
export function maxOf(numbers: Iterable<number>, empty = -Infinity): number {
  let max = empty;
  for (const n of numbers) if (n > max) max = n;
  return max;
}
