import type { Span } from '../text/position';

export type LineKind = 'blank' | 'comment' | 'setting' | 'exclusion' | 'invalid';

/**
 * Facts about a line that matter to one of the tools: syntax errors, and places where procps and
 * systemd-sysctl would read the same bytes differently. Rules decide what to report.
 */
export type LineIssueCode =
  /** Neither `=` nor a leading `-`: procps ignores it, systemd ignores it and fails the run. */
  | 'missing-equals'
  /** `= value` or `- = value`: always fails when applied. */
  | 'empty-key'
  /** `- key = v`: systemd sets `key`, procps looks up ` key` and fails. */
  | 'space-after-dash'
  /** `--key = v`: procps sets `key`, systemd looks up `-key` and fails. */
  | 'double-dash'
  /** `;` comment: a comment up to systemd 258, a setting or invalid line from systemd 259. */
  | 'semicolon-comment'
  /** NUL byte: procps drops the rest of the line, systemd starts a new line there. */
  | 'nul'
  /** Lone CR line break: systemd and editors see two lines, procps sees one. */
  | 'bare-cr'
  /** UTF-8 byte order mark: both tools make it part of the first key. */
  | 'bom'
  /** Over 1 MiB: systemd stops reading the file here. */
  | 'line-too-long'
  /** Whitespace inside the key: no kernel key contains it. */
  | 'whitespace-in-key'
  /** A `..` component: systemd refuses the key, procps resolves it. */
  | 'parent-component'
  /** `a..b` or `a//b`: systemd collapses them silently, procps warns. */
  | 'repeated-separator'
  /** A glob used as an exclusion: honoured by procps 4.0.5 and later, ignored by systemd. */
  | 'glob-exclusion'
  /** A line of only vertical tab or form feed: blank to procps, not an assignment to systemd. */
  | 'form-feed-line';

export interface LineIssue {
  code: LineIssueCode;
  span: Span;
}

export interface KeyToken {
  /** The key as written: trimmed, without the ignore-errors `-`. */
  readonly text: string;
  /** Where the key is in the line (also as `start` and `end`). */
  readonly span: Span;
  readonly start: number;
  readonly end: number;
  /** Procps' dotted display form of the systemd path; the spelling used for lookups. */
  readonly canonical: string;
  /** Path below /proc/sys after systemd's normalisation. */
  readonly path: string;
  readonly isGlob: boolean;
}

export interface ValueToken {
  /** The value trimmed at both ends; inner whitespace, `#`, `;` and `=` are part of it. */
  readonly text: string;
  readonly span: Span;
  readonly start: number;
  readonly end: number;
}

interface LineBase {
  issues: LineIssue[];
  /** Length of the line's text without its terminator, in UTF-16 units. */
  length: number;
}

export interface BlankLine extends LineBase {
  kind: 'blank';
}

export interface CommentLine extends LineBase {
  kind: 'comment';
  marker: '#' | ';';
  span: Span;
  /** Comment text after the marker, trimmed; where suppression directives live. */
  body: string;
}

export interface SettingLine extends LineBase {
  kind: 'setting';
  /** A leading `-`: write failures are not errors. */
  ignoreErrors: boolean;
  dash?: Span;
  key: KeyToken;
  /** Column of the first `=`. */
  equals: number;
  value: ValueToken;
  /** The key procps 4 resolves, which differs from `key.text` after `- ` or `--`. */
  procpsKey: string;
  /**
   * A setting line is its own entry in its document's index (see rules/documentIndex), so that an
   * index of 100,000 settings needs no object per setting: where that index last put it (-1 before
   * any; only the index writes it), the line itself, and the variable it writes, its own canonical
   * name (the index keeps another entry for an alias or legacy name).
   */
  lineNumber: number;
  readonly line: SettingLine;
  readonly target: string;
}

export interface ExclusionLine extends LineBase {
  kind: 'exclusion';
  dash: Span;
  key: KeyToken;
}

export interface InvalidLine extends LineBase {
  kind: 'invalid';
  span: Span;
}

export type ParsedLine = BlankLine | CommentLine | SettingLine | ExclusionLine | InvalidLine;

export interface ParsedDocument {
  lines: ParsedLine[];
  /** The line ending inserted lines should use: the file's first one, LF for a one-line file. */
  eol: '\n' | '\r\n' | '\r';
  /** Whether the last line is terminated; edits keep the file as it was. */
  endsWithNewline: boolean;
}
