import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('reads a value longer than one read whole, and every one of many files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sysctl-proc-'));
    try {
      cpSync(BUSY, dir, { recursive: true });
      const long = Array.from({ length: 1500 }, (_, i) => `line${i}`).join('-');
      writeFileSync(join(dir, 'proc/sys/kernel/long_value'), long + '\n');
      for (let i = 0; i < 100; i++) writeFileSync(join(dir, `proc/sys/vm/many_${i}`), `${i}\n`);
      const result = await readLocalSnapshot({ procRoot: join(dir, 'proc'), root: dir });
      assert.ok(result.ok, result.ok ? '' : result.error);
      assert.ok(long.length > 8192);
      assert.equal(result.value.values.get('kernel.long_value'), long);
      for (let i = 0; i < 100; i++) assert.equal(result.value.values.get(`vm.many_${i}`), String(i));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a /proc without sysctl values is a one-line error', async () => {
    const result = await readLocalSnapshot({ procRoot: join(BUSY, 'etc'), root: BUSY });
    assert.deepEqual(result, { ok: false, error: 'this machine: no sysctl values could be read (is /proc mounted, and is procps sysctl installed?)' });
  });
});
