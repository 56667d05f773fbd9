import { partitionPoint } from '../arrays';
import type { Region } from '../rules/documentIndex';
import type { Finding, TextEdit } from '../rules/types';

function shiftRange<T extends { range: Finding['range'] }>(item: T, delta: number): T {
  if (delta === 0) return item;
  const { start, end } = item.range;
  return { ...item, range: { start: { line: start.line + delta, character: start.character }, end: { line: end.line + delta, character: end.character } } };
}

/** The finding moved down by `delta` lines, with its fixes and related ranges. */
export function shiftFinding(finding: Finding, delta: number): Finding {
  if (delta === 0) return finding;
  const shifted = shiftRange(finding, delta);
  if (finding.fixes) shifted.fixes = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit: TextEdit) => shiftRange(edit, delta)) }));
  if (finding.related) shifted.related = finding.related.map((r) => shiftRange(r, delta));
  return shifted;
}

/** Index of the first finding on `line` or later, in findings sorted by position. */
export function firstOnOrAfter(findings: readonly Finding[], line: number): number {
  return partitionPoint(findings.length, (i) => findings[i].range.start.line < line);
}

/**
 * Findings of lines an edit did not touch, where those lines are now: the edit turned lines
 * [prefix, oldEnd) into [prefix, newEnd). Findings that start in the edited lines are dropped.
 * Any order in, the same order out.
 */
export function findingsAcrossEdit(findings: readonly Finding[], region: Region | undefined): Finding[] {
  if (!region) return [...findings];
  const delta = region.newEnd - region.oldEnd;
  const kept: Finding[] = [];
  for (const finding of findings) {
    const line = finding.range.start.line;
    if (line < region.prefix) kept.push(finding);
    else if (line >= region.oldEnd) kept.push(shiftFinding(finding, delta));
  }
  return kept;
}
