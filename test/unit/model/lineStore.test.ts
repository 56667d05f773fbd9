import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LineStore } from '../../../server/src/engine/model/lineStore';
import { splitEditorLines } from '../../../server/src/engine/text/lines';
import { editorLineArrays } from '../../helpers/editorLines';

/** The store's lines as two arrays, the texts and the terminators. */
function linesOf(store: LineStore): { texts: string[]; terminators: string[] } {
  const texts: string[] = [];
  const terminators: string[] = [];
  for (let line = 0; line < store.lineCount; line++) {
    texts.push(store.text(line));
    terminators.push(store.terminator(line));
    assert.equal(store.textLength(line), texts[line].length);
  }
  return { texts, terminators };
}

const piece = fc.constantFrom('a', 'bc', ' = ', '1', '\n', '\r', '\r\n', 'é', '');
const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

describe('LineStore (line texts as offsets)', () => {
  it('splits as editors count lines, and gives the very text back while nothing is edited', () => {
    const text = 'a = 1\r\nb = 2\rc\n\n';
    const store = new LineStore(text);
    assert.deepEqual(linesOf(store), editorLineArrays(text));
    assert.equal(store.getText(), text);
    assert.equal(store.firstTerminator(), '\r\n');
    assert.equal(new LineStore('one line').firstTerminator(), '');
  });

  it('equals an array of lines after random splices (property)', () => {
    const splice = fc.record({ at: fc.nat(), removed: fc.nat(), insert: text });
    fc.assert(
      fc.property(text, fc.array(splice, { maxLength: 12 }), (initial, splices) => {
        const store = new LineStore(initial);
        const reference = editorLineArrays(initial);
        for (const { at, removed, insert } of splices) {
          const start = at % reference.texts.length;
          const count = removed % (reference.texts.length - start + 1);
          // Whole lines with their terminators, as EditableDocument hands them over.
          const pieces = splitEditorLines(insert).filter((p) => p.terminator !== '');
          store.splice(start, count, pieces);
          reference.texts.splice(start, count, ...pieces.map((p) => p.text));
          reference.terminators.splice(start, count, ...pieces.map((p) => p.terminator));
          if (reference.texts.length === 0) return; // a store always has a line; EditableDocument never removes the last
          assert.deepEqual(linesOf(store), reference);
          assert.equal(store.getText(), reference.texts.map((t, i) => t + reference.terminators[i]).join(''));
          assert.equal(store.length, store.getText().length);
        }
      }),
      { numRuns: 2000, seed: 20261204 },
    );
  });

  it('starts afresh from its own text once edits have added more than the document holds', () => {
    const store = new LineStore('x\n'.repeat(10));
    const long = 'y'.repeat(100_000);
    for (let i = 0; i < 30; i++) store.splice(i % 10, 1, [{ text: `${long}${i}`, terminator: '\n' }]);
    assert.equal(store.lineCount, 11);
    assert.equal(store.text(9), `${long}29`);
    assert.equal(store.text(0), `${long}20`);
    assert.equal(store.getText(), Array.from({ length: 10 }, (_, i) => `${long}${20 + i}\n`).join(''));
    assert.equal(store.length, store.getText().length);
  });
});
