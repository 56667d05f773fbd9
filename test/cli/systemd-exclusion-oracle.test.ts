import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, requireOrSkip } from '../helpers/environment';
import { runCli } from '../helpers/runCli';
import { buildTree } from '../helpers/systemTree';
import { useTempDir } from '../helpers/tempDir';

/**
 * The real systemd-sysctl as oracle for one trap: a `-key` exclusion in a later file (systemd's own
 * 50-default.conf excludes net.ipv4.conf.all.rp_filter from its glob) drops an admin's earlier
 * assignment of the key. systemd-sysctl runs in a private network namespace (`unshare -n`), limited
 * by --prefix to that one net.* key, on the files in the order it would read them.
 */
const SYSTEMD_SYSCTL = ['/usr/lib/systemd/systemd-sysctl', '/lib/systemd/systemd-sysctl'].find((path) => existsSync(path));
const KEY_PATH = '/net/ipv4/conf/all/rp_filter';
const VENDOR = 'net.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.all.rp_filter\n';

/** The value systemd-sysctl leaves in a fresh namespace (where the key starts at 0) after applying `files` in order. */
function systemdEndsWith(files: readonly string[]): string {
  const script = `echo 0 > /proc/sys${KEY_PATH} && "$0" --prefix=${KEY_PATH} "$@" && cat /proc/sys${KEY_PATH}`;
  const result = spawnSync('unshare', ['-n', 'sh', '-c', script, SYSTEMD_SYSCTL!, ...files], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

describe('a later exclusion drops an earlier assignment: sysctl-lint against the real systemd-sysctl', function () {
  this.timeout(30_000);
  const dir = useTempDir('sysctl-exclusion-oracle');

  for (const [name, dropped] of [
    ['10-my.conf', true],
    ['60-my.conf', false],
  ] as const) {
    it(`/etc/sysctl.d/${name} setting rp_filter = 1 beside a vendor 50-default.conf: ${dropped ? 'dropped, and said' : 'kept, and nothing said'}`, function () {
      requireOrSkip(this, SYSTEMD_SYSCTL !== undefined && commandExists('unshare', ['--version']), 'systemd-sysctl and unshare');
      const root = buildTree(join(dir(), name), { [`/etc/sysctl.d/${name}`]: 'net.ipv4.conf.all.rp_filter = 1\n', '/usr/lib/sysctl.d/50-default.conf': VENDOR });
      const files = [join(root, 'etc/sysctl.d', name), join(root, 'usr/lib/sysctl.d/50-default.conf')].sort((a, b) => (a.split('/').pop()! < b.split('/').pop()! ? -1 : 1));
      assert.equal(systemdEndsWith(files), dropped ? '0' : '1');

      const effective = runCli(['system', '--root', root, '--flavor', 'systemd', '--print-effective']).stdout;
      assert.equal(effective.includes('net.ipv4.conf.all.rp_filter = 1'), !dropped, effective);
      const report = runCli(['system', '--root', root, '--flavor', 'systemd', '--format', 'json']);
      const findings = (JSON.parse(report.stdout || '[]') as Array<{ file: string; findings: Array<{ ruleId: string; severity: string; message: string }> }>).flatMap(
        (r) => r.findings,
      );
      const warned = findings.filter((f) => f.ruleId === 'overridden' && f.message.startsWith('systemd-sysctl never writes this'));
      assert.equal(warned.length, dropped ? 1 : 0, JSON.stringify(findings));
    });
  }
});
