import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { allDocumentedKeys, allLegacyKeys } from '../../../server/src/engine/keys/database';
import fc from 'fast-check';
import { globMatcherOf } from '../../../server/src/engine/parser/globPattern';
import { globMatchesKnownName, isKnownKeyName, knownNameCandidates, knownNames, matchKnownName } from '../../../server/src/engine/keys/knownNames';

const ROOT = join(__dirname, '..', '..', '..');
const DATA_FILE = join(ROOT, 'server/src/engine/keys/data/known-names.json');

interface DataFile {
  groups: Record<string, string[]>;
  perInterface: Record<string, { stable: string[]; leaves: string[] }>;
  openSubtrees: string[];
}

function isSorted(values: readonly string[]): boolean {
  return values.every((value, index) => index === 0 || values[index - 1] < value);
}

describe('known kernel names', () => {
  it('include every documented key and every alias or legacy name', () => {
    for (const spec of allDocumentedKeys()) assert.ok(isKnownKeyName(spec.name), spec.name);
    for (const legacy of allLegacyKeys()) assert.ok(isKnownKeyName(legacy.name), legacy.name);
  });

  it('accept real keys the database does not document', () => {
    for (const name of [
      'kernel.pid_max',
      'vm.swappiness',
      'net.ipv4.ip_forward',
      'net.bridge.bridge-nf-call-iptables',
      'kernel.sysrq',
      'vm.drop_caches',
      'net.ipv4.ipfrag_high_thresh',
      'net.ipv6.ip6frag_low_thresh',
    ]) {
      assert.ok(isKnownKeyName(name), name);
    }
  });

  it('accept per-interface names for any interface, VLAN interfaces included', () => {
    const match = matchKnownName('net.ipv4.conf.eth0.rp_filter');
    assert.ok(match?.kind === 'per-interface');
    assert.deepEqual([match.pattern, match.interfaceComponent], ['net.ipv4.conf.<ifname>.rp_filter', 'eth0']);
    // enp3s0.200 as procps prints it in dotted form.
    assert.ok(isKnownKeyName('net.ipv4.conf.enp3s0/200.forwarding'));
    assert.ok(isKnownKeyName('net.ipv6.conf.wlp2s0.disable_ipv6'));
    assert.ok(isKnownKeyName('net.ipv4.neigh.br-lan.gc_stale_time'));
    assert.ok(isKnownKeyName('net.ipv4.conf.all.rp_filter'));
    assert.ok(isKnownKeyName('net.ipv4.conf.default.forwarding'));
    assert.ok(isKnownKeyName('net.ipv4.neigh.default.gc_thresh3'));
  });

  it('reject typos and impossible interface names', () => {
    for (const name of [
      'net.netfilter.nf_conntrack_maxx',
      'net.netfilter.nf_contrack_max',
      'net.core.somaxcon',
      'net.ipv4.tcp_syncookie',
      'fs.file_max',
      'net.ipv4.conf.eth0.rp_filtr',
      'net.ipv4.neigh.eth0.gc_thresh1',
      'net.ipv4.conf.averyveryverylongname.rp_filter',
      'net.ipv4.conf.eth:0.rp_filter',
      'net..ipv4.ip_forward',
      'dev.raid.speed_limit_mn',
      '',
    ]) {
      assert.equal(isKnownKeyName(name), false, name);
    }
  });

  it('accept names below open subtrees unless a listed group says otherwise', () => {
    assert.deepEqual(matchKnownName('fs.binfmt_misc.python3'), { kind: 'open-subtree', subtree: 'fs.binfmt_misc' });
    assert.ok(isKnownKeyName('dev.parport.parport0.spintime'));
    assert.ok(isKnownKeyName('kernel.sched_domain.cpu0.domain0.max_interval'));
    assert.ok(isKnownKeyName('dev.raid.speed_limit_min'));
    assert.equal(isKnownKeyName('dev.tty.ldisc_autoloa'), false);
  });

  it('offer sorted, unique suggestions, including the interface the name uses', () => {
    const names = knownNames();
    assert.ok(isSorted(names));
    assert.ok(names.includes('net.ipv4.conf.all.rp_filter'));
    assert.ok(names.includes('net.netfilter.nf_conntrack_max'));
    assert.ok(!names.some((name) => name.includes('<')));
    assert.ok(knownNameCandidates('net.ipv4.conf.eth0.rp_filtr').includes('net.ipv4.conf.eth0.rp_filter'));
    assert.equal(knownNameCandidates('net.core.somaxcon'), names);
  });

  it('match globs against known names', () => {
    assert.ok(globMatchesKnownName('net.netfilter.nf_conntrack_tcp_timeout_*'));
    assert.ok(globMatchesKnownName('net.ipv4.conf.*.rp_filter'));
    assert.ok(globMatchesKnownName('net.ipv4.tcp_?mem'));
    assert.ok(globMatchesKnownName('net.ipv4.tcp_[rw]mem'));
    assert.equal(globMatchesKnownName('net.netfilter.nf_contrack_*'), false);
    assert.equal(globMatchesKnownName('net.ipv4.conf.*.rp_filtr'), false);
  });

  it('match globs as a search of every known name would (property)', () => {
    const names = knownNames();
    const everyName = (glob: string) => names.some(globMatcherOf(glob, true)) || isKnownKeyName(glob);
    // Known names with runs replaced by wildcards, and sometimes one character changed.
    const glob = fc
      .tuple(
        fc.nat(names.length - 1),
        fc.array(fc.tuple(fc.nat(60), fc.nat(8), fc.constantFrom('*', '?', '[a-m]', '[!_]', '*.*')), { maxLength: 3 }),
        fc.option(fc.tuple(fc.nat(60), fc.constantFrom('x', '.', '_'))),
      )
      .map(([at, cuts, change]) => {
        let text = names[at];
        for (const [from, length, wildcard] of cuts) text = text.slice(0, from % (text.length + 1)) + wildcard + text.slice((from % (text.length + 1)) + length);
        if (change) text = text.slice(0, change[0] % text.length) + change[1] + text.slice((change[0] % text.length) + 1);
        return text;
      });
    fc.assert(
      fc.property(glob, (g) => {
        assert.equal(globMatchesKnownName(g), everyName(g), g);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('known-names data file', () => {
  const text = readFileSync(DATA_FILE, 'utf8');
  const data = JSON.parse(text) as DataFile;

  it('stays small enough to ship in the VSIX', () => {
    assert.ok(statSync(DATA_FILE).size < 60 * 1024, `${statSync(DATA_FILE).size} bytes`);
  });

  it('is sorted, so regeneration gives stable diffs', () => {
    assert.ok(isSorted(Object.keys(data.groups)));
    for (const [group, leaves] of Object.entries(data.groups)) assert.ok(isSorted(leaves), group);
    assert.ok(isSorted(Object.keys(data.perInterface)));
    for (const [prefix, entry] of Object.entries(data.perInterface)) {
      assert.ok(isSorted(entry.leaves) && isSorted(entry.stable), prefix);
    }
    assert.ok(isSorted(data.openSubtrees));
  });

  it('keeps machine-specific interface names out of the plain list', () => {
    for (const prefix of Object.keys(data.perInterface)) {
      for (const group of Object.keys(data.groups)) {
        if (!group.startsWith(`${prefix}.`)) continue;
        const ifname = group.slice(prefix.length + 1);
        assert.ok(['all', 'default', 'lo'].includes(ifname), `${group} should be folded into ${prefix}.<ifname>`);
      }
    }
  });

  it('can be regenerated without losing names', function () {
    if (!existsSync('/proc/sys')) this.skip();
    this.timeout(60000);
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/generate-known-keys.mjs'), '--stdout'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const regenerated = JSON.parse(result.stdout) as DataFile;
    for (const [group, leaves] of Object.entries(data.groups)) {
      for (const leaf of leaves) assert.ok(regenerated.groups[group]?.includes(leaf), `${group}.${leaf}`);
    }
    for (const [prefix, entry] of Object.entries(data.perInterface)) {
      for (const leaf of entry.leaves) assert.ok(regenerated.perInterface[prefix]?.leaves.includes(leaf), `${prefix}.<ifname>.${leaf}`);
    }
  });
});
