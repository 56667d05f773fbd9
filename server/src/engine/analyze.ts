import type { ParsedDocument, ParsedLine } from './parser/types';
import type { RuleContext } from './rules/context';
import { buildContext } from './rules/context';
import type { DocumentIndex } from './rules/documentIndex';
import { updateIndex } from './rules/documentIndex';
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
];

/**
 * Line-local findings kept per ParsedLine object, with ranges relative to the line (line 0).
 * An incremental document keeps unchanged line objects, so an edit re-checks only its lines.
 */
export class LineFindingsCache {
  /** A property on the line object is several times faster than a WeakMap on 100,000-line files. */
  private readonly slot = Symbol('lineFindings');
  private generation = 0;
  private key = '';
  /** Where each variable is set, updated edit by edit. */
  index: DocumentIndex | undefined;

  /** Drops everything when the inputs of line rules change. */
  validate(settings: EngineSettings, eol: string): void {
    const key = JSON.stringify([settings.kernelVersion ?? null, settings.sizing.memTotal ?? null, settings.sizing.architecture ?? null, eol]);
    if (key !== this.key) {
      this.generation++;
      this.key = key;
    }
  }

  get(line: ParsedLine): Finding[] | undefined {
    const entry = (line as unknown as Record<symbol, CacheEntry | undefined>)[this.slot];
    return entry && entry.generation === this.generation ? entry.findings : undefined;
  }

  set(line: ParsedLine, findings: Finding[]): void {
    (line as unknown as Record<symbol, CacheEntry>)[this.slot] = { generation: this.generation, findings };
  }
}

interface CacheEntry {
  generation: number;
  findings: Finding[];
}

function shiftRange<T extends { range: Finding['range'] }>(item: T, delta: number): T {
  if (delta === 0) return item;
  const { start, end } = item.range;
  return { ...item, range: { start: { line: start.line + delta, character: start.character }, end: { line: end.line + delta, character: end.character } } };
}

function shiftFinding(finding: Finding, delta: number): Finding {
  if (delta === 0) return finding;
  return {
    ...shiftRange(finding, delta),
    fixes: finding.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((edit: TextEdit) => shiftRange(edit, delta)) })),
    related: finding.related?.map((r) => shiftRange(r, delta)),
  };
}

/**
 * Line-local findings for the lines the cache does not know yet, computed in one batch over a
 * document made of just those lines, then stored relative to their own line.
 */
function lineFindings(document: ParsedDocument, settings: EngineSettings, cache: LineFindingsCache, index: DocumentIndex): Finding[][] {
  const perLine: Finding[][] = new Array(document.lines.length);
  const missing: number[] = [];
  document.lines.forEach((line, index) => {
    const cached = cache.get(line);
    if (cached) perLine[index] = cached;
    else missing.push(index);
  });
  if (missing.length > 0) {
    const everyLine = missing.length === document.lines.length;
    const batch: ParsedDocument = everyLine ? document : { ...document, lines: missing.map((lineNumber) => document.lines[lineNumber]) };
    // On a first analysis the batch is the whole document, whose index is already built.
    const context = buildContext(batch, settings, everyLine ? index : undefined);
    const buckets: Finding[][] = missing.map(() => []);
    for (const check of LINE_CHECKS) {
      for (const finding of check(context)) buckets[finding.range.start.line].push(finding);
    }
    buckets.forEach((findings, batchIndex) => {
      const relative = findings.map((f) => shiftFinding(f, -batchIndex));
      cache.set(batch.lines[batchIndex], relative);
      perLine[missing[batchIndex]] = relative;
    });
  }
  return perLine;
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
  cache.index = updateIndex(cache.index, document.lines);
  const suppressions = readSuppressions(document, cache.index.directives);
  const findings: Finding[] = [];
  const keep = (finding: Finding) => {
    const override = settings.rules[finding.ruleId];
    if (override === 'off' || isSuppressed(finding, suppressions)) return;
    findings.push(override ? { ...finding, severity: override } : finding);
  };
  lineFindings(document, settings, cache, cache.index).forEach((relative, lineNumber) => {
    for (const finding of relative) keep(anchorToDocument(shiftFinding(finding, lineNumber), document));
  });
  const context = buildContext(document, settings, cache.index);
  for (const check of DOCUMENT_CHECKS) for (const finding of check(context)) keep(finding);
  return findings.sort(byPosition);
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
