/**
 * Completion of key names and values in a parsed sysctl file. Pure: the parse, the cursor and the
 * settings in, items with explicit replace ranges out.
 */

import { CONNTRACK_BUCKETS_KEY, CONNTRACK_MAX_KEY } from '../actions/conntrackSizing';
import { allDocumentedKeys, allLegacyKeys, resolveKey } from '../keys/database';
import { knownNameCandidates } from '../keys/knownNames';
import { keySummary } from '../keys/summaries';
import type { KeySpec } from '../keys/types';
import { swapSeparators } from '../parser/keyPath';
import type { ParsedDocument, SettingLine } from '../parser/types';
import type { EngineSettings } from '../settings';
import { formatBytes } from '../sizing/size';
import type { Position, Range } from '../text/position';
import { sizingFacts } from '../hover/conntrack';
import { describeKey, describeLegacy } from '../hover/describeKey';
import { describeValue } from '../hover/describeValue';
import { keyAvailability, legacyAvailability, targetKernel } from '../hover/versions';
import type { EngineCompletionItem } from './types';

function isBlank(ch: string | undefined): boolean {
  return ch !== undefined && /\s/.test(ch);
}

/**
 * The key token around the cursor inside [lo, hi]: the run of characters that are neither blank
 * nor `=`. Dots and slashes belong to it. Without the line's text the whole span is the token.
 */
function tokenAround(lineText: string | undefined, character: number, lo: number, hi: number): { start: number; end: number } {
  if (lineText === undefined) return { start: lo, end: hi };
  let start = character;
  while (start > lo && !isBlank(lineText[start - 1]) && lineText[start - 1] !== '=') start--;
  let end = character;
  while (end < hi && !isBlank(lineText[end]) && lineText[end] !== '=') end++;
  return { start, end };
}

interface KeyContext {
  line: number;
  start: number;
  end: number;
  /** What the user typed from the token start to the cursor, when known. */
  typed: string;
  /** The line has no `=` and nothing after the token: a whole `key = value` line may be inserted. */
  snippetAllowed: boolean;
}

/** ASCII lower case of a UTF-16 unit (key names are ASCII). */
function lowerCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * Every character of `typed`, in order, somewhere in `name` (ASCII case-insensitive): a superset
 * of any fuzzy match. Runs for every known name on each keystroke, so it allocates nothing.
 */
function isSubsequence(typed: string, name: string): boolean {
  let at = 0;
  for (let i = 0; i < typed.length; i++) {
    const wanted = lowerCode(typed.charCodeAt(i));
    while (at < name.length && lowerCode(name.charCodeAt(at)) !== wanted) at++;
    if (at === name.length) return false;
    at++;
  }
  return true;
}

function firstSeparator(text: string): string | undefined {
  return /[./]/.exec(text)?.[0];
}

/** Snippet text with `$`, `}` and `\` escaped. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (ch) => `\\${ch}`);
}

/** The value a new line for this key starts with: the RAM-based kernel default, the fixed default, or the observed one. */
export function snippetDefault(spec: KeySpec, settings: EngineSettings): string | undefined {
  if (spec.name === CONNTRACK_MAX_KEY || spec.name === CONNTRACK_BUCKETS_KEY) {
    const facts = sizingFacts(settings);
    const kd = facts.kind === 'known' ? facts.recommendation.kernelDefault : null;
    if (kd) return String(spec.name === CONNTRACK_MAX_KEY ? kd.conntrackMax : kd.buckets);
  }
  return spec.default.value ?? spec.default.observed;
}

/**
 * The detail line of a known name, by name: after a `.` the candidates are hundreds of names, and
 * looking each summary up again on every keystroke was most of a completion's time.
 */
const knownNameDetails = new Map<string, string>();
function knownNameDetail(name: string): string {
  let detail = knownNameDetails.get(name);
  if (detail === undefined) {
    detail = keySummary(name)?.summary ?? 'Kernel key';
    // Candidates are known names and per-interface names as typed: bounded in practice, capped anyway.
    if (knownNameDetails.size >= 20_000) knownNameDetails.clear();
    knownNameDetails.set(name, detail);
  }
  return detail;
}

/**
 * A known name as a completion item. After a `.` hundreds are built per keystroke and a hundred
 * are sent, so the texts derived from the name are worked out when read.
 */
class KnownNameItem implements EngineCompletionItem {
  constructor(
    readonly label: string,
    readonly key: string,
    readonly range: Range,
  ) {}

