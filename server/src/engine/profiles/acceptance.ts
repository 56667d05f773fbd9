import { parseNumberList } from '../values/kernelNumber';
import type { ResolvedAcceptance } from './types';

/** The value as the kernel reads one integer, or undefined when it is not one number. */
export function readSingleNumber(text: string): bigint | undefined {
  const parsed = parseNumberList(text);
  return parsed.ok && parsed.numbers.length === 1 ? parsed.numbers[0].value : undefined;
}

export function isAccepted(acceptance: ResolvedAcceptance, text: string): boolean {
  const value = readSingleNumber(text);
  if (value === undefined) return false;
  switch (acceptance.kind) {
    case 'set':
      return acceptance.values.some((v) => BigInt(v) === value);
    case 'range':
      return value >= BigInt(acceptance.min) && value <= BigInt(acceptance.max);
    case 'at-least':
      return value >= BigInt(acceptance.min);
  }
}

function orList(values: readonly number[]): string {
  return values.length === 1 ? String(values[0]) : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** `0`, `1 or 2`, `1, 2 or 3`, `at least 65536`: what the check accepts, for messages. */
export function describeAcceptance(acceptance: ResolvedAcceptance): string {
  switch (acceptance.kind) {
    case 'set':
      return orList([...acceptance.values].sort((a, b) => a - b));
    case 'range':
      return acceptance.max - acceptance.min <= 4
        ? orList(Array.from({ length: acceptance.max - acceptance.min + 1 }, (_, i) => acceptance.min + i))
        : `${acceptance.min} to ${acceptance.max}`;
    case 'at-least':
      return `at least ${acceptance.min}`;
  }
}

/** `= 0`, `= 1 or 2`, `>= 65536`: the requirement after a key name. */
export function requirementAfterKey(acceptance: ResolvedAcceptance): string {
  return acceptance.kind === 'at-least' ? `>= ${acceptance.min}` : `= ${describeAcceptance(acceptance)}`;
}

export function sameAcceptance(a: ResolvedAcceptance, b: ResolvedAcceptance): boolean {
  return describeAcceptance(a) === describeAcceptance(b);
}
