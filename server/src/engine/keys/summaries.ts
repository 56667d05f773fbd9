/**
 * One-sentence summaries of every key the kernel documents (and every key of the reference
 * machine), written in our own words: data/summaries/*.json. Per-interface keys are stored under
 * their `<ifname>` pattern, the form `matchKnownName` returns.
 */

import netIp from './data/summaries/net-ip.json';
import netOther from './data/summaries/net-other.json';
import other from './data/summaries/other.json';
import { matchKnownName } from './knownNames';

export type SummaryUnit =
  | 'seconds'
  | 'milliseconds'
  | 'microseconds'
  | 'nanoseconds'
  | 'jiffies'
  | 'bytes'
  | 'kibibytes'
  | 'pages'
  | 'packets'
  | 'entries'
  | 'percent'
  | 'count'
  | 'bitmask'
  | 'boolean'
  | 'mode'
  | 'path'
  | 'text';

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

const BY_NAME: ReadonlyMap<string, KeySummary> = new Map(
  ([netIp, netOther, other] as SummaryFile[]).flatMap((file) => Object.entries(file.keys)),
);

/** The summary of a canonical key name, directly or through its per-interface pattern. */
export function keySummary(name: string): KeySummary | undefined {
  const direct = BY_NAME.get(name);
  if (direct) return direct;
  const match = matchKnownName(name);
  return match?.kind === 'per-interface' ? BY_NAME.get(match.pattern) : undefined;
}

/** Every summarised name or pattern (for tests and completion). */
export function summarisedNames(): readonly string[] {
  return [...BY_NAME.keys()];
}
