import type { Finding, TextEdit } from '../rules/types';
import type { EngineSettings } from '../settings';
import { applySafeFixes } from './applyFixes';

/** The editor position of an offset: the line breaks before it (LF, CRLF, lone CR) and the column after the last. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && (i + 1 >= offset || text.charCodeAt(i + 1) !== 10))) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/**
 * One edit that turns `before` into `after`: the changed region widened to whole LF-ended lines,
 * so its ends never fall inside a CRLF pair and the rest of the editor's buffer stays untouched.
 */
function replacementEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Back to the start of its line (lastIndexOf would read a negative position as 0).
  start = start === 0 ? 0 : before.lastIndexOf('\n', start - 1) + 1;
  let common = 0; // length of the common suffix, not overlapping the start
  while (common < shorter - start && before.charCodeAt(before.length - 1 - common) === after.charCodeAt(after.length - 1 - common)) common++;
  let end = before.length - common;
  if (end > 0 && before[end - 1] !== '\n') {
    const lf = before.indexOf('\n', end);
    end = lf === -1 ? before.length : lf + 1; // still inside the common suffix
  }
  return {
    range: { start: positionAt(before, start), end: positionAt(before, end) },
    newText: after.slice(start, after.length - (before.length - end)),
  };
}

/**
 * The editor's "fix all" (`source.fixAll.sysctl`): exactly the safe fixes `sysctl-lint --fix`
 * writes, as one edit.
 */
export function fixAllEdits(text: string, settings: EngineSettings, known?: Finding[]): TextEdit[] {
  const edit = replacementEdit(text, applySafeFixes(text, settings, known).text);
  return edit ? [edit] : [];
}
