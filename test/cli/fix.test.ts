import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, requireOrSkip } from '../helpers/environment';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

/** A pasted shell command and a dead duplicate: both have safe fixes; the broken line has none. */
const LF_INPUT = 'sysctl -w kernel.pid_max=65536\nvm.swappiness = 10\nvm.swappiness = 20\nbroken\n';
const LF_FIXED = 'kernel.pid_max = 65536\nvm.swappiness = 20\nbroken\n';

/** CRLF, no final newline, and a fix that inserts a line (the trailing comment moves above). */
const CRLF_INPUT = 'net.core.somaxconn = 4096 # more backlog\r\nsysctl -w kernel.pid_max=65536\r\nvm.swappiness = 10\r\nvm.swappiness = 20';

function snapshot(dir: string): Map<string, { bytes: string; mtimeMs: number; ino: number; mode: number }> {
  const out = new Map<string, { bytes: string; mtimeMs: number; ino: number; mode: number }>();
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = join(sub, name);
      const stat = lstatSync(join(dir, rel));
      if (stat.isDirectory()) walk(rel);
      else
        out.set(rel, {
          bytes: stat.isSymbolicLink() ? `-> ${readlinkSync(join(dir, rel))}` : readFileSync(join(dir, rel), 'latin1'),
          mtimeMs: stat.mtimeMs,
          ino: stat.ino,
          mode: stat.mode,
        });
    }
  };
  walk('');
  return out;
}

