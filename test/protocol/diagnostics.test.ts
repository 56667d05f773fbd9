import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, DocumentSymbolRequest } from 'vscode-languageserver-protocol/node';
import type { DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';
import { REPO_ROOT, SERVER_BIN } from '../helpers/paths';

describe('language server over stdio', function () {
  this.timeout(20_000);
  let client: TestClient;

  beforeEach(async () => {
    client = await TestClient.start();
  });
  afterEach(async () => {
    await client.stop();
    assert.deepEqual(client.protocolErrors, [], 'stdout carried only protocol messages');
  });

  it('publishes a syntax error with its exact range on open', async () => {
    const uri = 'file:///etc/sysctl.conf';
    await client.open(uri, 'vm.swappiness = 10\n  net.ipv4.ip_forward  \n', 1);
    const published = await client.waitForDiagnostics(uri, 1);
    assert.equal(published.diagnostics.length, 1);
    const [d] = published.diagnostics;
    assert.equal(d.code, 'syntax-error');
    assert.equal(d.source, 'sysctl');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.deepEqual(d.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 21 } });
    // package.json declares where rule pages live (sysctlLint.ruleDocsUrl): each diagnostic links its page.
    const { sysctlLint } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { sysctlLint: { ruleDocsUrl: string } };
    assert.deepEqual(d.codeDescription, { href: `${sysctlLint.ruleDocsUrl}syntax-error.md` });
  });

  it('publishes a clean result for a clean file', async () => {
    const uri = 'file:///etc/sysctl.d/10-ok.conf';
    await client.open(uri, '# ok\nnet.core.somaxconn = 4096\n');
    assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, []);
  });

  it('re-publishes after an incremental change, for the new version', async () => {
    const uri = 'file:///etc/sysctl.d/20-edit.conf';
    await client.open(uri, 'vm.swappiness = 10\n', 1);
    assert.equal((await client.waitForDiagnostics(uri, 1)).diagnostics.length, 0);
    // Delete the '=' so the line stops being a setting.
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 14 }, end: { line: 0, character: 15 } }, text: '' }]);
    const after = await client.waitForDiagnostics(uri, 2);
    assert.equal(after.diagnostics.length, 1);
    assert.equal(after.diagnostics[0].code, 'syntax-error');
    assert.deepEqual(after.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 17 } });
  });

  it('moves diagnostics of unchanged lines when lines are inserted or removed above them', async () => {
    const uri = 'file:///etc/sysctl.d/30-move.conf';
    await client.open(uri, '# top\nvm.swappiness = 10\nnet.ipv4.ip_forward\n', 1);
    const lineOf = (published: { diagnostics: Array<{ code?: unknown; range: { start: { line: number } } }> }) =>
      published.diagnostics.filter((d) => d.code === 'syntax-error').map((d) => d.range.start.line);
    assert.deepEqual(lineOf(await client.waitForDiagnostics(uri, 1)), [2]);
    // The server keeps each finding's converted diagnostic; a moved finding must not carry the old one.
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# one\n# two\n' }]);
    assert.deepEqual(lineOf(await client.waitForDiagnostics(uri, 2)), [4]);
    await client.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, text: '' }]);
    assert.deepEqual(lineOf(await client.waitForDiagnostics(uri, 3)), [1]);
  });

  it('counts ranges per CRLF line like the editor', async () => {
    const uri = 'file:///etc/sysctl.d/30-crlf.conf';
    await client.open(uri, 'vm.swappiness = 10\r\nbroken line\r\n');
    const [d] = (await client.waitForDiagnostics(uri, 1)).diagnostics;
    assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 11 } });
  });

  it('returns one document symbol per setting', async () => {
    const uri = 'file:///etc/sysctl.d/40-symbols.conf';
    await client.open(uri, '# c\nnet.core.somaxconn = 4096\n-net.ipv4.conf.all.rp_filter\nvm.swappiness=1\n');
    await client.waitForDiagnostics(uri, 1);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, s.selectionRange.start.line, s.selectionRange.start.character]),
      [
        ['net.core.somaxconn', '4096', 1, 0],
        ['-net.ipv4.conf.all.rp_filter', 'exclusion', 2, 1],
        ['vm.swappiness', '1', 3, 0],
      ],
    );
  });
});

describe('language server settings', function () {
  this.timeout(20_000);

  it('honours rule severities from initializationOptions', async () => {
    const client = await TestClient.start({ initializationOptions: { rules: { 'syntax-error': 'off' } } });
    try {
      const uri = 'file:///etc/sysctl.conf';
      await client.open(uri, 'not a setting\n');
      assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, []);
    } finally {
      await client.stop();
    }
  });

  it('honours rule severities from workspace/configuration', async () => {
    const client = await TestClient.start({ configuration: () => ({ rules: { 'syntax-error': 'warning' } }) });
    try {
      const uri = 'file:///etc/sysctl.conf';
      await client.open(uri, 'not a setting\n');
      const [d] = (await client.waitForDiagnostics(uri, 1)).diagnostics;
      assert.equal(d.severity, DiagnosticSeverity.Warning);
    } finally {
      await client.stop();
    }
  });
});

describe('sysctl-language-server bin', () => {
  it('refuses to start without a transport, with one line on stderr and nothing on stdout', () => {
    const run = spawnSync(process.execPath, [SERVER_BIN], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^sysctl-language-server: choose a transport/);
  });
});
