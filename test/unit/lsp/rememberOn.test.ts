import { strict as assert } from 'node:assert';
import { rememberOn } from '../../../server/src/lsp/rememberOn';

describe('rememberOn', () => {
  it('works a value out once per object, and a spread copy does not carry it', () => {
    const key = Symbol('test');
    const original = { range: 1 };
    let computed = 0;
    assert.equal(
      rememberOn(original, key, () => ++computed),
      1,
    );
    assert.equal(
      rememberOn(original, key, () => ++computed),
      1,
    );
    const moved = { ...original, range: 2 };
    assert.equal(
      rememberOn(moved, key, () => ++computed),
      2,
    );
    assert.deepEqual(Object.keys(original), ['range']);
    assert.equal(JSON.stringify(original), '{"range":1}');
  });
});
