import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  actionTitled,
  applyCodeActionEdit,
  closeEditorsAndDelete,
  describeDiagnostic,
  hasDiagnostic,
  showNewFileAndWait,
  sysctlDiagnostics,
  waitForCodeActions,
  waitForDiagnostics,
  writeWorkspaceFile,
} from './helpers';

// Findings that come from other files of a machine tree (`overridden`) obey the same suppression
// comments as every other finding, and offer the same suppress quick fix.
const DIR = 'suppression-tree';

suite('suppressing findings from other files of the tree', () => {
  suiteTeardown(async () => {
    await closeEditorsAndDelete(DIR);
  });

  test('a directive silences overridden on its line; the quick fix adds one for the other line', async () => {
    await writeWorkspaceFile(`${DIR}/etc/sysctl.d/90-late.conf`, 'vm.swappiness = 10\nkernel.pid_max = 4096\n');
    const text = 'vm.swappiness = 60\n# sysctl-lint-disable-next-line overridden\nkernel.pid_max = 65536\n';
    const { uri, doc } = await showNewFileAndWait(`${DIR}/etc/sysctl.d/10-early.conf`, text, 'one overridden finding', hasDiagnostic('overridden'));
    const overridden = sysctlDiagnostics(uri, 'overridden');
    assert.deepEqual(
      overridden.map((d) => d.range.start.line),
      [0],
      `only line 1 is reported; line 3 is suppressed: ${JSON.stringify(overridden.map(describeDiagnostic))}`,
    );

    const range = new vscode.Range(0, 3, 0, 3);
    const actions = await waitForCodeActions('the suppress fix for overridden', uri, range, (as) => as.some((a) => a.title === 'Suppress overridden on this line'));
    await waitForDiagnostics(
      'no overridden finding after the fix',
      uri,
      (ds) => !hasDiagnostic('overridden')(ds),
      () => applyCodeActionEdit(actionTitled(actions, 'Suppress overridden on this line')),
    );
    assert.equal(doc.lineAt(0).text, '# sysctl-lint-disable-next-line overridden');
  });
});
