import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { foldOrdinaryInterface, isInterfaceComponent, OWN_ENTRY_INTERFACES, PER_INTERFACE_PREFIXES, splitInterfaceName } from '../../../server/src/engine/keys/interfaceNames';

describe('isInterfaceComponent (what can stand where a key names an interface)', () => {
  it('refuses every blank, dot and colon that a \\s, . or : in a regular expression would, and nothing else', () => {
    const refusedByPattern = (component: string) => /[\s.:]/.test(component);
    const wrong: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const component = `eth${String.fromCharCode(code)}`;
      if (isInterfaceComponent(component) === refusedByPattern(component)) wrong.push(code);
    }
    assert.deepEqual(wrong, []);
  });

  it('takes 1 to 15 characters, not / or //', () => {
    assert.equal(isInterfaceComponent('eth0'), true);
    assert.equal(isInterfaceComponent('eth0/100'), true);
    assert.equal(isInterfaceComponent('a'.repeat(15)), true);
    assert.equal(isInterfaceComponent('a'.repeat(16)), false);
    assert.equal(isInterfaceComponent(''), false);
    assert.equal(isInterfaceComponent('/'), false);
    assert.equal(isInterfaceComponent('//'), false);
  });
});

describe('foldOrdinaryInterface', () => {
  /** The definition: a per-interface name whose interface component is valid and not all, default or lo. */
  function reference(name: string): { prefix: string; rest: string } | undefined {
    const split = splitInterfaceName(name);
    return split && !OWN_ENTRY_INTERFACES.has(split.ifname) && isInterfaceComponent(split.ifname) ? { prefix: split.prefix, rest: split.rest } : undefined;
  }

  it('folds exactly the names the definition folds (property)', () => {
    const component = fc.constantFrom(
      'eth0',
      'all',
      'default',
      'lo',
      'al',
      'alll',
      'lo0',
      '/',
      '//',
      '///',
      'a:b',
      'x y',
      'x'.repeat(15),
      'x'.repeat(16),
      '',
      'eth0/100',
      '*',
      'défaut',
    );
    const prefix = fc.constantFrom(...PER_INTERFACE_PREFIXES, 'net.ipv4', 'net.core', 'kernel');
    const rest = fc.constantFrom('rp_filter', 'forwarding', '', 'a.b');
    fc.assert(
      fc.property(prefix, fc.array(component, { minLength: 0, maxLength: 2 }), rest, (p, components, r) => {
        const name = [p, ...components, r].join('.');
        assert.deepEqual(foldOrdinaryInterface(name), reference(name), name);
      }),
      { numRuns: 2000 },
    );
  });
});
