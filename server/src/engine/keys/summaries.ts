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

let byName: ReadonlyMap<string, KeySummary> | undefined;

/**
 * The summaries by name, loaded on first use: only hover and completion need them, and building
 * them costs about 20 ms that a CLI run or a server's first diagnostics need not wait for.
 */
function summaries(): ReadonlyMap<string, KeySummary> {
  if (!byName) {
    // A require inside the function is what keeps the bundled JSON from being evaluated at startup.
    const files = [require('./data/summaries/net-ip.json'), require('./data/summaries/net-other.json'), require('./data/summaries/other.json')] as SummaryFile[];
    byName = new Map(files.flatMap((file) => Object.entries(file.keys)));
  }
  return byName;
}

/** The summary of a canonical key name, directly or through its per-interface pattern. */
export function keySummary(name: string): KeySummary | undefined {
  return remember(name, 'summary', summaryUncached);
}

function summaryUncached(name: string): KeySummary | undefined {
  const BY_NAME = summaries();
  const direct = BY_NAME.get(name);
  if (direct) return direct;
  const match = matchKnownName(name);
  return match?.kind === 'per-interface' ? BY_NAME.get(match.pattern) : undefined;
}

/** Every summarised name or pattern (for tests and completion). */
export function summarisedNames(): readonly string[] {
  return [...summaries().keys()];
}
