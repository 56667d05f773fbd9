import { parseFirstLine } from '../parser/parseDocument';
import { parseLine } from '../parser/parseLine';
import type { ParsedDocument, ParsedLine } from '../parser/types';
import type { LineTerminator } from '../text/lines';
import { splitEditorLines } from '../text/lines';
import type { Range } from '../text/position';

/** An LSP content change: a range and its new text, or the whole text when `range` is absent. */
export interface ContentChange {
  range?: Range;
  text: string;
}

interface StoredLine {
  text: string;
  terminator: LineTerminator;
}

/**
 * A document that re-parses only the lines an edit touches. Unchanged lines keep their
 * ParsedLine objects, so anything cached per line object stays valid across edits.
 */
export class EditableDocument {
  private raw: StoredLine[] = [];
  private parsed: ParsedLine[] = [];

  constructor(text: string) {
    this.reset(text);
  }

  private reset(text: string): void {
    this.raw = splitEditorLines(text).map(({ text: lineText, terminator }) => ({ text: lineText, terminator }));
    this.parsed = this.raw.map((line, index) => parseAt(index, line));
  }

  get lineCount(): number {
    return this.raw.length;
  }

  getText(): string {
    let out = '';
    for (const line of this.raw) out += line.text + line.terminator;
    return out;
  }

  /** A ParsedDocument view; its `lines` array is rebuilt but the line objects are shared. */
  toParsed(): ParsedDocument {
    const firstTerminated = this.raw.find((l) => l.terminator !== '');
    const last = this.raw[this.raw.length - 1];
    return {
      lines: this.parsed.slice(),
      eol: firstTerminated ? (firstTerminated.terminator as '\n' | '\r\n' | '\r') : '\n',
      endsWithNewline: this.raw.length > 1 && last.text === '',
    };
  }

  applyChanges(changes: readonly ContentChange[]): void {
    for (const change of changes) this.applyChange(change);
  }

  /** A position as a line index and a column inside that line's text. */
  private clamp(position: Range['start']): [number, number] {
    const lastIndex = this.raw.length - 1;
    if (position.line > lastIndex) return [lastIndex, this.raw[lastIndex].text.length];
    if (position.line < 0) return [0, 0];
    return [position.line, Math.max(0, Math.min(position.character, this.raw[position.line].text.length))];
  }

  private applyChange(change: ContentChange): void {
    if (!change.range) {
      this.reset(change.text);
      return;
    }
    const lastIndex = this.raw.length - 1;
    // Read the range as TextDocument (and so the server's document manager) reads it: a reversed
    // range is swapped, and positions past a line or past the end are clamped to it.
    const { start, end } = isBefore(change.range.end, change.range.start) ? { start: change.range.end, end: change.range.start } : change.range;
    const [firstLine, startChar] = this.clamp(start);
    const [endLine, endChar] = this.clamp(end);
    let startLine = firstLine;
    let prefix = this.raw[startLine].text.slice(0, startChar);
    // A lone CR before the edit could pair with an inserted LF: re-split from the line before.
    if (startLine > 0 && startChar === 0 && this.raw[startLine - 1].terminator === '\r') {
      startLine--;
      prefix = this.raw[startLine].text + '\r';
    }
    const last = this.raw[endLine];
    const region = prefix + change.text + last.text.slice(endChar) + last.terminator;
    const pieces = splitEditorLines(region);
    // Every line but the last ends with a terminator, so the split leaves an empty piece after it.
    if (endLine < lastIndex) pieces.pop();
    const stored = pieces.map(({ text, terminator }) => ({ text, terminator }));
    this.raw.splice(startLine, endLine - startLine + 1, ...stored);
    this.parsed.splice(startLine, endLine - startLine + 1, ...stored.map((line, offset) => parseAt(startLine + offset, line)));
  }
}

function isBefore(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function parseAt(index: number, line: StoredLine): ParsedLine {
  return index === 0 ? parseFirstLine(line.text, line.terminator) : parseLine(line.text, line.terminator);
}
