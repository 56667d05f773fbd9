import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';
import { rememberOn } from './rememberOn';

/** Where a diagnostic keeps its UTF-8 JSON. */
const BYTES = Symbol('utf8 json');

/**
 * The JSON encoder of the stream transports, with one difference: each diagnostic of a
 * `publishDiagnostics` is serialised once and its bytes reused. A publish carries every diagnostic
 * of the file, and after a one-line edit nearly all of them are the same objects as before (the
 * server converts each finding once); stringifying thousands of them again per keystroke was the
 * largest cost of an edit. The runs of diagnostics a publish shares with the previous one at its
 * start and end are copied from that message in one piece. The bytes are exactly what
 * JSON.stringify of the whole message gives.
 *
 * Diagnostic objects must not be changed after they are first published (the server never does).
 */
export function createMessageEncoder(): ContentTypeEncoder {
  /**
   * Two buffers for publishes, grown to the largest, used in turn: the previous message stays
   * intact to copy from while the next is written. A publish of 10,000 diagnostics is 4 MB, and
   * allocating that outside the heap on every edit brought collections forward. Reusing them is
   * safe because the stream writer encodes a message only after the previous one's write has
   * completed (its write lock covers encode and write).
   */
  const buffers = [Buffer.allocUnsafeSlow(64 * 1024), Buffer.allocUnsafeSlow(64 * 1024)];
  /** The buffer the previous publish is in (never written while it is), and the one last handed out. */
  let held = 1;
  let handedOut = 0;
  let previous: PublishedBody | undefined;
  const encoder: PublishEncoder = {
    bytesOf: (diagnostic) => rememberOn(diagnostic, BYTES, () => Buffer.from(JSON.stringify(diagnostic), 'utf8')),
    output: (size) => {
      handedOut = 1 - held;
      if (buffers[handedOut].length < size) buffers[handedOut] = Buffer.allocUnsafeSlow(Math.max(size, buffers[handedOut].length * 2));
      return buffers[handedOut].subarray(0, size);
    },
    previous: () => previous,
    published: (body) => {
      previous = body;
      held = handedOut;
    },
  };
  return {
    name: 'application/json',
    encode: (message, options) => {
      try {
        return Promise.resolve(options.charset === 'utf-8' ? encodeMessage(message, encoder) : Buffer.from(JSON.stringify(message), options.charset));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/** The diagnostics of a publish as they stand in its message: `d0,d1,…` and where each starts. */
export interface PublishedBody {
  diagnostics: readonly object[];
  body: Buffer;
  starts: Int32Array;
}

/** What encodeMessage uses: every diagnostic's bytes, where to write, and the previous publish. */
export interface PublishEncoder {
  bytesOf(diagnostic: object): Buffer;
  output(size: number): Buffer;
  previous(): PublishedBody | undefined;
  published(body: PublishedBody): void;
}

/** Stands in for the diagnostics in the frame; a uri that serialises the same way shows up as a second match. */
const PLACEHOLDER = '\u0000diagnostics\u0000';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);
const COMMA = 44;

/** The message as UTF-8 JSON, byte for byte what JSON.stringify writes. */
export function encodeMessage(message: Message, encoder: PublishEncoder): Buffer {
  const notification = message as { method?: unknown; params?: { diagnostics?: unknown } };
  const diagnostics = notification.params?.diagnostics;
  if (notification.method !== 'textDocument/publishDiagnostics' || !Array.isArray(diagnostics) || !diagnostics.every(isPlainObject)) {
    return Buffer.from(JSON.stringify(message), 'utf8');
  }
  const frame = JSON.stringify({ ...message, params: { ...notification.params, diagnostics: PLACEHOLDER } });
  const at = frame.indexOf(PLACEHOLDER_JSON);
  // Not exactly one match (a uri made to look like the placeholder): take no shortcut.
  if (at < 0 || frame.indexOf(PLACEHOLDER_JSON, at + 1) >= 0) return Buffer.from(JSON.stringify(message), 'utf8');
  const head = Buffer.from(`${frame.slice(0, at)}[`, 'utf8');
  const tail = Buffer.from(`]${frame.slice(at + PLACEHOLDER_JSON.length)}`, 'utf8');
  return encodePublish(head, tail, diagnostics as object[], encoder);
}

/** Writes head, the diagnostics separated by commas, and tail, copying shared runs from the previous publish. */
function encodePublish(head: Buffer, tail: Buffer, diagnostics: readonly object[], encoder: PublishEncoder): Buffer {
  const count = diagnostics.length;
  const previous = encoder.previous();
  const before = previous?.diagnostics ?? [];
  // The runs at the start and the end that are the very same objects as last time.
  let shared = 0;
  while (shared < count && shared < before.length && diagnostics[shared] === before[shared]) shared++;
  let sharedEnd = 0;
  while (sharedEnd < count - shared && sharedEnd < before.length - shared && diagnostics[count - 1 - sharedEnd] === before[before.length - 1 - sharedEnd]) sharedEnd++;

  let bodyLength = count > 0 ? count - 1 : 0;
  for (let i = 0; i < count; i++) bodyLength += encoder.bytesOf(diagnostics[i]).length;
  const out = encoder.output(head.length + bodyLength + tail.length);
  let position = head.copy(out, 0);
  const bodyStart = position;
  const starts = new Int32Array(count);

  if (shared > 0 && previous) {
    const runEnd = previous.starts[shared - 1] + encoder.bytesOf(before[shared - 1]).length;
    previous.body.copy(out, position, 0, runEnd);
    for (let i = 0; i < shared; i++) starts[i] = previous.starts[i];
    position += runEnd;
  }
  for (let i = shared; i < count - sharedEnd; i++) {
    if (i > 0) out[position++] = COMMA;
    starts[i] = position - bodyStart;
    position += encoder.bytesOf(diagnostics[i]).copy(out, position);
  }
  if (sharedEnd > 0 && previous) {
    if (count - sharedEnd > 0) out[position++] = COMMA;
    const runStart = previous.starts[before.length - sharedEnd];
    const shift = position - bodyStart - runStart;
    for (let k = 0; k < sharedEnd; k++) starts[count - sharedEnd + k] = previous.starts[before.length - sharedEnd + k] + shift;
    position += previous.body.copy(out, position, runStart);
  }
  tail.copy(out, position);
  encoder.published({ diagnostics, body: out.subarray(bodyStart, bodyStart + bodyLength), starts });
  return out;
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
