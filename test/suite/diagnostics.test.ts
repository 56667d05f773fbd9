import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostic, describeRange, diagnosticCode, waitForDiagnostics, workspaceUri, writeWorkspaceFile } from './helpers';

const BAD_LINE = 'net.ipv4.ip_forward';
const BAD_LINE_NUMBER = 2; // 0-based
const CONTENT = ['# written by the diagnostics test', 'kernel.pid_max = 65536', BAD_LINE, 'vm.swappiness = 10', ''].join('\n');

const isSyntaxError = (d: vscode.Diagnostic) => d.source === 'sysctl' && diagnosticCode(d) === 'syntax-error';

suite('diagnostics', () => {
  const relativePath = 'sysctl.d/90-bad.conf';
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    uri = await writeWorkspaceFile(relativePath, CONTENT);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri(relativePath)).then(undefined, () => undefined);
  });

  test('a line without "=" gets one syntax-error diagnostic covering exactly its text', async () => {
    const diagnostics = await waitForDiagnostics(
      'a syntax-error diagnostic',
      uri,
      (ds) => ds.some(isSyntaxError),
      async () => {
        doc = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(doc);
      },
    );
    assert.equal(doc.languageId, 'sysctl');

    const errors = diagnostics.filter(isSyntaxError);
    assert.equal(errors.length, 1, `expected exactly one syntax-error, got ${JSON.stringify(errors.map(describeDiagnostic))}`);
    const [d] = errors;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, `severity was ${vscode.DiagnosticSeverity[d.severity]}`);
    assert.equal(d.source, 'sysctl');
    const expected = new vscode.Range(BAD_LINE_NUMBER, 0, BAD_LINE_NUMBER, BAD_LINE.length);
    assert.ok(d.range.isEqual(expected), `range was ${describeRange(d.range)}, expected ${describeRange(expected)}`);
    assert.equal(doc.getText(d.range), BAD_LINE);
  });

  test('fixing the line clears the syntax-error', async () => {
    assert.ok(doc, 'the previous test did not open the document');
    await waitForDiagnostics(
      'the syntax-error to go away',
      uri,
      (ds) => !ds.some(isSyntaxError),
      async () => {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, new vscode.Range(BAD_LINE_NUMBER, 0, BAD_LINE_NUMBER, BAD_LINE.length), `${BAD_LINE} = 1`);
        assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
      },
    );
    await doc.save();
  });
});
