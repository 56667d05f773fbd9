import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { readLocalSnapshot } from '../../server/src/host/localSnapshot';

const BUSY = join(__dirname, 'fixtures', 'busy-host');

describe('readLocalSnapshot (direct reads of a /proc tree)', () => {
  it('reads the fake busy host the way the remote command does: sysctl names, tabs, summed counters, modules, the persisted line', async () => {
    const result = await readLocalSnapshot({ procRoot: join(BUSY, 'proc'), root: BUSY });
    assert.ok(result.ok, result.ok ? '' : result.error);
    const snapshot = result.value;
    assert.deepEqual(snapshot.source, { kind: 'local' });
    assert.deepEqual(Object.fromEntries(snapshot.values), {
      'kernel.hostname': 'fake-busy-host',
      'net.core.somaxconn': '4096',
      'net.ipv4.conf.eth0/100.rp_filter': '1',
      'net.ipv4.ip_forward': '1',
      'net.ipv4.ip_local_port_range': '32768 60999',
      'net.ipv4.tcp_rmem': '4096 131072 6291456',
      'net.netfilter.nf_conntrack_buckets': '16384',
      'net.netfilter.nf_conntrack_count': '63000',
      'net.netfilter.nf_conntrack_max': '65536',
      'net.netfilter.nf_conntrack_tcp_timeout_time_wait': '120',
      'vm.swappiness': '8',
    });
    assert.equal(snapshot.memBytes, 49521980 * 1024);
    assert.equal(snapshot.bootTime, 1764000000);
    assert.deepEqual(snapshot.conntrack?.totals.drop, 21);
    assert.ok(snapshot.modules?.has('br_netfilter'));
    assert.deepEqual(snapshot.conntrackMaxLines, [{ path: '/etc/sysctl.d/90-conntrack.conf', line: 2, text: 'net.netfilter.nf_conntrack_max = 65536' }]);
  });

  it('a /proc without sysctl values is a one-line error', async () => {
    const result = await readLocalSnapshot({ procRoot: join(BUSY, 'etc'), root: BUSY });
    assert.deepEqual(result, { ok: false, error: 'this machine: no sysctl values could be read (is /proc mounted, and is procps sysctl installed?)' });
  });
});
