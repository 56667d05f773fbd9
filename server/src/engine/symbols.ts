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

/**
 * Symbols per file by default, as VS Code's JSON support computes at most 5,000
 * (`json.maxItemsComputed`): editors ask again after edits (outline, breadcrumbs, sticky scroll),
 * and 100,000 settings made 25 MB of symbols each time.
 */
export const DEFAULT_MAX_SYMBOLS = 5000;

/** One symbol per setting or exclusion, for the outline and breadcrumbs: the first `max` of them (0 for all). */
export function documentSymbols(document: ParsedDocument, max = 0): SettingSymbol[] {
  const symbols: SettingSymbol[] = [];
  const lines = document.lines;
  for (let lineNumber = 0; lineNumber < lines.length && (max === 0 || symbols.length < max); lineNumber++) {
    const line = lines[lineNumber];
    if (line.kind === 'setting') {
      if (line.key.text.length === 0) continue;
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
  }
  return symbols;
}
