import type { LineTerminator } from '../text/lines';
import { utf8Length } from '../text/lines';
import { keyShape, swapSeparators } from './keyPath';
import type { Span } from '../text/position';
import type { BlankLine, CommentLine, KeyToken, LineIssue, ParsedLine, SettingLine, ValueToken } from './types';

/** The issue list of every line without one. */
const NO_ISSUES = Object.freeze([]) as unknown as LineIssue[];

/** systemd's per-line limit; a longer line ends its reading of the file. */
export const SYSTEMD_MAX_LINE_BYTES = 1024 * 1024;

/** Whitespace as procps 4 trims it (C isspace). systemd knows only space, tab, CR and LF. */
export function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

function isVerticalSpace(code: number): boolean {
  return code === 11 || code === 12;
}

function skipSpace(text: string, from: number, to: number): number {
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  return from;
}

function skipSpaceBack(text: string, from: number, to: number): number {
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  return to;
}

/**
 * The usual key (see plainKey), which is its own canonical form. The span and the path are worked
 * out when asked for: a file of 100,000 settings keeps one small object per key, and most spans
 * and paths are never asked for. Whether it is a glob is its class (PlainGlobKey), not a field.
 */
class PlainKey implements KeyToken {
  constructor(
    readonly text: string,
    readonly start: number,
  ) {}

  /** The key's text is exactly the line's text from start to end. */
  get end(): number {
    return this.start + this.text.length;
  }

  get isGlob(): boolean {
    return false;
  }

  get canonical(): string {
    return this.text;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  /** The systemd path: the canonical form with separators swapped back (the swap is its own inverse). */
  get path(): string {
    return swapSeparators(this.canonical);
  }
}

class PlainGlobKey extends PlainKey {
  override get isGlob(): boolean {
    return true;
  }
}

/** Any other key: its canonical form differs from the text (slashes, blanks, repeated dots). */
class ParsedKey extends PlainKey {
  constructor(
    text: string,
    start: number,
    /** Own fields, not #private ones: comparisons of parses (the incremental parse's tests) see them. */
    readonly canonicalForm: string,
    readonly glob: boolean,
  ) {
    super(text, start);
  }

  override get isGlob(): boolean {
    return this.glob;
  }

  override get canonical(): string {
    return this.canonicalForm;
  }
}

/**
 * A setting line, which is also its own value token: `value` is the line itself, whose `text`,
 * `start` and `end` are the value's. A file of 100,000 settings keeps one object per line and
 * value instead of two; the value's span is worked out when asked for. The ignore-errors dash is
 * rare, so what it changes lives in DashSetting.
 */
class ParsedSetting implements SettingLine, ValueToken {
  /** On the prototype (see onPrototype): the same for every line of the class. */
  declare readonly kind: 'setting';
  /** NO_ISSUES from the prototype, or the line's own list. */
  declare issues: LineIssue[];
  /** Written by the document's index (see SettingLine). */
  lineNumber = -1;

  constructor(
    readonly key: KeyToken,
    readonly equals: number,
    /** The value's text, trimmed. */
    readonly text: string,
    /** Where the value starts in the line. */
    readonly start: number,
    issues: LineIssue[],
    readonly length: number,
  ) {
    if (issues.length > 0) this.issues = issues;
  }

  /** The value's text is exactly the line's text from start to end. */
  get end(): number {
    return this.start + this.text.length;
  }

  get ignoreErrors(): boolean {
    return false;
  }

  get dash(): Span | undefined {
    return undefined;
  }

  get procpsKey(): string {
    return this.key.text;
  }

  get line(): SettingLine {
    return this;
  }

  get target(): string {
    return this.key.canonical;
  }

  get value(): ValueToken {
    return this;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }
}

/** A setting after the ignore-errors `-`: procps may look up another key than the one written. */
class DashSetting extends ParsedSetting {
  constructor(
    readonly dashSpan: Span,
    readonly dashProcpsKey: string,
    key: KeyToken,
    equals: number,
    text: string,
    start: number,
    issues: LineIssue[],
    length: number,
  ) {
    super(key, equals, text, start, issues, length);
  }

