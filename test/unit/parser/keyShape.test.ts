import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { canonicalKey, isGlobKey, keyShape, procpsPath, systemdPath } from '../../../server/src/engine/parser/keyPath';

/** keyShape's answers spelt out with the single-purpose functions, one question each. */
function reference(key: string) {
  const procps = procpsPath(key);
  return {
    path: systemdPath(key),
    canonical: canonicalKey(key),
    repeatedSeparator: procps.includes('//'),
    parentComponent: procps === '..' || procps.startsWith('../') || procps.endsWith('/..') || procps.includes('/../'),
    isGlob: isGlobKey(key),
  };
}

describe('keyShape (one pass for the usual key)', () => {
  it('agrees with the single-purpose functions on any key (property)', () => {
    const key = fc.array(fc.constantFrom('a', 'b', '.', '/', '*', '?', '[', '-', '_', '0'), { maxLength: 12 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(key, (k) => assert.deepEqual(keyShape(k), reference(k))),
      { numRuns: 5000, seed: 16 },
    );
  });

  it('keeps a plain dotted key as its own canonical form', () => {
    const key = 'net.ipv4.conf.eth0.rp_filter';
    assert.equal(keyShape(key).canonical, key);
    assert.equal(keyShape(key).path, 'net/ipv4/conf/eth0/rp_filter');
    assert.deepEqual(keyShape('net.ipv4.conf.*.rp_filter').isGlob, true);
  });
});
