import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeSource } from '../../server/src/host/hostFacts';
import { readLocalFacts } from '../../server/src/host/localFacts';
import { useTempDir } from '../helpers/tempDir';

describe('readLocalFacts', () => {
  const tempDir = useTempDir('sysctl-local-facts');

  it('reads this machine: MemTotal from /proc/meminfo, uname -m, uname -r', async function () {
    if (process.platform !== 'linux') this.skip();
    const result = await readLocalFacts();
    assert.ok(result.ok, result.ok ? '' : result.error);
    const memTotalKiB = Number(/^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
    assert.equal(result.value.memTotalKiB, memTotalKiB);
    assert.equal(result.value.memBytes, memTotalKiB * 1024);
    assert.equal(result.value.architecture.name, execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    assert.equal(result.value.kernelRelease, execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
    assert.deepEqual(result.value.source, { kind: 'local' });
    assert.equal(describeSource(result.value.source), 'this machine');
  });

  it('uses the probes: a fixture meminfo, a 32-bit machine', async () => {
    const meminfo = join(tempDir(), 'meminfo');
    writeFileSync(meminfo, 'MemTotal:         944964 kB\nMemFree:          611020 kB\n');
    assert.deepEqual(await readLocalFacts({ platform: 'linux', meminfoPath: meminfo, machine: () => 'armv7l', release: () => '6.6.51-v7+' }), {
      ok: true,
      value: {
        memTotalKiB: 944964,
        memBytes: 944964 * 1024,
        architecture: { name: 'armv7l', bits: 32 },
        kernelRelease: '6.6.51-v7+',
        source: { kind: 'local' },
      },
    });
  });

  it('says clearly when the machine is not Linux', async () => {
    const result = await readLocalFacts({ platform: 'darwin' });
    assert.ok(!result.ok);
    assert.match(result.error, /^\/proc\/meminfo is not available: this machine is not Linux \(platform darwin\)\./);
  });

  it('reports a missing meminfo file', async () => {
    const result = await readLocalFacts({ platform: 'linux', meminfoPath: join(tempDir(), 'nope') });
    assert.ok(!result.ok);
    assert.match(result.error, /is not available: no such file/);
  });

  it('reports meminfo without MemTotal', async () => {
    const meminfo = join(tempDir(), 'no-memtotal');
    writeFileSync(meminfo, 'MemFree: 611020 kB\n');
    const result = await readLocalFacts({ platform: 'linux', meminfoPath: meminfo, machine: () => 'x86_64' });
    assert.ok(!result.ok);
    assert.match(result.error, /No "MemTotal:" line found/);
  });

  it('reports an unknown architecture, and an empty kernel release becomes null', async () => {
    const meminfo = join(tempDir(), 'ok');
    writeFileSync(meminfo, 'MemTotal: 49521980 kB\n');
    const unknown = await readLocalFacts({ platform: 'linux', meminfoPath: meminfo, machine: () => 'pdp11' });
    assert.ok(!unknown.ok);
    assert.match(unknown.error, /^This machine: Unknown architecture "pdp11"/);
    const noRelease = await readLocalFacts({ platform: 'linux', meminfoPath: meminfo, machine: () => 'x86_64', release: () => '' });
    assert.ok(noRelease.ok);
    assert.equal(noRelease.value.kernelRelease, null);
  });
});
