import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { knownNames, knownSiblings } from '../../../server/src/engine/keys/knownNames';
import { closestNames, suggestKeys } from '../../../server/src/engine/rules/suggest';

/** The search the shortcuts must agree with: every known name, every name's full text. */
function distanceLimit(name: string): number {
  return Math.max(1, Math.min(4, Math.floor(name.length / 6)));
}

const names = knownNames();

/** A known name with a few random edits: the typos "did you mean" is for. */
const misspelt = fc
  .tuple(
    fc.constantFrom(...names),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...'abcdefgz_.-0123')), { minLength: 1, maxLength: 4 }),
  )
  .map(([name, edits]) => {
    let out = name;
    for (const [at, kind, ch] of edits) {
      const i = at % (out.length + 1);
      out = kind === 'insert' ? out.slice(0, i) + ch + out.slice(i) : kind === 'delete' ? out.slice(0, i) + out.slice(i + 1) : out.slice(0, i) + ch + out.slice(i + 1);
    }
    return out;
  });

describe('did-you-mean suggestions', () => {
  it('the q-gram filter of a name without known parent drops nothing closestNames would suggest (property)', () => {
    const unparented = misspelt.map((name) => `vendorx${name}`);
    fc.assert(
      fc.property(fc.oneof(misspelt, unparented), (name) => {
        const siblings = { parent: '', leaves: [], family: '' };
        assert.deepEqual(
          suggestKeys(name, siblings, () => names),
          closestNames(name, names, 3, distanceLimit(name)),
        );
      }),
      { numRuns: 400, seed: 16 },
    );
  });

  it('sibling suggestions equal a search of the full sibling names, and repeat across interfaces', () => {
    fc.assert(
      fc.property(misspelt, (name) => {
        const siblings = knownSiblings(name);
        if (siblings.leaves.length === 0) return;
        const full = siblings.leaves.map((leaf) => siblings.parent + leaf);
        const cut = name.lastIndexOf('.') + 1;
        const expected = closestNames(
          name.slice(cut),
          full.map((s) => s.slice(cut)),
          3,
          distanceLimit(name),
        ).map((leaf) => name.slice(0, cut) + leaf);
        assert.deepEqual(
          suggestKeys(name, siblings, () => names),
          expected,
        );
      }),
      { numRuns: 400, seed: 17 },
    );
    assert.deepEqual(suggestKeys('net.ipv4.conf.eth7.rp_filtr', knownSiblings('net.ipv4.conf.eth7.rp_filtr'), () => names)[0], 'net.ipv4.conf.eth7.rp_filter');
    assert.deepEqual(suggestKeys('net.ipv4.conf.wan0.rp_filtr', knownSiblings('net.ipv4.conf.wan0.rp_filtr'), () => names)[0], 'net.ipv4.conf.wan0.rp_filter');
  });

  it('finds a key typed in capitals', () => {
    assert.deepEqual(suggestKeys('NET.CORE.SOMAXCONN', { parent: '', leaves: [], family: '' }, () => names)[0], 'net.core.somaxconn');
  });
});
