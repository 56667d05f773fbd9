import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';
import { rememberOn } from './rememberOn';

/**
 * The JSON encoder of the stream transports, with one difference: each diagnostic of a
 * `publishDiagnostics` is serialised once and its text reused. A publish carries every diagnostic
 * of the file, and after a one-line edit nearly all of them are the same objects as before (the
 * server converts each finding once); stringifying thousands of them again per keystroke was the
 * largest cost of an edit. The bytes are exactly what JSON.stringify of the whole message gives.
 *
 * Diagnostic objects must not be changed after they are first published (the server never does).
 */
/** Where a diagnostic keeps its UTF-8 JSON. */
const BYTES = Symbol('utf8 json');

export function createMessageEncoder(): ContentTypeEncoder {
  /**
   * One buffer for the messages, grown to the largest: a publish of 10,000 diagnostics is 4 MB,
   * and allocating that outside the heap on every edit brings garbage collections forward. Safe to
   * overwrite because the stream writer encodes a message only after the previous one's write has
   * completed (its write lock covers encode and write).
   */
  let scratch = Buffer.allocUnsafeSlow(64 * 1024);
  const output = (size: number): Buffer => {
    if (scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.max(size, scratch.length * 2));
    return scratch.subarray(0, size);
  };
  // Kept on the diagnostic (JSON.stringify skips symbols): a property read per diagnostic and
  // publish instead of a WeakMap lookup.
  const diagnosticBytes = (diagnostic: object): Buffer => rememberOn(diagnostic, BYTES, () => Buffer.from(JSON.stringify(diagnostic), 'utf8'));
  return {
    name: 'application/json',
    encode: (message, options) => {
      try {
        return Promise.resolve(options.charset === 'utf-8' ? encodeMessage(message, diagnosticBytes, output) : Buffer.from(JSON.stringify(message), options.charset));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/** Stands in for the diagnostics in the frame; a uri that serialises the same way shows up as a second match. */
const PLACEHOLDER = '\u0000diagnostics\u0000';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);
const COMMA = Buffer.from(',');

/**
 * The message as UTF-8 JSON, byte for byte what JSON.stringify writes, with publishDiagnostics'
 * diagnostics taken from `diagnosticBytes`. The pieces are copied once into the result: building
 * one big string first and encoding it costs several times more.
 */
export function encodeMessage(message: Message, diagnosticBytes: (diagnostic: object) => Buffer, output: (size: number) => Buffer = (size) => Buffer.allocUnsafe(size)): Buffer {
  const notification = message as { method?: unknown; params?: { diagnostics?: unknown } };
  const diagnostics = notification.params?.diagnostics;
  if (notification.method !== 'textDocument/publishDiagnostics' || !Array.isArray(diagnostics) || !diagnostics.every(isPlainObject)) {
    return Buffer.from(JSON.stringify(message), 'utf8');
  }
  const frame = JSON.stringify({ ...message, params: { ...notification.params, diagnostics: PLACEHOLDER } });
  const at = frame.indexOf(PLACEHOLDER_JSON);
  // Not exactly one match (a uri made to look like the placeholder): take no shortcut.
  if (at < 0 || frame.indexOf(PLACEHOLDER_JSON, at + 1) >= 0) return Buffer.from(JSON.stringify(message), 'utf8');
  const pieces: Buffer[] = [Buffer.from(`${frame.slice(0, at)}[`, 'utf8')];
  for (let i = 0; i < diagnostics.length; i++) {
    if (i > 0) pieces.push(COMMA);
    pieces.push(diagnosticBytes(diagnostics[i]));
  }
  pieces.push(Buffer.from(`]${frame.slice(at + PLACEHOLDER_JSON.length)}`, 'utf8'));
  let size = 0;
  for (const piece of pieces) size += piece.length;
  const out = output(size);
  let offset = 0;
  for (const piece of pieces) offset += piece.copy(out, offset);
  return out;
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
