import { analyze } from '../analyze';
import { parseDocument } from '../parser/parseDocument';
import type { Finding, TextEdit } from '../rules/types';
import type { EngineSettings } from '../settings';
import { splitEditorLines } from '../text/lines';
import { partitionPoint } from '../arrays';

export interface FixResult {
  text: string;
  /** Number of fixes applied over all passes. */
  applied: number;
  /** The findings of `text`, when the last pass analysed it (the passes ran out otherwise). */
  findings?: Finding[];
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

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Index of the first span that starts after `offset` (spans sorted by start). */
function firstStartingAfter(spans: readonly OffsetEdit[], offset: number): number {
  return partitionPoint(spans.length, (i) => spans[i].start <= offset);
}

/**
 * Applies each group of edits whose ranges do not touch an earlier accepted group. Accepted spans
 * stay sorted, so a file with 100,000 fixes costs n log n, not n² (and the text is built once).
 */
function applyGroups(text: string, groups: readonly TextEdit[][]): { text: string; applied: number } {
  const toOffset = offsetsOf(text);
  // Sorted by start, then end. Spans of different groups never touch; with edits that do not
  // overlap, the ends are then sorted too.
  const accepted: OffsetEdit[] = [];
  let applied = 0;
  for (const group of groups) {
    const spans = group
      .map((e) => ({ start: toOffset(e.range.start.line, e.range.start.character), end: toOffset(e.range.end.line, e.range.end.character), newText: e.newText }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    const clashes = spans.some((s) => {
      // The accepted span with the largest end among those starting at or before s.end.
      const before = firstStartingAfter(accepted, s.end) - 1;
      return before >= 0 && accepted[before].end >= s.start;
    });
    if (clashes) continue;
    for (const span of spans) {
      let at = firstStartingAfter(accepted, span.start);
      while (at > 0 && accepted[at - 1].start === span.start && accepted[at - 1].end > span.end) at--;
      if (at === accepted.length) accepted.push(span);
      else accepted.splice(at, 0, span);
    }
    applied++;
  }
  const pieces: string[] = [];
  let at = 0;
  for (const span of accepted) {
    pieces.push(text.slice(at, span.start), span.newText);
    at = Math.max(at, span.end);
  }
  pieces.push(text.slice(at));
  return { text: pieces.join(''), applied };
}

/**
 * Applies the safe quick fixes (the ones --fix may apply unattended) until none is left, so a
 * second run changes nothing. Fixes that overlap wait for the next pass. `known` are the findings
 * of `text` under `settings` when the caller has them (an editor's last analysis): the first pass
 * then does not analyse again, and a clean file costs nothing.
 */
export function applySafeFixes(text: string, settings: EngineSettings, known?: Finding[], maxPasses = 10): FixResult {
  let current = text;
  let total = 0;
  let findings = known;
  for (let pass = 0; pass < maxPasses; pass++) {
    findings ??= analyze(parseDocument(current), settings);
    const groups = safeEdits(findings);
    if (groups.length === 0) break;
    const { text: next, applied } = applyGroups(current, groups);
    if (applied === 0 || next === current) break;
    current = next;
    total += applied;
    findings = undefined;
  }
  return { text: current, applied: total, findings };
}
