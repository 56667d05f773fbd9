/**
 * Checks of values that are text rather than numbers: names the kernel must have registered
 * (congestion control, loggers), port and message-type bitmaps (`1,2,10-20`), and TCP Fast Open
 * keys. Errors only where every kernel refuses the write.
 */

import { findNameValueSpec } from '../keys/nameValues';

export type TextFormat =
  /** proc_do_large_bitmap: comma-separated numbers and ranges below `bits`. */
  | { readonly kind: 'bitmap'; readonly bits: number }
  | { readonly kind: 'names' }
  /** net.ipv4.tcp_fastopen_key: one or two keys of four dash-separated hex words. */
  | { readonly kind: 'fastopen-key' }
  /** A CPU mask in hex (comma-separated 32-bit groups allowed); which bits exist depends on the machine. */
  | { readonly kind: 'cpumask' };

export function textFormatOf(name: string, kind: string | undefined, bits: number | undefined): TextFormat | undefined {
  if (findNameValueSpec(name)) return { kind: 'names' };
  if (name === 'net.ipv4.tcp_fastopen_key') return { kind: 'fastopen-key' };
  if (CPU_MASKS.has(name)) return { kind: 'cpumask' };
  if (kind === 'bitmap' && bits) return { kind: 'bitmap', bits };
  return undefined;
}

/** Keys written as hex CPU masks (bitmap_parse), e.g. net.core.rps_default_mask = f. */
const CPU_MASKS: ReadonlySet<string> = new Set(['net.core.rps_default_mask']);

const NUMBER = /^(?:0[xX][0-9a-fA-F]+|[0-9]+)$/;

function parseUnsigned(text: string): bigint | undefined {
  if (!NUMBER.test(text)) return undefined;
  return text.startsWith('0') && text.length > 1 && !/^0[xX]/.test(text) ? BigInt('0o' + text.slice(1)) : BigInt(text);
}

/** Why the kernel refuses `value` for a key of this format, or undefined when it accepts it. */
export function textValueProblem(name: string, format: TextFormat, value: string): string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  switch (format.kind) {
    case 'names': {
      const spec = findNameValueSpec(name)!;
      return spec.names.includes(text) ? undefined : `no kernel registers a ${spec.what} named '${text}', so the write is refused (ENOENT). Known names: ${spec.names.join(', ')}.`;
    }
    case 'fastopen-key': {
      const word = '(?:0[xX])?[0-9a-fA-F]{1,8}';
      const key = `${word}-${word}-${word}-${word}`;
      return new RegExp(`^${key}(?:,${key})?$`).test(text)
        ? undefined
        : `a TCP Fast Open key is four dash-separated hex words (e.g. 00000000-00000000-00000000-00000000), optionally a second key after a comma; '${text}' is refused (EINVAL).`;
    }
    case 'cpumask':
      // Only the syntax is checked: whether a bit is beyond the machine's CPUs depends on the machine.
      return /^[0-9a-fA-F,]+$/.test(text) ? undefined : `a CPU mask is written in hex digits without 0x (e.g. f or ff,ffffffff); '${text}' is refused (EINVAL).`;
    case 'bitmap':
      for (const part of text.split(',')) {
        const [from, to, extra] = part.split('-');
        const a = parseUnsigned(from ?? '');
        const b = to === undefined ? a : parseUnsigned(to);
        if (extra !== undefined || a === undefined || b === undefined) {
          return `'${part}' is not a number or a range (N or N-M, comma-separated); the write is refused (EINVAL).`;
        }
        if (a >= BigInt(format.bits) || b >= BigInt(format.bits)) return `${b >= BigInt(format.bits) ? b : a} is beyond the last entry (${format.bits - 1}); the write is refused (EINVAL).`;
        if (a > b) return `the range ${part} runs backwards; the write is refused (EINVAL).`;
      }
      return undefined;
  }
}
