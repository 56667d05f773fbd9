import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionRequest, DocumentFormattingRequest, DocumentRangeFormattingRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../helpers/applyEdits';
import { TestClient } from '../helpers/lspClient';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const FIXABLE =
  'net.core.somaxconn = "4096"\r\nnet.nf_conntrack_max = 65536\r\nsysctl -w vm.swappiness=10\r\nnet.ipv4.tcp_syncookies = 256\r\nvm.swappiness = 5\r\nnet.ipv4.ip_local_port_range = 60999 32768';
const MESSY = '\uFEFF# tuning  \n  net.core.somaxconn=4096\t\n\n\tkernel.core_pattern =  |/usr/bin/x  %p %e \n- vm.swappiness = 1\n-net.ipv4.tcp_rmem=4096 131072  6291456';
const range = (startLine: number, endLine: number) => ({ start: { line: startLine, character: 0 }, end: { line: endLine, character: 0 } });

describe('fix-all and formatting over the protocol', function () {
  this.timeout(30_000);
  const dir = useTempDir('sysctl-fixall');
  let client: TestClient;

  beforeEach(async () => {
    client = await TestClient.start();
  });
  afterEach(async () => {
    await client.stop();
    assert.deepEqual(client.protocolErrors, []);
  });

  /** What the CLI writes for `text` with `args` run on a file holding it. */
  function cliWrites(name: string, text: string, args: string[]): string {
    const path = join(dir(), name);
    writeFileSync(path, text);
    runCli([...args, path]);
    return readFileSync(path, 'utf8');
  }

  it('advertises source.fixAll.sysctl and document and range formatting', () => {
    const capabilities = client.initializeResult!.capabilities;
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.fixAll.sysctl'] });
    assert.equal(capabilities.documentFormattingProvider, true);
    assert.equal(capabilities.documentRangeFormattingProvider, true);
  });

  for (const only of [['source.fixAll.sysctl'], ['source.fixAll'], ['source']]) {
    it(`fix-all (only: ${only[0]}) yields exactly the bytes --fix writes`, async () => {
      const uri = 'file:///etc/sysctl.d/30-fixall.conf';
      await client.open(uri, FIXABLE);
      await client.waitForDiagnostics(uri, 1);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: range(0, 0),
        context: { diagnostics: [], only },
      })) as CodeAction[];
      assert.deepEqual(
        actions.map((a) => [a.kind, a.title]),
        [['source.fixAll.sysctl', 'Fix all safe sysctl problems']],
      );
      const fixed = applyEdits(FIXABLE, actions[0].edit!.changes![uri] as TextEdit[]);
      const expected = cliWrites('fixall.conf', FIXABLE, ['--fix']);
      assert.notEqual(expected, FIXABLE, '--fix changed the file');
      assert.equal(fixed, expected);
    });
  }

  it('offers no fix-all when nothing is fixable, and no fix-all among the quick fixes', async () => {
    const uri = 'file:///etc/sysctl.d/31-clean.conf';
    await client.open(uri, 'net.core.somaxconn = 4096\n');
    await client.waitForDiagnostics(uri, 1);
    const asked = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: range(0, 0), context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepEqual(asked, []);
    const fixUri = 'file:///etc/sysctl.d/32-quick.conf';
    await client.open(fixUri, FIXABLE);
    await client.waitForDiagnostics(fixUri, 1);
    const quick = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: fixUri },
      range: range(0, 1),
      context: { diagnostics: [] },
    })) as CodeAction[];
    assert.ok(quick.length > 0);
    assert.ok(!quick.some((a) => a.kind?.startsWith('source')), 'fix-all only when asked for');
  });

  it('document formatting yields exactly what format --write writes', async () => {
    const uri = 'file:///etc/sysctl.d/40-format.conf';
    await client.open(uri, MESSY);
    const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })) as TextEdit[];
    const expected = cliWrites('format.conf', MESSY, ['format', '--write']);
    assert.notEqual(expected, MESSY);
    assert.equal(applyEdits(MESSY, edits), expected);
    assert.ok(expected.startsWith('\uFEFF# tuning  \n'), 'the BOM line is left alone');
    assert.ok(expected.endsWith('\n-net.ipv4.tcp_rmem = 4096 131072  6291456'), 'no final newline added');
  });

  it('range formatting touches only the lines of the range', async () => {
    const uri = 'file:///etc/sysctl.d/41-range.conf';
    await client.open(uri, MESSY);
    const edits = (await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: { uri },
      range: range(1, 2),
      options: { tabSize: 4, insertSpaces: true },
    })) as TextEdit[];
    assert.deepEqual(
      edits.map((e) => e.range.start.line),
      [1],
    );
    assert.equal(applyEdits(MESSY, edits), MESSY.replace('  net.core.somaxconn=4096\t', 'net.core.somaxconn = 4096'));
  });
});
