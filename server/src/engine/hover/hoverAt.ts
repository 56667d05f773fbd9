/** Hover for a position in a parsed sysctl file: the key under the cursor, or the value. */

import { resolveKey } from '../keys/database';
import type { ParsedDocument } from '../parser/types';
import type { EngineSettings } from '../settings';
import { spanToRange, type Position, type Range, type Span } from '../text/position';
import { describeName } from './describeKey';
import { describeValue } from './describeValue';

export interface EngineHover {
  markdown: string;
  /** The token the hover is about. */
  range: Range;
}

/** Half-open: the character under a mouse pointer at `span.end` belongs to the next token. */
function inside(span: Span, character: number): boolean {
  return character >= span.start && character < span.end;
}

/**
 * Hover markdown for the key or value at `position`, or null when there is nothing (comments,
 * globs, unknown keys, whitespace).
 */
export function hoverAt(document: ParsedDocument, position: Position, settings: EngineSettings): EngineHover | null {
  const line = document.lines[position.line];
  if (!line || (line.kind !== 'setting' && line.kind !== 'exclusion')) return null;
  const { key } = line;
  const valueText = line.kind === 'setting' ? line.value.text : undefined;

  if (inside(key.span, position.character)) {
    if (key.isGlob || key.canonical === '') return null;
    const markdown = describeName(key.canonical, settings, { valueText, document });
    return markdown === null ? null : { markdown, range: spanToRange(position.line, key.span) };
  }

  if (line.kind === 'setting' && inside(line.value.span, position.character)) {
    if (key.isGlob) return null;
    const resolved = resolveKey(key.canonical);
    if (!resolved) return null;
    const markdown = describeValue(resolved.spec, line.value.text, settings, {
      document,
      writtenName: resolved.via ? key.canonical : undefined,
    });
    return markdown === null ? null : { markdown, range: spanToRange(position.line, line.value.span) };
  }
  return null;
}
