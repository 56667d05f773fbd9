import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cachedDataFor, compileBundle, stampOf } from '../../server/src/cli/codeCache';
import { CLI_BIN, REPO_ROOT } from '../helpers/paths';
import { useTempDir } from '../helpers/tempDir';

const OUT = dirname(CLI_BIN);
const SAMPLE = join(REPO_ROOT, 'examples', 'sysctl.conf');

describe('sysctl-lint code cache (the built bins)', () => {
  const dir = useTempDir('sysctl-code-cache');
  /** A copy of the built CLI (loader, bundle and cache) that a test may change. */
  const copyOfCli = (): string => {
    for (const file of ['cli.js', 'cli-main.js', 'cli-main.cache']) copyFileSync(join(OUT, file), join(dir(), file));
    return dir();
  };
  const lint = (bin: string, env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [bin, SAMPLE], { encoding: 'utf8', env: { ...process.env, ...env } });

  it('the build stamps cli-main.js, and the cache it leaves carries that stamp and is accepted by this Node', () => {
    const source = readFileSync(join(OUT, 'cli-main.js'), 'utf8');
    const stamp = stampOf(source);
    assert.match(stamp, /^[0-9a-f]{32}$/);
    const cachedData = cachedDataFor(join(OUT, 'cli-main.cache'), stamp);
    assert.ok(cachedData, 'no cache for the stamp of the built bundle');
    assert.equal(compileBundle(source, join(OUT, 'cli-main.js'), cachedData).cachedDataRejected, false);
  });

  it('a cache made for another bundle is not used, and the CLI reports the same through it', () => {
    const reference = lint(CLI_BIN);
    assert.equal(reference.status, 1, reference.stderr);
    const copy = copyOfCli();
    const main = join(copy, 'cli-main.js');
    const source = readFileSync(main, 'utf8');
    // Same length, other stamp: V8 alone would take the cache (it checks only the length).
    const other = source.replace(/[0-9a-f]{32}\n$/, (stamp) => `${stamp[0] === '0' ? '1' : '0'}${stamp.slice(1)}`);
    assert.equal(other.length, source.length);
    writeFileSync(main, other);
    assert.equal(cachedDataFor(join(copy, 'cli-main.cache'), stampOf(other)), undefined);
    const through = lint(join(copy, 'cli.js'));
    assert.deepEqual([through.status, through.stdout, through.stderr], [reference.status, reference.stdout, reference.stderr]);
  });

  it('a damaged or missing cache only costs the compile', () => {
    const reference = lint(CLI_BIN);
    const copy = copyOfCli();
    const cache = join(copy, 'cli-main.cache');
    const stamp = stampOf(readFileSync(join(copy, 'cli-main.js'), 'utf8'));
    writeFileSync(cache, Buffer.concat([Buffer.from(`${stamp}\n`, 'latin1'), Buffer.alloc(4096, 0x5a)]));
    const damaged = lint(join(copy, 'cli.js'));
    assert.deepEqual([damaged.status, damaged.stdout, damaged.stderr], [reference.status, reference.stdout, reference.stderr]);
    rmSync(cache);
    const missing = lint(join(copy, 'cli.js'));
    assert.deepEqual([missing.status, missing.stdout, missing.stderr], [reference.status, reference.stdout, reference.stderr]);
  });

  it('a missing bundle is one line on stderr and exit 2', () => {
    const copy = copyOfCli();
    rmSync(join(copy, 'cli-main.js'));
    const broken = lint(join(copy, 'cli.js'));
    assert.equal(broken.status, 2);
    assert.equal(broken.stdout, '');
    assert.match(broken.stderr, /^sysctl-lint: cannot load \S+cli-main\.js \(ENOENT[^\n]*\); reinstall sysctl-lint\n$/);
  });

  it('SYSCTL_LINT_CODE_CACHE=write writes the cache for the bundle beside the loader, whole', () => {
    const copy = copyOfCli();
    const cache = join(copy, 'cli-main.cache');
    rmSync(cache);
    const written = lint(join(copy, 'cli.js'), { SYSCTL_LINT_CODE_CACHE: 'write' });
    assert.equal(written.status, 1, written.stderr);
    const source = readFileSync(join(copy, 'cli-main.js'), 'utf8');
    const cachedData = cachedDataFor(cache, stampOf(source));
    assert.ok(cachedData && cachedData.length > 10_000, 'no cache written');
    assert.equal(compileBundle(source, join(copy, 'cli-main.js'), cachedData).cachedDataRejected, false);
    assert.deepEqual(
      readdirSync(copy).filter((name) => name.endsWith('.tmp')),
      [],
    );
    assert.ok(existsSync(cache));
  });
});
