import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { canonicalKey, displayName, isGlobKey, keyShape, procpsDisplayName, procpsPath, systemdPath } from '../../../server/src/engine/parser/keyPath';
import { parseLine } from '../../../server/src/engine/parser/parseLine';

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

  it('procpsDisplayName is displayName of procpsPath without building the path (property)', () => {
    const key = fc.array(fc.constantFrom('a', 'b', '.', '/', '*', '-', '0'), { maxLength: 12 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(key, (k) => assert.equal(procpsDisplayName(k), displayName(procpsPath(k)))),
      { numRuns: 3000, seed: 17 },
    );
  });

  it('the parser reads the usual key in place with the same result (property)', () => {
    const key = fc.array(fc.constantFrom('a', 'b', '.', '/', '*', '?', '[', ' ', '\t', '_', '0'), { minLength: 1, maxLength: 12 }).map((chars) => `k${chars.join('')}`);
    fc.assert(
      fc.property(key, (k) => {
        const line = parseLine(`${k} = 1`);
        assert.equal(line.kind, 'setting');
        if (line.kind !== 'setting') return;
        const trimmed = k.trim();
        const expected = reference(trimmed);
        assert.equal(line.key.text, trimmed);
        assert.equal(line.key.canonical, expected.canonical);
        assert.equal(line.key.path, expected.path);
        assert.equal(line.key.isGlob, expected.isGlob);
        const codes = line.issues.map((issue) => issue.code);
        assert.equal(codes.includes('repeated-separator'), expected.repeatedSeparator);
        assert.equal(codes.includes('parent-component'), expected.parentComponent);
        assert.equal(codes.includes('whitespace-in-key'), /\s/.test(trimmed));
      }),
      { numRuns: 5000, seed: 161 },
    );
  });

  it('keeps a plain dotted key as its own canonical form', () => {
    const key = 'net.ipv4.conf.eth0.rp_filter';
    assert.equal(keyShape(key).canonical, key);
    assert.equal(keyShape(key).path, 'net/ipv4/conf/eth0/rp_filter');
    assert.deepEqual(keyShape('net.ipv4.conf.*.rp_filter').isGlob, true);
  });
});
