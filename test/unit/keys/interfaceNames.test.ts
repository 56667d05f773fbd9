import { strict as assert } from 'node:assert';
import { isInterfaceComponent } from '../../../server/src/engine/keys/interfaceNames';

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
