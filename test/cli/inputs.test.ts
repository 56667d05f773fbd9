import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const BROKEN = 'no equals sign\n';

/** The FILE of each `FILE:LINE:COL: ...` line, in output order. */
function reportedFiles(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => /^(.*):\d+:\d+: /.exec(line)![1]);
}

describe('sysctl-lint inputs: standard input, files and directories (process)', () => {
  const dir = useTempDir('sysctl-inputs');
  const write = (name: string, text: string): string => {
    const path = join(dir(), name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const run = (args: string[], input?: string) => runCli(args, { cwd: dir(), input });

  describe("standard input ('-')", () => {
    it('is named by --stdin-filename in every format', () => {
      const compact = run(['-', '--stdin-filename', 'etc/sysctl.d/10-net.conf'], BROKEN);
      assert.equal(compact.status, 1);
      assert.match(compact.stdout, /^etc\/sysctl\.d\/10-net\.conf:1:1: error: .*\[syntax-error\]\n$/);
      const json = JSON.parse(run(['--format', 'json', '--stdin-filename=etc/x.conf', '-'], BROKEN).stdout);
      assert.equal(json[0].file, 'etc/x.conf');
      const github = runCli(['-', '--stdin-filename', 'etc/x.conf'], { cwd: dir(), input: BROKEN, env: { ...process.env, GITHUB_ACTIONS: 'true' } });
      assert.match(github.stdout, /^::error file=etc\/x\.conf,line=1,/);
    });

    it("is '<stdin>' without --stdin-filename", () => {
      const result = run(['-'], BROKEN);
      assert.match(result.stdout, /^<stdin>:1:1: error: /);
      assert.equal(run(['-'], 'vm.swappiness = 1\n').status, 0);
    });

    it('is read along with files, in argument order', () => {
      const a = write('order/a.conf', BROKEN);
      const b = write('order/b.conf', BROKEN);
      const result = run([a, '-', b, '--stdin-filename', 'middle.conf'], BROKEN);
      assert.deepEqual(reportedFiles(result.stdout), [a, 'middle.conf', b]);
    });

    it('takes its config from the folder of --stdin-filename, not from the working directory', () => {
      write('cfg/project/.sysctl-lint.json', JSON.stringify({ rules: { 'syntax-error': 'off' } }));
      write('cfg/.sysctl-lint.json', JSON.stringify({ rules: { 'syntax-error': 'warning' } }));
      const inCfg = (args: string[]) => runCli(args, { cwd: join(dir(), 'cfg'), input: BROKEN });
      const inProject = inCfg(['-', '--stdin-filename', 'project/sub/x.conf']);
      assert.deepEqual([inProject.stdout, inProject.status], ['', 0], 'project/.sysctl-lint.json silences the rule');
      const elsewhere = inCfg(['-', '--stdin-filename', 'other/x.conf']);
      assert.match(elsewhere.stdout, /^other\/x\.conf:1:1: warning: /, 'the working directory config applies above other/');
      const absolute = inCfg(['-', '--stdin-filename', join(dir(), 'cfg/project/y.conf')]);
      assert.equal(absolute.stdout, '');
      const unnamed = inCfg(['-']);
      assert.match(unnamed.stdout, /^<stdin>:1:1: warning: /, 'without a name, the working directory config');
      const printed = JSON.parse(inCfg(['--print-config', 'project/sub/x.conf']).stdout);
      assert.equal(printed.configFile, join(dir(), 'cfg/project/.sysctl-lint.json'));
    });

    it('cannot be fixed in place, but --fix-dry-run shows the diff under its name', () => {
      const fix = run(['--fix', '-', '--stdin-filename', 'a.conf'], 'vm.swappiness=1\nsysctl -w kernel.pid_max=65536\n');
      assert.equal(fix.status, 2);
      assert.match(fix.stderr, /^sysctl-lint: --fix rewrites files; it cannot fix standard input/);
      const dry = run(['--fix-dry-run', '-', '--stdin-filename', 'etc/a.conf'], 'vm.swappiness=1\nsysctl -w kernel.pid_max=65536\n');
      assert.equal(dry.stderr, '');
      assert.equal(dry.stdout, '--- a/etc/a.conf\n+++ b/etc/a.conf\n@@ -1,2 +1,2 @@\n vm.swappiness=1\n-sysctl -w kernel.pid_max=65536\n+kernel.pid_max = 65536\n');
    });

    it('is decoded as UTF-8 and may be empty', () => {
      assert.deepEqual([run(['-'], '').stdout, run(['-'], '').status], ['', 0]);
      const utf8 = run(['--format', 'json', '-'], 'kernel.domainname = é\nbroken ü\n');
      assert.equal(JSON.parse(utf8.stdout)[0].findings.find((f: { ruleId: string }) => f.ruleId === 'syntax-error').line, 2);
    });
  });

  describe('files', () => {
    it('lints a file named on the command line whatever its name (templates, temporary files)', () => {
      const template = write('sysctl.conf.j2', BROKEN);
      const noSuffix = write('tmp.Xy12ab', BROKEN);
      assert.deepEqual(reportedFiles(run([template, noSuffix]).stdout), [template, noSuffix]);
    });

    it('follows a symlinked file and reports it under the name given', () => {
      const target = write('links/target.txt', BROKEN);
      symlinkSync(target, join(dir(), 'links/link.conf'));
      assert.deepEqual(reportedFiles(run(['links/link.conf']).stdout), ['links/link.conf']);
    });
  });

  describe('directories', () => {
    let sysctlD = '';
    before(() => {
      sysctlD = join(dir(), 'tree/sysctl.d');
      for (const name of ['9-x.conf', '10-a.conf', '50.conf', '50-x.conf', 'a-lower.conf', 'A-upper.conf', '.hidden.conf', 'README', 'x.conf.disabled', 'x.CONF', 'x.conf~']) {
        write(`tree/sysctl.d/${name}`, BROKEN);
      }
      mkdirSync(join(sysctlD, 'sub.conf'));
      write('tree/sysctl.d/sub.conf/inner.conf', BROKEN);
      write('tree/other/99-elsewhere.conf', BROKEN);
      symlinkSync('../other/99-elsewhere.conf', join(sysctlD, '99-link.conf'));
      symlinkSync('../other/missing.conf', join(sysctlD, '98-dangling.conf'));
    });

    it('expand to their *.conf files in byte order, skipping other names, subdirectories and dangling links', () => {
      const result = run(['tree/sysctl.d']);
      assert.equal(result.status, 1);
      assert.equal(result.stderr, '');
      assert.deepEqual(
        reportedFiles(result.stdout).map((p) => p.replace('tree/sysctl.d/', '')),
        // '.' < digits < upper case < lower case; '10-a' < '9-x'; '50-x' < '50.' since '-' < '.'
        ['.hidden.conf', '10-a.conf', '50-x.conf', '50.conf', '9-x.conf', '99-link.conf', 'A-upper.conf', 'a-lower.conf'],
      );
    });

    it('mix with files, each in argument order', () => {
      const single = write('single.conf', BROKEN);
      const files = reportedFiles(run([single, 'tree/other', join(dir(), 'tree/sysctl.d/')]).stdout);
      assert.equal(files[0], single);
      assert.equal(files[1], join('tree/other', '99-elsewhere.conf'));
      assert.equal(files.length, 10);
      assert.ok(files[2].startsWith(join(dir(), 'tree/sysctl.d')), files[2]);
    });

    it('exit 2 when they hold no *.conf file', () => {
      mkdirSync(join(dir(), 'empty'));
      const empty = run(['empty']);
      assert.equal(empty.status, 2);
      assert.equal(empty.stdout, '');
      assert.equal(empty.stderr, "sysctl-lint: 'empty' holds no *.conf files\n");
      write('only-others/README', 'text\n');
      write('only-others/x.conf.bak', BROKEN);
      assert.equal(run(['only-others']).status, 2);
    });
  });
});
