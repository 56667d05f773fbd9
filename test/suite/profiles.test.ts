import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  actionTitled,
  applyCodeActionEdit,
  closeEditorsAndDelete,
  describeDiagnostic,
  diagnosticCode,
  hasDiagnostic,
  setWorkspaceSetting,
  showNewFileAndWait,
  waitForCodeActions,
  waitForDiagnostics,
  waitForText,
} from './helpers';

// sysctl.profiles and sysctl.roles in the real extension: profile findings appear as diagnostics
// with their rule ids, the quick fix writes the compliant value, and roles relax the checks.
// The root hook (restoreEditorState) removes the settings after each test.

const DIR = 'profiles';
const CONTENT = ['net.ipv4.ip_forward = 1', 'net.ipv4.conf.all.send_redirects = 1', 'vm.swappiness = 10', ''].join('\n');

suite('hardening profiles', () => {
  suiteTeardown(async () => {
    await closeEditorsAndDelete(DIR);
  });

  test('sysctl.profiles ["cis"] reports CIS findings; the quick fix sets the compliant value; sysctl.roles ["router"] relaxes them', async () => {
    const { uri, doc } = await showNewFileAndWait(`${DIR}/cis/sysctl.conf`, CONTENT, 'the file checked', (ds) => !hasDiagnostic('cis/net.ipv4.ip_forward')(ds));

    const reported = await waitForDiagnostics(
      'CIS findings',
      uri,
      (ds) => hasDiagnostic('cis/net.ipv4.ip_forward', 0)(ds) && hasDiagnostic('cis/net.ipv4.conf.all.send_redirects', 1)(ds),
      () => setWorkspaceSetting('profiles', ['cis']),
    );
    const forwarding = reported.find((d) => d.range.start.line === 0 && d.source === 'sysctl')!;
    assert.equal(forwarding.severity, vscode.DiagnosticSeverity.Warning, JSON.stringify(reported.map(describeDiagnostic)));
    assert.match(forwarding.message, /^CIS 3\.3\.1 \(Ubuntu 24\.04 v1\.0\.0, RHEL 9 v2\.0\.0\) requires net\.ipv4\.ip_forward = 0; this line sets 1\./);

    const redirectRange = new vscode.Range(1, 35, 1, 36);
    const actions = await waitForCodeActions('the CIS quick fix', uri, redirectRange, (as) => as.some((a) => a.title === 'Set net.ipv4.conf.all.send_redirects = 0 (CIS)'));
    await applyCodeActionEdit(actionTitled(actions, 'Set net.ipv4.conf.all.send_redirects = 0 (CIS)'));
    await waitForText(doc, CONTENT.replace('send_redirects = 1', 'send_redirects = 0'), 'the compliant value');
    await waitForDiagnostics('the fixed finding to go', uri, (ds) => !hasDiagnostic('cis/net.ipv4.conf.all.send_redirects')(ds) && hasDiagnostic('cis/net.ipv4.ip_forward', 0)(ds));

    await waitForDiagnostics(
      'forwarding accepted on a router',
      uri,
      (ds) => !ds.some((d) => d.source === 'sysctl' && String(diagnosticCode(d)).startsWith('cis/')),
      () => setWorkspaceSetting('roles', ['router']),
    );
  });
});
