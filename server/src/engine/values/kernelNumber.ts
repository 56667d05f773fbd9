/**
 * Numbers as the kernel's proc handlers read them: base detection like strtoul (`0x` hex, a
 * leading `0` octal), an optional `-`, and whitespace between numbers. Anything else is EINVAL.
 */

export interface KernelNumber {
  /** Saturates at SATURATED: no kernel field is wider than 64 bits, and a longer run of digits must not cost quadratic time. */
  value: bigint;
  /** The text as written, e.g. `010`. */
  text: string;
  /** Columns relative to the value's start. */
  start: number;
  end: number;
  base: 8 | 10 | 16;
}

export type NumberListResult = { ok: true; numbers: KernelNumber[] } | { ok: false; reason: string; start: number; end: number };

const WHITESPACE = /\s/;

/** Far above every field the kernel has (64 bits at most): a number this large compares the same as any larger one. */
export const SATURATED = 1n << 128n;

function digitValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return 99;
}

function parseOne(text: string, start: number): { number: KernelNumber; next: number } | { reason: string; end: number } {
  let i = start;
  let negative = false;
  if (text[i] === '+') return { reason: "a leading '+' is not accepted", end: i + 1 };
  if (text[i] === '-') {
    negative = true;
    i++;
  }
  let base: 8 | 10 | 16 = 10;
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && digitValue(text[i + 2] ?? '') < 16) {
    base = 16;
    i += 2;
  } else if (text[i] === '0' && i + 1 < text.length && digitValue(text[i + 1]) < 10) {
    base = 8;
    i += 1;
  }
  const digitsStart = i;
  let value = 0n;
  while (i < text.length && digitValue(text[i]) < base) {
    if (value < SATURATED) value = value * BigInt(base) + BigInt(digitValue(text[i]));
    i++;
  }
  if (i === digitsStart && base !== 8) {
    let end = i;
    while (end < text.length && !WHITESPACE.test(text[end])) end++;
    return { reason: 'not a number', end: Math.max(end, start + 1) };
  }
  if (i < text.length && !WHITESPACE.test(text[i])) {
    let end = i;
    while (end < text.length && !WHITESPACE.test(text[end])) end++;
    const what =
      text[i] === '.' ? 'a decimal point' : base === 8 && digitValue(text[i]) < 10 ? `the digit '${text[i]}' in an octal number` : `'${text.slice(i, end)}' after the number`;
    return { reason: `${what} is not accepted`, end };
  }
  return { number: { value: negative ? -value : value, text: text.slice(start, i), start, end: i, base }, next: i };
}

/**
 * The numbers the kernel stores from a value: those before any text it stops at (a `# comment`
 * after the value is part of it, and the kernel ignores what follows the numbers it reads).
 */
export function leadingNumbers(text: string): KernelNumber[] {
  const parsed = parseNumberList(text);
  if (parsed.ok) return parsed.numbers;
  const prefix = parseNumberList(text.slice(0, parsed.start));
  return prefix.ok ? prefix.numbers : [];
}

/** Every whitespace-separated number of a value, or the first place the kernel would refuse. */
export function parseNumberList(text: string): NumberListResult {
  const numbers: KernelNumber[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && WHITESPACE.test(text[i])) i++;
    if (i >= text.length) return { ok: true, numbers };
    const parsed = parseOne(text, i);
    if ('reason' in parsed) return { ok: false, reason: parsed.reason, start: i, end: parsed.end };
    numbers.push(parsed.number);
    i = parsed.next;
  }
}
