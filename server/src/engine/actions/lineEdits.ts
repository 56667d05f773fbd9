import type { ParsedDocument } from '../parser/types';
import type { TextEdit } from '../rules/types';

/** Removes a whole line with its terminator; the last line takes the terminator before it instead. */
export function deleteLineEdit(document: ParsedDocument, lineNumber: number): TextEdit {
  const lastIndex = document.lines.length - 1;
  if (lineNumber < lastIndex) {
    return { range: { start: { line: lineNumber, character: 0 }, end: { line: lineNumber + 1, character: 0 } }, newText: '' };
  }
  if (lineNumber === 0) {
    return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: document.lines[0].length } }, newText: '' };
  }
  return {
    range: { start: { line: lineNumber - 1, character: document.lines[lineNumber - 1].length }, end: { line: lineNumber, character: document.lines[lineNumber].length } },
    newText: '',
  };
}

/**
 * A whole-line deletion written without knowing the rest of the document; `analyze` anchors it
 * (an unterminated last line takes the line break before it instead).
 */
export function wholeLineEdit(lineNumber: number): TextEdit {
  return { range: { start: { line: lineNumber, character: 0 }, end: { line: lineNumber + 1, character: 0 } }, newText: '' };
}
