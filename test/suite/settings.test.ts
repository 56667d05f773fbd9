import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeEditorsAndDelete,
  describeDiagnostic,
  diagnosticCode,
  hasDiagnostic,
  setWorkspaceSetting,
  showNewFileAndWait,
  sysctlDiagnostics,
  waitForDiagnostics,
} from './helpers';

// Settings take effect in open files without a reload: the server re-checks them when the
// `sysctl` section changes.

const DIR = 'settings';
const CONTENT = ['kernel.pid_max = 65536', 'net.netfilter.nf_conntrack_mux = 65536', 'net.ipv4.tcp_tw_recycle = 1', ''].join('\n');

suite('settings without reload', () => {
  suiteSetup(async () => {
    await setWorkspaceSetting('rules', undefined);
    await setWorkspaceSetting('kernelVersion', undefined);
  });

  teardown(async () => {
    await setWorkspaceSetting('rules', undefined);
    await setWorkspaceSetting('kernelVersion', undefined);
  });

  suiteTeardown(async () => {
    await closeEditorsAndDelete(DIR);
  });

  test('sysctl.rules {"unknown-key": "off"} removes the diagnostic; removing the setting brings it back', async () => {
    const { uri } = await showNewFileAndWait(
      `${DIR}/off/sysctl.conf`,
      CONTENT,
      'unknown-key and removed-key',
      (ds) => hasDiagnostic('unknown-key', 1)(ds) && hasDiagnostic('removed-key', 2)(ds),
    );

    const silenced = await waitForDiagnostics(
      'unknown-key to disappear',
      uri,
      (ds) => !hasDiagnostic('unknown-key')(ds),
      () => setWorkspaceSetting('rules', { 'unknown-key': 'off' }),
    );
    assert.ok(hasDiagnostic('removed-key', 2)(silenced), `other rules stay on: ${JSON.stringify(silenced.map(describeDiagnostic))}`);

    await waitForDiagnostics('unknown-key to come back', uri, hasDiagnostic('unknown-key', 1), () => setWorkspaceSetting('rules', undefined));
  });

  test("sysctl.rules can raise a rule's severity", async () => {
    const { uri, diagnostics } = await showNewFileAndWait(`${DIR}/severity/sysctl.conf`, CONTENT, 'unknown-key', hasDiagnostic('unknown-key', 1));
    const before = diagnostics.find((d) => diagnosticCode(d) === 'unknown-key')!;
    assert.equal(before.severity, vscode.DiagnosticSeverity.Warning);

    await waitForDiagnostics(
      'unknown-key as an error',
      uri,
      (ds) => ds.some((d) => diagnosticCode(d) === 'unknown-key' && d.severity === vscode.DiagnosticSeverity.Error),
      () => setWorkspaceSetting('rules', { 'unknown-key': 'error' }),
    );
    assert.equal(sysctlDiagnostics(uri, 'unknown-key').length, 1);
  });

  test('sysctl.kernelVersion 4.9: tcp_tw_recycle still exists there, so it is not reported as removed', async () => {
    const { uri } = await showNewFileAndWait(`${DIR}/kernel/sysctl.conf`, CONTENT, 'removed-key', hasDiagnostic('removed-key', 2));
    const on49 = await waitForDiagnostics(
      'removed-key to disappear on 4.9',
      uri,
      (ds) => !hasDiagnostic('removed-key')(ds),
      () => setWorkspaceSetting('kernelVersion', '4.9'),
    );
    // On 4.9 the key works, and its value 1 is the dangerous one.
    const warning = on49.find((d) => diagnosticCode(d) === 'suspicious-value' && d.range.start.line === 2);
    assert.ok(warning, JSON.stringify(on49.map(describeDiagnostic)));
    assert.match(warning.message, /NAT/);

    await waitForDiagnostics('removed-key to come back on the newest kernel', uri, hasDiagnostic('removed-key', 2), () => setWorkspaceSetting('kernelVersion', undefined));
  });
});
