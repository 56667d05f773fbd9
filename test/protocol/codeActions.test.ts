import { strict as assert } from 'node:assert';
import { CodeActionRequest, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../helpers/applyEdits';
import { TestClient } from '../helpers/lspClient';

const uri = 'file:///etc/sysctl.d/60-conntrack.conf';
const text = 'net.core.somaxconn = 4096\r\nnet.netfilter.nf_conntrack_max = 65536\r\n';
const onMaxLine = { start: { line: 1, character: 5 }, end: { line: 1, character: 5 } };

/** The sizing actions on the nf_conntrack_max line (suppression fixes of other findings are left out). */
async function codeActions(client: TestClient): Promise<CodeAction[]> {
  const all = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: onMaxLine,
    context: { diagnostics: [] },
  })) as CodeAction[];
  return all.filter((a) => a.title.startsWith('Set nf_conntrack_max'));
}

describe('nf_conntrack_max sizing over the protocol', function () {
  this.timeout(20_000);

  it('offers ready edits when RAM and architecture come in initializationOptions', async () => {
    const client = await TestClient.start({ initializationOptions: { sizing: { memTotal: '49521980 kB', architecture: 'x86_64' } } });
    try {
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, 1);
      const actions = await codeActions(client);
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Set nf_conntrack_max to 1547561 (47.2 GiB, x86_64)', 'Set nf_conntrack_max to 1547561 and nf_conntrack_buckets to 1547561 (47.2 GiB, x86_64)'],
      );
      assert.equal(actions[0].kind, 'quickfix');
      const edits = actions[0].edit!.changes![uri] as TextEdit[];
      assert.equal(applyEdits(text, edits), 'net.core.somaxconn = 4096\r\nnet.netfilter.nf_conntrack_max = 1547561\r\n');
    } finally {
      await client.stop();
    }
  });

  it('offers the same with settings from workspace/configuration (the sysctl section)', async () => {
    const client = await TestClient.start({ configuration: () => ({ sizing: { memTotal: '48GiB', architecture: 'aarch64' } }) });
    try {
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, 1);
      const [first] = await codeActions(client);
      assert.equal(first.title, 'Set nf_conntrack_max to 1572864 (48.0 GiB, aarch64)');
    } finally {
      await client.stop();
    }
  });

  it('without facts offers a command, and applying it with facts sends a versioned edit', async () => {
    const client = await TestClient.start();
    try {
      await client.open(uri, text, 7);
      await client.waitForDiagnostics(uri, 7);
      const actions = await codeActions(client);
      assert.equal(actions.length, 2);
      const command = actions[0].command!;
      assert.equal(command.command, 'sysctl.server.applyConntrackSizing');
      const facts = { memBytes: 49521980 * 1024, arch: 'x86_64', kernelRelease: null };
      const result = await client.connection.sendRequest(ExecuteCommandRequest.type, {
        command: command.command,
        arguments: [{ ...(command.arguments![0] as object), facts }],
      });
      assert.deepEqual(result, { applied: true, title: 'Set nf_conntrack_max to 1547561 (47.2 GiB, x86_64)', conntrackMax: 1547561 });
      const [applied] = client.appliedEdits;
      const change = applied.edit.documentChanges![0] as TextDocumentEdit;
      assert.deepEqual(change.textDocument, { uri, version: 7 });
      assert.equal(applyEdits(text, change.edits as TextEdit[]), 'net.core.somaxconn = 4096\r\nnet.netfilter.nf_conntrack_max = 1547561\r\n');
    } finally {
      await client.stop();
    }
  });

  it('explains what is missing when the command runs without facts or settings, and edits nothing', async () => {
    const client = await TestClient.start();
    try {
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, 1);
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'sysctl.server.applyConntrackSizing', arguments: [{ uri, mode: 'max' }] });
      assert.equal(client.appliedEdits.length, 0);
      assert.match(client.messages[0]?.message ?? '', /RAM and architecture are unknown/);
    } finally {
      await client.stop();
    }
  });

  it('rejects an unknown architecture with a clear message and edits nothing', async () => {
    const client = await TestClient.start();
    try {
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, 1);
      await client.connection.sendRequest(ExecuteCommandRequest.type, {
        command: 'sysctl.server.applyConntrackSizing',
        arguments: [{ uri, mode: 'max', facts: { memBytes: 1 << 30, arch: 'z80' } }],
      });
      assert.equal(client.appliedEdits.length, 0);
      assert.match(client.messages[0]?.message ?? '', /z80/);
    } finally {
      await client.stop();
    }
  });
});
