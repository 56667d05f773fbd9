/** How a physical line ended. A lone CR ends a line for editors and systemd, but not for procps. */
export type LineTerminator = '\n' | '\r\n' | '\r' | '';

export interface PhysicalLine {
  /** Line content without its terminator. */
  text: string;
  /** Offset of the first character in the whole text. */
  offset: number;
  terminator: LineTerminator;
}

/**
 * Calls `visit` for each line of `text` as LSP clients count lines (CRLF, CR and LF all end a
 * line, so that line numbers match editor positions): where its text starts and ends, and its
 * terminator; a visit that returns `false` ends the walk there. Linear; the breaks are found with
 * indexOf, which scans far faster than a loop over every character.
 */
export function forEachEditorLine(text: string, visit: (start: number, end: number, terminator: LineTerminator) => unknown): void {
  let start = 0;
  let nextLf = text.indexOf('\n');
  // Most files have no CR at all: then it is looked for once.
  let nextCr = text.indexOf('\r');
  while (nextLf >= 0 || nextCr >= 0) {
    if (nextCr >= 0 && (nextLf < 0 || nextCr < nextLf)) {
      if (nextLf === nextCr + 1) {
        if (visit(start, nextCr, '\r\n') === false) return;
        start = nextLf + 1;
        nextLf = text.indexOf('\n', start);
      } else {
        if (visit(start, nextCr, '\r') === false) return;
        start = nextCr + 1;
      }
      nextCr = text.indexOf('\r', start);
    } else {
      if (visit(start, nextLf, '\n') === false) return;
      start = nextLf + 1;
      nextLf = text.indexOf('\n', start);
    }
  }
  visit(start, text.length, '');
}

/**
 * Where line `count` starts (0-based, lines counted as forEachEditorLine counts them), or -1 when
 * the text has fewer than `count` line breaks. Reads only as far as that line.
 */
export function offsetOfLine(text: string, count: number): number {
  let line = 0;
  let offset = -1;
  forEachEditorLine(text, (start) => {
    if (line++ < count) return true;
    offset = start;
    return false;
  });
  return offset;
}

/** The lines of `text` (see forEachEditorLine), one object per line with its offset in the text. */
export function splitEditorLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  forEachEditorLine(text, (start, end, terminator) => lines.push({ text: text.slice(start, end), offset: start, terminator }));
  return lines;
}

/** Number of bytes the string takes in UTF-8, without allocating a buffer. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