  get kind(): 'key' {
    return 'key';
  }

  get isSnippet(): boolean {
    return false;
  }

  get insertText(): string {
    return this.label;
  }

  get filterText(): string {
    return this.label;
  }

  get sortText(): string {
    return `2 ${this.key}`;
  }

  get detail(): string {
    return knownNameDetail(this.key);
  }
}

function keyItems(context: KeyContext, settings: EngineSettings): EngineCompletionItem[] {
  const range: Range = { start: { line: context.line, character: context.start }, end: { line: context.line, character: context.end } };
  const pathForm = firstSeparator(context.typed) === '/';
  const display = (name: string) => (pathForm ? swapSeparators(name) : name);
  const typedDotted = pathForm ? swapSeparators(context.typed) : context.typed;
  const matches = (name: string) => isSubsequence(typedDotted, name);
  const target = targetKernel(settings).version;
  const items: EngineCompletionItem[] = [];
  const seen = new Set<string>();

  for (const spec of allDocumentedKeys()) {
    seen.add(spec.name);
    if (spec.readOnly || keyAvailability(spec, target).kind !== 'present' || !matches(spec.name)) continue;
    const label = display(spec.name);
    // Built only when read: editors fetch key docs on resolve, and 70 renders per keystroke add up.
    let rendered: string | undefined;
    const lazyDocs = {
      get documentation(): string {
        return (rendered ??= describeKey(spec, settings));
      },
    };
    const fallback = snippetDefault(spec, settings);
    if (context.snippetAllowed) {
      items.push({
        label: `${label} = ${fallback ?? '…'}`,
        kind: 'snippet',
        detail: fallback === undefined ? spec.summary : `${spec.summary} Default: ${fallback}`,
        get documentation() {
          return lazyDocs.documentation;
        },
        insertText: `${escapeSnippet(label)} = ${fallback === undefined ? '$1' : `\${1:${escapeSnippet(fallback)}}`}`,
        isSnippet: true,
        range,
        sortText: `0 ${spec.name} 0`,
        filterText: label,
        key: spec.name,
      });
    }
    items.push({
      label,
      kind: 'key',
      detail: spec.summary,
      get documentation() {
        return lazyDocs.documentation;
      },
      insertText: label,
      isSnippet: false,
      range,
      sortText: `0 ${spec.name} 1`,
      filterText: label,
      key: spec.name,
    });
  }

  for (const legacy of allLegacyKeys()) {
    seen.add(legacy.name);
    if (legacy.kind !== 'alias' || legacyAvailability(legacy, target).kind !== 'present' || !matches(legacy.name)) continue;
    const label = display(legacy.name);
    const aliased = resolveKey(legacy.target)?.spec;
    items.push({
      label,
      kind: 'key',
      detail: `Alias of ${legacy.target}`,
      documentation: aliased ? describeLegacy(legacy, aliased, settings) : legacy.note,
      insertText: label,
      isSnippet: false,
      range,
      sortText: `1 ${legacy.name}`,
      filterText: label,
      key: legacy.name,
    });
  }

  // A partly typed per-interface name (net.ipv4.conf.eth0.) also gets the leaves under that interface.
  const probe = /[./]$/.test(typedDotted) ? `${typedDotted.slice(0, -1)}._` : typedDotted;
  // Candidates are distinct: only the documented and legacy names above can repeat one.
  for (const name of knownNameCandidates(probe)) {
    if (seen.has(name) || !matches(name)) continue;
    items.push(new KnownNameItem(display(name), name, range));
  }
  return items;
}

interface ValueCandidate {
  value: string;
  detail: string;
  preselect?: boolean;
}

