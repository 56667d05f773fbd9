import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { splitEditorLines } from '../../../server/src/engine/text/lines';
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
