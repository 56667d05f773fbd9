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
 * Splits text the way LSP clients count lines (CRLF, CR and LF all end a line), so that
 * line numbers match editor positions. Linear in the input.
 */
export function splitEditorLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      lines.push({ text: text.slice(start, i), offset: start, terminator: '\n' });
      start = i + 1;
    } else if (code === 13) {
      if (i + 1 < length && text.charCodeAt(i + 1) === 10) {
        lines.push({ text: text.slice(start, i), offset: start, terminator: '\r\n' });
        i++;
      } else {
        lines.push({ text: text.slice(start, i), offset: start, terminator: '\r' });
      }
      start = i + 1;
    }
  }
  lines.push({ text: text.slice(start), offset: start, terminator: '' });
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
