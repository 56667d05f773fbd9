import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/runCli';
import type { TreeSpec } from '../helpers/systemTree';
import { buildTree, link } from '../helpers/systemTree';
import { useTempDir } from '../helpers/tempDir';

interface JsonReport {
  file: string;
  findings: Array<{ ruleId: string; severity: string; message: string; line: number; column: number }>;
}

/** A Debian-like procps machine: sysctl.conf with unrelated settings, the 99-sysctl.conf link, a local file. */
const PROCPS_TREE: TreeSpec = {
  '/etc/sysctl.conf': '# local tuning\nvm.swappiness = 10\n',
  '/etc/sysctl.d/99-sysctl.conf': link('../sysctl.conf'),
  '/etc/sysctl.d/10-network.conf': 'net.core.somaxconn = 4096\n',
};

/** A systemd machine: systemd's own 50-default.conf (with its rp_filter glob) and a package file. */
const SYSTEMD_TREE: TreeSpec = {
  '/usr/lib/sysctl.d/50-default.conf':
    'kernel.sysrq = 16\nkernel.core_uses_pid = 1\nnet.ipv4.conf.default.rp_filter = 2\nnet.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.all.rp_filter\nnet.ipv4.conf.default.accept_source_route = 0\nnet.ipv4.conf.*.accept_source_route = 0\n-net.ipv4.conf.all.accept_source_route\nfs.protected_hardlinks = 1\nfs.protected_symlinks = 1\n',
  '/usr/lib/sysctl.d/50-pid-max.conf': 'kernel.pid_max = 4194304\n',
};

