import type { ParsedDocument, ParsedLine } from './parser/types';
import type { RuleContext } from './rules/context';
import { buildContext } from './rules/context';
import type { DocumentIndex } from './rules/documentIndex';
import { changedRegion, updateIndex, type Region } from './rules/documentIndex';
import {
  conntrackBootOrderRule,
  conntrackBucketsRatioRule,
  conntrackMemoryRule,
  portRangeOrderRule,
  somaxconnTruncatedRule,
  synBacklogRule,
  thresholdOrderRule,
} from './rules/crossKeyRules';
import { duplicateKeyRule, exclusionAfterAssignmentRule } from './rules/duplicates';
import { legacyKeyRule, removedKeyRule, unknownKeyRule } from './rules/keyRules';
import { lineStartColumn } from './actions/lineEdits';
import { lineIssueFinding } from './rules/lineIssues';
import { profileDocumentFindings } from './profiles/documentFindings';
import { isSuppressed, readSuppressions } from './rules/suppression';
import type { Finding, TextEdit } from './rules/types';
import { valueRules } from './rules/valueRules';
import type { EngineSettings } from './settings';
import { DEFAULT_SETTINGS } from './settings';

type RuleCheck = (context: RuleContext) => Finding[];

function parserFindings(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  context.document.lines.forEach((line, lineNumber) => {
    for (const issue of line.issues) findings.push(lineIssueFinding(lineNumber, line, issue));
  });
  return findings;
}

/** Rules whose findings on a line depend only on that line (and the settings). */
const LINE_CHECKS: readonly RuleCheck[] = [parserFindings, unknownKeyRule, removedKeyRule, legacyKeyRule, valueRules];

/** Rules that compare lines with each other. */
const DOCUMENT_CHECKS: readonly RuleCheck[] = [
  exclusionAfterAssignmentRule,
  duplicateKeyRule,
  conntrackBucketsRatioRule,
  conntrackMemoryRule,
  conntrackBootOrderRule,
  somaxconnTruncatedRule,
  synBacklogRule,
  portRangeOrderRule,
  thresholdOrderRule,
  (context) => profileDocumentFindings(context.document, context.settings),
];

/**
 * What the last analysis of a document found, so the next one re-checks only the lines an edit
 * touched: unchanged lines are recognised by identity (an incremental document keeps their
 * ParsedLine objects), and their line-local findings are reused or shifted.
 */
export class LineFindingsCache {
  private key = '';
  /** Where each variable is set, updated edit by edit (independent of settings). */
  index: DocumentIndex | undefined;
  /** The lines of the last analysis and their line-local findings, anchored, in line order. */
  lines: readonly ParsedLine[] | undefined;
  findings: Finding[] = [];

  /** Drops the findings when the inputs of line rules change. */
  validate(settings: EngineSettings, eol: string): void {
    const key = JSON.stringify([settings.kernelVersion ?? null, settings.sizing.memTotal ?? null, settings.sizing.architecture ?? null, eol]);
    if (key !== this.key) {
      this.lines = undefined;
      this.findings = [];
      this.key = key;
    }
  }
}

function shiftRange<T extends { range: Finding['range'] }>(item: T, delta: number): T {
  if (delta === 0) return item;
  const { start, end } = item.range;
  return { ...item, range: { start: { line: start.line + delta, character: start.character }, end: { line: end.line + delta, character: end.character } } };
}

function shiftFinding(finding: Finding, delta: number): Finding {
  if (delta === 0) return finding;
  const shifted = shiftRange(finding, delta);
  if (finding.fixes) shifted.fixes = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit: TextEdit) => shiftRange(edit, delta)) }));
  if (finding.related) shifted.related = finding.related.map((r) => shiftRange(r, delta));
  return shifted;
}

