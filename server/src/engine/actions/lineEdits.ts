import type { ParsedDocument } from '../parser/types';
import type { TextEdit } from '../rules/types';

/**
 * Where a line's own text starts: column 1 on a first line that begins with a byte order mark,
 * so edits that insert or delete whole lines leave the BOM at the start of the file.
 */
export function lineStartColumn(document: ParsedDocument, lineNumber: number): number {
  // Only the first line of a file carries a 'bom' issue; asking the line itself also works on the
  // partial documents that line rules see.
  return document.lines[lineNumber]?.issues.some((issue) => issue.code === 'bom') ? 1 : 0;
}

/** Removes a whole line with its terminator; the last line takes the terminator before it instead. */
export function deleteLineEdit(document: ParsedDocument, lineNumber: number): TextEdit {
  const lastIndex = document.lines.length - 1;
  const start = lineStartColumn(document, lineNumber);
  if (lineNumber < lastIndex) {
    return { range: { start: { line: lineNumber, character: start }, end: { line: lineNumber + 1, character: 0 } }, newText: '' };
  }
  if (lineNumber === 0) {
    return { range: { start: { line: 0, character: start }, end: { line: 0, character: document.lines[0].length } }, newText: '' };
  }
  return {
    range: { start: { line: lineNumber - 1, character: document.lines[lineNumber - 1].length }, end: { line: lineNumber, character: document.lines[lineNumber].length } },
    newText: '',
  };
}

/**
 * A whole-line deletion written without knowing the rest of the document; `analyze` anchors it
 * (an unterminated last line takes the line break before it instead; a BOM on line 0 stays).
 */
export function wholeLineEdit(lineNumber: number): TextEdit {
  return { range: { start: { line: lineNumber, character: 0 }, end: { line: lineNumber + 1, character: 0 } }, newText: '' };
}
