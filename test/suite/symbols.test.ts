import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeRange, flattenSymbols, openWorkspaceFile, waitFor } from './helpers';

type Symbols = (vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined;

suite('document symbols', () => {
  test('sysctl.conf has one symbol per setting, named by its key', async () => {
    const doc = await openWorkspaceFile('sysctl.conf');
    assert.equal(doc.languageId, 'sysctl');

    // Settings in the fixture, read from the file itself: non-blank lines
    // that are not comments.
    const expected: { key: string; line: number }[] = [];
    for (let i = 0; i < doc.lineCount; i++) {
      const text = doc.lineAt(i).text.trim();
      if (text === '' || text.startsWith('#') || text.startsWith(';')) continue;
      expected.push({ key: text.split('=')[0].trim(), line: i });
    }
    assert.ok(expected.length >= 3, 'fixture sysctl.conf should hold several settings');

    // The provider is registered once the language server is up: poll the
    // command until it answers with symbols.
    const symbols = await waitFor(
      'document symbols for sysctl.conf',
      () => vscode.commands.executeCommand<Symbols>('vscode.executeDocumentSymbolProvider', doc.uri),
      (s) => Array.isArray(s) && s.length > 0,
    );
    const flat = flattenSymbols(symbols);
    assert.deepEqual(
      flat.map((s) => s.name),
      expected.map((e) => e.key),
    );
    for (const [i, e] of expected.entries()) {
      assert.equal(flat[i].range.start.line, e.line, `symbol ${e.key} range ${describeRange(flat[i].range)} should start on line ${e.line}`);
    }
  });
});
