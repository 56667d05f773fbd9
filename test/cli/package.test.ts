import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { useTempDir } from '../helpers/tempDir';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const tarball = join(REPO_ROOT, `sysctl-lint-${version}.tgz`);

function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env });
  if (result.error) throw result.error;
  return result;
}

describe('the sysctl-lint npm package (npm run pack:cli, then a global install)', function () {
  this.timeout(120_000);
  const dir = useTempDir('sysctl-pack');

  before(() => {
    const packed = run(npm, ['run', '--silent', 'pack:cli']);
    assert.equal(packed.status, 0, packed.stderr);
  });

  it('holds the two bins, README and LICENSE, and declares no dependencies', () => {
    assert.ok(existsSync(tarball), `${tarball} was not written`);
    const listing = run('tar', ['tzf', tarball]).stdout.split('\n').filter(Boolean).sort();
    assert.deepEqual(listing, ['package/LICENSE', 'package/README.md', 'package/bin/cli.js', 'package/bin/server.js', 'package/package.json']);
    const manifest = JSON.parse(run('tar', ['xzOf', tarball, 'package/package.json']).stdout) as Record<string, unknown>;
    assert.equal(manifest.name, 'sysctl-lint');
    assert.equal(manifest.version, version);
    assert.deepEqual(manifest.bin, { 'sysctl-lint': 'bin/cli.js', 'sysctl-language-server': 'bin/server.js' });
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts']) assert.equal(manifest[field], undefined, field);
  });

  it('installs offline with an empty npm cache into a fresh prefix, and the installed bins work', () => {
    const prefix = join(dir(), 'prefix');
    // An empty cache and --offline: nothing may come from a registry.
    const installed = run(npm, ['install', '--global', '--offline', '--no-fund', '--no-audit', '--cache', join(dir(), 'cache'), '--prefix', prefix, tarball]);
    assert.equal(installed.status, 0, installed.stderr);
    const bin = (name: string) => join(prefix, 'bin', name);
    assert.ok(existsSync(bin('sysctl-language-server')));

    const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, GITHUB_ACTIONS: '' };
    const shown = run('sysctl-lint', ['--version'], { env });
    assert.equal(shown.stdout, `${version}\n`);

    const file = join(dir(), 'sysctl.conf');
    writeFileSync(file, 'net.core.somaxconn = 4096\nnet.ipv4.tcp_tw_recycle = 1\n');
    const linted = run('sysctl-lint', ['--format', 'compact', file], { env, cwd: dir() });
    assert.equal(linted.status, 1);
    assert.match(linted.stdout, /sysctl\.conf:2:1: error: .*\[removed-key\]/);
    assert.doesNotMatch(linted.stdout, /sysctl\.conf:1:/);
  });
});
