import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runCli } from '../helpers/runCli';
import type { TreeSpec } from '../helpers/systemTree';
import { buildTree, directory, link, parseEffectiveLine } from '../helpers/systemTree';
import { useTempDir } from '../helpers/tempDir';

type Flavor = 'procps' | 'systemd';

interface JsonReport {
  file: string;
  findings: Array<{ ruleId: string; severity: string; message: string; line: number; column: number }>;
}

describe('sysctl-lint system --root (process)', () => {
  const dir = useTempDir('sysctl-system');
  let n = 0;
  const tree = (spec: TreeSpec): string => buildTree(join(dir(), `root-${++n}`), spec);

  /** stderr without the notes on unreadable entries, which are skipped (their own test checks the notes). */
  const otherStderr = (stderr: string) => stderr.split('\n').filter((line) => line !== '' && !line.startsWith('sysctl-lint: skipped '));
  /** `key = value # FILE:LINE` lines of one flavor. */
  function effective(root: string, flavor: Flavor): string[] {
    const result = runCli(['system', '--root', root, '--flavor', flavor, '--print-effective']);
    assert.deepEqual(otherStderr(result.stderr), []);
    assert.equal(result.status, 0);
    return result.stdout.split('\n').filter(Boolean);
  }
  /** `key = value` of one flavor, without the sources. */
  const values = (root: string, flavor: Flavor): string[] => effective(root, flavor).map((l) => parseEffectiveLine(l).setting);
  /** Both flavors agree on these settings. */
  const both = (root: string, expected: string[]) => {
    assert.deepEqual(values(root, 'procps'), expected, 'procps');
    assert.deepEqual(values(root, 'systemd'), expected, 'systemd');
  };
  /** Findings of the default run (both flavors), per file relative to the root. */
  function report(root: string, args: string[] = []): Map<string, JsonReport['findings']> {
    const result = runCli(['system', '--root', root, '--format', 'json', ...args]);
    assert.deepEqual(otherStderr(result.stderr), []);
    const data = JSON.parse(result.stdout) as JsonReport[];
    return new Map(data.map((r) => [r.file.slice(root.length), r.findings]));
  }

  describe('--print-effective', () => {
    it("prints 'key = value # FILE:LINE' per final setting in apply order, FILE as on the target system", () => {
      const root = tree({
        '/etc/sysctl.d/10-net.conf': '# tuning\nnet.core.somaxconn = 4096\nvm.swappiness = 10\n',
        '/usr/lib/sysctl.d/20-vm.conf': '\n\nvm.swappiness = 20\nkernel.domainname = example.com # not a comment\n',
      });
      const expected = [
        'net.core.somaxconn = 4096 # /etc/sysctl.d/10-net.conf:2',
        'vm.swappiness = 20 # /usr/lib/sysctl.d/20-vm.conf:3',
        'kernel.domainname = example.com # not a comment # /usr/lib/sysctl.d/20-vm.conf:4',
      ];
      assert.deepEqual(effective(root, 'procps'), expected);
      assert.deepEqual(effective(root, 'systemd'), expected);
    });

    it('prints a section per tool without --flavor', () => {
      const root = tree({ '/etc/sysctl.d/10-a.conf': 'vm.swappiness = 10\n', '/etc/sysctl.conf': 'vm.swappiness = 99\n' });
      const result = runCli(['system', '--root', root, '--print-effective']);
      assert.equal(result.status, 0);
      assert.equal(result.stdout, '# procps: sysctl --system\nvm.swappiness = 99 # /etc/sysctl.conf:1\n\n# systemd-sysctl\nvm.swappiness = 10 # /etc/sysctl.d/10-a.conf:1\n');
    });

    it('prints keys as each tool names them: dotted for procps, a slash for a dot inside a component', () => {
      const root = tree({ '/etc/sysctl.d/10-a.conf': 'net/ipv4/conf/enp3s0.200/forwarding = 1\nnet.ipv4.ip_forward = 1\n' });
      both(root, ['net.ipv4.conf.enp3s0/200.forwarding = 1', 'net.ipv4.ip_forward = 1']);
    });

    it('is empty for an empty root', () => {
      const root = tree({ '/etc/hostname': 'x\n' });
      assert.deepEqual(effective(root, 'procps'), []);
      assert.deepEqual(effective(root, 'systemd'), []);
    });
  });

  describe('which files are read (sysctl.d(5), docs/reference/sysctl-syntax.md §5.2)', () => {
    it('M8: a same-named file in a higher-priority directory hides the other entirely', () => {
      const root = tree({
        '/usr/lib/sysctl.d/10-a.conf': 'vm.swappiness = 1\nkernel.sem = 250 32000 100 128\n',
        '/etc/sysctl.d/10-a.conf': 'vm.swappiness = 2\n',
        '/usr/lib/sysctl.d/20-b.conf': 'kernel.pid_max = 1\n',
        '/usr/local/lib/sysctl.d/20-b.conf': 'kernel.pid_max = 2\n',
        '/run/sysctl.d/20-b.conf': 'kernel.pid_max = 3\n',
        '/usr/local/lib/sysctl.d/30-c.conf': 'net.core.somaxconn = 1\n',
        '/usr/lib/sysctl.d/30-c.conf': 'net.core.somaxconn = 2\n',
      });
      both(root, ['vm.swappiness = 2', 'kernel.pid_max = 3', 'net.core.somaxconn = 1']);
      const files = [...report(root).keys()];
      assert.ok(!files.includes('/usr/lib/sysctl.d/10-a.conf'), 'a hidden file is not reported');
    });

    it('M9: a /dev/null symlink or an empty file masks a vendor file', () => {
      const root = tree({
        '/etc/sysctl.d/30-c.conf': link('/dev/null'),
        '/usr/lib/sysctl.d/30-c.conf': 'kernel.sem = 250 32000 100 128\n',
        '/run/sysctl.d/40-d.conf': '',
        '/usr/lib/sysctl.d/40-d.conf': 'kernel.pid_max = 65536\n',
        '/etc/sysctl.d/50-e.conf': link('../../dev/null'),
        '/usr/lib/sysctl.d/50-e.conf': 'vm.swappiness = 1\n',
        '/usr/lib/sysctl.d/60-f.conf': 'net.core.somaxconn = 1024\n',
      });
      both(root, ['net.core.somaxconn = 1024']);
    });

    it('M10, M11: one byte order over all directories: 10-a < 9-x, 50-x < 50, A < a', () => {
      const root = tree({
        '/usr/lib/sysctl.d/10-y.conf': 'kernel.printk = ten\n',
        '/etc/sysctl.d/9-x.conf': 'kernel.printk = nine\n',
        '/run/sysctl.d/50.conf': 'vm.swappiness = fifty\n',
        '/usr/local/lib/sysctl.d/50-x.conf': 'vm.swappiness = fifty-x\n',
        '/etc/sysctl.d/A-upper.conf': 'kernel.domainname = 100\n',
        '/usr/lib/sysctl.d/a-lower.conf': 'kernel.domainname = 200\n',
      });
      // Read as 10-y, 50-x, 50, 9-x, A-upper, a-lower; each key sits where it was last written.
      assert.deepEqual(effective(root, 'procps'), [
        'vm.swappiness = fifty # /run/sysctl.d/50.conf:1',
        'kernel.printk = nine # /etc/sysctl.d/9-x.conf:1',
        'kernel.domainname = 200 # /usr/lib/sysctl.d/a-lower.conf:1',
      ]);
      assert.deepEqual(effective(root, 'systemd'), effective(root, 'procps'));
    });

    it('M12: a hidden .x.conf is read by procps only, and the finding says why', () => {
      const root = tree({ '/etc/sysctl.d/.hidden.conf': 'net.ipv4.tcp_rmem = 4096 87380 6291456\n', '/etc/sysctl.d/10-a.conf': 'vm.swappiness = 10\n' });
      assert.deepEqual(values(root, 'procps'), ['net.ipv4.tcp_rmem = 4096 87380 6291456', 'vm.swappiness = 10']);
      assert.deepEqual(values(root, 'systemd'), ['vm.swappiness = 10']);
      const hidden = report(root).get('/etc/sysctl.d/.hidden.conf')!;
      assert.equal(hidden.length, 1);
      assert.equal(hidden[0].ruleId, 'tool-divergence');
      assert.equal(hidden[0].severity, 'warning');
      assert.match(
        hidden[0].message,
        /^sysctl --system applies net\.ipv4\.tcp_rmem = 4096 87380 6291456 from \/etc\/sysctl\.d\/\.hidden\.conf:1, but systemd-sysctl never reads it \(it skips hidden files\)\.$/,
      );
    });

    it('M13: /etc/sysctl.conf is applied last by procps and ignored by systemd', () => {
      const root = tree({ '/etc/sysctl.conf': '# admin\nvm.swappiness = 99\n', '/etc/sysctl.d/zz-last.conf': 'vm.swappiness = 77\n' });
      assert.deepEqual(effective(root, 'procps'), ['vm.swappiness = 99 # /etc/sysctl.conf:2']);
      assert.deepEqual(effective(root, 'systemd'), ['vm.swappiness = 77 # /etc/sysctl.d/zz-last.conf:1']);
      const findings = report(root);
      const conf = findings.get('/etc/sysctl.conf')!;
      assert.deepEqual(
        conf.map((f) => [f.ruleId, f.line, f.message]),
        [['tool-divergence', 2, 'sysctl --system ends with vm.swappiness = 99 (from /etc/sysctl.conf:2), systemd-sysctl with 77 (from /etc/sysctl.d/zz-last.conf:1).']],
      );
      const last = findings.get('/etc/sysctl.d/zz-last.conf')!;
      assert.deepEqual(
        last.map((f) => [f.ruleId, f.severity, f.line, f.message]),
        [['overridden', 'info', 1, 'Overridden: /etc/sysctl.conf:2 sets vm.swappiness = 99, and sysctl --system applies that later.']],
      );
    });

    it('M13: a key only /etc/sysctl.conf sets is a divergence that names the missing symlink', () => {
      const root = tree({ '/etc/sysctl.conf': 'kernel.pid_max = 65536\n', '/etc/sysctl.d/10-a.conf': 'vm.swappiness = 1\n' });
      const [finding] = report(root).get('/etc/sysctl.conf')!;
      assert.equal(
        finding.message,
        'sysctl --system applies kernel.pid_max = 65536 from /etc/sysctl.conf:1, but systemd-sysctl never reads it (it ignores /etc/sysctl.conf unless a sysctl.d symlink points to it).',
      );
    });

    it('M14: with 99-sysctl.conf -> ../sysctl.conf systemd reads it there, so zz-last.conf wins under systemd and sysctl.conf under procps', () => {
      const root = tree({
        '/etc/sysctl.conf': 'vm.swappiness = 99\nkernel.pid_max = 65536\n',
        '/etc/sysctl.d/99-sysctl.conf': link('../sysctl.conf'),
        '/etc/sysctl.d/zz-last.conf': 'vm.swappiness = 77\n',
        '/etc/sysctl.d/10-early.conf': 'vm.swappiness = 10\n',
      });
      // procps reads sysctl.conf twice, at 99-sysctl.conf and last; the last reading decides.
      assert.deepEqual(effective(root, 'procps'), ['vm.swappiness = 99 # /etc/sysctl.conf:1', 'kernel.pid_max = 65536 # /etc/sysctl.conf:2']);
      assert.deepEqual(effective(root, 'systemd'), ['kernel.pid_max = 65536 # /etc/sysctl.d/99-sysctl.conf:2', 'vm.swappiness = 77 # /etc/sysctl.d/zz-last.conf:1']);
      const findings = report(root);
      assert.deepEqual(
        [...findings.keys()].sort(),
        ['/etc/sysctl.conf', '/etc/sysctl.d/10-early.conf', '/etc/sysctl.d/zz-last.conf'],
        'the file behind the symlink is reported once',
      );
      const conf = findings.get('/etc/sysctl.conf')!.map((f) => `${f.ruleId} ${f.line}: ${f.message}`);
      assert.deepEqual(conf, [
        'overridden 1: Overridden: /etc/sysctl.d/zz-last.conf:1 sets vm.swappiness = 77, and systemd-sysctl applies that later.',
        'tool-divergence 1: sysctl --system ends with vm.swappiness = 99 (from /etc/sysctl.conf:1), systemd-sysctl with 77 (from /etc/sysctl.d/zz-last.conf:1).',
      ]);
      const last = findings.get('/etc/sysctl.d/zz-last.conf')!.map((f) => `${f.ruleId}: ${f.message}`);
      assert.deepEqual(last, ['overridden: Overridden: /etc/sysctl.conf:1 sets vm.swappiness = 99, and sysctl --system applies that later.']);
      const early = findings.get('/etc/sysctl.d/10-early.conf')!.map((f) => `${f.ruleId}: ${f.message}`);
      assert.deepEqual(early, [
        'overridden: Overridden: /etc/sysctl.conf:1 sets vm.swappiness = 99, and sysctl --system applies that later.',
        'overridden: Overridden: /etc/sysctl.d/zz-last.conf:1 sets vm.swappiness = 77, and systemd-sysctl applies that later.',
      ]);
    });

    it('suppression comments and former rule ids apply to findings from other files', () => {
      const root = tree({
        '/etc/sysctl.d/10-a.conf': '# sysctl-lint-disable-next-line overridden\nvm.swappiness = 10\nkernel.pid_max = 65536\n',
        '/etc/sysctl.d/20-b.conf': 'vm.swappiness = 20\nkernel.pid_max = 4096\n',
      });
      const findings = report(root).get('/etc/sysctl.d/10-a.conf')!;
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.line]),
        [['overridden', 3]],
        'line 2 is suppressed by the comment above it, line 3 is not',
      );
      const whole = tree({
        '/etc/sysctl.d/10-a.conf': '# sysctl-lint-disable overridden\nvm.swappiness = 10\n',
        '/etc/sysctl.d/20-b.conf': 'vm.swappiness = 20\n',
      });
      assert.deepEqual(report(whole).get('/etc/sysctl.d/10-a.conf') ?? [], [], 'a file-wide directive silences it too');
    });

    it('--flavor reports only that tool: no tool-divergence, overridden as that tool sees it', () => {
      const root = tree({ '/etc/sysctl.conf': 'vm.swappiness = 99\n', '/etc/sysctl.d/zz-last.conf': 'vm.swappiness = 77\n', '/etc/sysctl.d/.h.conf': 'kernel.pid_max = 1\n' });
      const procps = report(root, ['--flavor', 'procps']);
      assert.deepEqual(
        [...procps.entries()].flatMap(([file, fs]) => fs.map((f) => `${file} ${f.ruleId}`)),
        ['/etc/sysctl.d/zz-last.conf overridden'],
      );
      const systemd = report(root, ['--flavor', 'systemd']);
      assert.deepEqual(
        [...systemd.entries()].flatMap(([file, fs]) => fs.map((f) => `${file} ${f.ruleId}`)),
        [],
        'systemd reads neither sysctl.conf nor the hidden file',
      );
      assert.deepEqual([...systemd.keys()], ['/etc/sysctl.d/zz-last.conf'], 'and reports only the files it reads');
    });

    it('M15, M16: README, *.conf.disabled, *.CONF, *.conf~ and a directory named *.conf set nothing', () => {
      const root = tree({
        '/etc/sysctl.d/README': 'vm.swappiness = 1\n',
        '/etc/sysctl.d/40-d.conf.disabled': 'vm.swappiness = 2\n',
        '/etc/sysctl.d/40-e.CONF': 'vm.swappiness = 3\n',
        '/etc/sysctl.d/40-f.conf~': 'vm.swappiness = 4\n',
        '/etc/sysctl.d/50-dir.conf': directory,
        '/etc/sysctl.d/50-dir.conf/inner.conf': 'vm.swappiness = 5\n',
        '/usr/lib/sysctl.d/50-dir.conf': 'vm.swappiness = 6\n',
        '/usr/lib/sysctl.d/60-ok.conf': 'kernel.pid_max = 65536\n',
      });
      both(root, ['kernel.pid_max = 65536']);
      const result = runCli(['system', '--root', root]);
      assert.equal(result.status, 0);
      assert.equal(result.stderr, '');
    });

    it('/lib/sysctl.d: read by procps only on a split-/usr tree; once on a merged-/usr tree', () => {
      const split = tree({ '/lib/sysctl.d/50-lib.conf': 'kernel.pid_max = 65536\n', '/usr/lib/sysctl.d/60-usr.conf': 'vm.swappiness = 1\n' });
      assert.deepEqual(values(split, 'procps'), ['kernel.pid_max = 65536', 'vm.swappiness = 1']);
      assert.deepEqual(values(split, 'systemd'), ['vm.swappiness = 1']);
      const [divergence] = report(split).get('/lib/sysctl.d/50-lib.conf')!;
      assert.equal(divergence.ruleId, 'tool-divergence');
      assert.match(divergence.message, /never reads it \(systemd 255 and later do not read \/lib\/sysctl\.d; older ones on a split \/usr do\)\.$/);
      const merged = tree({ '/lib': link('usr/lib'), '/usr/lib/sysctl.d/50-pid.conf': 'kernel.pid_max = 65536\nvm.swappiness = 1\n' });
      assert.deepEqual(effective(merged, 'procps'), ['kernel.pid_max = 65536 # /usr/lib/sysctl.d/50-pid.conf:1', 'vm.swappiness = 1 # /usr/lib/sysctl.d/50-pid.conf:2']);
      assert.deepEqual(values(merged, 'systemd'), values(merged, 'procps'));
      const mergedReport = runCli(['system', '--root', merged]);
      assert.deepEqual([mergedReport.stdout, mergedReport.status], ['', 0], 'no overridden or divergence from reading one file twice');
    });
  });

  describe('symbolic links stay inside the root', () => {
    it('follows absolute and relative links to files and directories within the tree', () => {
      const root = tree({
        '/vendor/sysctl.d/10-vendor.conf': 'vm.swappiness = 5\n',
        '/etc/sysctl.d': link('/vendor/sysctl.d'),
        '/usr/lib/sysctl.d/20-real.conf': 'kernel.pid_max = 65536\n',
        '/run/sysctl.d/30-abs.conf': link('/usr/lib/sysctl.d/20-real.conf'),
        '/run/sysctl.d/40-rel.conf': link('../../vendor/sysctl.d/10-vendor.conf'),
        '/run/sysctl.d/50-dangling.conf': link('/nowhere.conf'),
      });
      // 10-vendor, 20-real, 30-abs (20-real again), 40-rel (10-vendor again); 50-dangling is skipped.
      assert.deepEqual(effective(root, 'procps'), ['kernel.pid_max = 65536 # /run/sysctl.d/30-abs.conf:1', 'vm.swappiness = 5 # /run/sysctl.d/40-rel.conf:1']);
      const findings = report(root);
      assert.ok(!findings.has('/run/sysctl.d/40-rel.conf'), 'reported under the real file, once');
      assert.deepEqual([...findings.keys()].sort(), ['/usr/lib/sysctl.d/20-real.conf', '/vendor/sysctl.d/10-vendor.conf']);
    });

    it('skips a dangling link and a loop of links with a note each, and reads the rest', () => {
      const root = tree({
        '/etc/sysctl.d/10-a.conf': link('20-b.conf'),
        '/etc/sysctl.d/20-b.conf': link('10-a.conf'),
        '/etc/sysctl.d/30-gone.conf': link('/nowhere.conf'),
        '/etc/sysctl.d/40-real.conf': 'vm.swappiness = 5\n',
      });
      const result = runCli(['system', '--root', root, '--print-effective']);
      assert.deepEqual(
        [result.stdout, result.status],
        ['# procps: sysctl --system\nvm.swappiness = 5 # /etc/sysctl.d/40-real.conf:1\n\n# systemd-sysctl\nvm.swappiness = 5 # /etc/sysctl.d/40-real.conf:1\n', 0],
      );
      assert.deepEqual(result.stderr.trimEnd().split('\n'), [
        `sysctl-lint: skipped ${root}/etc/sysctl.d/10-a.conf: a loop of symbolic links`,
        `sysctl-lint: skipped ${root}/etc/sysctl.d/20-b.conf: a loop of symbolic links`,
        `sysctl-lint: skipped ${root}/etc/sysctl.d/30-gone.conf: a symbolic link to '/nowhere.conf', which does not exist`,
      ]);
    });

    it('resolves an absolute link on the way (/lib -> /usr/lib) inside the root, never on the host', () => {
      // On the host /usr/lib/sysctl.d usually holds files; the root's /usr/lib has none.
      const root = tree({ '/lib': link('/usr/lib'), '/usr/lib/README': 'no sysctl.d here\n', '/etc': link('/srv/etc'), '/srv/etc/sysctl.conf': 'vm.swappiness = 3\n' });
      assert.deepEqual(effective(root, 'procps'), ['vm.swappiness = 3 # /etc/sysctl.conf:1']);
      const parent = tree({ '/etc/sysctl.d/10-up.conf': link('../../../../../../../../../../usr/lib/sysctl.d/99-protect-links.conf'), '/usr/lib/sysctl.d/x.txt': '' });
      assert.deepEqual(effective(parent, 'procps'), [], "'..' stops at the root");
    });
  });

  describe("the machine's modules-load.d", () => {
    it('quiets module-boot-order for the modules the tree loads first, in system and when its file is linted alone', () => {
      const root = tree({
        '/etc/modules-load.d/k8s.conf': 'overlay\nbr_netfilter\n',
        '/etc/sysctl.d/k8s.conf': 'net.bridge.bridge-nf-call-iptables = 1\nnet.netfilter.nf_conntrack_max = 262144\n',
      });
      const ruleIds = (findings: JsonReport['findings'] | undefined) => (findings ?? []).map((f) => `${f.line}:${f.ruleId}`);
      assert.deepEqual(ruleIds(report(root).get('/etc/sysctl.d/k8s.conf')), ['2:module-boot-order']);
      const alone = runCli(['--format', 'json', join(root, 'etc/sysctl.d/k8s.conf')]);
      assert.deepEqual(ruleIds((JSON.parse(alone.stdout) as JsonReport[])[0].findings), ['2:module-boot-order']);
    });
  });

  describe('reports', () => {
    it('name the files by their path on this machine, sorted by line', () => {
      const root = tree({ '/etc/sysctl.d/10-a.conf': 'vm.swappiness = 1\nbroken\n', '/usr/lib/sysctl.d/20-b.conf': 'vm.swappiness = 2\n' });
      const result = runCli(['system', '--root', root]);
      assert.equal(result.status, 1);
      const lines = result.stdout.trimEnd().split('\n');
      assert.deepEqual(
        lines.map((l) => l.replace(/: .*\[/, ' [')),
        [`${root}/etc/sysctl.d/10-a.conf:1:1 [overridden]`, `${root}/etc/sysctl.d/10-a.conf:2:1 [syntax-error]`],
      );
      // Both tools read both files: one finding names both.
      assert.match(
        lines[0],
        /: info: Overridden: \/usr\/lib\/sysctl\.d\/20-b\.conf:1 sets vm\.swappiness = 2, and sysctl --system and systemd-sysctl apply that later\. \[overridden\]$/,
      );
    });

    it("leave a duplicate inside one file to duplicate-key, keep systemd's first position for an equal value, and report no override of an equal value", () => {
      const root = tree({
        '/etc/sysctl.d/10-a.conf': 'vm.swappiness = 1\nvm.swappiness = 2\nkernel.pid_max = 65536\n',
        '/etc/sysctl.d/20-b.conf': 'kernel.domainname = x\nkernel.pid_max = 65536\n',
      });
      const findings = report(root);
      assert.deepEqual(
        findings.get('/etc/sysctl.d/10-a.conf')!.map((f) => f.ruleId),
        ['duplicate-key'],
      );
      assert.deepEqual(effective(root, 'procps'), [
        'vm.swappiness = 2 # /etc/sysctl.d/10-a.conf:2',
        'kernel.domainname = x # /etc/sysctl.d/20-b.conf:1',
        'kernel.pid_max = 65536 # /etc/sysctl.d/20-b.conf:2',
      ]);
      assert.deepEqual(effective(root, 'systemd'), [
        'vm.swappiness = 2 # /etc/sysctl.d/10-a.conf:2',
        'kernel.pid_max = 65536 # /etc/sysctl.d/10-a.conf:3',
        'kernel.domainname = x # /etc/sysctl.d/20-b.conf:1',
      ]);
    });

    it("report a later '-key' exclusion that cancels an assignment under systemd only", () => {
      const root = tree({ '/etc/sysctl.d/10-a.conf': 'net.ipv4.conf.all.rp_filter = 1\n', '/etc/sysctl.d/20-b.conf': '-net.ipv4.conf.all.rp_filter\n' });
      assert.deepEqual(values(root, 'procps'), ['net.ipv4.conf.all.rp_filter = 1']);
      assert.deepEqual(values(root, 'systemd'), []);
      // One finding, naming the exclusion, in place of the divergence it explains.
      const findings = report(root).get('/etc/sysctl.d/10-a.conf')!;
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.severity, f.message]),
        [
          [
            'overridden',
            'warning',
            'systemd-sysctl never writes this: /etc/sysctl.d/20-b.conf:1 excludes net.ipv4.conf.all.rp_filter later, and an exclusion drops every earlier assignment of the key. Name this file so that it sorts after 20-b.conf to keep the setting.',
          ],
        ],
      );
    });

    it('--quiet keeps errors only', () => {
      const root = tree({ '/etc/sysctl.d/10-a.conf': 'vm.swappiness = 1\nbroken\n', '/etc/sysctl.conf': 'vm.swappiness = 2\n' });
      const quiet = runCli(['system', '--root', root, '--quiet']);
      assert.equal(quiet.status, 1);
      assert.deepEqual(
        quiet.stdout
          .trimEnd()
          .split('\n')
          .map((l) => l.slice(root.length)),
        [
          `/etc/sysctl.d/10-a.conf:2:1: error: Line is not a setting: it has no '='. procps skips it with a warning and systemd-sysctl skips it and fails the service; write 'key = value', or start it with '#' to make it a comment. [syntax-error]`,
        ],
      );
    });
  });
});
