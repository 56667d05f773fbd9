import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKernelVersion } from '../../../server/src/engine/kernelVersion';
import type { KernelVersion } from '../../../server/src/engine/kernelVersion';
import { allFactNames, factPattern, keyFacts, presentOnKernel } from '../../../server/src/engine/keys/kernelFacts';
import type { KernelFactsFile } from '../../../server/src/engine/keys/kernelFactsTypes';

const DATA_FILE = join(__dirname, '../../../server/src/engine/keys/data/kernel-facts.json');

function kernel(text: string): KernelVersion {
  const parsed = parseKernelVersion(text);
  assert.ok(parsed.ok);
  return parsed.value;
}

describe('kernel-facts.json (committed data)', () => {
  const text = readFileSync(DATA_FILE, 'utf8');
  const data = JSON.parse(text) as KernelFactsFile;

  it('has provenance: generator, both Debian source packages, the machine kernel', () => {
    assert.equal(data.provenance.generator, 'scripts/generate-kernel-facts.ts');
    assert.deepEqual(
      data.provenance.trees.map((t) => [t.kernel, t.package]),
      [
        ['6.1', 'linux-source-6.1'],
        ['6.12', 'linux-source-6.12'],
      ],
    );
    for (const tree of data.provenance.trees) assert.match(tree.release, new RegExp(`^${tree.kernel.replace('.', '\\.')}\\.\\d+$`));
    assert.match(data.provenance.machine.kernel, /^6\.18\./);
  });

  it('lists keys sorted, one record per line (diffs stay readable)', () => {
    const names = Object.keys(data.keys);
    assert.deepEqual(names, [...names].sort());
    assert.equal(text.split('\n').filter((line) => line.startsWith('"') && line.includes('":{')).length >= names.length, true);
  });

  it('has only well-formed shapes', () => {
    const kinds = new Set(['int', 'uint', 'ulong', 'u8', 'bool', 'string', 'bitmap', 'custom']);
    const scopes = new Set(['netns', 'init-netns', 'global', 'unknown']);
    data.shapes.forEach((shape, i) => {
      const where = `shape ${i}: ${JSON.stringify(shape)}`;
      assert.ok(kinds.has(shape.k), where);
      assert.ok(scopes.has(shape.s), where);
      assert.match(shape.m, /^(?:[0-7]{1,4}|unknown)$/, where);
      assert.ok(shape.h.length > 0 && shape.mod.length > 0, where);
      for (const bound of [shape.lo, shape.hi]) if (bound !== undefined) assert.match(bound, /^(?:-?\d+|unknown)$/, where);
      if (shape.t !== undefined) assert.ok(['jiffies', 'ms-jiffies', 'userhz-jiffies'].includes(shape.t), where);
      if (shape.n !== undefined) assert.ok(Number.isInteger(shape.n) && shape.n >= 0 && shape.n !== 1, where);
    });
  });

  it('has records that point at existing shapes and name a source location', () => {
    for (const [name, record] of Object.entries(data.keys)) {
      assert.ok(record.src || record.machine || record.known, `${name} has no source at all`);
      for (const [tree, [index, at]] of Object.entries(record.src ?? {})) {
        assert.ok(tree === '6.1' || tree === '6.12', `${name}: tree ${tree}`);
        assert.ok(index >= 0 && index < data.shapes.length, `${name}: shape ${index}`);
        assert.match(at, /^[\w./+-]+\.[ch]:\d+$/, `${name}: location ${at}`);
      }
      // Per-interface trees fold to <ifname>; other per-device trees (net.ax25.<name>) to <name>.
      if (name.includes('<ifname>')) assert.match(name, /^net\.(?:ipv4|ipv6|mpls)\.(?:conf|neigh)\.<ifname>\.[^.]+$/, name);
      else if (name.includes('<')) assert.match(name, /\.<name>\./, name);
    }
  });

  it('knows the keys of issue 11 with the facts the kernel enforces', () => {
    const swappiness = keyFacts('vm.swappiness')!.fact!;
    assert.deepEqual([swappiness.k, swappiness.lo, swappiness.hi], ['int', '0', '200']);
    assert.deepEqual([keyFacts('vm.overcommit_memory')!.fact!.lo, keyFacts('vm.overcommit_memory')!.fact!.hi], ['0', '2']);
    assert.equal(keyFacts('kernel.pid_max')!.fact!.hi, '4194304');
    assert.equal(keyFacts('kernel.printk')!.fact!.n, 4);
    const vrf = keyFacts('net.vrf.strict_mode')!;
    assert.equal(vrf.fact!.mod, 'vrf');
    assert.ok(vrf.presence['6.1'] && vrf.presence['6.12']);
    assert.equal(keyFacts('net.netfilter.nf_conntrack_max')!.fact!.mod, 'nf_conntrack');
    assert.equal(keyFacts('net.bridge.bridge-nf-call-iptables')!.fact!.mod, 'br_netfilter');
  });

  it('gives a value kind to nearly every key this machine has that the 6.12 sources define', () => {
    const machine = JSON.parse(readFileSync(join(__dirname, '../../../scripts/data/machine-sysctl.json'), 'utf8')) as { keys: Record<string, unknown> };
    const inSources = Object.keys(machine.keys).filter((name) => keyFacts(name)?.tree === '6.12');
    const withKind = inSources.filter((name) => keyFacts(name)!.fact!.k !== 'custom');
    assert.ok(inSources.length > 650, `${inSources.length} keys in the 6.12 sources`);
    assert.ok(withKind.length / inSources.length > 0.98, `${withKind.length} of ${inSources.length} have a kind`);
  });
});