describe('sysctl-lint system --profile (process)', () => {
  const dir = useTempDir('sysctl-system-profiles');
  let n = 0;
  const tree = (spec: TreeSpec): string => buildTree(join(dir(), `root-${++n}`), spec);

  /** Profile findings per file relative to the root. */
  function profileFindings(root: string, args: string[]): Map<string, JsonReport['findings']> {
    const result = runCli(['system', '--root', root, '--format', 'json', ...args]);
    assert.equal(result.stderr, '');
    const data = JSON.parse(result.stdout) as JsonReport[];
    const out = new Map<string, JsonReport['findings']>();
    for (const r of data) {
      const own = r.findings.filter((f) => f.ruleId.includes('/'));
      if (own.length > 0) out.set(r.file.slice(root.length), own);
    }
    return out;
  }

  for (const [flavor, spec] of [
    ['procps', PROCPS_TREE],
    ['systemd', SYSTEMD_TREE],
  ] as const) {
    it(`${flavor}: --print-missing prints a fragment, and once it is saved where it says the CIS findings are gone`, () => {
      const root = tree(spec);
      const before = profileFindings(root, ['--flavor', flavor, '--profile', 'cis']);
      const missing = before.get('/etc/sysctl.d/99-zz-hardening.conf') ?? [];
      assert.ok(missing.length >= 20, `keys no file sets are reported on the fragment's path (${missing.length})`);
      assert.ok(
        missing.some(
          (f) =>
            f.ruleId === 'cis/net.ipv4.conf.all.send_redirects' &&
            /no file .* sets it.*Add 'net\.ipv4\.conf\.all\.send_redirects = 0' to \/etc\/sysctl\.d\/99-zz-hardening\.conf/.test(f.message),
        ),
      );

      if (flavor === 'systemd') {
        // systemd's `-net.ipv4.conf.all.rp_filter` keeps its glob off conf.all: the kernel default stays.
        assert.ok(missing.some((f) => f.ruleId === 'cis/net.ipv4.conf.all.rp_filter'));
        const vendor = before.get('/usr/lib/sysctl.d/50-default.conf') ?? [];
        assert.deepEqual(
          vendor.map((f) => `${f.line} ${f.ruleId}`),
          ['3 cis/net.ipv4.conf.default.rp_filter'],
        );
      }
      const printed = runCli(['system', '--root', root, '--flavor', flavor, '--profile', 'cis', '--print-missing']);
      assert.equal(printed.status, 0);
      assert.equal(printed.stderr, '');
      assert.match(printed.stdout, /^# Save as \/etc\/sysctl\.d\/99-zz-hardening\.conf: its name sorts after every other sysctl\.d file/m);
      assert.match(printed.stdout, /^# CIS 3\.3\.2 \(Ubuntu 24\.04 v1\.0\.0, RHEL 9 v2\.0\.0\): .*\nnet\.ipv4\.conf\.all\.send_redirects = 0$/m);
      assert.match(printed.stdout, /^kernel\.yama\.ptrace_scope = 1$/m);

      mkdirSync(join(root, 'etc/sysctl.d'), { recursive: true });
      writeFileSync(join(root, 'etc/sysctl.d/99-zz-hardening.conf'), printed.stdout);
      assert.deepEqual([...profileFindings(root, ['--flavor', flavor, '--profile', 'cis']).entries()], []);
      const again = runCli(['system', '--root', root, '--flavor', flavor, '--profile', 'cis', '--print-missing']);
      assert.equal(again.stdout, '# Nothing to add: the effective configuration meets profile cis.\n');
      // The fragment itself is clean for every other rule too.
      const all = runCli(['system', '--root', root, '--flavor', flavor, '--profile', 'cis', '--format', 'json']);
      const fragment = (JSON.parse(all.stdout) as JsonReport[]).find((r) => r.file.endsWith('99-zz-hardening.conf'));
      assert.deepEqual(fragment?.findings, []);
      assert.equal(all.status, 0);
    });
  }

  it('does not fail a non-compliant line that a later file overrides', () => {
    const root = tree({ '/usr/lib/sysctl.d/10-vendor.conf': 'net.ipv4.ip_forward = 1\n', '/etc/sysctl.d/20-local.conf': 'net.ipv4.ip_forward = 0\n' });
    const findings = profileFindings(root, ['--profile', 'cis']);
    assert.equal(findings.get('/usr/lib/sysctl.d/10-vendor.conf'), undefined);
    assert.equal(findings.get('/etc/sysctl.d/20-local.conf'), undefined);
    assert.ok(!(findings.get('/etc/sysctl.d/99-zz-hardening.conf') ?? []).some((f) => f.ruleId === 'cis/net.ipv4.ip_forward'));
  });

  it('reports a key compliant for systemd-sysctl but not for sysctl --system, and the fragment names the line that still wins', () => {
    const root = tree({ '/etc/sysctl.d/20-local.conf': 'net.ipv4.conf.all.send_redirects = 0\n', '/etc/sysctl.conf': 'net.ipv4.conf.all.send_redirects = 1\n' });
    const [finding] = (profileFindings(root, ['--profile', 'cis']).get('/etc/sysctl.conf') ?? []).filter((f) => f.ruleId === 'cis/net.ipv4.conf.all.send_redirects');
    assert.equal(finding.line, 1);
    assert.match(finding.message, /; sysctl --system ends with 1 from this line \(systemd-sysctl ends with 0 from \/etc\/sysctl\.d\/20-local\.conf:1, which complies\)\./);
    const printed = runCli(['system', '--root', root, '--profile', 'cis', '--print-missing']).stdout;
    assert.match(
      printed,
      /^# Change these lines of \/etc\/sysctl\.conf too, or they override this file for sysctl --system:\n# {3}\/etc\/sysctl\.conf:1: net\.ipv4\.conf\.all\.send_redirects = 1$/m,
    );
  });

  it('--role router drops the forwarding and redirect checks; severity settings and suppression comments apply', () => {
    const root = tree({
      '/etc/sysctl.d/30-router.conf':
        'net.ipv4.ip_forward = 1\n# sysctl-lint-disable-next-line cis/net.ipv4.conf.all.accept_redirects\nnet.ipv4.conf.all.accept_redirects = 1\nnet.ipv4.conf.all.secure_redirects = 1\n',
    });
    const plain = profileFindings(root, ['--profile', 'cis']).get('/etc/sysctl.d/30-router.conf') ?? [];
    assert.deepEqual(
      plain.map((f) => f.ruleId),
      ['cis/net.ipv4.ip_forward', 'cis/net.ipv4.conf.all.secure_redirects'],
    );
    const router =
      profileFindings(root, ['--profile', 'cis', '--role', 'router', '--rule', 'cis/net.ipv4.conf.all.secure_redirects=error']).get('/etc/sysctl.d/30-router.conf') ?? [];
    assert.deepEqual(
      router.map((f) => `${f.ruleId} ${f.severity}`),
      ['cis/net.ipv4.conf.all.secure_redirects error'],
    );
    assert.ok(!runCli(['system', '--root', root, '--profile', 'cis', '--role', 'router', '--print-missing']).stdout.includes('ip_forward'));
  });

  it('rejects --print-missing without a profile, and unknown profiles and roles, in one line', () => {
    const root = tree(PROCPS_TREE);
    for (const [args, message] of [
      [['--print-missing'], '--print-missing needs a profile: add --profile NAME'],
      [['--profile', 'nist'], "--profile: unknown profile 'nist' (choose cis, kspp, khc, lynis, devsec)"],
      [['--profile', 'cis', '--role', 'web'], "--role: unknown role 'web' (choose router, container-host)"],
      [['--role', 'router'], '--role relaxes a profile: add --profile NAME'],
    ] as const) {
      const result = runCli(['system', '--root', root, ...args]);
      assert.equal(result.status, 2);
      assert.equal(result.stderr, `sysctl-lint: ${message}\n`);
    }
  });
});

describe('sysctl-lint --profile FILE (process)', () => {
  const dir = useTempDir('sysctl-lint-profiles');
  const file = (name: string, text: string): string => {
    const path = join(dir(), name);
    writeFileSync(path, text);
    return path;
  };

  it('judges the values a file sets; a warning by default, an error with --rule, and SARIF describes the rule', () => {
    const path = file('60-net.conf', 'net.ipv4.ip_forward = 1\nvm.swappiness = 10\n');
    const compact = runCli(['--profile', 'cis', '--format', 'compact', path]);
    assert.equal(compact.status, 0);
    assert.match(
      compact.stdout,
      /60-net\.conf:1:23: warning: CIS 3\.3\.1 \(Ubuntu 24\.04 v1\.0\.0, RHEL 9 v2\.0\.0\) requires net\.ipv4\.ip_forward = 0; this line sets 1\..* \[cis\/net\.ipv4\.ip_forward\]/,
    );
    assert.equal(runCli(['--profile', 'cis', '--role', 'router', '--format', 'compact', path]).stdout, '');
    assert.equal(runCli(['--profile', 'cis', '--rule', 'cis/net.ipv4.ip_forward=error', path]).status, 1);
    assert.equal(runCli(['--profile', 'cis', '--rule', 'cis/*=error', path]).status, 1);
    const sarif = JSON.parse(runCli(['--profile', 'cis', '--format', 'sarif', path]).stdout) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; shortDescription: { text: string }; helpUri?: string }> } };
        results: Array<{ ruleId: string; ruleIndex: number }>;
      }>;
    };
    const [run] = sarif.runs;
    const [result] = run.results;
    assert.equal(result.ruleId, 'cis/net.ipv4.ip_forward');
    const rule = run.tool.driver.rules[result.ruleIndex];
    assert.equal(rule.id, 'cis/net.ipv4.ip_forward');
    assert.match(rule.shortDescription.text, /^CIS 3\.3\.1 .*: net\.ipv4\.ip_forward should be 0\.$/);
  });

  it('--print-missing belongs to system', () => {
    const result = runCli(['--profile', 'cis', '--print-missing', file('80-x.conf', 'vm.swappiness = 1\n')]);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'sysctl-lint: --print-missing judges a whole machine: use sysctl-lint system --profile NAME --print-missing\n');
  });

  it('reads profiles and roles from .sysctl-lint.json; the command line replaces them', () => {
    const path = file('70-host.conf', 'net.ipv4.ip_forward = 1\nkernel.kptr_restrict = 1\n');
    const config = file('profiles.json', JSON.stringify({ profiles: ['cis', 'kspp'], roles: ['container-host'] }));
    const ids = (args: string[]) => (JSON.parse(runCli([...args, '--format', 'json', path]).stdout) as JsonReport[])[0].findings.map((f) => f.ruleId);
    assert.deepEqual(ids(['--config', config]), ['kspp/kernel.kptr_restrict']);
    // --profile replaces the config's list; its roles still apply (container-host allows forwarding).
    assert.deepEqual(ids(['--config', config, '--profile', 'cis']), []);
    assert.deepEqual(ids(['--config', config, '--profile', 'cis', '--role', 'router']), []);
    assert.deepEqual(ids(['--config', config, '--profile', 'devsec']), ['devsec/kernel.kptr_restrict']);
  });
});
