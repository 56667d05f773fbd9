import type { ParsedDocument, ParsedLine } from './parser/types';
import { buildContext } from './rules/context';
import type { DocumentIndex } from './rules/documentIndex';
import { changedRegion, updateIndex, type Region } from './rules/documentIndex';
import { byPosition, FindingsPolicy } from './findings/policy';
import { lineStartColumn } from './actions/lineEdits';
import { DOCUMENT_CHECKS, LINE_CHECKS } from './rules/registry';
import { firstOnOrAfter, shiftFinding } from './findings/shift';
import { CleanValues } from './model/lineClasses';
import type { Finding, TextEdit } from './rules/types';
import type { EngineSettings } from './settings';
import { DEFAULT_SETTINGS } from './settings';
import { pushAll } from './arrays';

/**
 * What the last analysis of a document found, so the next one re-checks only the lines an edit
 * touched: unchanged lines are recognised by identity (an incremental document keeps their
 * ParsedLine objects), and their line-local findings are reused or shifted.
 */
export class LineFindingsCache {
  private key = '';
  /**
   * @param sameLinesOnce Check only the first of equivalent lines (see checkLines). Off, every line
   * is checked: the reference the tests compare with.
   */
  constructor(readonly sameLinesOnce = true) {}

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

/** Blank lines and comments without a parser issue: no line check finds anything on them. */
function quietLine(line: ParsedLine): boolean {
  return (line.kind === 'blank' || line.kind === 'comment') && line.issues.length === 0;
}

/**
 * Line checks over lines [from, to): the whole document at once, or a compact batch of the lines
 * `include` marks (quiet lines left out too), whose findings are moved back to the lines they
 * came from. Line checks see only each line and number nothing else, so a line's findings do not
 * depend on where it stands in the batch.
 */
function runLineChecks(document: ParsedDocument, settings: EngineSettings, from: number, to: number, include: Uint8Array | undefined, index?: DocumentIndex): Finding[] {
  const found: Finding[] = [];
  if (from === 0 && to === document.lines.length && include === undefined) {
    const context = buildContext(document, settings, index);
    for (const check of LINE_CHECKS) for (const finding of check.run(context)) found.push(anchorToDocument(finding, document));
    return found;
  }
  const lines: ParsedLine[] = [];
  const origin: number[] = [];
  for (let lineNumber = from; lineNumber < to; lineNumber++) {
    const line = document.lines[lineNumber];
    if ((include && include[lineNumber - from] === 0) || quietLine(line)) continue;
    lines.push(line);
    origin.push(lineNumber);
  }
  if (lines.length === 0) return found;
  const context = buildContext({ ...document, lines }, settings);
  for (const check of LINE_CHECKS) {
    for (const finding of check.run(context)) {
      const at = finding.range.start.line;
      found.push(anchorToDocument(shiftFinding(finding, origin[at] - at), document));
    }
  }
  return found;
}

/**
 * Values found clean per key family (see CleanValues), per settings object: the settings fix the
 * target kernel and machine every verdict depends on.
 */
const cleanBySettings = new WeakMap<EngineSettings, CleanValues>();
function cleanValuesFor(settings: EngineSettings): CleanValues {
  let clean = cleanBySettings.get(settings);
  if (!clean || clean.full) cleanBySettings.set(settings, (clean = new CleanValues()));
  return clean;
}

/**
 * Line-local findings of lines [from, to). A large file repeats the same settings (on every
 * interface, in every container): of the equal lines only the first is checked, and the others
 * only when it has findings. Values found clean before are not checked at all.
 */
export function checkLines(document: ParsedDocument, settings: EngineSettings, from: number, to: number, sameLinesOnce: boolean, index?: DocumentIndex): Finding[] {
  if (!sameLinesOnce) return runLineChecks(document, settings, from, to, undefined, index).sort(byPosition);
  const count = to - from;
  const clean = cleanValuesFor(settings);
  const families: (Set<string> | undefined)[] = new Array<Set<string> | undefined>(count).fill(undefined);
  const include = new Uint8Array(count).fill(1);
  /** The first line of each family and value in this batch. */
  const first = new Map<Set<string>, Map<string, number>>();
  let leftOut = 0;
  for (let i = 0; i < count; i++) {
    const line = document.lines[from + i];
    const family = clean.familyOf(line);
    if (family === undefined || line.kind !== 'setting') continue;
    families[i] = family;
    const value = line.value.text;
    let firstOfValue = first.get(family);
    if (family.has(value) || firstOfValue?.has(value)) {
      include[i] = 0;
      leftOut++;
      continue;
    }
    if (!firstOfValue) first.set(family, (firstOfValue = new Map()));
    firstOfValue.set(value, i);
  }
  const found = runLineChecks(document, settings, from, to, leftOut > 0 ? include : undefined, index);
  if (first.size > 0) {
    const flagged = new Set<number>();
    for (const finding of found) flagged.add(finding.range.start.line);
    for (const [family, firstOfValue] of first) for (const [value, i] of firstOfValue) if (!flagged.has(from + i)) clean.add(family, value);
    // Lines left out for a first line that has findings: they may have their own.
    if (leftOut > 0) {
      const again = new Uint8Array(count);
      let pending = 0;
      for (let i = 0; i < count; i++) {
        const family = families[i];
        const line = document.lines[from + i];
        if (include[i] === 0 && family !== undefined && line.kind === 'setting' && !family.has(line.value.text)) {
          again[i] = 1;
          pending++;
        }
      }
      if (pending > 0) pushAll(found, runLineChecks(document, settings, from, to, again));
    }
  }
  clean.pruneEmpty();
  return found.sort(byPosition);
}

/** The line-local findings of the whole document, re-checking only what changed since the cache's last run. */
function lineFindings(
  document: ParsedDocument,
  settings: EngineSettings,
  cache: LineFindingsCache,
  index: DocumentIndex,
  known?: { from: readonly ParsedLine[]; region: Region | undefined },
): Finding[] {
  const lines = document.lines;
  if (!cache.lines) {
    cache.findings = checkLines(document, settings, 0, lines.length, cache.sameLinesOnce, index);
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
  cache.findings = old.slice(0, cut).concat(checkLines(document, settings, prefix, newEnd, cache.sameLinesOnce), after);
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
 * `external` findings (from other files of the machine, or the running host) go through the same
 * policy, so a suppression comment silences them too.
 */
export function analyze(document: ParsedDocument, settings: EngineSettings = DEFAULT_SETTINGS, cache = new LineFindingsCache(), external: readonly Finding[] = []): Finding[] {
  cache.validate(settings, document.eol);
  // One comparison of the old and new lines serves both the index and the line findings.
  const previous = cache.index?.lines;
  const region = previous ? changedRegion(previous, document.lines) : undefined;
  cache.index = updateIndex(cache.index, document.lines, previous ? (region ?? null) : undefined);
  const policy = FindingsPolicy.of(document, settings, cache.index.directives);
  const known = previous ? { from: previous, region } : undefined;
  const context = buildContext(document, settings, cache.index);
  // concat, not flatMap: flatMap copied the 94,000 findings of a file of repeated keys in 10 ms, concat in 0.4.
  const documentFindings = ([] as Finding[]).concat(...DOCUMENT_CHECKS.map((check) => check.run(context)));
  return policy.applyAll(lineFindings(document, settings, cache, cache.index, known), documentFindings, external);
}
