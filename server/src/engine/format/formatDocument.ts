import { parseDocument } from '../parser/parseDocument';
import type { ParsedLine } from '../parser/types';
import type { TextEdit } from '../rules/types';
import { splitEditorLines } from '../text/lines';

/** Only spaces and tabs are changed: both tools trim them the same way (procps also trims \v, \f). */
const BLANKS = /^[ \t]*$/;

function blanks(raw: string, from: number, to: number): boolean {
  return from <= to && BLANKS.test(raw.slice(from, to));
}

/**
 * The canonical form of one line, or undefined when it is already canonical or not safe to touch:
 * a line with any issue (syntax, tool divergence, BOM, NUL, lone CR) is left exactly as written.
 */
function formatLine(raw: string, line: ParsedLine, afterLoneCr: boolean, isLast: boolean): string | undefined {
  // After a lone CR procps reads this line as part of the one before.
  if (line.issues.length > 0 || afterLoneCr) return undefined;
  let formatted: string | undefined;
  switch (line.kind) {
    case 'blank':
      // Emptying blanks after the last line break would make the file end with a newline.
      formatted = BLANKS.test(raw) && !isLast ? '' : undefined;
      break;
    case 'comment':
      formatted = line.marker === '#' ? raw.replace(/[ \t]+$/, '') : undefined;
      break;
    case 'setting': {
      const { key, value, dash, equals } = line;
      const keyStart = dash ? dash.start : key.span.start;
      const valueStart = value.text ? value.span.start : raw.length;
      const safe =
        raw[equals] === '=' &&
        blanks(raw, 0, keyStart) &&
        (!dash || dash.end === key.span.start) &&
        blanks(raw, key.span.end, equals) &&
        blanks(raw, equals + 1, valueStart) &&
        blanks(raw, value.text ? value.span.end : raw.length, raw.length);
      if (safe) formatted = `${dash ? '-' : ''}${key.text} =${value.text ? ` ${value.text}` : ''}`;
      break;
    }
    case 'exclusion': {
      const { key, dash } = line;
      if (blanks(raw, 0, dash.start) && dash.end === key.span.start && blanks(raw, key.span.end, raw.length)) formatted = `-${key.text}`;
      break;
    }
  }
  return formatted === raw ? undefined : formatted;
}

/** Lines to format, inclusive, in editor line numbers; all when absent. */
export interface LineSpan {
  start: number;
  end: number;
}

/**
 * Edits that put settings in `key = value` form: no indentation, one space around the first `=`,
 * no trailing blanks. Values are kept byte for byte, and so are line endings, the BOM and the
 * final newline or its absence: what procps and systemd-sysctl apply does not change.
 */
export function formatEdits(text: string, span?: LineSpan): TextEdit[] {
  const physical = splitEditorLines(text);
  const parsed = parseDocument(text).lines;
  const first = Math.max(0, span?.start ?? 0);
  const last = Math.min(physical.length - 1, span?.end ?? physical.length - 1);
  const edits: TextEdit[] = [];
  for (let i = first; i <= last; i++) {
    const raw = physical[i].text;
    const formatted = formatLine(raw, parsed[i], i > 0 && physical[i - 1].terminator === '\r', i === physical.length - 1);
    if (formatted !== undefined) edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: raw.length } }, newText: formatted });
  }
  return edits;
}

/** The whole text formatted (what `sysctl-lint format --write` writes). */
export function formatText(text: string): string {
  const physical = splitEditorLines(text);
  const byLine = new Map(formatEdits(text).map((edit) => [edit.range.start.line, edit.newText]));
  return physical.map((line, i) => (byLine.get(i) ?? line.text) + line.terminator).join('');
}
