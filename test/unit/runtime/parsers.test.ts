import { strict as assert } from 'node:assert';
import {
  parseConntrackStats,
  parseGrepHits,
  parseModules,
  parseRemoteSnapshot,
  parseSockstat,
  parseSysctlListing,
  persistedConntrackMax,
  REMOTE_SNAPSHOT_COMMAND,
} from '../../../server/src/engine/runtime';

describe('snapshot parsers', () => {
  it('sysctl -a: tabs between vector fields become spaces, empty values and multi-line values are kept, stray lines skipped', () => {
    const values = parseSysctlListing(
      'net.ipv4.tcp_rmem = 4096\t131072\t6291456\nkernel.domainname =\nsysctl: permission denied on key x\ndev.cdrom.info = a\ndev.cdrom.info = b\n',
    );
    assert.deepEqual(
      [...values],
      [
        ['net.ipv4.tcp_rmem', '4096 131072 6291456'],
        ['kernel.domainname', ''],
        ['dev.cdrom.info', 'a\nb'],
      ],
    );
  });

  it('nf_conntrack statistics: columns from the header, per-CPU counters summed, entries global', () => {
    const text = 'entries drop insert_failed early_drop\n00000010 00000001 00000000 0000000a\n00000010 00000002 00000003 00000000\n';
    const result = parseConntrackStats(text);
    assert.ok(result.ok);
    assert.deepEqual(result.value, { columns: ['entries', 'drop', 'insert_failed', 'early_drop'], cpus: 2, totals: { entries: 16, drop: 3, insert_failed: 3, early_drop: 10 } });
    assert.deepEqual(parseConntrackStats('entries drop\n0000001 zz\n'), { ok: false, error: 'a conntrack statistics row does not have 2 hexadecimal fields' });
    assert.equal(parseConntrackStats('').ok, false);
  });

  it('/proc/modules and /proc/net/sockstat', () => {
    assert.deepEqual([...parseModules('nf_conntrack 196608 3 nf_nat, Live 0x0\nbr_netfilter 32768 0 - Live 0x0\n')], ['nf_conntrack', 'br_netfilter']);
    assert.deepEqual(parseSockstat('sockets: used 5\nTCP: inuse 3 orphan 0 tw 2 alloc 4 mem 1\n').TCP, { inuse: 3, orphan: 0, tw: 2, alloc: 4, mem: 1 });
  });

  it('the remote output: a banner before the start marker is ignored; a cut-off run (no end marker) is refused', () => {
    const mark = '@@sysctl-lint-snapshot';
    const body = [`${mark} begin`, `${mark} kernel`, '6.1.0', `${mark} machine`, 'aarch64', `${mark} meminfo`, 'MemTotal: 8039836 kB', `${mark} sysctl`, 'vm.swappiness = 60'];
    const good = parseRemoteSnapshot(['Welcome to prod', ...body, `${mark} end`, ''].join('\n'), { kind: 'ssh', host: 'h' }, new Date(0));
    assert.ok(good.ok);
    assert.equal(good.value.kernelRelease, '6.1.0');
    assert.equal(good.value.memBytes, 8039836 * 1024);
    assert.equal(good.value.values.get('vm.swappiness'), '60');
    assert.equal(good.value.conntrack, null, 'no conntrack part: not loaded');
    const cut = parseRemoteSnapshot(body.join('\n'), { kind: 'ssh', host: 'h' }, new Date(0));
    assert.deepEqual(cut, { ok: false, error: 'the output ended early (no end marker): the command was cut off' });
  });

  it('the remote command is one fixed string that only reads', () => {
    assert.doesNotMatch(REMOTE_SNAPSHOT_COMMAND, /sysctl -w|sysctl -p|>\s*\/proc|tee |\$\{?[A-Z_]*HOST/);
    assert.match(REMOTE_SNAPSHOT_COMMAND, /sysctl -a/);
  });

  it('the persisted nf_conntrack_max is the one sysctl --system applies last', () => {
    const hits = parseGrepHits(
      [
        '/usr/lib/sysctl.d/50-vendor.conf:3:net.netfilter.nf_conntrack_max = 131072',
        '/etc/sysctl.d/90-ct.conf:2:net.netfilter.nf_conntrack_max = 262144',
        '/etc/sysctl.d/90-ct.conf:5:# net.netfilter.nf_conntrack_max = 1',
        '/etc/sysctl.d/10-early.conf:1:net.nf_conntrack_max = 1000',
      ].join('\n'),
    );
    assert.deepEqual(persistedConntrackMax(hits), {
      path: '/etc/sysctl.d/90-ct.conf',
      line: 2,
      text: 'net.netfilter.nf_conntrack_max = 262144',
      key: 'net.netfilter.nf_conntrack_max',
      value: '262144',
    });
    // /etc/sysctl.conf comes last for procps; a same-named file in /etc hides the vendor one.
    assert.equal(
      persistedConntrackMax(parseGrepHits('/etc/sysctl.conf:9:net.netfilter.nf_conntrack_max=5\n/etc/sysctl.d/99-z.conf:1:net.netfilter.nf_conntrack_max=6'))?.value,
      '5',
    );
    assert.equal(
      persistedConntrackMax(parseGrepHits('/etc/sysctl.d/50-vendor.conf:1:# nothing\n/usr/lib/sysctl.d/50-vendor.conf:3:net.netfilter.nf_conntrack_max = 7')),
      undefined,
    );
    assert.equal(persistedConntrackMax([]), undefined);
  });
});
