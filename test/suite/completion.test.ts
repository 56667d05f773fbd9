import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeEditorsAndDelete, describeRange, showNewFile, visible, waitFor } from './helpers';

const DIR = 'completion';
const PARTIAL_KEY = 'net.netfilter.nf_conntrack_m';
const VALUE_LINE = 'net.ipv4.tcp_syncookies = ';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function replaceRange(item: vscode.CompletionItem): vscode.Range | undefined {
  const range = item.range;
  if (!range) return undefined;
  return range instanceof vscode.Range ? range : range.replacing;
}

function documentationText(item: vscode.CompletionItem): string | undefined {
  const doc = item.documentation;
  if (doc === undefined) return undefined;
  return typeof doc === 'string' ? doc : doc.value;
}

function insertTextOf(item: vscode.CompletionItem): string {
  const text = item.insertText ?? labelOf(item);
  return typeof text === 'string' ? text : text.value;
}

suite('completion', () => {
  const complete = (uri: vscode.Uri, position: vscode.Position, triggerCharacter?: string, resolveCount?: number) =>
    vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, triggerCharacter, resolveCount);

  suiteTeardown(async () => {
    await closeEditorsAndDelete(DIR);
  });

  test('a partly typed key offers the matching keys, replacing the whole token, with documentation resolved lazily', async () => {
    const { uri, doc } = await showNewFile(`${DIR}/keys/sysctl.conf`, `kernel.pid_max = 65536\n${PARTIAL_KEY}\n`);
    const position = new vscode.Position(1, PARTIAL_KEY.length);
    const list = await waitFor(
      `completions for ${PARTIAL_KEY}`,
      () => complete(uri, position),
      (l) => l.items.some((i) => labelOf(i) === 'net.netfilter.nf_conntrack_max'),
    );

    const key = list.items.find((i) => labelOf(i) === 'net.netfilter.nf_conntrack_max');
    assert.ok(key);
    assert.equal(key.kind, vscode.CompletionItemKind.Property);
    assert.equal(key.detail, 'Most connections each network namespace may track (one value for all, set from the host).');
    assert.equal(insertTextOf(key), 'net.netfilter.nf_conntrack_max');
    assert.equal(describeRange(replaceRange(key)!), `1:0-1:${PARTIAL_KEY.length}`, 'the item replaces the typed prefix');
    assert.equal(documentationText(key), undefined, 'documentation is not sent with the list');

    // The whole-line item is a snippet with the kernel default as its placeholder.
    const line = list.items.find((i) => labelOf(i) === 'net.netfilter.nf_conntrack_max = 262144');
    assert.ok(line, `labels: ${list.items.map(labelOf).slice(0, 10).join(', ')}`);
    assert.equal(line.kind, vscode.CompletionItemKind.Snippet);
    assert.ok(line.insertText instanceof vscode.SnippetString, 'the line item is a snippet');
    assert.equal(line.insertText.value, 'net.netfilter.nf_conntrack_max = ${1:262144}');

    // Other conntrack keys are offered too; keys of other subsystems are not.
    const labels = list.items.map(labelOf);
    assert.ok(labels.includes('net.netfilter.nf_conntrack_expect_max'), labels.join(', '));
    assert.ok(!labels.some((l) => l.startsWith('net.ipv4.')), 'no net.ipv4 keys for a net.netfilter prefix');

    // Resolving (what the suggest widget does for the focused item) fills in the documentation.
    const resolved = await complete(uri, position, undefined, list.items.length);
    const resolvedKey = resolved.items.find((i) => labelOf(i) === 'net.netfilter.nf_conntrack_max');
    assert.ok(resolvedKey);
    const documentation = documentationText(resolvedKey);
    assert.ok(documentation?.includes('not bytes'), `resolved documentation: ${documentation?.slice(0, 300)}`);

    // Accepting the item (its edit over its range) completes the key.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, replaceRange(key)!, insertTextOf(key));
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.getText(), 'kernel.pid_max = 65536\nnet.netfilter.nf_conntrack_max\n', visible(doc.getText()));
  });

  test('after "key = " a switch offers its values 0, 1, 2 with their meaning', async () => {
    const { uri } = await showNewFile(`${DIR}/values/sysctl.conf`, `${VALUE_LINE}\n`);
    const position = new vscode.Position(0, VALUE_LINE.length);
    const list = await waitFor(
      `value completions after ${JSON.stringify(VALUE_LINE)}`,
      () => complete(uri, position, ' '),
      (l) => l.items.length > 0,
    );
    assert.deepEqual(
      list.items.map((i) => [labelOf(i), i.kind, i.detail]),
      [
        ['0', vscode.CompletionItemKind.Value, 'off'],
        ['1', vscode.CompletionItemKind.Value, 'on overflow (default)'],
        ['2', vscode.CompletionItemKind.Value, 'always'],
      ],
    );
    const always = list.items[2];
    assert.ok(documentationText(always)?.includes('Send cookies for every connection request.'), documentationText(always));
    assert.equal(describeRange(replaceRange(always)!), `0:${VALUE_LINE.length}-0:${VALUE_LINE.length}`);
  });

  test('a blank typed inside a key offers nothing', async () => {
    const { uri } = await showNewFile(`${DIR}/blank/sysctl.conf`, 'net.ipv4.tcp_syncookies = 1\n');
    // Let the server have the document first: the value completion answers once it does.
    await waitFor(
      'the server to have the document',
      () => complete(uri, new vscode.Position(0, 26)),
      (l) => l.items.length > 0,
    );
    const list = await complete(uri, new vscode.Position(0, 8), ' ');
    // (VS Code's own word-based suggestions, kind Text, may fill in when the server offers nothing.)
    assert.deepEqual(list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Text).map(labelOf), []);
  });
});
