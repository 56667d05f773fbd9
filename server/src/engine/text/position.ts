/** Zero-based line and UTF-16 column, the same shape as an LSP Position. */
export interface Position {
  line: number;
  character: number;
}

/** Half-open range, the same shape as an LSP Range. */
export interface Range {
  start: Position;
  end: Position;
}

/** A half-open column span inside one line. Lines carry spans so their parse survives line shifts. */
export interface Span {
  start: number;
  end: number;
}

export function spanToRange(line: number, span: Span): Range {
  return { start: { line, character: span.start }, end: { line, character: span.end } };
}

export function rangeContains(range: Range, position: Position): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line && position.character > end.character) return false;
  return true;
}
