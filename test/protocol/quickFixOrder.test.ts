import { strict as assert } from 'node:assert';
import { CodeActionRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';

const uri = 'file:///etc/sysctl.d/60-conntrack.conf';
const text = 'net.core.somaxconn = "4096"\nnet.netfilter.nf_conntrack_max = 65536\n';
const line = (n: number) => ({ start: { line: n, character: 0 }, end: { line: n, character: 200 } });

async function menu(client: TestClient, lineNumber: number): Promise<CodeAction[]> {
  await client.open(uri, text);
  const published = await client.waitForDiagnostics(uri, 1);
  const diagnostics = published.diagnostics.filter((d) => d.range.start.line === lineNumber);
  return (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: line(lineNumber), context: { diagnostics } })) as CodeAction[];
}

const isSuppression = (a: CodeAction) => /^Suppress /.test(a.title);

/** Every suppression comes after every other action. */
function assertSuppressionsLast(actions: readonly CodeAction[]): void {
  const firstSuppression = actions.findIndex(isSuppression);
  assert.ok(firstSuppression > 0, 'there are fixes and suppressions');
  assert.ok(actions.slice(firstSuppression).every(isSuppression), actions.map((a) => a.title).join(' | '));
}

describe('quick fix menu order', function () {
  this.timeout(20_000);

  it('on nf_conntrack_max with RAM known: the sizing fix first and preferred, suppressions last', async () => {
    const client = await TestClient.start({ initializationOptions: { sizing: { memTotal: '49521980 kB', architecture: 'x86_64' } } });
    try {
      const actions = await menu(client, 1);
      assert.equal(actions[0].title, 'Set nf_conntrack_max to 1547561 (47.2 GiB, x86_64)');
      assert.equal(actions[0].isPreferred, true);
      assert.equal(actions.filter((a) => a.isPreferred).length, 1);
      assertSuppressionsLast(actions);
    } finally {
      await client.stop();
    }
  });

  it('on nf_conntrack_max with RAM unknown: the sizing command first and preferred, suppressions last', async () => {
    const client = await TestClient.start();
    try {
      const actions = await menu(client, 1);
      assert.equal(actions[0].title, 'Set nf_conntrack_max from RAM and architecture…');
      assert.equal(actions[0].isPreferred, true);
      assert.ok(actions[0].command);
      assertSuppressionsLast(actions);
    } finally {
      await client.stop();
    }
  });

  it('on the legacy alias of nf_conntrack_max: only the rename is preferred, not the sizing fix too', async () => {
    const client = await TestClient.start({ initializationOptions: { sizing: { memTotal: '49521980 kB', architecture: 'x86_64' } } });
    try {
      const aliasUri = 'file:///etc/sysctl.d/61-alias.conf';
      await client.open(aliasUri, 'net.nf_conntrack_max = 65536\n');
      const published = await client.waitForDiagnostics(aliasUri, 1);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: aliasUri },
        range: line(0),
        context: { diagnostics: published.diagnostics },
      })) as CodeAction[];
      assert.deepEqual(
        actions.filter((a) => a.isPreferred).map((a) => a.title),
        ["Use the current name 'net.netfilter.nf_conntrack_max'"],
      );
      assert.ok(actions.some((a) => a.title.startsWith('Set nf_conntrack_max to ')));
    } finally {
      await client.stop();
    }
  });

  it("on a finding with a fix: the finding's fix first and preferred, then its suppression", async () => {
    const client = await TestClient.start();
    try {
      const actions = await menu(client, 0);
      assert.equal(actions[0].title, 'Remove the quotes');
      assert.equal(actions[0].isPreferred, true);
      assert.ok(actions[0].diagnostics?.length, 'linked to its diagnostic');
      assertSuppressionsLast(actions);
    } finally {
      await client.stop();
    }
  });
});
