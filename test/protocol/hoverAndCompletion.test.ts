import { strict as assert } from 'node:assert';
import {
  CompletionItemKind,
  CompletionRequest,
  CompletionResolveRequest,
  CompletionTriggerKind,
  HoverRequest,
  InsertTextFormat,
  MarkupKind,
} from 'vscode-languageserver-protocol/node';
import type { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';

const uri = 'file:///etc/sysctl.d/70-hover.conf';
const text = [
  'net.netfilter.nf_conntrack_max = 65536', // 0
  'net.ipv4.tcp_tw_reuse = 2', // 1
  'net.netfilter.nf_conntr', // 2
  '# a comment', // 3
  'net.ipv4.tcp_syncookies = ', // 4
].join('\r\n');

const RAM_SETTINGS = { kernelVersion: '6.8', sizing: { memTotal: '49521980 kB', architecture: 'x86_64' } };

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, MarkupKind.Markdown);
  return contents.value;
}

describe('hover and completion over the protocol', function () {
  this.timeout(20_000);
  let client: TestClient;

  before(async () => {
    client = await TestClient.start({ initializationOptions: RAM_SETTINGS });
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, 1);
  });
  after(async () => {
    await client.stop();
    assert.deepEqual(client.protocolErrors, [], 'stdout carried only protocol messages');
  });

  async function hover(line: number, character: number): Promise<Hover | null> {
    return (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } })) as Hover | null;
  }

  async function complete(line: number, character: number, triggerCharacter?: string): Promise<CompletionList> {
    const context = triggerCharacter ? { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter } : { triggerKind: CompletionTriggerKind.Invoked };
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character }, context });
    assert.ok(result && !Array.isArray(result), 'a CompletionList');
    return result;
  }

  it('hovers nf_conntrack_max with the unit, the full-table memory and the RAM-based numbers', async () => {
    const result = await hover(0, 5);
    const value = markdown(result);
    assert.ok(value.startsWith('**net.netfilter.nf_conntrack_max**'));
    assert.ok(value.includes('a count of entries (connections), not bytes'));
    assert.ok(value.includes('At `65536` entries a full table uses about **26.0 MiB**'));
    assert.ok(value.includes('Kernel 6.8 default for 47.2 GiB RAM (x86_64): `262144` entries'));
    assert.ok(value.includes('Formula RAM / 16384 / (64 / 32): `1547561` entries'));
    assert.deepEqual(result?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 30 } });
  });

  it('hovers a value with its meaning', async () => {
    const result = await hover(1, 24);
    assert.ok(markdown(result).startsWith('**`net.ipv4.tcp_tw_reuse = 2`**: loopback only'));
    assert.deepEqual(result?.range, { start: { line: 1, character: 24 }, end: { line: 1, character: 25 } });
  });

  it('returns null on a comment', async () => {
    assert.equal(await hover(3, 4), null);
  });

  it('completes a partly typed key with a textEdit over the whole token', async () => {
    const list = await complete(2, 23, '.');
    const token = { start: { line: 2, character: 0 }, end: { line: 2, character: 23 } };
    const key = list.items.find((i) => i.label === 'net.netfilter.nf_conntrack_max');
    assert.ok(key);
    assert.equal(key.kind, CompletionItemKind.Property);
    assert.deepEqual(key.textEdit, { range: token, newText: 'net.netfilter.nf_conntrack_max' } satisfies TextEdit);
    assert.equal(key.detail, 'Most connections each network namespace may track (one value for all, set from the host).');

    // The test client announces no snippet support, so the whole-line item arrives as plain text.
    const line = list.items.find((i) => i.label === 'net.netfilter.nf_conntrack_max = 262144');
    assert.ok(line);
    assert.equal(line.kind, CompletionItemKind.Snippet);
    assert.equal(line.insertTextFormat, InsertTextFormat.PlainText);
    assert.deepEqual(line.textEdit, { range: token, newText: 'net.netfilter.nf_conntrack_max = 262144' });
  });

  it('resolves key documentation lazily', async () => {
    const list = await complete(2, 23);
    const key = list.items.find((i) => i.label === 'net.netfilter.nf_conntrack_max');
    assert.ok(key);
    assert.equal(key.documentation, undefined);
    const resolved = (await client.connection.sendRequest(CompletionResolveRequest.type, key)) as CompletionItem;
    const documentation = resolved.documentation as MarkupContent;
    assert.equal(documentation.kind, MarkupKind.Markdown);
    assert.ok(documentation.value.includes('not bytes'));
    assert.ok(documentation.value.includes('`1547561`'), 'resolve uses the document settings');
  });

  it('completes enum values after = with their meaning', async () => {
    const list = await complete(4, 26, ' ');
    assert.deepEqual(
      list.items.map((i) => [i.label, i.kind, i.detail]),
      [
        ['0', CompletionItemKind.Value, 'off'],
        ['1', CompletionItemKind.Value, 'on overflow (default)'],
        ['2', CompletionItemKind.Value, 'always'],
      ],
    );
    const always = list.items[2];
    assert.ok((always.documentation as MarkupContent).value.includes('Send cookies for every connection request.'));
    assert.deepEqual(always.textEdit, { range: { start: { line: 4, character: 26 }, end: { line: 4, character: 26 } }, newText: '2' });
  });

  it('ignores a blank typed anywhere but after =', async () => {
    assert.deepEqual((await complete(1, 10, ' ')).items, []);
  });
});
