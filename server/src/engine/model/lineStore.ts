import type { LineTerminator } from '../text/lines';
import { forEachEditorLine } from '../text/lines';

/** Terminators as one byte per line. */
const TERMINATORS: readonly LineTerminator[] = ['', '\n', '\r\n', '\r'];
const CODE: Readonly<Record<LineTerminator, number>> = { '': 0, '\n': 1, '\r\n': 2, '\r': 3 };

/**
 * The lines of a document (text and terminator per editor line) without a string per line: a line
 * is a range of the text the document was opened with, or of the text edits added since, held as
 * offsets in typed arrays. A 100,000-line file kept a string and two array slots per line before
 * (about 48 bytes); here it takes 9.
 */
export class LineStore {
  /** The text the store was built from. */
  private base = '';
  /** Lines added by edits (text and terminator), one after another; its lines are addressed as -1 - offset. */
  private added = '';
  private starts = new Int32Array(0);
  private lengths = new Int32Array(0);
  private terminators = new Uint8Array(0);
  private count = 0;
  /** Length of the whole text in UTF-16 code units, kept up to date by every splice. */
  private totalLength = 0;

  constructor(text: string) {
    this.reset(text);
  }

  /** Splits `text` at LF, CRLF and lone CR, as editors count lines. */
  reset(text: string): void {
    this.base = text;
    this.added = '';
    this.totalLength = text.length;
    // A first guess at the line count (a long single line must not reserve much); reserve grows the arrays.
    const guess = Math.min(1 << 16, Math.max(16, Math.ceil(text.length / 32)));
    this.starts = new Int32Array(guess);
    this.lengths = new Int32Array(guess);
    this.terminators = new Uint8Array(guess);
    this.count = 0;
    forEachEditorLine(text, (start, end, terminator) => {
      this.reserve(this.count + 1);
      this.set(this.count++, start, end - start, CODE[terminator]);
    });
  }

  /** Room for `count` lines, doubling the arrays when they are full. */
  private reserve(count: number): void {
    if (count <= this.starts.length) return;
    const capacity = Math.max(count, this.starts.length * 2, 16);
    this.starts = grow(this.starts, new Int32Array(capacity), this.count);
    this.lengths = grow(this.lengths, new Int32Array(capacity), this.count);
    this.terminators = grow(this.terminators, new Uint8Array(capacity), this.count);
  }

  private set(line: number, start: number, length: number, code: number): void {
    this.starts[line] = start;
    this.lengths[line] = length;
    this.terminators[line] = code;
  }

  get lineCount(): number {
    return this.count;
  }

  /** Length of the whole text, without joining it. */
  get length(): number {
    return this.totalLength;
  }

  /** The text of a line without its terminator. */
  text(line: number): string {
    const start = this.starts[line];
    return start >= 0 ? this.base.slice(start, start + this.lengths[line]) : this.added.slice(-1 - start, -1 - start + this.lengths[line]);
  }

  /** The length of a line's text, without slicing it. */
  textLength(line: number): number {
    return this.lengths[line];
  }

  terminator(line: number): LineTerminator {
    return TERMINATORS[this.terminators[line]];
  }

  /** The first terminator of the document that is not the end of the text ('' for one line). */
  firstTerminator(): LineTerminator {
    for (let line = 0; line < this.count; line++) if (this.terminators[line] !== 0) return TERMINATORS[this.terminators[line]];
    return '';
  }

  /** Replaces `removed` lines at `start` by `pieces`. */
  splice(start: number, removed: number, pieces: readonly { text: string; terminator: LineTerminator }[]): void {
    // Texts of edited lines pile up in `added`; once they outgrow the document, start afresh from it.
    if (this.added.length > 1024 * 1024 && this.added.length > this.base.length) {
      const whole = this.getText();
      this.reset(whole);
    }
    for (let line = start; line < start + removed; line++) this.totalLength -= this.lengths[line] + TERMINATORS[this.terminators[line]].length;
    const delta = pieces.length - removed;
    const count = this.count + delta;
    this.reserve(count);
    if (delta !== 0) {
      this.starts.copyWithin(start + pieces.length, start + removed, this.count);
      this.lengths.copyWithin(start + pieces.length, start + removed, this.count);
      this.terminators.copyWithin(start + pieces.length, start + removed, this.count);
    }
    for (let i = 0; i < pieces.length; i++) {
      const { text, terminator } = pieces[i];
      this.set(start + i, -1 - this.added.length, text.length, CODE[terminator]);
      this.totalLength += text.length + terminator.length;
      // With its terminator, so that getText can take consecutive added lines in one slice too.
      this.added += text + terminator;
    }
    this.count = count;
  }

  /** The whole text: the text the store was built from while no line was edited, else joined, consecutive ranges in one piece. */
  getText(): string {
    let out = '';
    let line = 0;
    while (line < this.count) {
      const start = this.starts[line];
      const source = start >= 0 ? this.base : this.added;
      const from = start >= 0 ? start : -1 - start;
      let to = from + this.lengths[line] + TERMINATORS[this.terminators[line]].length;
      line++;
      // Lines that follow each other in the same source are one slice.
      while (line < this.count && this.starts[line] >= 0 === start >= 0 && (start >= 0 ? this.starts[line] : -1 - this.starts[line]) === to) {
        to += this.lengths[line] + TERMINATORS[this.terminators[line]].length;
        line++;
      }
      out += from === 0 && to === source.length ? source : source.slice(from, to);
    }
    return out;
  }
}

function grow<T extends Int32Array | Uint8Array>(from: T, to: T, used: number): T {
  to.set(from.subarray(0, used));
  return to;
}
