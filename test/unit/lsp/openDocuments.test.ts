import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OpenDocument, OpenDocuments } from '../../../server/src/lsp/openDocuments';

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

/** A range from two numbers, including ones past the end and reversed (clients send both). */
function rangeOf(reference: TextDocument, a: number, b: number, c: number): Range {
  const lines = reference.lineCount;
  return { start: { line: a % (lines + 2), character: b % 8 }, end: { line: (a + c) % (lines + 2), character: (b + c) % 9 } };
}

describe('OpenDocument (the server copy of an open document)', () => {
  it('equals the text the edits make, before and after its lines are split (property)', () => {
    const alphabet = fc.constantFrom('a', '=', ' ', '1', '\n', '\r', '\r\n', '#', 'é', '😀');
    const text = fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join(''));
    const edit = fc.record({ a: fc.nat(), b: fc.nat(), c: fc.nat(), insert: text, whole: fc.boolean(), split: fc.boolean() });
    fc.assert(
      fc.property(text, fc.array(edit, { maxLength: 10 }), (initial, edits) => {
        const document = new OpenDocument('file:///x.conf', 'sysctl', 1, initial);
        let reference = TextDocument.create('file:///x.conf', 'sysctl', 1, initial);
        let version = 1;
        for (const { a, b, c, insert, whole, split } of edits) {
          if (split) document.lines(); // from here on the edits go to the lines
          const range = whole ? undefined : rangeOf(reference, a, b, c);
          document.apply([range ? { range, text: insert } : { text: insert }], ++version);
          // A fresh document each time: TextDocument.update keeps wrong line offsets after a range past the end.
          const next = range ? TextDocument.applyEdits(reference, [{ range, newText: insert }]) : insert;
          reference = TextDocument.create('file:///x.conf', 'sysctl', version, next);
          assert.equal(document.getText(), reference.getText());
          assert.equal(document.length, reference.getText().length);
          assert.equal(document.version, version);
          for (let line = 0; line <= reference.lineCount; line++) {
            const expected = reference.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r\n$|[\r\n]$/, '');
            assert.equal(document.lineText(line), expected, `line ${line}`);
          }
        }
      }),
      { numRuns: 1500, seed: 20261204 },
    );
  });

  it('joins the text only when asked for it, once per version', () => {
    const document = new OpenDocument('file:///x.conf', 'sysctl', 1, 'a = 1\nb = 2\n');
    document.lines();
    document.apply([{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } }, text: '3' }], 2);
    const text = document.getText();
    assert.equal(text, 'a = 1\nb = 3\n');
    assert.equal(document.getText(), text);
    document.apply([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#' }], 3);
    assert.equal(document.getText(), '#a = 1\nb = 3\n');
  });
});

describe('OpenDocuments (didOpen, didChange, didClose)', () => {
  /** A connection that only records the three handlers, so the test can send the notifications. */
  function fakeConnection(): { connection: Connection; send: Record<'open' | 'change' | 'close', (params: unknown) => void> } {
    const send = {} as Record<'open' | 'change' | 'close', (params: unknown) => void>;
    const connection = {
      onDidOpenTextDocument: (handler: (params: unknown) => void) => (send.open = handler),
      onDidChangeTextDocument: (handler: (params: unknown) => void) => (send.change = handler),
      onDidCloseTextDocument: (handler: (params: unknown) => void) => (send.close = handler),
    } as unknown as Connection;
    return { connection, send };
  }

  it('tracks documents and tells its listeners, ignoring changes without a version or to unknown documents', () => {
    const documents = new OpenDocuments();
    const { connection, send } = fakeConnection();
    documents.listen(connection);
    const events: string[] = [];
    documents.onDidOpen((d) => events.push(`open ${d.version}`));
    documents.onDidChange((d) => events.push(`change ${d.version}`));
    documents.onDidClose((d) => events.push(`close ${d.uri}`));
    const uri = 'file:///etc/sysctl.d/x.conf';
    send.open({ textDocument: { uri, languageId: 'sysctl', version: 1, text: 'a = 1\n' } });
    send.change({ textDocument: { uri, version: 2 }, contentChanges: [{ text: 'b = 2\n' }] });
    send.change({ textDocument: { uri, version: null }, contentChanges: [{ text: 'lost\n' }] });
    send.change({ textDocument: { uri: 'file:///other', version: 3 }, contentChanges: [{ text: 'lost\n' }] });
    send.change({ textDocument: { uri, version: 3 }, contentChanges: [] });
    assert.equal(documents.get(uri)?.getText(), 'b = 2\n');
    assert.deepEqual(
      documents.all().map((d) => d.uri),
      [uri],
    );
    send.close({ textDocument: { uri } });
    send.close({ textDocument: { uri } });
    assert.equal(documents.get(uri), undefined);
    assert.deepEqual(events, ['open 1', 'change 2', `close ${uri}`]);
  });
});
