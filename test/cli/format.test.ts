import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSysctlFile, SAMPLE_KEYS } from '../helpers/generatedSysctl';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

describe('sysctl-lint format (process)', () => {
  const dir = useTempDir('sysctl-format');
  const messy = '# tuning  \r\n  net.core.somaxconn=4096\t\r\nkernel.core_pattern =  |/usr/bin/x  %p %e \r\n; left alone  \r\n';
  const tidy = '# tuning\r\nnet.core.somaxconn = 4096\r\nkernel.core_pattern = |/usr/bin/x  %p %e\r\n; left alone  \r\n';

  it('--check names the unformatted files and exits 1, without writing', () => {
    const a = join(dir(), 'a.conf');
    const b = join(dir(), 'b.conf');
    writeFileSync(a, messy);
    writeFileSync(b, tidy);
    const run = runCli(['format', '--check', a, b]);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, `${a}: not formatted\n`);
    assert.equal(readFileSync(a, 'utf8'), messy);
    assert.equal(runCli(['format', '--check', b]).status, 0);
  });

  it('--write rewrites only what changes, keeping CRLF, comments and values', () => {
    const a = join(dir(), 'w.conf');
    writeFileSync(a, messy);
    const run = runCli(['format', '--write', a]);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${a}: formatted\n`);
    assert.equal(readFileSync(a, 'utf8'), tidy);
    assert.equal(runCli(['format', '--check', a]).status, 0);
  });

  it('needs exactly one of --check and --write, and will not write standard input', () => {
    const file = join(dir(), 'u.conf');
    writeFileSync(file, tidy);
    for (const args of [
      ['format', file],
      ['format', '--check', '--write', file],
    ]) {
      const run = runCli(args);
      assert.equal(run.status, 2);
      assert.equal(run.stderr, 'sysctl-lint: format needs exactly one of --check and --write\n');
    }
    assert.equal(runCli(['format', '--write', '-'], { input: messy }).status, 2);
    assert.equal(runCli(['format', '--check', '-'], { input: messy }).status, 1);
  });

  it('never changes what procps applies: dump before and after agree on generated files', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const path = join(dir(), `gen-${seed}.conf`);
      const text = generateSysctlFile(SAMPLE_KEYS, seed, 120, { hostile: seed % 2 === 0 });
      writeFileSync(path, text);
      const before = runCli(['dump', path]).stdout;
      assert.equal(runCli(['format', '--write', path]).status, 0);
      assert.notEqual(readFileSync(path, 'utf8'), text, `seed ${seed}: the generated file needed formatting`);
      assert.equal(runCli(['dump', path]).stdout, before, `seed ${seed}`);
    }
  });
});