  override get ignoreErrors(): boolean {
    return true;
  }

  override get dash(): Span {
    return this.dashSpan;
  }

  override get procpsKey(): string {
    return this.dashProcpsKey;
  }
}

/** A comment line; its span is worked out when asked for (most files are more comment than setting). */
class ParsedComment implements CommentLine {
  declare readonly kind: 'comment';
  declare issues: LineIssue[];

  constructor(
    readonly marker: '#' | ';',
    readonly start: number,
    readonly end: number,
    readonly body: string,
    issues: LineIssue[],
    readonly length: number,
  ) {
    if (issues.length > 0) this.issues = issues;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }
}

/**
 * What is the same for every line of a class lives on its prototype, not in 100,000 lines: the
 * kind, and the empty issue list (a line with issues has its own). Plain data properties, which
 * property loads find as fast as own fields.
 */
function onPrototype(target: object, values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
}
onPrototype(ParsedSetting.prototype, { kind: 'setting', issues: NO_ISSUES });
onPrototype(ParsedComment.prototype, { kind: 'comment', issues: NO_ISSUES });

/**
 * Blank lines without issues, shared by length: nothing about them changes, and a file of 100,000
 * lines has tens of thousands. parseFirstLine gives a blank first line with a BOM its own object.
 */
const BLANK_LINES: BlankLine[] = [];
const SHARED_BLANK_LENGTHS = 256;

function blankLine(length: number): BlankLine {
  if (length >= SHARED_BLANK_LENGTHS) return { kind: 'blank', issues: NO_ISSUES, length };
  return (BLANK_LINES[length] ??= Object.freeze({ kind: 'blank', issues: NO_ISSUES, length }) as BlankLine);
}

/** A setting line with its value trimmed out of `text` after the `=`; `dash` and `procpsKey` for a line after the ignore-errors `-`. */
function settingLine(text: string, key: KeyToken, equals: number, issues: LineIssue[], length: number, dashed?: { dash: Span; procpsKey: string }): SettingLine {
  const end = text.length;
  const from = skipSpace(text, equals + 1, end);
  const to = skipSpaceBack(text, from, end);
  const value = text.slice(from, to);
  return dashed ? new DashSetting(dashed.dash, dashed.procpsKey, key, equals, value, from, issues, length) : new ParsedSetting(key, equals, value, from, issues, length);
}

/**
 * The usual key, read in place: dotted, no `/`, no blank, no empty component. Such a key is its
 * own canonical form and has no issue, so nothing else needs working out. Returns whether it is a
 * glob, or undefined for any other key.
 */
function plainKey(text: string, from: number, to: number): boolean | undefined {
  if (from === to || text.charCodeAt(from) === 46 || text.charCodeAt(to - 1) === 46) return undefined;
  let isGlob = false;
  let previousDot = false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 47 /* / */ || isSpace(code)) return undefined;
    const dot = code === 46;
    if (dot && previousDot) return undefined;
    previousDot = dot;
    if (code === 42 /* * */ || code === 63 /* ? */ || code === 91 /* [ */) isGlob = true;
  }
  return isGlob;
}

function keyToken(text: string, start: number, end: number, issues: LineIssue[]): KeyToken {
  const from = skipSpace(text, start, end);
  const to = skipSpaceBack(text, from, end);
  const keyText = text.slice(from, to);
  const plainIsGlob = plainKey(text, from, to);
  if (plainIsGlob !== undefined) return plainIsGlob ? new PlainGlobKey(keyText, from) : new PlainKey(keyText, from);
  const shape = keyShape(keyText);
  if (keyText.length === 0) {
    // Mark at least one character: the `=` after the missing key, or the `-` of a bare `-` line.
    const markEnd = Math.max(end, start + 1);
    issues.push({ code: 'empty-key', span: markEnd <= text.length ? { start, end: markEnd } : { start: Math.max(0, start - 1), end: start } });
  } else {
    for (let i = 0; i < keyText.length; i++) {
      if (isSpace(keyText.charCodeAt(i))) {
        issues.push({ code: 'whitespace-in-key', span: { start: from, end: to } });
        break;
      }
    }
    if (shape.repeatedSeparator) issues.push({ code: 'repeated-separator', span: { start: from, end: to } });
    if (shape.parentComponent) issues.push({ code: 'parent-component', span: { start: from, end: to } });
  }
  return new ParsedKey(keyText, from, shape.canonical, shape.isGlob);
}