describe('sysctl-lint --fix and --fix-dry-run (process)', () => {
  const dir = useTempDir('sysctl-fix');
  let n = 0;
  /** A fresh folder per test holding the given files. */
  const folder = (files: Record<string, string>): string => {
    const path = join(dir(), `case-${++n}`);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(path, name, '..'), { recursive: true });
      writeFileSync(join(path, name), text);
    }
    return path;
  };

  describe('--fix', () => {
    it('applies the safe fixes in place and reports what is left', () => {
      const path = join(folder({ 'a.conf': LF_INPUT }), 'a.conf');
      const result = runCli(['--fix', path]);
      assert.equal(readFileSync(path, 'utf8'), LF_FIXED);
      assert.equal(result.stderr, '');
      assert.equal(result.status, 1, 'the broken line is still an error');
      assert.match(result.stdout, new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: error: .*\\[syntax-error\\]\\n$`));
    });

    it('is idempotent: a second run changes nothing, not even the inode or mtime', () => {
      const base = folder({ 'a.conf': LF_INPUT, 'b.conf': CRLF_INPUT });
      const first = runCli(['--fix', base]);
      assert.equal(first.stderr, '');
      const afterFirst = snapshot(base);
      const second = runCli(['--fix', base]);
      assert.equal(second.stdout, first.stdout);
      assert.equal(second.status, first.status);
      assert.deepEqual(snapshot(base), afterFirst);
      const dry = runCli(['--fix-dry-run', base]);
      assert.equal(dry.stdout, '', 'nothing left to fix');
    });

    it('replaces the file atomically: a new inode, and no temporary file left in the folder', () => {
      const base = folder({ 'a.conf': LF_INPUT, 'other.txt': 'untouched\n' });
      const before = snapshot(base);
      runCli(['--fix', join(base, 'a.conf')]);
      const after = snapshot(base);
      assert.deepEqual([...after.keys()], [...before.keys()], 'the same names, nothing else');
      assert.notEqual(after.get('a.conf')!.ino, before.get('a.conf')!.ino, 'renamed over the original, not rewritten in place');
      assert.deepEqual(after.get('other.txt'), before.get('other.txt'));
    });

    it('keeps the file mode (0640) and, as root, the owner', () => {
      const base = folder({ 'a.conf': LF_INPUT, 'b.conf': LF_INPUT });
      chmodSync(join(base, 'a.conf'), 0o640);
      chmodSync(join(base, 'b.conf'), 0o600);
      const asRoot = process.getuid?.() === 0;
      if (asRoot) chownSync(join(base, 'a.conf'), 65534, 65534);
      runCli(['--fix', join(base, 'a.conf'), join(base, 'b.conf')]);
      const a = statSync(join(base, 'a.conf'));
      assert.equal(readFileSync(join(base, 'a.conf'), 'utf8'), LF_FIXED);
      assert.equal(a.mode & 0o7777, 0o640);
      assert.equal(statSync(join(base, 'b.conf')).mode & 0o7777, 0o600);
      if (asRoot) assert.deepEqual([a.uid, a.gid], [65534, 65534]);
    });

    it('rewrites the target of a symlink and leaves the link a link', () => {
      const base = folder({ 'vendor/real.conf': LF_INPUT });
      mkdirSync(join(base, 'etc'));
      symlinkSync('../vendor/real.conf', join(base, 'etc/link.conf'));
      const result = runCli(['--fix', join(base, 'etc/link.conf')]);
      assert.match(result.stdout, /etc\/link\.conf:3:1: error: /, 'reported under the name given');
      assert.ok(lstatSync(join(base, 'etc/link.conf')).isSymbolicLink());
      assert.equal(readlinkSync(join(base, 'etc/link.conf')), '../vendor/real.conf');
      assert.equal(readFileSync(join(base, 'vendor/real.conf'), 'utf8'), LF_FIXED);
      assert.deepEqual(readdirSync(join(base, 'vendor')), ['real.conf']);
      assert.deepEqual(readdirSync(join(base, 'etc')), ['link.conf']);
    });

    it('keeps CRLF line endings and a missing final newline, also on inserted lines', () => {
      const path = join(folder({ 'a.conf': CRLF_INPUT }), 'a.conf');
      const result = runCli(['--fix', path]);
      assert.equal(result.stderr, '');
      const fixed = readFileSync(path, 'utf8');
      assert.equal(fixed, '# more backlog\r\nnet.core.somaxconn = 4096\r\nkernel.pid_max = 65536\r\nvm.swappiness = 20');
    });

    it('leaves files without safe fixes alone, and may not fix standard input', () => {
      const base = folder({ 'clean.conf': 'vm.swappiness = 1\n', 'broken.conf': 'broken\n' });
      const before = snapshot(base);
      assert.equal(runCli(['--fix', base]).status, 1);
      assert.deepEqual(snapshot(base), before);
      const stdin = runCli(['--fix', '-'], { input: LF_INPUT });
      assert.equal(stdin.status, 2);
      assert.match(stdin.stderr, /cannot fix standard input/);
    });
  });

  describe('--fix-dry-run', () => {
    /** Three copies of one project: for the diff, for --fix, and for applying the diff. */
    function project(): string {
      return folder({
        'etc/sysctl.d/10-a.conf': LF_INPUT,
        'etc/sysctl.d/20-clean.conf': 'vm.swappiness = 1\n',
        'etc/sysctl.conf': CRLF_INPUT,
        'etc/sysctl.d/30-no-final-newline.conf': 'vm.swappiness = 10\nvm.swappiness = 20',
      });
    }
    const targets = ['etc/sysctl.d', 'etc/sysctl.conf'];

    it('prints a unified diff and changes nothing on disk', () => {
      const base = project();
      const before = snapshot(base);
      const result = runCli(['--fix-dry-run', ...targets], { cwd: base });
      assert.equal(result.stderr, '');
      assert.deepEqual(snapshot(base), before, 'no byte, mode, inode or mtime changed; no file added');
      const headers = result.stdout.split('\n').filter((l) => l.startsWith('--- ') || l.startsWith('+++ '));
      assert.deepEqual(headers, [
        '--- a/etc/sysctl.d/10-a.conf',
        '+++ b/etc/sysctl.d/10-a.conf',
        '--- a/etc/sysctl.d/30-no-final-newline.conf',
        '+++ b/etc/sysctl.d/30-no-final-newline.conf',
        '--- a/etc/sysctl.conf',
        '+++ b/etc/sysctl.conf',
      ]);
      assert.ok(result.stdout.startsWith('--- a/etc/sysctl.d/10-a.conf\n+++ b/etc/sysctl.d/10-a.conf\n@@ -1,4 +1,3 @@\n'), result.stdout);
      assert.match(result.stdout, /\\ No newline at end of file\n/);
      const dotted = runCli(['--fix-dry-run', './etc/sysctl.d/10-a.conf'], { cwd: base });
      assert.ok(dotted.stdout.startsWith('--- a/etc/sysctl.d/10-a.conf\n'), "a leading './' is dropped");
    });

    it('applies cleanly with patch -p1 and gives exactly what --fix writes', function () {
      requireOrSkip(this, commandExists('patch', ['--version']), 'GNU patch');
      const base = project();
      const diff = runCli(['--fix-dry-run', ...targets], { cwd: base }).stdout;
      const patched = join(dir(), `patched-${n}`);
      const fixed = join(dir(), `fixed-${n}`);
      cpSync(base, patched, { recursive: true });
      cpSync(base, fixed, { recursive: true });
      runCli(['--fix', ...targets], { cwd: fixed });
      const check = spawnSync('patch', ['-p1', '--dry-run', '--batch'], { cwd: patched, input: diff, encoding: 'utf8' });
      assert.equal(check.status, 0, check.stdout + check.stderr);
      const apply = spawnSync('patch', ['-p1', '--batch', '--no-backup-if-mismatch'], { cwd: patched, input: diff, encoding: 'utf8' });
      assert.equal(apply.status, 0, apply.stdout + apply.stderr);
      assert.doesNotMatch(apply.stdout, /fuzz|offset|hunk.*FAILED/i, apply.stdout);
      const bytes = (tree: string) => new Map([...snapshot(tree)].map(([name, s]) => [name, s.bytes]));
      assert.deepEqual(bytes(patched), bytes(fixed));
    });

    it('applies cleanly with git apply', function () {
      requireOrSkip(this, commandExists('git', ['--version']), 'git');
      const base = project();
      const diff = runCli(['--fix-dry-run', ...targets], { cwd: base }).stdout;
      const applied = join(dir(), `git-${n}`);
      const fixed = join(dir(), `git-fixed-${n}`);
      cpSync(base, applied, { recursive: true });
      cpSync(base, fixed, { recursive: true });
      runCli(['--fix', ...targets], { cwd: fixed });
      const env = { ...process.env, GIT_CEILING_DIRECTORIES: dir() };
      const check = spawnSync('git', ['apply', '--check', '-'], { cwd: applied, input: diff, encoding: 'utf8', env });
      assert.equal(check.status, 0, check.stderr);
      const apply = spawnSync('git', ['apply', '--whitespace=nowarn', '-'], { cwd: applied, input: diff, encoding: 'utf8', env });
      assert.equal(apply.status, 0, apply.stderr);
      const bytes = (tree: string) => new Map([...snapshot(tree)].map(([name, s]) => [name, s.bytes]));
      assert.deepEqual(bytes(applied), bytes(fixed));
    });

    it('prints nothing when there is nothing to fix', () => {
      const base = folder({ 'a.conf': 'vm.swappiness = 1\n', 'b.conf': 'broken\n' });
      const result = runCli(['--fix-dry-run', base]);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, '');
    });
  });
});
