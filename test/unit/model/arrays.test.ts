import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { maxOf, partitionPoint, pushAll, spliceAll } from '../../../server/src/engine/arrays';

describe('array helpers for inputs of any size', () => {
  it('spliceAll does what splice does, with few items and with many (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 40 }), fc.nat(50), fc.nat(50), fc.integer({ min: 0, max: 3000 }), (list, start, removed, count) => {
        const items = Array.from({ length: count }, (_, i) => -i);
        const expected = list.slice();
        expected.splice(start, removed, ...items);
        const actual = list.slice();
        spliceAll(actual, start, removed, items);
        assert.deepEqual(actual, expected);
      }),
      { numRuns: 300 },
    );
  });

  it('takes 500,000 items where spreading them into a call overflows the stack', () => {
    const many = Array.from({ length: 500_000 }, (_, i) => i);
    assert.throws(() => [0].push(...many), RangeError, 'the spread this guards against still overflows');
    const list = [1, 2, 3];
    spliceAll(list, 1, 1, many);
    assert.equal(list.length, 500_002);
    assert.deepEqual([list[0], list[1], list[500_000], list[500_001]], [1, 0, 499_999, 3]);
    const target: number[] = [];
    pushAll(target, many);
    assert.equal(target.length, 500_000);
    assert.equal(maxOf(many), 499_999);
    assert.equal(maxOf([]), -Infinity);
  });

  it('partitionPoint finds the first index where the predicate stops holding', () => {
    const sorted = [1, 3, 3, 5, 8];
    assert.deepEqual(
      [0, 1, 3, 4, 8, 9].map((x) => partitionPoint(sorted.length, (i) => sorted[i] < x)),
      [0, 0, 1, 3, 4, 5],
    );
    assert.equal(
      partitionPoint(0, () => true),
      0,
    );
  });
});