/**
 * Parses one line's content. Pure and linear; never throws. Line numbers are not part of the
 * result, so a line's parse stays valid when lines above it are inserted or removed.
 */
export function parseLine(raw: string, terminator: LineTerminator = '\n'): ParsedLine {
  const line = parseLineContent(raw, terminator);
  // Most lines have no issue: one shared empty list saves an array per line on big files.
  if (line.issues.length === 0 && line.issues !== NO_ISSUES) line.issues = NO_ISSUES;
  return line;
}

function parseLineContent(raw: string, terminator: LineTerminator): ParsedLine {
  const length = raw.length;
  const issues: LineIssue[] = [];
  // Both tools stop this line at a NUL: procps drops the rest, systemd starts a new line there.
  const nul = raw.indexOf('\0');
  const text = nul >= 0 ? raw.slice(0, nul) : raw;
  if (nul >= 0) issues.push({ code: 'nul', span: { start: nul, end: raw.length } });
  if (terminator === '\r') issues.push({ code: 'bare-cr', span: { start: raw.length, end: raw.length + 1 } });
  if (raw.length * 3 > SYSTEMD_MAX_LINE_BYTES && utf8Length(raw) > SYSTEMD_MAX_LINE_BYTES) {
    issues.push({ code: 'line-too-long', span: { start: 0, end: raw.length } });
  }

  const end = text.length;
  const first = skipSpace(text, 0, end);
  if (first === end) {
    for (let i = 0; i < end; i++) {
      if (isVerticalSpace(text.charCodeAt(i))) {
        issues.push({ code: 'form-feed-line', span: { start: 0, end } });
        break;
      }
    }
    return issues.length === 0 ? blankLine(length) : { kind: 'blank', issues, length };
  }

  const lead = text[first];
  if (lead === '#' || lead === ';') {
    if (lead === ';') issues.push({ code: 'semicolon-comment', span: { start: first, end: first + 1 } });
    const to = skipSpaceBack(text, first, end);
    return new ParsedComment(lead, first, to, text.slice(skipSpace(text, first + 1, to), to), issues, length);
  }

  const equals = text.indexOf('=', first);
  if (lead === '-') {
    const dash = { start: first, end: first + 1 };
    const next = first + 1 < end ? text.charCodeAt(first + 1) : -1;
    if (next !== -1 && isSpace(next)) issues.push({ code: 'space-after-dash', span: dash });
    if (next === 45 /* - */) issues.push({ code: 'double-dash', span: { start: first, end: first + 2 } });
    if (equals < 0) {
      const key = keyToken(text, first + 1, end, issues);
      if (key.isGlob) issues.push({ code: 'glob-exclusion', span: key.span });
      return { kind: 'exclusion', dash, key, issues, length };
    }
    const key = keyToken(text, first + 1, equals, issues);
    return settingLine(text, key, equals, issues, length, { dash, procpsKey: procpsKeyAfterDash(text, first + 1, equals) });
  }

  if (equals < 0) {
    const to = skipSpaceBack(text, first, end);
    issues.push({ code: 'missing-equals', span: { start: first, end: to } });
    return { kind: 'invalid', span: { start: first, end: to }, issues, length };
  }
  const key = keyToken(text, first, equals, issues);
  return settingLine(text, key, equals, issues, length);
}

/** procps 4 trims only the right side of the key after the dash, and drops one more `-` when it builds the path. */
function procpsKeyAfterDash(text: string, start: number, equals: number): string {
  const key = text.slice(start, skipSpaceBack(text, start, equals));
  return key.startsWith('-') ? key.slice(1) : key;
}
