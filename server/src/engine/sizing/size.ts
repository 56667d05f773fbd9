/**
 * Memory sizes as users write them ("48G", "49521980 kB") and as we print them ("47.2 GiB").
 *
 * Sizes are plain `number`s of bytes: every integer up to 2^53 - 1 (8 PiB) is exact, which covers
 * any real machine with room to spare, and it keeps the arithmetic simple for callers. Parsing
 * refuses anything larger instead of rounding.
 */

export type SizeResult = { ok: true; value: number } | { ok: false; error: string };

/** Largest byte count that stays exact as a number (8 PiB - 1). */
export const MAX_EXACT_BYTES = Number.MAX_SAFE_INTEGER;

const KIB = 1024n;

/**
 * All units are binary. `kB` means KiB because that is what /proc/meminfo prints; the bare letters
 * are the shorthand of `free -h`, `ls -h` and the kernel command line.
 */
const UNIT_BYTES: ReadonlyMap<string, bigint> = new Map([
  ['', 1n],
  ['k', KIB],
  ['kb', KIB],
  ['kib', KIB],
  ['m', KIB ** 2n],
  ['mib', KIB ** 2n],
  ['g', KIB ** 3n],
  ['gib', KIB ** 3n],
  ['t', KIB ** 4n],
  ['tib', KIB ** 4n],
]);

/** Decimal-looking units whose meaning (10^6 or 2^20?) differs between tools, so we refuse them. */
const AMBIGUOUS_UNITS: ReadonlySet<string> = new Set(['mb', 'gb', 'tb']);

const ACCEPTED_FORMS =
  'Accepted forms: plain bytes (51539607552), 49521980 kB or 49521980kB (kB = KiB, as in /proc/meminfo), ' +
  '64K / 64KiB, 512M / 512MiB, 48G / 48GiB, 1T / 1TiB. Units are binary (G = GiB); ' +
  'a decimal point is allowed when the result is a whole number of bytes (1.5G).';

const SIZE_PATTERN = /^(\d+)(?:\.(\d+))?\s*([a-z]*)$/i;

export function parseSize(text: string): SizeResult {
  const trimmed = text.trim();
  const fail = (reason: string): SizeResult => ({ ok: false, error: `${reason} ${ACCEPTED_FORMS}` });
  if (trimmed === '') return fail('No memory size given.');
  if (trimmed.startsWith('-')) return fail(`Memory size "${trimmed}" is negative.`);

  const match = SIZE_PATTERN.exec(trimmed);
  if (!match) return fail(`Cannot read "${trimmed}" as a memory size.`);
  const [, wholeDigits, fractionDigits = '', unitText] = match;
  const unit = unitText.toLowerCase();
  if (AMBIGUOUS_UNITS.has(unit)) {
    return fail(`Unit "${unitText}" in "${trimmed}" is ambiguous (decimal or binary?); write ${unitText[0].toUpperCase()}iB or ${unitText[0].toUpperCase()}.`);
  }
  const unitBytes = UNIT_BYTES.get(unit);
  if (unitBytes === undefined) return fail(`Unknown unit "${unitText}" in "${trimmed}".`);

  // Exact decimal arithmetic: value = digits / 10^fractionLength * unit.
  const scale = 10n ** BigInt(fractionDigits.length);
  const scaledBytes = BigInt(wholeDigits + fractionDigits) * unitBytes;
  if (scaledBytes % scale !== 0n) return fail(`Memory size "${trimmed}" is not a whole number of bytes.`);
  const bytes = scaledBytes / scale;
  if (bytes === 0n) return fail(`Memory size "${trimmed}" is zero.`);
  if (bytes > BigInt(MAX_EXACT_BYTES)) return fail(`Memory size "${trimmed}" is too large (limit 8 PiB).`);
  return { ok: true, value: Number(bytes) };
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Bytes as a binary-unit string with one decimal, e.g. 50710507520 -> "47.2 GiB"; below 1 KiB "512 B". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`formatBytes needs a non-negative byte count, got ${bytes}`);
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let unitIndex = Math.min(Math.floor(Math.log2(bytes) / 10), BINARY_UNITS.length - 1);
  let rounded = Math.round((bytes / 1024 ** unitIndex) * 10) / 10;
  // 1023.96 MiB would print as "1024.0 MiB"; move up a unit instead.
  if (rounded >= 1024 && unitIndex < BINARY_UNITS.length - 1) {
    unitIndex += 1;
    rounded = Math.round((bytes / 1024 ** unitIndex) * 10) / 10;
  }
  return `${rounded.toFixed(1)} ${BINARY_UNITS[unitIndex]}`;
}
