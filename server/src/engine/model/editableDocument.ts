import { parseFirstLine } from '../parser/parseDocument';
import { parseLine } from '../parser/parseLine';
import type { ParsedDocument, ParsedLine } from '../parser/types';
import type { LineTerminator } from '../text/lines';
import { splitEditorLines } from '../text/lines';
import { LineStore } from './lineStore';
import type { Range } from '../text/position';
import { spliceAll } from '../arrays';

/** Lines [prefix, oldEnd) of one version became lines [prefix, newEnd) of the next. */
interface LineChange {
  prefix: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * Per lines array toParsed gave: its serial number and, when recorded, what changed since the
 * array before it, named by that array's serial (holding the older array itself would keep every
 * version of the document alive: each record would keep its predecessor's alive).
 */
const views = new WeakMap<readonly ParsedLine[], { serial: number; from?: number; change?: LineChange }>();
let nextSerial = 1;

/**
 * The lines that differ between two arrays from the same EditableDocument's toParsed, when the
 * document recorded it (so no one compares 100,000 lines to find a one-line edit); undefined when
 * it does not know (then compare).
 */
export function recordedChange(old: readonly ParsedLine[], lines: readonly ParsedLine[]): { change: LineChange | undefined } | undefined {
  const known = views.get(lines);
  return known?.from !== undefined && known.from === views.get(old)?.serial ? { change: known.change } : undefined;
}

/** An LSP content change: a range and its new text, or the whole text when `range` is absent. */
export interface ContentChange {
  range?: Range;
  text: string;
}

/**
 * A document that re-parses only the lines an edit touches. Unchanged lines keep their
 * ParsedLine objects, so anything cached per line object stays valid across edits.
 */
export class EditableDocument {
  /** Line texts and their terminators, as offsets rather than a string per line (memory on big files). */
  private store = new LineStore('');
  private parsed: ParsedLine[] = [];
  /** Whether `parsed` is the lines array of the last view: then the next edit copies it first (a view never changes). */
  private parsedIsShared = false;
  /** The last toParsed result, and how many of its first and last lines are still in place (undefined: no change since). */
  private last: ParsedDocument | undefined;
  private change: { prefix: number; suffix: number } | undefined;

  constructor(text: string) {
    this.reset(text);
  }

  private reset(text: string): void {
    const store = new LineStore(text);
    this.store = store;
    const count = store.lineCount;
    const parsed: ParsedLine[] = [];
    for (let index = 0; index < count; index++) parsed.push(parseAt(index, store.text(index), store.terminator(index)));
    this.parsed = parsed;
    this.parsedIsShared = false;
    if (this.last) this.change = { prefix: 0, suffix: 0 };
  }

  get lineCount(): number {
    return this.store.lineCount;
  }

  /** Length of the text, without joining it. */
  get length(): number {
    return this.store.length;
  }

  /** The text of a line without its terminator ('' past the end). */
  lineText(line: number): string {
    return line >= 0 && line < this.store.lineCount ? this.store.text(line) : '';
  }

  getText(): string {
    return this.store.getText();
  }

  /**
   * A ParsedDocument view; its `lines` array is rebuilt after a change but the line objects are
   * shared. Unchanged, the same view comes back. Treat it as read-only.
   */
  toParsed(): ParsedDocument {
    const previous = this.last;
    if (previous && !this.change) return previous;
    const firstTerminator = this.store.firstTerminator();
    const count = this.store.lineCount;
    const parsed: ParsedDocument = {
      // Handed out as it is; the next edit copies it (one copy per version, and none for a file only opened).
      lines: this.parsed,
      eol: firstTerminator === '' ? '\n' : firstTerminator,
      endsWithNewline: count > 1 && this.store.textLength(count - 1) === 0,
    };
    const view: { serial: number; from?: number; change?: LineChange } = { serial: nextSerial++ };
    if (previous && this.change) {
      const oldLength = previous.lines.length;
      const { prefix } = this.change;
      const suffix = Math.min(this.change.suffix, count - prefix, oldLength - prefix);
      view.from = views.get(previous.lines)?.serial ?? 0;
      view.change = { prefix, oldEnd: oldLength - suffix, newEnd: count - suffix };
    }
    views.set(parsed.lines, view);
    this.parsedIsShared = true;
    this.last = parsed;
    this.change = undefined;
    return parsed;
  }

  /** Narrows the lines still in place since the last view by a splice of `removed` lines at `start`. */
  private recordSplice(start: number, removed: number): void {
    if (!this.last) return;
    const length = this.parsed.length;
    const change = this.change ?? { prefix: length, suffix: length };
    this.change = { prefix: Math.min(change.prefix, start), suffix: Math.min(change.suffix, length - (start + removed)) };
  }

  applyChanges(changes: readonly ContentChange[]): void {
    for (const change of changes) this.applyChange(change);
  }

  /** A position as a line index and a column inside that line's text. */
  private clamp(position: Range['start']): [number, number] {
    const lastIndex = this.store.lineCount - 1;
    if (position.line > lastIndex) return [lastIndex, this.store.textLength(lastIndex)];
    if (position.line < 0) return [0, 0];
    return [position.line, Math.max(0, Math.min(position.character, this.store.textLength(position.line)))];
  }

  private applyChange(change: ContentChange): void {
    if (!change.range) {
      this.reset(change.text);
      return;
    }
    const store = this.store;
    const lastIndex = store.lineCount - 1;
    // Read the range as TextDocument (and so the server's document manager) reads it: a reversed
    // range is swapped, and positions past a line or past the end are clamped to it.
    const { start, end } = isBefore(change.range.end, change.range.start) ? { start: change.range.end, end: change.range.start } : change.range;
    const [firstLine, startChar] = this.clamp(start);
    const [endLine, endChar] = this.clamp(end);
    let startLine = firstLine;
    let prefix = store.text(startLine).slice(0, startChar);
    // A lone CR before the edit could pair with an inserted LF: re-split from the line before.
    if (startLine > 0 && startChar === 0 && store.terminator(startLine - 1) === '\r') {
      startLine--;
      prefix = store.text(startLine) + '\r';
    }
    const region = prefix + change.text + store.text(endLine).slice(endChar) + store.terminator(endLine);
    const pieces = splitEditorLines(region);
    // Every line but the last ends with a terminator, so the split leaves an empty piece after it.
    if (endLine < lastIndex) pieces.pop();
    const count = endLine - startLine + 1;
    this.recordSplice(startLine, count);
    store.splice(startLine, count, pieces);
    if (this.parsedIsShared) {
      this.parsed = this.parsed.slice();
      this.parsedIsShared = false;
    }
    spliceAll(
      this.parsed,
      startLine,
      count,
      pieces.map((piece, offset) => parseAt(startLine + offset, piece.text, piece.terminator)),
    );
  }
}

function isBefore(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function parseAt(index: number, text: string, terminator: LineTerminator): ParsedLine {
  return index === 0 ? parseFirstLine(text, terminator) : parseLine(text, terminator);
}
