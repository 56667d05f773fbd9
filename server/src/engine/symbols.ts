import type { ParsedDocument } from './parser/types';
import type { Range } from './text/position';
import { spanToRange } from './text/position';

export interface SettingSymbol {
  /** The key as written, so the outline matches the file. */
  name: string;
  /** The value, or "exclusion" for `-key` lines. */
  detail: string;
  range: Range;
  selectionRange: Range;
  kind: 'setting' | 'exclusion';
}

/** One symbol per setting or exclusion, for the outline and breadcrumbs. */
export function documentSymbols(document: ParsedDocument): SettingSymbol[] {
  const symbols: SettingSymbol[] = [];
  document.lines.forEach((line, lineNumber) => {
    if (line.kind === 'setting') {
      if (line.key.text.length === 0) return;
      const start = line.dash ? line.dash.start : line.key.span.start;
      symbols.push({
        name: line.key.text,
        detail: line.value.text,
        range: spanToRange(lineNumber, { start, end: Math.max(line.value.span.end, line.equals + 1) }),
        selectionRange: spanToRange(lineNumber, line.key.span),
        kind: 'setting',
      });
    } else if (line.kind === 'exclusion' && line.key.text.length > 0) {
      symbols.push({
        name: '-' + line.key.text,
        detail: 'exclusion',
        range: spanToRange(lineNumber, { start: line.dash.start, end: line.key.span.end }),
        selectionRange: spanToRange(lineNumber, line.key.span),
        kind: 'exclusion',
      });
    }
  });
  return symbols;
}
