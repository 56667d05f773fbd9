import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { offsetOfLine, splitEditorLines } from '../../../server/src/engine/text/lines';
import { editorLineArrays } from '../../helpers/editorLines';

/** The same split, written the obvious way: a regular expression over the whole text. */
function referenceSplit(text: string): { texts: string[]; terminators: string[] } {
  const texts: string[] = [];
  const terminators: string[] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    texts.push(text.slice(start, match.index));
    terminators.push(match[0]);
    start = match.index + match[0].length;
  }
  texts.push(text.slice(start));
  terminators.push('');
  return { texts, terminators };
}

describe('splitEditorLines (lines as editors count them)', () => {
  it('splits at LF, CRLF and lone CR, with an empty last line after a final break', () => {
    assert.deepEqual(editorLineArrays('a\nb\r\nc\rd'), { texts: ['a', 'b', 'c', 'd'], terminators: ['\n', '\r\n', '\r', ''] });
    assert.deepEqual(editorLineArrays('a\n'), { texts: ['a', ''], terminators: ['\n', ''] });
    assert.deepEqual(editorLineArrays(''), { texts: [''], terminators: [''] });
    assert.deepEqual(editorLineArrays('\r\r\n\n\r'), { texts: ['', '', '', '', ''], terminators: ['\r', '\r\n', '\n', '\r', ''] });
  });

  it('agrees with a regular-expression split on any text (property)', () => {
    const text = fc.array(fc.constantFrom('a', ' ', '=', '\n', '\r', '\r\n', '\n\r', 'é'), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (input) => {
        assert.deepEqual(editorLineArrays(input), referenceSplit(input));
        const lines = splitEditorLines(input);
        assert.equal(lines.map((line) => line.text + line.terminator).join(''), input);
        for (const line of lines) assert.equal(input.slice(line.offset, line.offset + line.text.length), line.text);
      }),
      { numRuns: 3000, seed: 20261204 },
    );
  });
});

describe('offsetOfLine (where a line starts, reading no further)', () => {
  it('counts LF, CRLF and lone CR as one break each, and is -1 past the last line', () => {
    const text = 'a\nb\r\nc\rd';
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((n) => offsetOfLine(text, n)),
      [0, 2, 5, 7, -1],
    );
    assert.equal(offsetOfLine('a\n', 1), 2, 'the empty line after a final break exists');
    assert.equal(offsetOfLine('a\n', 2), -1);
    assert.equal(offsetOfLine('', 0), 0);
  });

  it('agrees with the line split on any text (property)', () => {
    const text = fc.array(fc.constantFrom('a', '=', '\n', '\r', '\r\n', '\n\r'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.nat({ max: 45 }), (input, n) => {
        const lines = splitEditorLines(input);
        assert.equal(offsetOfLine(input, n), n < lines.length ? lines[n].offset : -1);
      }),
      { numRuns: 3000, seed: 20261205 },
    );
  });
});
