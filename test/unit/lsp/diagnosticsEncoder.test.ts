import { strict as assert } from 'node:assert';
import type { Message } from 'vscode-languageserver/node';
import { encodeMessage } from '../../../server/src/lsp/diagnosticsEncoder';

const diagnostic = (line: number, message: string) => ({
  range: { start: { line, character: 0 }, end: { line, character: 5 } },
  severity: 2,
  code: 'unknown-key',
  source: 'sysctl',
  message,
  relatedInformation: [{ location: { uri: 'file:///é.conf', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, message: 'first set here' }],
});

describe('publishDiagnostics encoding with kept diagnostic bytes', () => {
  it('gives exactly the bytes of JSON.stringify, also when diagnostics are reused in the next publish', () => {
    const shared = diagnostic(3, 'Unknown key \'net.ipv4.tcp_fastopn\': "did you mean" — ünïcode \u2028 and \\ escapes');
    const first = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///tmp/a b.conf', version: 4, diagnostics: [shared, diagnostic(7, 'x')] } };
    const second = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///tmp/a b.conf', version: 5, diagnostics: [diagnostic(1, 'new'), shared] } };
    for (const message of [first, second]) assert.equal(encodeMessage(message as Message).toString('utf8'), JSON.stringify(message));
  });

  it('encodes an empty list, a publish without version and any other message as JSON.stringify does', () => {
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x', diagnostics: [] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics: [diagnostic(0, 'a')], uri: 'file:///x' } },
      { jsonrpc: '2.0', id: 3, result: { contents: 'hover' } },
    ];
    for (const message of messages) assert.equal(encodeMessage(message as Message).toString('utf8'), JSON.stringify(message));
  });
});
