import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openWorkspaceFile, waitFor } from './helpers';

suite('activation', () => {
  test('the extension is installed under its id', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(
      ext,
      `extension ${EXTENSION_ID} not found; loaded: ${vscode.extensions.all
        .map((e) => e.id)
        .filter((id) => !id.startsWith('vscode.'))
        .join(', ')}`,
    );
  });

  test('opening a sysctl.conf activates the extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} not found`);
    const doc = await openWorkspaceFile('sysctl.conf');
    await vscode.window.showTextDocument(doc);
    await waitFor(
      'the extension to become active',
      () => ext.isActive,
      (active) => active,
    );
    assert.equal(ext.isActive, true);
  });
});
