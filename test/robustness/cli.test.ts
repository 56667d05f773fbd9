/**
 * "Never break, never leak" for the CLI as a process: I/O failures are one line and exit 2, a
 * reader that goes away ends the run quietly, and `--fix` never leaves a partial file, even when
 * killed at a random moment. (Missing and unreadable files, binary files given to lint, an empty
 * directory and `| head -1` for every format are covered in test/cli/exitCodes.test.ts and
 * test/cli/lint.test.ts.)
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, requireOrSkip } from '../helpers/environment';
import { CLI_BIN } from '../helpers/paths';
import { createRandom } from '../helpers/random';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const SEED = Number(process.env.KILL_SEED ?? 0xf1c5);

/** Exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
function assertOneLineFailure(result: { stdout: string; stderr: string; status: number | null }, message: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^sysctl-lint: [^\n]+\n$/);
  assert.doesNotMatch(result.stderr, /\bat .+:\d+:\d+|internal error/);
  assert.match(result.stderr, message);
}

const BINARY = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0]);

describe('CLI robustness (process)', function () {
  this.timeout(120_000);
  const dir = useTempDir('sysctl-robust-cli');
  const file = (name: string, content: string | Buffer): string => {
    const path = join(dir(), name);
    writeFileSync(path, content);
    return path;
  };

  describe('exit 2 with one line', () => {
    it('dump: a binary file, a directory, and a missing file among good ones print nothing', () => {
      const good = file('good.conf', 'vm.swappiness = 10\n');
      assertOneLineFailure(runCli(['dump', good, file('elf.conf', BINARY)]), /'.*elf\.conf' looks like a binary file, not a sysctl configuration file/);
      const folder = join(dir(), 'sysctl.d');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, '10-a.conf'), 'vm.swappiness = 1\n');
      assertOneLineFailure(runCli(['dump', good, folder]), /cannot dump '.*sysctl\.d': it is a directory/);
      assertOneLineFailure(runCli(['dump', good, join(dir(), 'missing.conf')]), /cannot read '.*missing\.conf': no such file or directory/);
    });

    it('standard input that is binary, for lint and for dump', () => {
      assertOneLineFailure(runCli(['-'], { input: BINARY }), /'standard input' looks like a binary file/);
      assertOneLineFailure(runCli(['dump', '-'], { input: BINARY }), /'standard input' looks like a binary file/);
    });

    it('a device or a pipe that never ends is refused, not read until the memory runs out', () => {
      // /dev/zero is binary: refused at its first 64 KiB, for a path and for standard input.
      assertOneLineFailure(runCli(['/dev/zero']), /'\/dev\/zero' looks like a binary file/);
      assertOneLineFailure(runCli(['dump', '-'], { input: Buffer.alloc(300_000) }), /'standard input' looks like a binary file/);
      // A file over the size limit is refused from its size, before a byte is read (a sparse file here).
      const huge = join(dir(), 'huge.conf');
      writeFileSync(huge, '');
      truncateSync(huge, 300 * 1024 * 1024);
      assertOneLineFailure(runCli([huge]), /'.*huge\.conf' is larger than 256 MiB, not a sysctl configuration file/);
    });

    it('--fix on a binary file or a path below a regular file leaves everything as it was', () => {
      const elf = file('fix-elf.conf', BINARY);
      assertOneLineFailure(runCli(['--fix', elf]), /looks like a binary file/);
      assert.deepEqual(readFileSync(elf), BINARY);
      assertOneLineFailure(runCli(['--fix', join(elf, 'x.conf')]), /cannot read '.*x\.conf': not a directory/);
    });

    it('--fix refuses to rewrite a file that is not valid UTF-8, since bytes outside the fixes would change', () => {
      const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nvm.swappiness = 10\nvm.swappiness = 10\n')]);
      const path = file('latin1.conf', latin1);
      // Linting it is fine: the bad byte only becomes U+FFFD in messages.
      assert.equal(runCli([path]).status, 0);
      assertOneLineFailure(runCli(['--fix', path]), /cannot fix '.*latin1\.conf': it is not valid UTF-8/);
      assert.deepEqual(readFileSync(path), latin1, 'the file is untouched');
    });
  });

  describe('bytes --fix must keep', () => {
    it('a BOM is reported, and kept by --fix with CRLF and a missing final newline', () => {
      const text = '\uFEFFvm.swappiness = 10\r\nvm.swappiness = 10\r\nnet.ipv4.tcp_syncookies = "1"';
      const path = file('bom.conf', text);
      const lint = runCli(['--format', 'json', path]);
      assert.equal(lint.status, 1);
      assert.ok(
        (JSON.parse(lint.stdout) as Array<{ findings: Array<{ message: string }> }>)[0].findings.some((f) => /byte order mark/.test(f.message)),
        'the BOM is reported',
      );
      runCli(['--fix', path]);
      assert.equal(readFileSync(path, 'utf8'), '\uFEFFvm.swappiness = 10\r\nnet.ipv4.tcp_syncookies = 1');
    });
  });

  describe('--fix-dry-run on a large file', () => {
    it('prints, within memory, a patch that gives exactly what --fix writes (20,000 overridden lines)', function () {
      requireOrSkip(this, commandExists('patch', ['--version']), 'GNU patch');
      const r = createRandom(SEED ^ 0xd1f);
      const text =
        Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? `kernel.pid_max = ${i}` : i % 3 === 1 ? 'net.ipv4.tcp_syncookies = "1"' : `# ${r.int(1000)}`)).join('\n') + '\n';
      const patched = file('patched.conf', text);
      const fixed = file('fixed.conf', text);
      const diff = runCli(['--fix-dry-run', patched]);
      assert.equal(diff.stderr, '');
      runCli(['--fix', fixed]);
      const apply = spawnSync('patch', ['--batch', '--no-backup-if-mismatch', patched], { input: diff.stdout, encoding: 'utf8' });
      assert.equal(apply.status, 0, apply.stdout + apply.stderr);
      assert.ok(readFileSync(patched).equals(readFileSync(fixed)), 'the patched file equals the --fix result');
    });
  });

  describe('a reader that goes away', () => {
    let many = '';
    before(() => {
      many = file('many.conf', Array.from({ length: 5000 }, (_, i) => `kernel.domainname = host-${i}\nbroken line ${i}`).join('\n') + '\n');
    });

    for (const [name, args] of [
      ['dump', ['dump']],
      ['--fix-dry-run', ['--fix-dry-run']],
      ['system --print-effective', ['system', '--print-effective', '--root']],
    ] as const) {
      it(`${name} | head -1 ends quietly`, () => {
        let target = many;
        if (name.startsWith('system')) {
          const root = join(dir(), 'root');
          mkdirSync(join(root, 'etc', 'sysctl.d'), { recursive: true });
          copyFileSync(many, join(root, 'etc', 'sysctl.d', '50-many.conf'));
          target = root;
        } else if (name === '--fix-dry-run') {
          target = file('dups.conf', Array.from({ length: 20_000 }, (_, i) => `kernel.pid_max = ${i}`).join('\n') + '\n');
        }
        const result = spawnSync('sh', ['-c', `"$0" "$1" ${args.join(' ')} "$2" | head -1; echo "status=$?"`, process.execPath, CLI_BIN, target], {
          encoding: 'utf8',
          env: { ...process.env, GITHUB_ACTIONS: '' },
        });
        assert.equal(result.stderr, '', 'no stack trace, no EPIPE message');
        const lines = result.stdout.split('\n');
        assert.equal(lines.length, 3, result.stdout.slice(0, 300));
        assert.equal(lines[1], 'status=0');
      });
    }

    it('a reader that never reads (| true) ends quietly, with the exit status of the findings', () => {
      const result = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" "$2" | true; echo "status=$?"', process.execPath, CLI_BIN, many], {
        encoding: 'utf8',
        env: { ...process.env, GITHUB_ACTIONS: '' },
      });
      assert.equal(result.stderr, '');
      assert.match(result.stdout, /^status=(1|141)\n$/, 'the findings (1), or SIGPIPE before the first write (141): never a crash (2)');
    });
  });

  describe(`--fix killed at random moments (seed ${SEED}; replay with KILL_SEED=${SEED})`, () => {
    const LINES = 200_000;
    let original: Buffer;
    let fixed: Buffer;
    let fixMs = 0;

    before(() => {
      const r = createRandom(SEED);
      const lines: string[] = [];
      for (let i = 0; i < LINES; i++) {
        const roll = r.int(10);
        // Safe fixes of several kinds: overridden duplicates, a misspelt key, quotes, a swapped range.
        if (roll === 0) lines.push(`kernel.pid_max = ${r.int(100_000)}`);
        else if (roll === 1) lines.push(`vm.swapiness = ${r.int(100)}`);
        else if (roll === 2) lines.push('net.ipv4.tcp_syncookies = "1"');
        else if (roll === 3) lines.push('net.ipv4.ip_local_port_range = 60999 32768');
        else lines.push(`# comment ${i}: ${'x'.repeat(r.int(40))}`);
      }
      original = Buffer.from(lines.join('\n') + '\n');
      const reference = join(dir(), 'reference');
      mkdirSync(reference);
      const copy = join(reference, '99-big.conf');
      writeFileSync(copy, original);
      const started = Date.now();
      const run = runCli(['--fix', '--format', 'compact', copy]);
      fixMs = Date.now() - started;
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      fixed = readFileSync(copy);
      assert.ok(!fixed.equals(original), 'the big file has safe fixes');
    });

    it('leaves the file either untouched or completely fixed, and no temporary file a user could take for config', async function () {
      const r = createRandom(SEED ^ 0x4b1);
      // Half early (while reading and fixing), half around the end, when the file is written.
      const delays = [...Array.from({ length: 4 }, () => 5 + r.int(296)), ...Array.from({ length: 4 }, () => Math.round(fixMs * (0.7 + r.next() * 0.45)))];
      const trialDir = join(dir(), 'trials');
      mkdirSync(trialDir);
      const target = join(trialDir, '99-big.conf');
      const seen = { untouched: 0, fixed: 0, killed: 0, leftovers: [] as string[] };
      for (const [trial, delay] of delays.entries()) {
        writeFileSync(target, original);
        const child = spawn(process.execPath, [CLI_BIN, '--fix', '--format', 'compact', target], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), delay);
        const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
        clearTimeout(timer);
        if (exit.signal === 'SIGKILL') seen.killed++;
        else assert.ok(exit.code === 0 || exit.code === 1, `trial ${trial} (kill after ${delay} ms): exit ${exit.code}: ${stderr}`);

        const now = readFileSync(target);
        const state = now.equals(original) ? 'untouched' : now.equals(fixed) ? 'fixed' : 'partial';
        assert.ok(state !== 'partial', `trial ${trial}: killed after ${delay} ms, the file is neither the original nor the fixed file (${now.length} bytes)`);
        seen[state]++;
        for (const name of readdirSync(trialDir)) {
          if (name === '99-big.conf') continue;
          // A SIGKILL can land between creating the hidden temporary file and renaming it.
          assert.match(name, /^\.99-big\.conf\.[0-9a-f]+\.sysctl-lint-tmp$/, `trial ${trial}: unexpected file '${name}' next to the fixed file`);
          assert.ok(name.startsWith('.') && !name.endsWith('.conf'), `'${name}' must be hidden and not *.conf, so neither tool reads it`);
          seen.leftovers.push(name);
          rmSync(join(trialDir, name));
        }
      }
      assert.ok(seen.killed > 0, `no trial was killed before it finished (the fix takes ${fixMs} ms)`);
      // For the report: how the trials ended.
      this.test!.title += ` [--fix ${fixMs} ms; ${seen.untouched} untouched, ${seen.fixed} fixed, ${seen.killed} killed, ${seen.leftovers.length} hidden temp files left]`;
    });
  });
});
