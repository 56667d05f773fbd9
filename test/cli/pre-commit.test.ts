import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { commandExists, requireOrSkip } from '../helpers/environment';
import { REPO_ROOT } from '../helpers/paths';
import { useTempDir } from '../helpers/tempDir';

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=sysctl-tests', '-c', 'user.email=tests@example.invalid', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** The working tree as one commit in a fresh repository: pre-commit installs hooks from commits. */
function snapshotWorkingTree(target: string): void {
  const files = git(REPO_ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(REPO_ROOT, file))) continue; // deleted but not yet committed
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(target, file));
  }
  git(target, 'init', '-q');
  git(target, 'add', '-A');
  git(target, 'commit', '-q', '-m', 'snapshot of the working tree');
}

describe('the pre-commit hook under the real pre-commit client (try-repo)', function () {
  // Each try-repo installs the hook's node environment afresh: npm install, npm pack, npm install -g.
  this.timeout(300_000);
  const dir = useTempDir('sysctl-pre-commit');
  let hookRepo = '';
  let sample = '';

  before(function () {
    requireOrSkip(this, commandExists('pre-commit'), 'pre-commit (Debian package pre-commit)');
    hookRepo = join(dir(), 'hook');
    snapshotWorkingTree(hookRepo);
    sample = join(dir(), 'sample');
    mkdirSync(join(sample, 'etc', 'sysctl.d'), { recursive: true });
    writeFileSync(join(sample, 'etc', 'sysctl.d', '10-bad.conf'), 'net.core.somaxconn = 4096\nnet.ipv4.tcp_tw_recycle = 1\n');
    writeFileSync(join(sample, 'etc', 'sysctl.d', '20-good.conf'), 'net.core.somaxconn = 4096\n');
    git(sample, 'init', '-q');
    git(sample, 'add', '-A');
  });

  function tryRepo(file: string) {
    const result = spawnSync('pre-commit', ['try-repo', hookRepo, 'sysctl-lint', '--files', file], {
      cwd: sample,
      encoding: 'utf8',
      // Its own cache; npm takes the hook's dependencies from the npm cache when it has them.
      env: { ...process.env, PRE_COMMIT_HOME: join(dir(), 'pre-commit-home'), npm_config_prefer_offline: 'true', GITHUB_ACTIONS: '' },
    });
    if (result.error) throw result.error;
    return { status: result.status, output: result.stdout + result.stderr };
  }

  it('fails on a file with an error and prints the finding', () => {
    const run = tryRepo('etc/sysctl.d/10-bad.conf');
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /sysctl-lint\.+Failed/);
    assert.match(run.output, /etc\/sysctl\.d\/10-bad\.conf:2:1: error: 'net\.ipv4\.tcp_tw_recycle' was removed .*\[removed-key\]/);
  });

  it('passes on a clean file', () => {
    const run = tryRepo('etc/sysctl.d/20-good.conf');
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /sysctl-lint\.+Passed/);
  });
});
