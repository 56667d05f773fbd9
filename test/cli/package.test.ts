import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
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

/** Sends initialize to a language server over stdio and resolves with its first output. */
function initializeOver(command: string): Promise<string> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const server = spawn(command, ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      server.kill();
      reject(new Error(`no answer to initialize; got ${JSON.stringify(output)}`));
    }, 15_000);
    server.on('error', reject);
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // Wait for the whole first message: its header and as many bytes as it announces.
      const header = /^Content-Length: (\d+)\r\n\r\n/.exec(output);
      if (!header || Buffer.byteLength(output) < header[0].length + Number(header[1])) return;
      clearTimeout(timer);
      server.kill();
      resolve(output);
    });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

describe('the sysctl-lint npm package (npm run pack:cli, then a global install)', function () {
  this.timeout(120_000);
  const dir = useTempDir('sysctl-pack');

  before(() => {
    const packed = run(npm, ['run', '--silent', 'pack:cli']);
    assert.equal(packed.status, 0, packed.stderr);
  });

  it('holds the two bins (the CLI with its bundle and code cache, the server with its protocol libraries), README and LICENSE, and declares no dependencies', () => {
    assert.ok(existsSync(tarball), `${tarball} was not written`);
    const listing = run('tar', ['tzf', tarball]).stdout.split('\n').filter(Boolean).sort();
    assert.deepEqual(listing, [
      'package/LICENSE',
      'package/README.md',
      'package/bin/cli-main.cache',
      'package/bin/cli-main.js',
      'package/bin/cli.js',
      'package/bin/lsp-protocol.js',
      'package/bin/server.js',
      'package/package.json',
    ]);
    const manifest = JSON.parse(run('tar', ['xzOf', tarball, 'package/package.json']).stdout) as Record<string, unknown>;
    assert.equal(manifest.name, 'sysctl-lint');
    assert.equal(manifest.version, version);
    assert.deepEqual(manifest.bin, { 'sysctl-lint': 'bin/cli.js', 'sysctl-language-server': 'bin/server.js' });
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts']) assert.equal(manifest[field], undefined, field);
  });

  it('installs offline with an empty npm cache into a fresh prefix, and the installed bins work', async () => {
    const prefix = join(dir(), 'prefix');
    // An empty cache and --offline: nothing may come from a registry.
    const installed = run(npm, ['install', '--global', '--offline', '--no-fund', '--no-audit', '--cache', join(dir(), 'cache'), '--prefix', prefix, tarball]);
    assert.equal(installed.status, 0, installed.stderr);
    const bin = (name: string) => join(prefix, 'bin', name);
    assert.ok(existsSync(bin('sysctl-language-server')));

    const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, GITHUB_ACTIONS: '' };
    const shown = run('sysctl-lint', ['--version'], { env });
    assert.equal(shown.stdout, `${version}\n`);

    // The language server answers initialize over stdio.
    const answer = await initializeOver(bin('sysctl-language-server'));
    assert.match(answer, /"serverInfo":\{"name":"sysctl-language-server"/);

    const file = join(dir(), 'sysctl.conf');
    writeFileSync(file, 'net.core.somaxconn = 4096\nnet.ipv4.tcp_tw_recycle = 1\n');
    const linted = run('sysctl-lint', ['--format', 'compact', file], { env, cwd: dir() });
    assert.equal(linted.status, 1);
    assert.match(linted.stdout, /sysctl\.conf:2:1: error: .*\[removed-key\]/);
    assert.doesNotMatch(linted.stdout, /sysctl\.conf:1:/);
  });
});
