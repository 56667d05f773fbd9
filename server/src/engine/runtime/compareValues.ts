/**
 * Whether a value from a file is what the kernel runs, compared the way the kernel reads it:
 * numbers by value (`010` is octal 8, `0x10` is 16, as the proc handlers parse them), fields
 * separated by any whitespace, and a file that writes fewer fields than a vector holds changes
 * only the ones it writes. Text values compare with their whitespace runs collapsed.
 */

import { parseNumberList } from '../values/kernelNumber';

export type Comparison =
  | { kind: 'same' }
  | { kind: 'different' }
  /** The kernel would refuse the file's value (not a number where it runs one): other rules' business. */
  | { kind: 'not-comparable' };

function collapse(text: string): string {
  return text.trim().split(/\s+/).join(' ');
}

export function compareWithRunning(fileValue: string, running: string): Comparison {
  const runningNumbers = parseNumberList(running);
  if (runningNumbers.ok && runningNumbers.numbers.length > 0) {
    const written = parseNumberList(fileValue);
    if (!written.ok || written.numbers.length === 0 || written.numbers.length > runningNumbers.numbers.length) return { kind: 'not-comparable' };
    const same = written.numbers.every((n, i) => n.value === runningNumbers.numbers[i].value);
    return { kind: same ? 'same' : 'different' };
  }
  return { kind: collapse(fileValue) === collapse(running) ? 'same' : 'different' };
}
