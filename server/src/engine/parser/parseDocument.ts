import { splitEditorLines } from '../text/lines';
import { parseLine } from './parseLine';
import type { ParsedDocument, ParsedLine } from './types';

const BOM = '\uFEFF';

/** Parses a whole file, one entry per editor line. Never throws; linear in the input. */
export function parseDocument(text: string): ParsedDocument {
  const physical = splitEditorLines(text);
  const lines: ParsedLine[] = new Array(physical.length);
  for (let i = 0; i < physical.length; i++) {
    const { text: lineText, terminator } = physical[i];
    lines[i] = i === 0 ? parseFirstLine(lineText, terminator) : parseLine(lineText, terminator);
  }
  const eol = physical.find((line) => line.terminator !== '')?.terminator ?? '\n';
  return { lines, eol: eol === '' ? '\n' : eol, endsWithNewline: physical.length > 1 && physical[physical.length - 1].text === '' };
}

/**
 * Both tools read a BOM as part of the first key. The model parses past it and records it, so the
 * key itself stays readable for hover and completion while the error is still reported.
 */
export function parseFirstLine(lineText: string, terminator: Parameters<typeof parseLine>[1]): ParsedLine {
  if (!lineText.startsWith(BOM)) return parseLine(lineText, terminator);
  const parsed = parseLine(' ' + lineText.slice(1), terminator);
  const issues = [{ code: 'bom' as const, span: { start: 0, end: 1 } }, ...parsed.issues];
  // Blank lines are shared objects: this one gets its own.
  if (parsed.kind === 'blank') return { kind: 'blank', issues, length: parsed.length };
  parsed.issues = issues;
  return parsed;
}
