import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_BIN } from '../helpers/paths';
import { runCli } from '../helpers/runCli';
import { buildTree } from '../helpers/systemTree';
import { useTempDir } from '../helpers/tempDir';

/** A usage or I/O failure: exit 2, nothing on stdout, one line on stderr and no stack trace. */
function assertUsageError(result: { stdout: string; stderr: string; status: number | null }, message?: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^sysctl-lint: [^\n]+\n$/);
  assert.doesNotMatch(result.stderr, /\bat .+:\d+:\d+\)?$|Error:|internal error/m);
  if (message) assert.match(result.stderr, message);
}

describe('sysctl-lint exit status (process)', () => {
  const dir = useTempDir('sysctl-exit');
  const file = (name: string, text: string | Buffer): string => {
    const path = join(dir(), name);
    writeFileSync(path, text);
    return path;
  };
  let clean = '';
  let warnings = '';
  let errors = '';
  let infoOnly = '';
  before(() => {
    clean = file('clean.conf', '# tuned\nvm.swappiness = 10\n');
    warnings = file('warnings.conf', '; one\n; two\n; three\nvm.swappiness = 10\n');
    errors = file('errors.conf', 'vm.swappiness = 10\nno equals sign\n; a warning too\n');
    infoOnly = file('info.conf', 'net.netfilter.nf_conntrack_max = 262144\n');
  });

  describe('0 and 1', () => {
    it('0 for a clean file, for warnings only, and for information only', () => {
      assert.equal(runCli([clean]).status, 0);
      const warned = runCli([warnings]);
      assert.equal(warned.status, 0);
      assert.equal(warned.stdout.trimEnd().split('\n').length, 3);
      const informed = runCli([infoOnly]);
      assert.equal(informed.status, 0);
      assert.match(informed.stdout, /: info: /);
    });

    it('1 when any file has an error, whatever the others hold', () => {
      assert.equal(runCli([clean, errors, warnings]).status, 1);
      assert.equal(runCli(['--format', 'json', errors]).status, 1);
      assert.equal(runCli(['--format', 'sarif', errors]).status, 1);
    });

    it('--max-warnings N: 1 only when there are more than N warnings; info never counts', () => {
      assert.equal(runCli(['--max-warnings', '3', warnings]).status, 0);
      assert.equal(runCli(['--max-warnings=3', warnings]).status, 0);
      assert.equal(runCli(['--max-warnings', '2', warnings]).status, 1);
      assert.equal(runCli(['--max-warnings', '0', warnings]).status, 1);
      assert.equal(runCli(['--max-warnings', '0', infoOnly]).status, 0);
      assert.equal(runCli(['--max-warnings', '0', clean]).status, 0);
      assert.equal(runCli(['--max-warnings', '100', errors]).status, 1, 'errors fail whatever the limit');
      assert.equal(runCli(['--max-warnings', '5', warnings, warnings]).status, 1, 'warnings add up over files');
    });

    it('--max-warnings counts warnings after --rule raised or lowered them', () => {
      assert.equal(runCli(['--max-warnings', '0', '--rule', 'tool-divergence=info', warnings]).status, 0);
      assert.equal(runCli(['--rule', 'tool-divergence=error', warnings]).status, 1);
      assert.equal(runCli(['--rule', 'syntax-error=warning', errors]).status, 0);
      assert.equal(runCli(['--rule', 'syntax-error=warning', '--max-warnings', '1', errors]).status, 1);
    });

    it('stylish names the limit when warnings alone fail the run', () => {
      const result = runCli(['--format', 'stylish', '--max-warnings', '2', warnings]);
      assert.equal(result.status, 1);
      assert.match(result.stdout, /sysctl-lint found too many warnings \(3; maximum 2\)\.\n$/);
    });

    it('--quiet reports errors only, and warnings then neither print nor fail', () => {
      const quiet = runCli(['--quiet', errors, warnings]);
      assert.equal(quiet.status, 1);
      const lines = quiet.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 1);
      assert.match(lines[0], /errors\.conf:2:1: error: .*\[syntax-error\]$/);
      const onlyWarnings = runCli(['-q', warnings, infoOnly]);
      assert.deepEqual([onlyWarnings.stdout, onlyWarnings.status], ['', 0]);
      assert.deepEqual(JSON.parse(runCli(['--quiet', '--format', 'json', warnings]).stdout), [{ file: warnings, findings: [] }]);
    });

    it('system: 1 for an error in any file of the tree, 0 for warnings and overrides', () => {
      const good = buildTree(join(dir(), 'good-root'), {
        '/etc/sysctl.d/10-a.conf': 'vm.swappiness = 10\n',
        '/usr/lib/sysctl.d/20-b.conf': 'vm.swappiness = 20\n',
        '/etc/sysctl.conf': 'vm.swappiness = 30\n',
      });
      const goodRun = runCli(['system', '--root', good]);
      assert.equal(goodRun.status, 0, goodRun.stdout);
      assert.match(goodRun.stdout, /\[tool-divergence\]/);
      assert.equal(runCli(['system', '--root', good, '--max-warnings', '0']).status, 1);
      const bad = buildTree(join(dir(), 'bad-root'), { '/usr/lib/sysctl.d/20-b.conf': 'vm.swappiness\n' });
      assert.equal(runCli(['system', '--root', bad]).status, 1);
      assert.equal(runCli(['system', '--root', bad, '--rule', 'syntax-error=off']).status, 0);
    });
  });

  describe('2: usage and I/O errors, one line, no stack trace', () => {
    it('a missing file, a binary file, an empty directory', () => {
      assertUsageError(runCli([clean, join(dir(), 'nope.conf')]), /cannot read '.*nope\.conf': no such file or directory/);
      assertUsageError(runCli([file('binary.conf', Buffer.from([0, 1, 2, 3, 0, 0, 0, 0x7f, 0, 0, 5, 6]))]), /looks like a binary file/);
      const empty = join(dir(), 'empty-dir');
      mkdirSync(empty);
      assertUsageError(runCli([empty]), /holds no \*\.conf files/);
    });

    it('bad options', () => {
      assertUsageError(runCli([]), /no FILE given/);
      assertUsageError(runCli(['--frobnicate', clean]), /unknown option '--frobnicate'/);
      assertUsageError(runCli([clean, '--format']), /option '--format' needs a value/);
      assertUsageError(runCli(['--format', 'json', '--format', 'sarif', clean]), /given twice/);
      assertUsageError(runCli(['--quiet=yes', clean]), /takes no value/);
      assertUsageError(runCli(['--max-warnings', 'many', clean]), /--max-warnings takes a whole number, got 'many'/);
      assertUsageError(runCli(['--max-warnings', '-1', clean]), /--max-warnings/);
      assertUsageError(runCli(['--kernel', 'banana', clean]), /--kernel/);
      assertUsageError(runCli(['--fix', '--fix-dry-run', clean]), /choose one of --fix and --fix-dry-run/);
      assertUsageError(runCli(['-', '-'], { input: 'x\n' }), /only once/);
    });

    it('bad system options', () => {
      assertUsageError(runCli(['system', '--root', join(dir(), 'no-such-root')]), /cannot read --root/);
      assertUsageError(runCli(['system', '--root', clean]), /is not a directory/);
      assertUsageError(runCli(['system', '--root', dir(), '--flavor', 'busybox']), /--flavor takes procps or systemd, got 'busybox'/);
      assertUsageError(runCli(['system', '--root', dir(), clean]), /give a root with --root/);
      assertUsageError(runCli(['system', '--root', dir(), '--fix']), /--fix works on files/);
    });
  });

  describe('a reader that goes away', () => {
    let many = '';
    before(() => {
      // About a megabyte of findings: far more than a pipe buffer holds.
      many = file('many.conf', Array.from({ length: 5000 }, (_, i) => `line ${i} without an equals sign`).join('\n') + '\n');
    });

    for (const format of ['compact', 'stylish', 'json', 'sarif', 'github']) {
      it(`ends quietly when stdout is closed early (${format} | head -1)`, () => {
        const result = spawnSync('sh', ['-c', `"$0" "$1" --format ${format} "$2" | head -1; echo "status=$?"`, process.execPath, CLI_BIN, many], {
          encoding: 'utf8',
          env: { ...process.env, GITHUB_ACTIONS: '' },
        });
        assert.equal(result.stderr, '', 'no stack trace, no EPIPE message');
        const lines = result.stdout.split('\n');
        assert.equal(lines.length, 3, result.stdout.slice(0, 500));
        assert.equal(lines[2], '');
        assert.equal(lines[1], 'status=0');
        assert.ok(lines[0].length > 0 || format === 'stylish');
      });
    }

    it('keeps its exit status when stdout is closed early (pipefail)', function () {
      const result = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" "$2" | head -1 >/dev/null; echo "status=$?"', process.execPath, CLI_BIN, many], {
        encoding: 'utf8',
        env: { ...process.env, GITHUB_ACTIONS: '' },
      });
      if (result.error) this.skip();
      assert.equal(result.stderr, '');
      assert.equal(result.stdout, 'status=1\n', 'the errors found, not a crash');
    });
  });
});
