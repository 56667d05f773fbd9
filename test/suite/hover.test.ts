import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeEditorsAndDelete, describeRange, showNewFile, waitFor } from './helpers';

const DIR = 'hover';
const CONTENT = [
  'net.netfilter.nf_conntrack_max = 65536', // 0
  'net.ipv4.tcp_tw_reuse = 2', //             1
  '# a comment', //                           2
  'net.netfilter.nf_conntrack_tcp_timeout_established = 432000', // 3
  '',
].join('\n');

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n---\n');
}

suite('hover', () => {
  let doc: vscode.TextDocument;

  const hoverAt = (line: number, character: number) => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, character));

  suiteSetup(async () => {
    ({ doc } = await showNewFile(`${DIR}/sysctl.conf`, CONTENT));
    // The provider answers once the language server has the document.
    await waitFor(
      'a hover on nf_conntrack_max',
      () => hoverAt(0, 5),
      (h) => Array.isArray(h) && h.length > 0,
    );
  });

  suiteTeardown(async () => {
    await closeEditorsAndDelete(DIR);
  });

  test("a key: nf_conntrack_max explains itself as a count of entries, not bytes, over the key's range", async () => {
    const hovers = await hoverAt(0, 5);
    assert.equal(hovers.length, 1, `expected one hover, got ${hovers.length}`);
    const [hover] = hovers;
    const [content] = hover.contents;
    assert.ok(content instanceof vscode.MarkdownString, 'the hover is markdown');
    const text = hoverText(hovers);
    assert.ok(text.startsWith('**net.netfilter.nf_conntrack_max**'), text.slice(0, 200));
    assert.ok(text.includes('a count of entries (connections), not bytes'), text);
    assert.ok(text.includes('At `65536` entries a full table uses about'), text);
    assert.ok(text.includes('https://docs.kernel.org/networking/nf_conntrack-sysctl.html'), 'links to the kernel documentation');
    assert.ok(hover.range, 'the hover has a range');
    assert.equal(describeRange(hover.range), '0:0-0:30');
  });

  test("a value: tcp_tw_reuse = 2 means loopback only, over the value's range", async () => {
    const hovers = await hoverAt(1, 24);
    assert.equal(hovers.length, 1);
    const text = hoverText(hovers);
    assert.ok(text.startsWith('**`net.ipv4.tcp_tw_reuse = 2`**: loopback only'), text);
    assert.match(text, /loopback/);
    assert.equal(describeRange(hovers[0].range!), '1:24-1:25');
  });

  test('a value in seconds is given in days', async () => {
    const hovers = await hoverAt(3, 55);
    const text = hoverText(hovers);
    assert.ok(text.includes('`432000` seconds = 5 days.'), text);
    assert.equal(describeRange(hovers[0].range!), '3:53-3:59');
  });

  test('a comment has no hover', async () => {
    const hovers = await hoverAt(2, 4);
    assert.deepEqual(hoverText(hovers ?? []), '');
  });
});
