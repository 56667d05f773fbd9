/**
 * Small formatting helpers for hover and completion texts: durations, byte counts, units and
 * bounds, and a lenient reader for the numbers the kernel would parse. Pure; no I/O.
 */

import { resolveBound } from '../keys/database';
import type { Bound, IntegerWidth, OutOfRange, ValueUnit } from '../keys/types';
import { WIDTH_BOUNDS } from '../values/widths';
import type { PointerBits } from '../sizing/architecture';
import { formatBytes } from '../sizing/size';
import { parseNumberList } from '../values/kernelNumber';

const DURATION_UNITS: ReadonlyArray<readonly [number, string]> = [
  [86400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

function plural(count: number | bigint, word: string): string {
  return `${count} ${word}${count === 1 || count === 1n ? '' : 's'}`;
}

/**
 * Whole seconds in days, hours, minutes and seconds, largest first and without zero parts:
 * 432000 → "5 days", 7875 → "2 hours 11 minutes 15 seconds", -60 → "minus 1 minute".
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) throw new RangeError(`formatDuration needs a finite number, got ${seconds}`);
  if (seconds < 0) return `minus ${formatDuration(-seconds)}`;
  let rest = Math.floor(seconds);
  if (rest === 0) return '0 seconds';
  const parts: string[] = [];
  for (const [size, word] of DURATION_UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(plural(count, word));
    rest -= count * size;
  }
  return parts.join(' ');
}

/** Milliseconds as a duration: 250 → "250 ms", 1000 → "1 second", 1500 → "1.5 seconds". */
export function formatMilliseconds(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`formatMilliseconds needs a finite number, got ${ms}`);
  if (Math.abs(ms) < 1000) return `${ms} ms`;
  if (ms % 1000 === 0) return formatDuration(ms / 1000);
  return `${ms / 1000} seconds`;
}

const BINARY_UNITS: ReadonlyArray<readonly [bigint, string]> = [
  [1024n ** 5n, 'PiB'],
  [1024n ** 4n, 'TiB'],
  [1024n ** 3n, 'GiB'],
  [1024n ** 2n, 'MiB'],
  [1024n, 'KiB'],
];

/**
 * A byte count in binary units, exact when it is a whole number of the largest unit that fits
 * (212992 → "208 KiB", 33554432 → "32 MiB"), otherwise rounded with "about" (2304 → "about 2.3 KiB").
 * Below 1 KiB: "512 bytes".
 */
export function formatByteCount(bytes: number | bigint): string {
  const value = typeof bytes === 'bigint' ? bytes : BigInt(Math.trunc(bytes));
  if (value < 0n) return `minus ${formatByteCount(-value)}`;
  for (const [size, unit] of BINARY_UNITS) {
    if (value < size) continue;
    if (value % size === 0n) return `${value / size} ${unit}`;
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? `about ${formatBytes(Number(value))}` : `about ${value / size} ${unit}`;
  }
  return plural(value, 'byte');
}

/** What a number of this unit counts, for the "Type" line. */
export function unitPhrase(unit: ValueUnit): string {
  switch (unit) {
    case 'entries':
      return 'a count of entries (connections), not bytes';
    case 'buckets':
      return 'a count of hash buckets, not bytes';
    case 'expectations':
      return 'a count of expectations, not bytes';
    case 'seconds':
      return 'seconds';
    case 'milliseconds':
      return 'milliseconds';
    case 'bytes':
      return 'bytes';
    case 'packets':
      return 'a count of packets';
    case 'connections':
      return 'a count of connections';
    case 'requests':
      return 'a count of connection requests';
    case 'sockets':
      return 'a count of sockets';
    case 'probes':
      return 'a count of probes';
    case 'files':
      return 'a count of file handles';
    case 'file-descriptors':
      return 'a count of file descriptors';
    case 'port':
      return 'a port number';
    case 'protocol-number':
      return 'an IP protocol number';
    case 'count':
      return 'a count';
  }
}

/** Short unit word after a number: "432000 seconds", "65536 entries". */
export function unitWord(unit: ValueUnit, count: bigint): string {
  const one = count === 1n || count === -1n;
  switch (unit) {
    case 'entries':
      return one ? 'entry' : 'entries';
    case 'buckets':
      return one ? 'bucket' : 'buckets';
    case 'expectations':
      return one ? 'expectation' : 'expectations';
    case 'seconds':
      return one ? 'second' : 'seconds';
    case 'milliseconds':
      return 'ms';
    case 'bytes':
      return one ? 'byte' : 'bytes';
    case 'packets':
      return one ? 'packet' : 'packets';
    case 'connections':
      return one ? 'connection' : 'connections';
    case 'requests':
      return one ? 'request' : 'requests';
    case 'sockets':
      return one ? 'socket' : 'sockets';
    case 'probes':
      return one ? 'probe' : 'probes';
    case 'files':
      return one ? 'file handle' : 'file handles';
    case 'file-descriptors':
      return one ? 'file descriptor' : 'file descriptors';
    case 'port':
      return '(port)';
    case 'protocol-number':
      return '(IP protocol number)';
    case 'count':
      return '';
  }
}

const WIDTH_NAME: Readonly<Record<IntegerWidth, string>> = {
  u8: 'u8',
  int: 'int',
  uint: 'unsigned int',
  long: 'long',
  ulong: 'unsigned long',
};

export function widthName(width: IntegerWidth): string {
  return WIDTH_NAME[width];
}

/** A bound as a number, followed by its symbolic name when it has one: "2147483647 (INT_MAX)". */
export function formatBound(bound: Bound, bits: PointerBits): string {
  if (typeof bound === 'number') return String(bound);
  if (bound === 'INT_MAX/HZ' || bound === '-INT_MAX/HZ') {
    const sign = bound.startsWith('-') ? '-' : '';
    return `${sign}INT_MAX/HZ (${sign}${resolveBound('INT_MAX/HZ', { hz: 1000 })} at HZ=1000, ${sign}${resolveBound('INT_MAX/HZ', { hz: 250 })} at HZ=250)`;
  }
  return `${resolveBound(bound, { bits })} (${bound})`;
}

/** "0 to 2147483647 (INT_MAX)", or the storage width's range when a side is open. */
export function formatRange(min: Bound | undefined, max: Bound | undefined, width: IntegerWidth, bits: PointerBits): string {
  const [widthMin, widthMax] = WIDTH_BOUNDS[width];
  if (min === '-INT_MAX/HZ' && max === 'INT_MAX/HZ') {
    return `magnitude up to INT_MAX/HZ seconds (${resolveBound('INT_MAX/HZ', { hz: 1000 })} at HZ=1000, ${resolveBound('INT_MAX/HZ', { hz: 250 })} at HZ=250); zero and negative values are accepted`;
  }
  if (min === undefined && max === undefined) {
    return `no range check: any ${WIDTH_NAME[width]} (${formatBound(widthMin, bits)} to ${formatBound(widthMax, bits)})`;
  }
  return `${formatBound(min ?? widthMin, bits)} to ${formatBound(max ?? widthMax, bits)}`;
}

export function outOfRangePhrase(outOfRange: OutOfRange): string {
  switch (outOfRange) {
    case 'einval':
      return 'anything outside is refused (EINVAL)';
    case 'accepted':
      return 'values outside are stored as written';
    case 'ignored':
      return 'values outside are silently ignored while sysctl reports success';
  }
}

/** One number as the kernel's proc handlers read it. */
export interface ReadNumber {
  value: bigint;
  text: string;
  base: 8 | 10 | 16;
}

export type ReadNumbersResult = { ok: true; numbers: ReadNumber[] } | { ok: false; token: string };

/**
 * The whitespace-separated numbers of a value with the kernel's base detection (`0x` hex, a
 * leading `0` octal), read by the same reader the rules use. Fails on the first token the kernel
 * would refuse, naming that token.
 */
export function readNumbers(text: string): ReadNumbersResult {
  const parsed = parseNumberList(text);
  if (!parsed.ok) return { ok: false, token: /^\S*/.exec(text.slice(parsed.start))![0] };
  return { ok: true, numbers: parsed.numbers.map(({ value, text: written, base }) => ({ value, text: written, base })) };
}

/** Host of a documentation URL, for link labels. */
export function linkLabel(url: string): string {
  const host = /^https?:\/\/([^/]+)/.exec(url)?.[1] ?? url;
  return host === 'docs.kernel.org' ? 'Kernel documentation (docs.kernel.org)' : `Documentation (${host})`;
}