describe('kernel facts loader', () => {
  it('folds per-interface names to the <ifname> pattern', () => {
    assert.equal(factPattern('net.ipv4.conf.eth0.rp_filter'), 'net.ipv4.conf.<ifname>.rp_filter');
    assert.equal(factPattern('net.ipv6.neigh.enp3s0/200.gc_stale_time'), 'net.ipv6.neigh.<ifname>.gc_stale_time');
    assert.equal(factPattern('net.ipv4.tcp_rmem'), 'net.ipv4.tcp_rmem');
    const facts = keyFacts('net.ipv4.conf.eth0.rp_filter')!;
    assert.equal(facts.pattern, 'net.ipv4.conf.<ifname>.rp_filter');
    assert.equal(facts.fact!.h, 'devinet_conf_proc');
  });

  it('takes the facts of the newest tree not newer than the target', () => {
    assert.equal(keyFacts('vm.swappiness', kernel('5.15'))!.tree, '6.1');
    assert.equal(keyFacts('vm.swappiness', kernel('6.8'))!.tree, '6.1');
    assert.equal(keyFacts('vm.swappiness', kernel('6.12'))!.tree, '6.12');
    assert.equal(keyFacts('vm.swappiness', kernel('6.18'))!.tree, '6.12');
  });

  it('says a key is absent only where the sources show it', () => {
    const gone = keyFacts('kernel.sched_child_runs_first')!;
    assert.equal(gone.gone, '6.12');
    assert.equal(presentOnKernel(gone, kernel('6.1')), true);
    assert.equal(presentOnKernel(gone, kernel('6.6')), undefined);
    assert.equal(presentOnKernel(gone, kernel('6.12')), false);
    const newer = keyFacts('net.ipv4.tcp_rto_max_ms')!;
    assert.equal(newer.after, '6.12');
    assert.equal(presentOnKernel(newer, kernel('6.12')), false);
    assert.equal(presentOnKernel(newer, kernel('6.15')), undefined);
    assert.equal(presentOnKernel(newer, kernel('6.18')), true);
    assert.equal(presentOnKernel(keyFacts('net.vrf.strict_mode')!, kernel('6.18')), true);
  });

  it('has no facts for names no source has', () => {
    assert.equal(keyFacts('net.ipv4.no_such_key'), undefined);
    assert.ok(allFactNames().length > 1000);
  });
});

describe('kernel facts loader: keys only the default directory has', () => {
  it('knows net.ipv4.neigh.default.gc_thresh1 but not the same leaf under an interface', () => {
    assert.ok(keyFacts('net.ipv4.neigh.default.gc_thresh1'));
    assert.equal(keyFacts('net.ipv4.neigh.eth0.gc_thresh1'), undefined);
    assert.ok(keyFacts('net.ipv4.neigh.default.gc_thresh1'), 'a cached miss of the interface form must not hide the default key');
  });
});
