import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../../server/src/engine';
import { EditableDocument, recordedChange } from '../../../server/src/engine/model/editableDocument';

/** The incremental document must always equal a fresh parse of the same text. */
function assertMatchesFreshParse(doc: EditableDocument, text: string): void {
  assert.equal(doc.getText(), text);
  assert.equal(doc.length, text.length);
  assert.deepEqual(
    Array.from({ length: doc.lineCount + 1 }, (_, line) => doc.lineText(line)),
    [...text.split(/\r\n|\r|\n/), ''],
  );
  const fresh = parseDocument(text);
  const incremental = doc.toParsed();
  assert.deepEqual(incremental, fresh);
}

/** Applies edit (a, b, insert) to both documents; returns the new reference. */
function applyEdit(doc: EditableDocument, reference: TextDocument, version: number, { a, b, insert }: { a: number; b: number; insert: string }): TextDocument {
  const current = reference.getText();
  const start = current.length === 0 ? 0 : a % (current.length + 1);
  const end = start + (current.length - start === 0 ? 0 : b % (current.length - start + 1));
  const range = { start: reference.positionAt(start), end: reference.positionAt(end) };
  doc.applyChanges([{ range, text: insert }]);
  return TextDocument.update(reference, [{ range, text: insert }], version);
}

describe('EditableDocument (incremental re-parse)', () => {
  it('re-parses only the edited line and keeps the others as the same objects', () => {
    const doc = new EditableDocument('a = 1\nb = 2\nc = 3\n');
    const before = doc.toParsed().lines;
    doc.applyChanges([{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } }, text: '9' }]);
    const after = doc.toParsed().lines;
    assert.equal(after[0], before[0]);
    assert.notEqual(after[1], before[1]);
    assert.equal(after[2], before[2]);
    assertMatchesFreshParse(doc, 'a = 1\nb = 9\nc = 3\n');
  });

  it('takes a paste of 300,000 lines in one change', () => {
    const pasted = Array.from({ length: 300_000 }, (_, i) => `vendor.k${i} = 1\n`).join('');
    const doc = new EditableDocument('a = 1\nb = 2\n');
    doc.toParsed();
    doc.applyChanges([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: pasted }]);
    assert.equal(doc.lineCount, 300_003);
    assertMatchesFreshParse(doc, `a = 1\n${pasted}b = 2\n`);
  });

  it('handles inserted and deleted line breaks, CRLF, lone CR and the first line', () => {
    const doc = new EditableDocument('a = 1\r\nb = 2\rc = 3');
    doc.applyChanges([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' }]);
    assertMatchesFreshParse(doc, 'a = 1\r\n\nb = 2\rc = 3');
    doc.applyChanges([{ range: { start: { line: 0, character: 5 }, end: { line: 2, character: 0 } }, text: '' }]);
    assertMatchesFreshParse(doc, 'a = 1b = 2\rc = 3');
  });

  it('merges a lone CR with an LF typed right after it into one CRLF break', () => {
    const doc = new EditableDocument('a = 1\rb = 2');
    doc.applyChanges([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' }]);
    assertMatchesFreshParse(doc, 'a = 1\r\nb = 2');
  });

  it('agrees with a full parse after random edit sequences (property)', () => {
    const alphabet = fc.constantFrom('a', '=', ' ', '-', '#', ';', '.', '/', '1', '\n', '\r', '\r\n', '\uFEFF', '\t', '*');
    const text = fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join(''));
    const edit = fc.record({ a: fc.nat(), b: fc.nat(), insert: text });
    fc.assert(
      fc.property(text, fc.array(edit, { maxLength: 12 }), (initial, edits) => {
        const doc = new EditableDocument(initial);
        let reference = TextDocument.create('file:///x', 'sysctl', 0, initial);
        let version = 0;
        for (const edit of edits) reference = applyEdit(doc, reference, ++version, edit);
        assertMatchesFreshParse(doc, reference.getText());
      }),
      { numRuns: 2000, seed: 20261125 },
    );
  });

  it('records which lines changed since the last view, covering every changed line (property)', () => {
    const alphabet = fc.constantFrom('a', '=', ' ', '1', '\n', '\r', '\r\n', '#');
    const text = fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join(''));
    const edit = fc.record({ a: fc.nat(), b: fc.nat(), insert: text, view: fc.boolean() });
    fc.assert(
      fc.property(text, fc.array(edit, { maxLength: 12 }), (initial, edits) => {
        const doc = new EditableDocument(initial);
        let view = doc.toParsed().lines;
        let reference = TextDocument.create('file:///x', 'sysctl', 0, initial);
        let version = 0;
        for (const edit of edits) {
          reference = applyEdit(doc, reference, ++version, edit);
          if (!edit.view) continue;
          const next = doc.toParsed().lines;
          const recorded = recordedChange(view, next);
          assert.ok(recorded?.change, 'an edit is always recorded');
          const { prefix, oldEnd, newEnd } = recorded.change;
          assert.equal(newEnd - oldEnd, next.length - view.length);
          for (let i = 0; i < prefix; i++) assert.equal(next[i], view[i]);
          for (let i = 0; i < next.length - newEnd; i++) assert.equal(next[next.length - 1 - i], view[view.length - 1 - i]);
          assert.equal(doc.toParsed().lines, next, 'an unchanged document gives the same view');
          view = next;
        }
      }),
      { numRuns: 1000, seed: 20261204 },
    );
  });

  it('lets older views be collected: a view does not keep the versions before it alive', async () => {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const doc = new EditableDocument('a = 1\nb = 2\nc = 3\n'.repeat(1000));
    const early: WeakRef<object>[] = [];
    for (let i = 0; i < 40; i++) {
      doc.applyChanges([{ range: { start: { line: i, character: 0 }, end: { line: i, character: 0 } }, text: 'x' }]);
      const view = doc.toParsed();
      if (i < 10) early.push(new WeakRef(view.lines));
    }
    const latest = doc.toParsed();
    // Collection happens across turns of the event loop (WeakRef targets are kept until the turn ends).
    for (let round = 0; round < 5 && early.some((ref) => ref.deref()); round++) {
      await new Promise((resolve) => setImmediate(resolve));
      collect();
    }
    assert.equal(early.filter((ref) => ref.deref() !== undefined).length, 0);
    assert.ok(latest.lines.length > 0);
  });
});
