import { analyze } from '../analyze';
import { parseDocument } from '../parser/parseDocument';
import type { Finding, TextEdit } from '../rules/types';
import type { EngineSettings } from '../settings';
import { splitEditorLines } from '../text/lines';

export interface FixResult {
  text: string;
  /** Number of fixes applied over all passes. */
  applied: number;
}

/** Converts an LSP position to an offset, clamping like clients do. */
function offsetsOf(text: string): (line: number, character: number) => number {
  const lines = splitEditorLines(text);
  return (line, character) => {
    if (line >= lines.length) return text.length;
    const { offset, text: lineText, terminator } = lines[line];
    return offset + Math.min(character, lineText.length + terminator.length);
  };
}

function safeEdits(findings: readonly Finding[]): TextEdit[][] {
  const groups: TextEdit[][] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find((f) => f.safe && f.isPreferred) ?? finding.fixes?.find((f) => f.safe);
    if (fix) groups.push(fix.edits);
  }
  return groups;
}

/** Applies each group of edits whose ranges do not touch an earlier accepted group. */
function applyGroups(text: string, groups: readonly TextEdit[][]): { text: string; applied: number } {
  const toOffset = offsetsOf(text);
  const accepted: Array<{ start: number; end: number; newText: string }> = [];
  let applied = 0;
  for (const group of groups) {
    const spans = group.map((e) => ({ start: toOffset(e.range.start.line, e.range.start.character), end: toOffset(e.range.end.line, e.range.end.character), newText: e.newText }));
    const clashes = spans.some((s) => accepted.some((a) => s.start < a.end + 1 && a.start < s.end + 1));
    if (clashes) continue;
    accepted.push(...spans);
    applied++;
  }
  accepted.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const span of accepted) out = out.slice(0, span.start) + span.newText + out.slice(span.end);
  return { text: out, applied };
}

/**
 * Applies the safe quick fixes (the ones --fix may apply unattended) until none is left, so a
 * second run changes nothing. Fixes that overlap wait for the next pass.
 */
export function applySafeFixes(text: string, settings: EngineSettings, maxPasses = 10): FixResult {
  let current = text;
  let total = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const groups = safeEdits(analyze(parseDocument(current), settings));
    if (groups.length === 0) break;
    const { text: next, applied } = applyGroups(current, groups);
    if (applied === 0 || next === current) break;
    current = next;
    total += applied;
  }
  return { text: current, applied: total };
}
