import { strict as assert } from 'node:assert';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

describe('sysctl-lint (process)', () => {
  const dir = useTempDir('sysctl-lint');
  const file = (name: string, text: string | Buffer): string => {
    const path = join(dir(), name);
    writeFileSync(path, text);
    return path;
  };

  it('exits 0 and prints nothing for a clean file', () => {
    const path = file('clean.conf', '# tuned\nnet.core.somaxconn = 4096\n');
    const run = runCli([path]);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
  });

  it('reports file:line:col: severity: message [rule-id] and exits 1 on errors', () => {
    const path = file('bad.conf', 'vm.swappiness = 10\n  net.ipv4.ip_forward\n');
    const run = runCli([path]);
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0], new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:3: error: .+ \\[syntax-error\\]$`));
  });

  it('exits 0 when there are only warnings', () => {
    const path = file('warn.conf', '; old style comment\nvm.swappiness = 10\n');
    const run = runCli([path]);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /:1:1: warning: .*\[tool-divergence\]/);
  });

  it('reports every file given, in order', () => {
    const a = file('a.conf', 'x\n');
    const b = file('b.conf', 'y\n');
    const run = runCli([a, b]);
    assert.deepEqual(
      run.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(':')[0]),
      [a, b],
    );
  });

  it('exits 2 with one line and no stack trace for a missing file, and reports nothing else', () => {
    const good = file('good.conf', 'x\n');
    const run = runCli([good, join(dir(), 'missing.conf')]);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `sysctl-lint: cannot read '${join(dir(), 'missing.conf')}': no such file or directory\n`);
  });

  it('exits 2 for an unreadable file', function () {
    if (process.getuid?.() === 0) {
      // root reads everything; a FIFO-free stand-in is a path below a regular file.
      const file = join(dir(), 'clean.conf');
      const run = runCli([join(file, 'inside.conf')]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^sysctl-lint: cannot read '.+inside\.conf': not a directory\n$/);
      return;
    }
    const path = file('secret.conf', 'vm.swappiness = 1\n');
    chmodSync(path, 0o000);
    const run = runCli([path]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /permission denied/);
  });

  it('exits 2 on an unknown option and on no files', () => {
    const unknown = runCli(['--frobnicate', 'x.conf']);
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr, "sysctl-lint: unknown option '--frobnicate' (see --help)\n");
    const none = runCli([]);
    assert.equal(none.status, 2);
    assert.equal(none.stderr.split('\n').length, 2, 'one line');
  });

  it('prints help and version', () => {
    assert.match(runCli(['--help']).stdout, /^Usage: sysctl-lint/);
    assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
