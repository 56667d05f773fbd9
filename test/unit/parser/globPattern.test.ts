import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { globMatcherOf, globSearch } from '../../../server/src/engine/parser/globPattern';

/** The obvious translation to a regular expression, as an oracle on short inputs (it backtracks badly on long ones). */
function regexOf(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else if (ch === '[' && glob.indexOf(']', i + 2) >= 0) {
      const close = glob.indexOf(']', i + 2);
      let body = glob.slice(i + 1, close);
      const negated = body.startsWith('!');
      if (negated) body = body.slice(1);
      source += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else source += ch.replace(/[.+^${}()|\\[\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/** Path globbing as glob(3) does it: pattern and name split at the separator first, then matched component by component. */
function oracle(glob: string, crossDots: boolean): (name: string) => boolean {
  if (crossDots) return (name) => regexOf(glob).test(name);
  const components = glob.split('.').map(regexOf);
  return (name) => {
    const parts = name.split('.');
    return parts.length === components.length && parts.every((part, i) => components[i].test(part));
  };
}

describe('sysctl globs', () => {
  it('match within one component unless crossDots', () => {
    const perComponent = globMatcherOf('net.ipv4.conf.*.rp_filter', false);
    assert.ok(perComponent('net.ipv4.conf.eth0.rp_filter'));
    assert.ok(perComponent('net.ipv4.conf..rp_filter'), 'a star matches an empty component');
    assert.equal(perComponent('net.ipv4.conf.eth0.100.rp_filter'), false);
    assert.ok(globMatcherOf('net.ipv4.conf.*.rp_filter', true)('net.ipv4.conf.eth0.100.rp_filter'));
    assert.ok(globMatcherOf('net.ipv4.tcp_[rw]mem', false)('net.ipv4.tcp_wmem'));
    assert.equal(globMatcherOf('net.ipv4.tcp_[!rw]mem', false)('net.ipv4.tcp_wmem'), false);
    assert.ok(globMatcherOf('kernel.sched_[a-c]*', false)('kernel.sched_child_runs_first'));
    assert.ok(globMatcherOf('net.[]x]', false)('net.]'), "a ']' first in a class is a member");
    assert.ok(globMatcherOf('net.[abc', false)('net.[abc'), "an unclosed '[' is itself");
    assert.equal(globMatcherOf('net.[z-a]', false)('net.m'), false, 'a reversed range matches nothing');
  });

  it('a pattern of a thousand stars is answered at once', () => {
    const stars = `net.${'*'.repeat(1000)}.rp_filter`;
    assert.equal(globMatcherOf(stars, false)('net.ipv4.conf.eth0.rp_filter'), false);
    assert.ok(globMatcherOf(stars, true)('net.ipv4.conf.eth0.rp_filter'));
    const alternating = `net.ipv4.conf.${'*a'.repeat(500)}*b.rp_filter`;
    assert.equal(globMatcherOf(alternating, false)(`net.ipv4.conf.${'a'.repeat(2000)}.rp_filter`), false);
  });

  it('agrees with a regular-expression translation on short globs and names (property)', () => {
    const glob = fc.array(fc.constantFrom('a', 'b', '.', '*', '?', '[ab]', '[!a]', '[a-b]', '[.]', ']', '['), { maxLength: 8 }).map((parts) => parts.join(''));
    const name = fc.array(fc.constantFrom('a', 'b', 'c', '.', ']', '['), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(glob, name, fc.boolean(), (g, n, crossDots) => {
        assert.equal(globMatcherOf(g, crossDots)(n), oracle(g, crossDots)(n), `${JSON.stringify(g)} on ${JSON.stringify(n)} (crossDots ${crossDots})`);
      }),
      { numRuns: 3000 },
    );
  });

  it('names a glob matches start and end with its literal ends (property)', () => {
    const ends = (glob: string) => {
      const { prefix, suffix } = globSearch(glob);
      return { prefix, suffix };
    };
    assert.deepEqual(ends('net.ipv4.conf.*.rp_filter'), { prefix: 'net.ipv4.conf.', suffix: '.rp_filter' });
    assert.deepEqual(ends('net.core.somaxconn'), { prefix: 'net.core.somaxconn', suffix: '' });
    assert.deepEqual(ends('net.[abc'), { prefix: 'net.[abc', suffix: '' });
    assert.deepEqual(ends('*[ab]?'), { prefix: '', suffix: '' });
    const glob = fc.array(fc.constantFrom('a', 'b', '.', '*', '?', '[ab]', '[!a]', '[.]', ']', '['), { maxLength: 8 }).map((parts) => parts.join(''));
    const name = fc.array(fc.constantFrom('a', 'b', 'c', '.', ']', '['), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(glob, name, (g, n) => {
        if (!oracle(g, true)(n)) return;
        const { prefix, suffix, matches } = globSearch(g);
        assert.ok(matches(n), `${JSON.stringify(g)} on ${JSON.stringify(n)}: the search's matcher agrees`);
        assert.ok(n.startsWith(prefix) && n.endsWith(suffix), `${JSON.stringify(g)} matches ${JSON.stringify(n)}, outside ${JSON.stringify([prefix, suffix])}`);
      }),
      { numRuns: 3000 },
    );
  });
});
