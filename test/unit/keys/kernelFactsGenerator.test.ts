import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { KernelFactsFile, SourceFact } from '../../../server/src/engine/keys/kernelFactsTypes';
import { generateKernelFacts } from '../../../scripts/kernel-facts/generate';
import { expandMacros, readCFile, stringValue } from '../../../scripts/kernel-facts/cTokens';

/**
 * The facts generator on two small fixture trees (test/fixtures/kernel-facts): `old` has 6.1-style
 * `.child` nesting and DECLARE_SYSCTL_BASE, `new` has one table entry per handler shape, macro-built
 * per-interface entries, an enum-indexed table copied per namespace and an init_net-only table.
 */

const FIXTURES = join(__dirname, '../../fixtures/kernel-facts');

function generate(): string {
  return generateKernelFacts({
    trees: [
      { kernel: '6.1', package: 'fixture-old', path: join(FIXTURES, 'old') },
      { kernel: '6.12', package: 'fixture-new', path: join(FIXTURES, 'new') },
    ],
    machineFile: join(FIXTURES, 'machine.json'),
    knownFile: join(FIXTURES, 'known-names.json'),
  }).output;
}

describe('kernel facts generator (fixture trees)', function () {
  this.timeout(20_000);
  let text: string;
  let data: KernelFactsFile;
  before(() => {
    text = generate();
    data = JSON.parse(text) as KernelFactsFile;
  });

  function fact(name: string, tree: '6.1' | '6.12' = '6.12'): SourceFact {
    const entry = data.keys[name]?.src?.[tree];
    assert.ok(entry, `${name} has no ${tree} facts`);
    return { ...data.shapes[entry[0]], at: entry[1] };
  }

  it('gives the same bytes on a second run', () => {
    assert.equal(generate(), text);
  });

  it('records provenance: tree releases read from each Makefile, the machine kernel', () => {
    assert.deepEqual(
      data.provenance.trees.map((t) => t.release),
      ['6.1.3', '6.12.9'],
    );
    assert.equal(data.provenance.machine.kernel, '6.18.1-fixture');
  });

  const cases: [string, Partial<SourceFact>][] = [
    ['kernel.swappy', { k: 'int', lo: '0', hi: '200', h: 'proc_dointvec_minmax', m: '644', s: 'global', mod: 'builtin' }],
    ['kernel.named_max', { lo: '10', hi: '1024' }],
    // A declaration right after a function body's closing brace, behind a cast (vm.dirty_bytes' dirty_bytes_min).
    ['kernel.after_function', { k: 'ulong', lo: '8192' }],
    ['kernel.runtime_max', { hi: 'unknown' }],
    ['kernel.ambiguous_max', { hi: 'unknown' }],
    ['kernel.ro', { m: '444' }],
    ['kernel.wo', { m: '200' }],
    ['kernel.u8val', { k: 'u8' }],
    ['kernel.ulongv', { k: 'ulong' }],
    ['kernel.boolv', { k: 'bool' }],
    ['kernel.str', { k: 'string' }],
    ['kernel.jif', { k: 'int', t: 'jiffies' }],
    ['kernel.msj', { t: 'ms-jiffies' }],
    ['kernel.uhz', { t: 'userhz-jiffies' }],
    ['kernel.vec', { n: 3 }],
    ['kernel.vec2', { n: 2 }],
    ['kernel.wrapped', { h: 'wrapped_handler', via: 'proc_dointvec_minmax', lo: '1', hi: '4' }],
    ['kernel.passing', { h: 'passing_handler', via: 'proc_douintvec_minmax', k: 'uint', lo: '1', hi: '2147483647' }],
    ['kernel.opaque', { k: 'custom', h: 'opaque_handler' }],
    ['kernel.bits', { k: 'bitmap', n: 65536 }],
    ['kernel.rointvec', { k: 'custom', h: 'rointvec_handler' }],
    ['kernel.guarded', { k: 'custom', h: 'guarded_handler' }],
    ['kernel.nested', { k: 'int', via: 'proc_dointvec_minmax', lo: '0', hi: '1' }],
    ['kernel.two_way', { k: 'custom' }],
    ['net.ipv4.conf.<ifname>.rp_filter', { k: 'int', m: '644', s: 'netns', mod: 'fixmod', at: 'kernel/modpart.c:19' }],
    ['net.ipv4.conf.<ifname>.mc_forwarding', { m: '444' }],
    ['net.netfilter.fix_max', { lo: '0', hi: '2147483647', s: 'netns' }],
    // Registered per namespace, but the 6.18 machine has no such file in a fresh namespace.
    ['net.netfilter.fix_buckets', { k: 'uint', s: 'unknown' }],
    ['net.fixglobal.only_init', { s: 'init-netns' }],
  ];
  for (const [name, expected] of cases) {
    it(`${name}: ${JSON.stringify(expected)}`, () => {
      const actual = fact(name);
      for (const [field, value] of Object.entries(expected)) assert.equal(actual[field as keyof SourceFact], value, `${name}.${field}`);
    });
  }

  it('leaves out fields a handler does not have (no bounds on proc_dointvec, no count on scalars)', () => {
    const plain = fact('kernel.ro');
    assert.equal(plain.lo, undefined);
    assert.equal(plain.hi, undefined);
    assert.equal(plain.n, undefined);
  });

  it('places 6.1 tables through .child nesting and DECLARE_SYSCTL_BASE', () => {
    assert.equal(fact('kernel.swappy', '6.1').h, 'proc_dointvec');
    assert.equal(fact('fs.fsval', '6.1').at, 'kernel/base.c:20');
  });

  it('records presence changes only where the other tree has no table entry of that name', () => {
    assert.equal(data.keys['kernel.old_only'].gone, '6.12');
    assert.equal(data.keys['kernel.named_max'].since, '6.12');
    assert.equal(data.keys['kernel.swappy'].since, undefined);
    assert.equal(data.keys['kernel.newer_key'].after, '6.12');
  });

  it('keeps machine-only and name-only keys, saying what is known', () => {
    assert.deepEqual(data.keys['kernel.newer_key'], { after: '6.12', machine: { m: '644' } });
    assert.deepEqual(data.keys['kernel.legacy_name'], { known: true });
    assert.deepEqual(data.keys['net.ipv4.conf.<ifname>.rp_filter'].machine, { m: '644', ns: '644' });
  });
});

describe('C macro expansion of the facts generator', () => {
  it('expands nested macros with # and ## and keeps the line of the use', () => {
    const file = readCFile('#define S(x) #x\n#define CAT(a, b) a ## b\n#define E(n) { .procname = S(n), .data = CAT(v_, n) }\n\nE(foo)\n');
    const tokens = expandMacros(file.tokens, file.macros);
    assert.equal(tokens.map((t) => t.text).join(' '), '{ . procname = "foo" , . data = v_foo }');
    assert.ok(tokens.every((t) => t.line === 5));
  });

  it('joins adjacent string literals', () => {
    assert.equal(stringValue(readCFile('"net/" "ipv4"').tokens), 'net/ipv4');
  });
});
