import { strict as assert } from 'node:assert';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver';
import type { EngineCompletionItem } from '../../../server/src/engine/completion';
import { HOVER_AND_COMPLETION_CAPABILITIES, snippetToPlainText, toLspCompletionItem, toLspHover } from '../../../server/src/lsp/hoverAndCompletion';

const RANGE = { start: { line: 2, character: 0 }, end: { line: 2, character: 23 } };

const SNIPPET: EngineCompletionItem = {
  label: 'net.netfilter.nf_conntrack_max = 262144',
  kind: 'snippet',
  detail: 'Most connections each network namespace may track (one value for all, set from the host). Default: 262144',
  documentation: '**net.netfilter.nf_conntrack_max**',
  insertText: 'net.netfilter.nf_conntrack_max = ${1:262144}',
  isSnippet: true,
  range: RANGE,
  sortText: '0 net.netfilter.nf_conntrack_max 0',
  filterText: 'net.netfilter.nf_conntrack_max',
  key: 'net.netfilter.nf_conntrack_max',
};

describe('hover and completion: LSP conversion', () => {
  it('announces hover and completion with trigger characters and lazy resolve', () => {
    assert.equal(HOVER_AND_COMPLETION_CAPABILITIES.hoverProvider, true);
    assert.deepEqual(HOVER_AND_COMPLETION_CAPABILITIES.completionProvider.triggerCharacters, ['.', '/', '=', ' ']);
    assert.equal(HOVER_AND_COMPLETION_CAPABILITIES.completionProvider.resolveProvider, true);
  });

  it('turns a hover into markdown with its range', () => {
    assert.deepEqual(toLspHover({ markdown: '**x**', range: RANGE }), { contents: { kind: MarkupKind.Markdown, value: '**x**' }, range: RANGE });
  });

  it('sends a snippet as a snippet textEdit over the replace range', () => {
    const item = toLspCompletionItem(SNIPPET);
    assert.equal(item.kind, CompletionItemKind.Snippet);
    assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
    assert.deepEqual(item.textEdit, { range: RANGE, newText: 'net.netfilter.nf_conntrack_max = ${1:262144}' });
    assert.deepEqual(item.documentation, { kind: MarkupKind.Markdown, value: '**net.netfilter.nf_conntrack_max**' });
    assert.equal(item.filterText, 'net.netfilter.nf_conntrack_max');
    assert.equal(item.sortText, '0 net.netfilter.nf_conntrack_max 0');
  });

  it('sends plain text to a client without snippet support', () => {
    const item = toLspCompletionItem(SNIPPET, { snippetSupport: false });
    assert.equal(item.insertTextFormat, InsertTextFormat.PlainText);
    assert.deepEqual(item.textEdit, { range: RANGE, newText: 'net.netfilter.nf_conntrack_max = 262144' });
  });

  it('leaves key documentation to resolve when asked to', () => {
    const item = toLspCompletionItem({ ...SNIPPET, kind: 'key', isSnippet: false, insertText: SNIPPET.filterText }, { uri: 'file:///a.conf', lazyDocumentation: true });
    assert.equal(item.kind, CompletionItemKind.Property);
    assert.equal(item.documentation, undefined);
    assert.deepEqual(item.data, { uri: 'file:///a.conf', key: 'net.netfilter.nf_conntrack_max' });
  });

  it('keeps value documentation inline', () => {
    const value: EngineCompletionItem = { ...SNIPPET, kind: 'value', label: '2', insertText: '2', isSnippet: false, filterText: '2', key: undefined, preselect: true };
    const item = toLspCompletionItem(value, { uri: 'file:///a.conf', lazyDocumentation: true });
    assert.equal(item.kind, CompletionItemKind.Value);
    assert.equal(item.preselect, true);
    assert.ok(item.documentation);
  });

  const plain: Array<[string, string]> = [
    ['a = ${1:262144}', 'a = 262144'],
    ['a = $1', 'a = '],
    ['a = ${1}', 'a = '],
    ['a = ${1:x \\} y}', 'a = x } y'],
    ['cost \\$5', 'cost $5'],
  ];
  for (const [snippet, expected] of plain) {
    it(`snippetToPlainText(${JSON.stringify(snippet)})`, () => assert.equal(snippetToPlainText(snippet), expected));
  }
});
