import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, requireOrSkip } from '../helpers/environment';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';
import { generateSysctlFile } from '../helpers/generatedSysctl';

/**
 * `sysctl-lint dump` must print exactly what procps `sysctl --dry-run -p` prints. procps runs in a
 * private mount namespace with /proc/sys remounted read-only, so even a bug could not write a key.
 */
const DRY_RUN = `mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys || exit 99
findmnt -no OPTIONS /proc/sys | grep -q '^ro' || exit 98
exec sysctl --dry-run -p "$@"`;

function procpsDryRun(files: readonly string[]): { stdout: string; status: number | null } {
  const result = spawnSync('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', DRY_RUN, 'sh', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status === 99 || result.status === 98) throw new Error(`could not make /proc/sys read-only: ${result.stderr}`);
  return { stdout: result.stdout, status: result.status };
}

function sandboxWorks(): boolean {
  if (!commandExists('sysctl', ['--version']) || !commandExists('unshare', ['--version'])) return false;
  const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', 'mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys'], {
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/** Keys of this kernel that procps' dry run accepts: they exist and have the owner-write bit. */
function writableKeys(): string[] {
  const names = spawnSync('sysctl', ['-N', '-a'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  return names.filter((name) => {
    // procps display form: dots separate components, a `/` stands for a dot inside a component.
    const path = '/proc/sys/' + name.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'));
    try {
      return (statSync(path).mode & 0o200) !== 0;
    } catch {
      return false;
    }
  });
}

describe('sysctl-lint dump agrees with procps sysctl --dry-run -p', function () {
  this.timeout(120_000);
  const dir = useTempDir('sysctl-oracle');
  let keys: string[] = [];

  before(function () {
    requireOrSkip(this, sandboxWorks(), 'procps sysctl with a private read-only /proc/sys (root and unshare)');
    keys = writableKeys().filter((k) => !k.includes('/'));
    assert.ok(keys.length > 50, `expected many writable keys, found ${keys.length}`);
  });

  const generateFile = (seed: number, lineCount: number): string => generateSysctlFile(keys, seed, lineCount);

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`matches byte for byte on generated file #${seed}`, () => {
      const path = join(dir(), `gen-${seed}.conf`);
      writeFileSync(path, generateFile(seed, 200));
      const expected = procpsDryRun([path]);
      const actual = runCli(['dump', path]);
      assert.equal(actual.status, 0);
      assert.ok(expected.stdout.length > 0, 'procps printed settings');
      assert.equal(actual.stdout, expected.stdout, `seed ${seed}`);
    });
  }

  it('matches across several files given together', () => {
    const paths = [11, 12, 13].map((seed) => {
      const path = join(dir(), `multi-${seed}.conf`);
      writeFileSync(path, generateFile(seed, 60));
      return path;
    });
    assert.equal(runCli(['dump', ...paths]).stdout, procpsDryRun(paths).stdout);
  });

  it('matches on the stock files of this system', function () {
    const stock = ['/etc/sysctl.conf', '/usr/lib/sysctl.d/50-pid-max.conf', '/usr/lib/sysctl.d/99-protect-links.conf'].filter((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
    if (stock.length === 0) this.skip();
    assert.equal(runCli(['dump', ...stock]).stdout, procpsDryRun(stock).stdout);
  });
});
