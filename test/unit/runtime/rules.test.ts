import { strict as assert } from 'node:assert';
import { effectiveConfiguration, parseDocument } from '../../../server/src/engine';
import type { ConfigEntry } from '../../../server/src/engine';
import { compareWithRunning, conntrackTableFullFindings, doctorReport, hostFindingsWithPolicy, runtimeDriftFindings } from '../../../server/src/engine/runtime';
import { snapshotOf, stats } from './snapshotFixture';

const conntrack = (count: number, max: number) => ({ 'net.netfilter.nf_conntrack_count': String(count), 'net.netfilter.nf_conntrack_max': String(max) });

describe('runtime rules (pure)', () => {
  it('compares as the kernel reads values', () => {
    const same = (a: string, b: string) => compareWithRunning(a, b).kind;
    assert.equal(same('010', '8'), 'same', 'a leading zero is octal');
    assert.equal(same('0x10', '16'), 'same');
    assert.equal(same('4096   87380\t6291456', '4096 87380 6291456'), 'same');
    assert.equal(same('4096', '4096 87380 6291456'), 'same', 'fewer fields change only those written');
    assert.equal(same('10', '8'), 'different');
    assert.equal(same('lots', '8'), 'not-comparable', 'the kernel would refuse it: other rules speak');
    assert.equal(same('1 2 3 4', '1 2 3'), 'not-comparable');
    assert.equal(same('|/usr/lib/core  %p', '|/usr/lib/core %p'), 'same');
    assert.equal(same('cubic', 'bbr'), 'different');
  });

  describe('runtime-drift', () => {
    it('names the running value; equal values, absent keys, globs and dead duplicates are not drift', () => {
      const document = parseDocument('vm.swappiness = 10\nvm.swappiness = 60\nnet.core.somaxconn = 1024\nnet.ipv4.conf.*.rp_filter = 2\nkernel.nope = 1\n');
      const snapshot = snapshotOf({ 'vm.swappiness': '60', 'net.core.somaxconn': '4096', 'net.ipv4.conf.all.rp_filter': '1' });
      const findings = runtimeDriftFindings(document, snapshot, { filePath: '/etc/sysctl.d/90-net.conf' });
      assert.equal(findings.length, 1);
      assert.equal(findings[0].ruleId, 'runtime-drift');
      assert.equal(findings[0].severity, 'warning');
      assert.equal(findings[0].range.start.line, 2);
      assert.match(
        findings[0].message,
        /^The running kernel on db-1 \(over SSH\) has net\.core\.somaxconn = 4096, not 1024\. Likely reason: the file was edited since it was applied, or another program .*Apply it: sudo sysctl -p \/etc\/sysctl\.d\/90-net\.conf$/,
      );
    });

    it('a later file wins (system precedence)', () => {
      const file = (path: string, text: string): ConfigEntry => ({ name: path.split('/').pop()!, path, kind: 'file', text, realPath: path });
      const mine = file('/etc/sysctl.d/10-mine.conf', 'net.core.somaxconn = 1024\n');
      const later = file('/etc/sysctl.d/99-later.conf', '# later\nnet.core.somaxconn = 4096\n');
      const effective = effectiveConfiguration({ directories: new Map([['/etc/sysctl.d', [mine, later]]]) }, 'procps');
      const [finding] = runtimeDriftFindings(parseDocument(mine.text), snapshotOf({ 'net.core.somaxconn': '4096' }), { filePath: mine.path, effective });
      assert.match(
        finding.message,
        /Likely reason: a later file wins: \/etc\/sysctl\.d\/99-later\.conf:2 sets net\.core\.somaxconn = 4096, which is the running value, and sysctl --system applies it after this file\.$/,
      );
    });

    it('a module loaded after the settings were applied', () => {
      const snapshot = snapshotOf({ 'net.netfilter.nf_conntrack_max': '65536' }, { modules: new Set(['nf_conntrack']) });
      const [finding] = runtimeDriftFindings(parseDocument('net.netfilter.nf_conntrack_max = 262144\n'), snapshot, {});
      assert.match(
        finding.message,
        /the key exists only while the nf_conntrack module is loaded.*\/etc\/modules-load\.d\/nf_conntrack\.conf, then apply: sudo sysctl -w net\.netfilter\.nf_conntrack_max=262144$/,
      );
    });

    it('a file changed after boot', () => {
      const [finding] = runtimeDriftFindings(parseDocument('vm.swappiness = 1\n'), snapshotOf({ 'vm.swappiness': '60' }), {
        filePath: '/etc/sysctl.conf',
        modifiedAt: 1_764_000_500,
      });
      assert.match(finding.message, /the file was edited since the host booted and has not been applied since\. Apply it: sudo sysctl -p \/etc\/sysctl\.conf$/);
    });

    it('a file unchanged since boot: not applied at boot, or set by another program', () => {
      const [finding] = runtimeDriftFindings(parseDocument('vm.swappiness = 1\n'), snapshotOf({ 'vm.swappiness': '60' }), {
        filePath: '/etc/sysctl.conf',
        modifiedAt: 1_700_000_000,
      });
      assert.match(
        finding.message,
        /the file has not changed since boot, so its settings were not applied at boot \(no systemd-sysctl or sysctl --system ran, as in many containers\), or another program/,
      );
    });
  });

  describe('conntrack-table-full', () => {
    it('a warning at 90% of the limit, on the nf_conntrack_max line, with the sizing fix', () => {
      const document = parseDocument('# x\nnet.netfilter.nf_conntrack_max = 1000\n');
      const [finding, ...rest] = conntrackTableFullFindings(
        document,
        snapshotOf(conntrack(900, 1000), { conntrack: stats({ entries: 900, drop: 0, early_drop: 0, insert_failed: 0 }) }),
      );
      assert.equal(rest.length, 0);
      assert.equal(finding.severity, 'warning');
      assert.equal(finding.range.start.line, 1);
      assert.match(finding.message, /is 90\.0% full: 900 of 1000 entries \(90\.0%\); drop 0, early_drop 0, insert_failed 0 \(since boot, summed over 4 CPUs\)/);
      assert.equal(finding.fixes?.[0].edits[0].newText, '1547561');
      assert.equal(finding.fixes?.[0].safe, false);
      assert.deepEqual(conntrackTableFullFindings(document, snapshotOf(conntrack(899, 1000))), [], 'below 90%: nothing');
    });

    it('an error when packets were dropped, at the top of a file that does not set the limit', () => {
      const snapshot = snapshotOf(conntrack(10, 1000), { conntrack: stats({ entries: 10, drop: 0, early_drop: 0, insert_failed: 1 }) });
      const [finding] = conntrackTableFullFindings(parseDocument('vm.swappiness = 1\n'), snapshot);
      assert.equal(finding.severity, 'error');
      assert.deepEqual(finding.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.match(finding.message, /has dropped packets since boot: 10 of 1000 entries \(1\.0%\); drop 0, early_drop 0, insert_failed 1/);
      assert.deepEqual(conntrackTableFullFindings(parseDocument('vm.swappiness = 1\n'), snapshot, { onlyWhenSet: true }), []);
      assert.deepEqual(conntrackTableFullFindings(parseDocument('x = 1\n'), snapshotOf({})), [], 'conntrack not loaded');
    });

    it('rule settings and suppression comments apply', () => {
      const snapshot = snapshotOf({ 'vm.swappiness': '60', ...conntrack(999, 1000) });
      const document = parseDocument('vm.swappiness = 1\n');
      assert.deepEqual(
        hostFindingsWithPolicy(document, snapshot, { rules: {}, sizing: {} }).map((f) => `${f.ruleId}:${f.severity}`),
        ['conntrack-table-full:warning', 'runtime-drift:warning'],
      );
      assert.deepEqual(
        hostFindingsWithPolicy(document, snapshot, { rules: { 'runtime-drift': 'off', 'conntrack-table-full': 'info' }, sizing: {} }).map((f) => `${f.ruleId}:${f.severity}`),
        ['conntrack-table-full:info'],
      );
    });
  });

  it('doctor: healthy host exits 0 and persists into a new file when none sets the limit', () => {
    const report = doctorReport(
      snapshotOf(
        { ...conntrack(5, 262144), 'net.netfilter.nf_conntrack_buckets': '65536' },
        { conntrack: stats({ entries: 5, drop: 0, early_drop: 0, insert_failed: 0 }), conntrackMaxLines: [] },
      ),
    );
    assert.equal(report.unhealthy, false);
    const text = report.lines.join('\n');
    assert.match(text, /^Status: +OK$/m);
    assert.match(
      text,
      /^Persist it: +add "net\.netfilter\.nf_conntrack_max = 1547561" as a new file \(no sysctl file sets it now\):\n +echo 'net\.netfilter\.nf_conntrack_max = 1547561' \| sudo tee \/etc\/sysctl\.d\/90-nf_conntrack\.conf$/m,
    );
  });

  it('doctor: a host without conntrack says so and stops there', () => {
    const report = doctorReport(snapshotOf({ 'vm.swappiness': '60' }));
    assert.equal(report.unhealthy, false);
    assert.match(report.lines.join('\n'), /^Conntrack: +not loaded/m);
    assert.doesNotMatch(report.lines.join('\n'), /Set it live/);
  });
});
