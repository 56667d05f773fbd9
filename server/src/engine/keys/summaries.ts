/**
 * One-sentence summaries of every key the kernel documents (and every key of the reference
 * machine), written in our own words: data/summaries/*.json. Per-interface keys are stored under
 * their `<ifname>` pattern, the form `matchKnownName` returns.
 */

import { matchKnownName } from './knownNames';
import { remember } from './nameMemo';

/** Units a summary may name: the contract of data/summaries/*.json. */
export const SUMMARY_UNITS = [
  'seconds',
  'milliseconds',
  'microseconds',
  'nanoseconds',
  'centiseconds',
  'jiffies',
  'bytes',
  'kibibytes',
  'pages',
  'packets',
  'entries',
  'percent',
  'count',
  'bitmask',
  'boolean',
  'mode',
  'path',
  'text',
] as const;

export type SummaryUnit = (typeof SUMMARY_UNITS)[number];

export interface KeySummary {
  readonly summary: string;
  readonly unit?: SummaryUnit;
  /** Documented meanings of particular values, e.g. `{"0": "off"}`. */
  readonly values?: Readonly<Record<string, string>>;
  /** Every meaningful value is listed: any other is accepted (or not) but means nothing. */
  readonly valuesExhaustive?: boolean;
}

interface SummaryFile {
  readonly keys: Readonly<Record<string, KeySummary>>;
}

let netByName: ReadonlyMap<string, KeySummary> | undefined;
let otherByName: ReadonlyMap<string, KeySummary> | undefined;

function byNameOf(files: readonly SummaryFile[]): ReadonlyMap<string, KeySummary> {
  return new Map(files.flatMap((file) => Object.entries(file.keys)));
}

/**
 * The summaries in two parts, `net.*` keys and all others, each loaded on first use: building them
 * costs a few ms that a short CLI run need not pay, and a file without `net.*` keys never needs the
 * two larger files. A require inside the function is what keeps the bundled JSON from being
 * evaluated at startup.
 */
function netSummaries(): ReadonlyMap<string, KeySummary> {
  netByName ??= byNameOf([require('./data/summaries/net-ip.json'), require('./data/summaries/net-other.json')] as SummaryFile[]);
  return netByName;
}

function otherSummaries(): ReadonlyMap<string, KeySummary> {
  otherByName ??= byNameOf([require('./data/summaries/other.json')] as SummaryFile[]);
  return otherByName;
}

/** The part that holds `name`'s summary, if any. */
function summariesFor(name: string): ReadonlyMap<string, KeySummary> {
  return name.startsWith('net.') ? netSummaries() : otherSummaries();
}

/** The summary of a canonical key name, directly or through its per-interface pattern. */
export function keySummary(name: string): KeySummary | undefined {
  return remember(name, 'summary', summaryUncached);
}

function summaryUncached(name: string): KeySummary | undefined {
  const BY_NAME = summariesFor(name);
  const direct = BY_NAME.get(name);
  if (direct) return direct;
  const match = matchKnownName(name);
  return match?.kind === 'per-interface' ? BY_NAME.get(match.pattern) : undefined;
}

/** Every summarised name or pattern (for tests and completion). */
export function summarisedNames(): readonly string[] {
  return [...netSummaries().keys(), ...otherSummaries().keys()];
}
