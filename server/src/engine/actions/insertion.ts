import type { ParsedDocument } from '../parser/types';
import type { TextEdit } from '../rules/types';

/**
 * An edit that adds whole lines after `afterLine` (or at the end of the file when undefined),
 * using the file's own line ending and keeping a missing final newline missing.
 */
export function insertLinesEdit(document: ParsedDocument, newLines: readonly string[], afterLine?: number): TextEdit {
  const { lines, eol } = document;
  const lastIndex = lines.length - 1;
  const body = newLines.join(eol);
  // With a final newline the last entry is the empty line after it: insert before that one.
  const isEmpty = lines.length === 1 && lines[0].length === 0;
  const lastContentLine = document.endsWithNewline ? lastIndex - 1 : isEmpty ? -1 : lastIndex;
  const anchor = afterLine ?? lastContentLine;
  if (anchor < 0) {
    const at = { line: 0, character: 0 };
    return { range: { start: at, end: at }, newText: body + eol };
  }
  if (anchor < lastIndex) {
    const at = { line: anchor + 1, character: 0 };
    return { range: { start: at, end: at }, newText: body + eol };
  }
  // The anchor is the unterminated last line: start a new line after it, and add no final newline.
  const at = { line: anchor, character: lines[anchor].length };
  return { range: { start: at, end: at }, newText: eol + body };
}
