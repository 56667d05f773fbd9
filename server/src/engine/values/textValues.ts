/**
 * Checks of values that are text rather than numbers: names the kernel must have registered
 * (congestion control, loggers), port and message-type bitmaps (`1,2,10-20`), and TCP Fast Open
 * keys. Errors only where every kernel refuses the write.
 */

import { findNameValueSpec } from '../keys/nameValues';
import { utf8Length } from '../text/lines';

export type TextFormat =
  /** proc_do_large_bitmap: comma-separated numbers and ranges below `bits`. */
  | { readonly kind: 'bitmap'; readonly bits: number }
  | { readonly kind: 'names' }
  /** net.ipv4.tcp_fastopen_key: one or two keys of four dash-separated hex words. */
  | { readonly kind: 'fastopen-key' }
  /** A CPU mask in hex (comma-separated 32-bit groups allowed); which bits exist depends on the machine. */
  | { readonly kind: 'cpumask' }
  /** Text in a fixed buffer: the kernel keeps its first `bufferBytes - 1` bytes and reports success. */
  | ({ readonly kind: 'bounded' } & TextBuffer);

/** A text key's buffer, and how to stay within it. */
interface TextBuffer {
  readonly bufferBytes: number;
  readonly shorten: string;
}

export function textFormatOf(name: string, kind: string | undefined, bits: number | undefined): TextFormat | undefined {
  if (findNameValueSpec(name)) return { kind: 'names' };
  if (name === 'net.ipv4.tcp_fastopen_key') return { kind: 'fastopen-key' };
  if (CPU_MASKS.has(name)) return { kind: 'cpumask' };
  const buffer = TEXT_BUFFERS.get(name);
  if (buffer !== undefined) return { kind: 'bounded', ...buffer };
  if (kind === 'bitmap' && bits) return { kind: 'bitmap', bits };
  return undefined;
}

/**
 * Text keys whose buffer silently cuts a longer write (_proc_do_string copies at most maxlen - 1
 * bytes and succeeds). Buffer sizes from the linux-source-6.12 tables.
 */
const NAME = 'Shorten it.';
const COMMAND = 'Shorten it: a wrapper script can take the arguments.';
const TEXT_BUFFERS: ReadonlyMap<string, TextBuffer> = new Map([
  ['kernel.core_pattern', { bufferBytes: 128, shorten: COMMAND }], // CORENAME_MAX_SIZE (include/linux/binfmts.h)
  ['kernel.hostname', { bufferBytes: 65, shorten: NAME }], // __NEW_UTS_LEN + 1 (kernel/utsname_sysctl.c)
  ['kernel.domainname', { bufferBytes: 65, shorten: NAME }],
  ['kernel.modprobe', { bufferBytes: 256, shorten: COMMAND }], // KMOD_PATH_LEN (include/linux/kmod.h)
  ['kernel.poweroff_cmd', { bufferBytes: 256, shorten: COMMAND }], // POWEROFF_CMD_PATH_LEN (kernel/reboot.c)
]);

/** Keys written as hex CPU masks (bitmap_parse), e.g. net.core.rps_default_mask = f. */
const CPU_MASKS: ReadonlySet<string> = new Set(['net.core.rps_default_mask']);

/** A number as strtoul with base 0 reads it (hex, octal with a leading 0, decimal), whole or not at all. */
function parseUnsigned(text: string): bigint | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return BigInt(text);
  if (/^0[0-7]+$/.test(text)) return BigInt('0o' + text.slice(1));
  if (/^(?:0|[1-9][0-9]*)$/.test(text)) return BigInt(text);
  return undefined;
}

/** Why the kernel refuses `value` for a key of this format, or undefined when it accepts it. */
export function textValueProblem(name: string, format: TextFormat, value: string): string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  switch (format.kind) {
    case 'names': {
      const spec = findNameValueSpec(name)!;
      return spec.names.includes(text)
        ? undefined
        : `no mainline kernel registers a ${spec.what} named '${text}', so the write is refused (ENOENT) unless an out-of-tree module provides it. Mainline names: ${spec.names.join(', ')}.`;
    }
    case 'fastopen-key': {
      const word = '(?:0[xX])?[0-9a-fA-F]{1,8}';
      const key = `${word}-${word}-${word}-${word}`;
      return new RegExp(`^${key}(?:,${key})?$`).test(text)
        ? undefined
        : `a TCP Fast Open key is four dash-separated hex words (e.g. 00000000-00000000-00000000-00000000), optionally a second key after a comma; '${text}' is refused (EINVAL).`;
    }
    case 'bounded': {
      const kept = format.bufferBytes - 1;
      const bytes = utf8Length(text);
      return bytes > kept
        ? `the kernel keeps only the first ${kept} bytes of the value and reports success, so this ${bytes}-byte value is cut short. ${format.shorten}`
        : undefined;
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
        if (a >= BigInt(format.bits) || b >= BigInt(format.bits))
          return `${b >= BigInt(format.bits) ? b : a} is beyond the last entry (${format.bits - 1}); the write is refused (EINVAL).`;
        if (a > b) return `the range ${part} runs backwards; the write is refused (EINVAL).`;
      }
      return undefined;
  }
}