function valueCandidates(spec: KeySpec, settings: EngineSettings): ValueCandidate[] {
  const candidates: ValueCandidate[] = [];
  const defaultValue = spec.default.value?.trim();
  const add = (value: string, detail: string) => {
    const text = detail.replace(/\.$/, '');
    const existing = candidates.find((c) => c.value === value);
    if (existing) existing.detail = `${existing.detail}; ${text}`;
    else candidates.push({ value, detail: text });
  };
  const value = spec.value;
  if (value.kind === 'boolean') {
    add('0', 'off');
    add('1', 'on');
  } else if (value.kind === 'enum') {
    for (const member of value.values) add(String(member.value), member.label);
  } else {
    for (const note of spec.valueNotes ?? []) if (note.severity === 'info') add(note.value, note.meaning);
    if (defaultValue !== undefined && !candidates.some((c) => c.value === defaultValue)) add(defaultValue, 'default');
  }
  if (spec.name === CONNTRACK_MAX_KEY || spec.name === CONNTRACK_BUCKETS_KEY) {
    const facts = sizingFacts(settings);
    if (facts.kind === 'known') {
      const rec = facts.recommendation;
      const machine = `${formatBytes(rec.input.memBytes)} RAM, ${rec.architecture.name}`;
      const kd = rec.kernelDefault;
      const isMax = spec.name === CONNTRACK_MAX_KEY;
      if (kd) add(String(isMax ? kd.conntrackMax : kd.buckets), `kernel ${rec.input.kernelVersion} default for ${machine}`);
      add(String(isMax ? rec.formula.conntrackMax : rec.formula.buckets), `formula for ${machine}`);
    }
  }
  for (const candidate of candidates) {
    if (candidate.value !== defaultValue) continue;
    candidate.preselect = true;
    if (candidate.detail !== 'default') candidate.detail += ' (default)';
  }
  return candidates;
}

function valueItems(
  line: SettingLine,
  lineNumber: number,
  character: number,
  lineText: string | undefined,
  settings: EngineSettings,
  document: ParsedDocument,
): EngineCompletionItem[] {
  const resolved = line.key.isGlob ? undefined : resolveKey(line.key.canonical);
  if (!resolved) return [];
  const { span, text } = line.value;
  let start = character;
  let end = character;
  if (text !== '') {
    if (character < span.start || character > span.end) return [];
    start = span.start;
    end = span.end;
  }
  const afterEquals = text === '' && (lineText !== undefined ? lineText[character - 1] === '=' : character === line.equals + 1);
  const lead = afterEquals ? ' ' : '';
  const range: Range = { start: { line: lineNumber, character: start }, end: { line: lineNumber, character: end } };
  const writtenName = resolved.via ? line.key.canonical : undefined;
  return valueCandidates(resolved.spec, settings).map((candidate, index) => ({
    label: candidate.value,
    kind: 'value',
    detail: candidate.detail,
    documentation: describeValue(resolved.spec, candidate.value, settings, { document, writtenName }) ?? undefined,
    insertText: `${lead}${candidate.value}`,
    isSnippet: false,
    range,
    sortText: String(index).padStart(3, '0'),
    filterText: candidate.value,
    preselect: candidate.preselect,
  }));
}

/**
 * Completion items at `position`. `lineText`, the cursor line's text as the editor has it, lets
 * the key token be found exactly when the line holds more than the key; without it the parsed
 * spans are used.
 */
export function completeAt(document: ParsedDocument, position: Position, settings: EngineSettings, lineText?: string): EngineCompletionItem[] {
  const line = document.lines[position.line];
  if (!line) return [];
  const character = Math.min(Math.max(position.character, 0), line.length);
  const at = (start: number, end: number, typed: string, snippetAllowed: boolean): KeyContext => ({
    line: position.line,
    start,
    end,
    typed,
    snippetAllowed,
  });

  switch (line.kind) {
    case 'comment':
      return [];
    case 'blank':
      return keyItems(at(character, character, '', true), settings);
    case 'invalid': {
      const { span } = line;
      if (character < span.start || character > span.end) return [];
      const token = tokenAround(lineText, character, span.start, span.end);
      const typed = lineText?.slice(token.start, character) ?? '';
      return keyItems(at(token.start, token.end, typed, token.end === span.end), settings);
    }
    case 'exclusion': {
      const { span, text } = line.key;
      if (character < span.start || character > span.end) return [];
      const token = tokenAround(lineText, character, span.start, span.end);
      const typed = (lineText ?? `${' '.repeat(span.start)}${text}`).slice(token.start, character);
      return keyItems(at(token.start, token.end, typed, token.end === span.end), settings);
    }
    case 'setting': {
      if (character <= line.equals) {
        const { span, text } = line.key;
        if (character < span.start || character > span.end) return [];
        const token = tokenAround(lineText, character, span.start, span.end);
        const typed = (lineText ?? `${' '.repeat(span.start)}${text}`).slice(token.start, character);
        return keyItems(at(token.start, token.end, typed, false), settings);
      }
      return valueItems(line, position.line, character, lineText, settings, document);
    }
  }
}