/** Index of the first finding on `line` or later. */
function firstOnOrAfter(findings: readonly Finding[], line: number): number {
  let low = 0;
  let high = findings.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (findings[mid].range.start.line < line) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Line-local findings of lines [from, to), checked as one batch. */
function checkLines(document: ParsedDocument, settings: EngineSettings, from: number, to: number, index?: DocumentIndex): Finding[] {
  const whole = from === 0 && to === document.lines.length;
  const batch: ParsedDocument = whole ? document : { ...document, lines: document.lines.slice(from, to) };
  const context = buildContext(batch, settings, whole ? index : undefined);
  const found: Finding[] = [];
  for (const check of LINE_CHECKS) for (const finding of check(context)) found.push(anchorToDocument(shiftFinding(finding, from), document));
  return found.sort(byPosition);
}

/** The line-local findings of the whole document, re-checking only what changed since the cache's last run. */
function lineFindings(document: ParsedDocument, settings: EngineSettings, cache: LineFindingsCache, index: DocumentIndex, known?: { from: readonly ParsedLine[]; region: Region | undefined }): Finding[] {
  const lines = document.lines;
  if (!cache.lines) {
    cache.findings = checkLines(document, settings, 0, lines.length, index);
    cache.lines = lines;
    return cache.findings;
  }
  const region = known && known.from === cache.lines ? known.region : changedRegion(cache.lines, lines);
  if (!region) return cache.findings;
  // Neighbours of a change are checked again too: a delete-line fix of the last line is anchored
  // on the line before it, and may have to move.
  const prefix = Math.max(0, region.prefix - 1);
  const widen = region.oldEnd < cache.lines.length ? 1 : 0;
  const oldEnd = region.oldEnd + widen;
  const newEnd = region.newEnd + widen;
  const delta = newEnd - oldEnd;
  const old = cache.findings;
  const cut = firstOnOrAfter(old, prefix);
  const tail = firstOnOrAfter(old, oldEnd);
  const after = delta === 0 ? old.slice(tail) : old.slice(tail).map((f) => shiftFinding(f, delta));
  cache.findings = [...old.slice(0, cut), ...checkLines(document, settings, prefix, newEnd), ...after];
  cache.lines = lines;
  return cache.findings;
}

/**
 * Deleting a line is written as (n,0)-(n+1,0); on an unterminated last line it must take the break
 * before it, and on a first line that starts with a BOM it must leave the BOM.
 */
function anchorToDocument(finding: Finding, document: ParsedDocument): Finding {
  if (!finding.fixes) return finding;
  const last = document.lines.length - 1;
  const line = finding.range.start.line;
  if (line !== last && line !== 0) return finding;
  const anchor = (edit: TextEdit): TextEdit => {
    const n = edit.range.start.line;
    const wholeLine = edit.newText === '' && edit.range.start.character === 0 && edit.range.end.line === n + 1 && edit.range.end.character === 0;
    if (!wholeLine) return edit;
    const bomColumn = lineStartColumn(document, n);
    if (n < last) return bomColumn === 0 ? edit : { range: { start: { line: n, character: bomColumn }, end: edit.range.end }, newText: '' };
    const start = n === 0 ? { line: 0, character: bomColumn } : { line: n - 1, character: document.lines[n - 1].length };
    return { range: { start, end: { line: n, character: document.lines[n].length } }, newText: '' };
  };
  return { ...finding, fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(anchor) })) };
}

/**
 * All findings for a parsed document, in document order, with suppression comments honoured and
 * the user's severity overrides applied. With a cache, lines already checked are not checked again.
 */
export function analyze(document: ParsedDocument, settings: EngineSettings = DEFAULT_SETTINGS, cache = new LineFindingsCache()): Finding[] {
  cache.validate(settings, document.eol);
  // One comparison of the old and new lines serves both the index and the line findings.
  const previous = cache.index?.lines;
  const region = previous ? changedRegion(previous, document.lines) : undefined;
  cache.index = updateIndex(cache.index, document.lines, previous ? (region ?? null) : undefined);
  const suppressions = readSuppressions(document, cache.index.directives);
  const findings: Finding[] = [];
  const keep = (finding: Finding) => {
    const override = settings.rules[finding.ruleId];
    if (override === 'off' || isSuppressed(finding, suppressions)) return;
    findings.push(override ? { ...finding, severity: override } : finding);
  };
  const known = previous ? { from: previous, region } : undefined;
  for (const finding of lineFindings(document, settings, cache, cache.index, known)) keep(finding);
  const context = buildContext(document, settings, cache.index);
  for (const check of DOCUMENT_CHECKS) for (const finding of check(context)) keep(finding);
  return findings.sort(byPosition);
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
