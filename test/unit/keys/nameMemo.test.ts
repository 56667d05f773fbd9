import { strict as assert } from 'node:assert';
import { allFactNames, keyFacts } from '../../../server/src/engine/keys/kernelFacts';
import { foldOrdinaryInterface, PER_INTERFACE_PREFIXES } from '../../../server/src/engine/keys/interfaceNames';
import knownNamesData from '../../../server/src/engine/keys/data/known-names.json';
import { isKnownKeyName, knownNames, matchKnownName } from '../../../server/src/engine/keys/knownNames';
import { keySummary, summarisedNames } from '../../../server/src/engine/keys/summaries';

describe('name memo (per-interface names share one record)', () => {
  it('the per-interface prefixes of the known-name data are the ones names are split at', () => {
    assert.deepEqual(Object.keys(knownNamesData.perInterface).sort(), [...PER_INTERFACE_PREFIXES].sort());
  });

  it('no data file has an entry of its own for an ordinary interface, which folding would hide', () => {
    // The `<ifname>` patterns themselves fold to what they are.
    const ownEntries = [...allFactNames(), ...summarisedNames(), ...knownNames()].filter((name) => !name.includes('<ifname>') && foldOrdinaryInterface(name) !== undefined);
    assert.deepEqual(ownEntries, []);
  });

  it('answers for a per-interface key are the same under any ordinary interface, and differ where they must', () => {
    const leaves = ['rp_filter', 'forwarding', 'accept_ra', 'no_such_leaf', 'gc_thresh1', 'base_reachable_time_ms'];
    for (const prefix of ['net.ipv4.conf', 'net.ipv6.conf', 'net.ipv4.neigh', 'net.ipv6.neigh']) {
      for (const leaf of leaves) {
        const reference = `${prefix}.eth0.${leaf}`;
        // Asked in a different order each time, so a memo filled by one name answers the next.
        for (const ifname of ['wlan7', 'br-lan', 'veth1a2b3c4d', 'enp3s0/200', '<ifname>', 'eth0']) {
          const name = `${prefix}.${ifname}.${leaf}`;
          assert.equal(keyFacts(name)?.pattern, keyFacts(reference)?.pattern, name);
          assert.equal(keySummary(name), keySummary(reference), name);
          assert.equal(isKnownKeyName(name), isKnownKeyName(reference), name);
        }
      }
    }
    // An interface name no kernel allows is not folded: the key is unknown, whatever eth0's answer.
    assert.equal(matchKnownName('net.ipv4.conf.way-too-long-interface.rp_filter'), undefined);
    assert.equal(keySummary('net.ipv4.conf.way-too-long-interface.rp_filter'), undefined);
    assert.ok(keySummary('net.ipv4.conf.eth0.rp_filter'));
    // all/default/lo keep their own entries.
    assert.equal(keyFacts('net.ipv4.neigh.default.gc_thresh1')?.pattern, 'net.ipv4.neigh.default.gc_thresh1');
    assert.equal(keyFacts('net.ipv4.neigh.eth0.gc_thresh1'), undefined);
  });
});
