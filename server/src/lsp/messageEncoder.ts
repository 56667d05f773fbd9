import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

/**
 * The JSON encoder of the stream transports, with one difference: a `publishDiagnostics` reuses the
 * bytes of the previous one. A publish carries every diagnostic of the file, and after a one-line
 * edit nearly all of them are the same objects as before (the server converts each finding once);
 * stringifying thousands of them again per keystroke was the largest cost of an edit. Runs of
 * diagnostics the previous publish had, in the same order, are copied from its message; the
 * others are serialised together, in one JSON.stringify per run (a file's first publish is one
 * run). The bytes are exactly what JSON.stringify of the whole message gives.
 *
 * Diagnostic objects must not be changed after they are first published (the server never does).
 */
export function createMessageEncoder(): ContentTypeEncoder {
  const documents = new Map<string, DocumentPublishes>();
  const encoders: PublishEncoders = {
    of: (uri) => {
      let publishes = documents.get(uri);
      if (!publishes) documents.set(uri, (publishes = new DocumentPublishes()));
      return publishes;
    },
    forget: (uri) => documents.delete(uri),
  };
  return {
    name: 'application/json',
    encode: (message, options) => {
      try {
        return Promise.resolve(options.charset === 'utf-8' ? encodeMessage(message, encoders) : Buffer.from(JSON.stringify(message), options.charset));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/**
 * Two buffers per document, grown to its largest publish and used in turn: the previous publish
 * stays intact to copy from while the next is written. A publish of 10,000 diagnostics is 4 MB,
 * and allocating that outside the heap on every edit brought collections forward. Reusing them is
 * safe because the stream writer encodes a message only after the previous one's write has
 * completed (its write lock covers encode and write). Per document, so that publishes of other
 * files in between (a sysctl.d file overrides lines of another) do not lose what a file's next
 * publish copies from; a document whose diagnostics are cleared (closed) is forgotten.
 */
class DocumentPublishes implements PublishEncoder {
  private readonly buffers = [Buffer.alloc(0), Buffer.alloc(0)];
  /** Where each diagnostic starts, beside each buffer; and the table one publish uses while it is encoded. */
  private readonly startTables = [new Int32Array(0), new Int32Array(0)];
  private scratchTable = new Int32Array(0);
  /** The buffer the previous publish is in (never written while it is), and the one last handed out. */
  private held = 1;
  private handedOut = 0;
  private last: PublishedBody | undefined;

  output(size: number): Buffer {
    this.handedOut = 1 - this.held;
    const buffer = this.buffers[this.handedOut];
    if (buffer.length < size) this.buffers[this.handedOut] = Buffer.allocUnsafeSlow(Math.max(size, buffer.length * 2));
    return this.buffers[this.handedOut].subarray(0, size);
  }

  /** After output(): the table of starts that goes with the buffer handed out. */
  starts(count: number): Int32Array {
    const table = this.startTables[this.handedOut];
    if (table.length < count) this.startTables[this.handedOut] = new Int32Array(Math.max(count, table.length * 2));
    return this.startTables[this.handedOut].subarray(0, count);
  }

  scratch(count: number): Int32Array {
    if (this.scratchTable.length < count) this.scratchTable = new Int32Array(Math.max(count, this.scratchTable.length * 2));
    return this.scratchTable.subarray(0, count);
  }

  previous(): PublishedBody | undefined {
    return this.last;
  }

  published(body: PublishedBody): void {
    this.last = body;
    this.held = this.handedOut;
  }
}

/** The diagnostics of a publish as they stand in its message: `d0,d1,…` and where each starts. */
export interface PublishedBody {
  diagnostics: readonly object[];
  body: Buffer;
  starts: Int32Array;
}

/** What encodeMessage uses per document, and forgets when a document's diagnostics are cleared. */
export interface PublishEncoders {
  of(uri: string): PublishEncoder;
  forget(uri: string): void;
}

/**
 * What encodePublish uses: where to write, and the document's previous publish. The tables are
 * reused from publish to publish (each edit's 10,000-entry tables, allocated outside the heap,
 * brought collections forward as the buffers did).
 */
export interface PublishEncoder {
  output(size: number): Buffer;
  /** Called after output(): kept with the publish, as its buffer is. */
  starts(count: number): Int32Array;
  /** Only for the publish being encoded. */
  scratch(count: number): Int32Array;
  previous(): PublishedBody | undefined;
  published(body: PublishedBody): void;
}

/** Stands in for the diagnostics in the frame; a uri that serialises the same way shows up as a second match. */
const PLACEHOLDER = '\u0000diagnostics\u0000';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);
const COMMA = 44;

/** The message as UTF-8 JSON, byte for byte what JSON.stringify writes. */
export function encodeMessage(message: Message, encoders: PublishEncoders): Buffer {
  const notification = message as { method?: unknown; params?: { uri?: unknown; diagnostics?: unknown } };
  const uri = notification.params?.uri;
  const diagnostics = notification.params?.diagnostics;
  if (notification.method !== 'textDocument/publishDiagnostics' || typeof uri !== 'string' || !Array.isArray(diagnostics)) {
    return Buffer.from(JSON.stringify(message), 'utf8');
  }
  if (diagnostics.length === 0 || !diagnostics.every(isPlainObject)) {
    encoders.forget(uri);
    return Buffer.from(JSON.stringify(message), 'utf8');
  }
  const frame = JSON.stringify({ ...message, params: { ...notification.params, diagnostics: PLACEHOLDER } });
  const at = frame.indexOf(PLACEHOLDER_JSON);
  // Not exactly one match (a uri made to look like the placeholder): take no shortcut.
  if (at < 0 || frame.indexOf(PLACEHOLDER_JSON, at + 1) >= 0) return Buffer.from(JSON.stringify(message), 'utf8');
  const head = Buffer.from(`${frame.slice(0, at)}[`, 'utf8');
  const tail = Buffer.from(`]${frame.slice(at + PLACEHOLDER_JSON.length)}`, 'utf8');
  return encodePublish(head, tail, diagnostics as object[], encoders.of(uri));
}

/**
 * At most this many diagnostics are serialised in one string: about 100 KB, which V8 allocates and
 * frees with its young objects. A 4 MB string goes to the large-object space, which only a full
 * collection empties, and the server's memory stayed that much higher after each first publish.
 */
const FRESH_RUN = 256;

/** Diagnostics [from, to) of the publish: copied from the previous one (whose `first` is `from`'s), or serialised afresh. */
type Run = { from: number; to: number; first: number; bytes: number } | { from: number; to: number; json: string; bytes: number };

/** Writes head, the diagnostics separated by commas, and tail, copying runs from the previous publish. */
function encodePublish(head: Buffer, tail: Buffer, diagnostics: readonly object[], encoder: PublishEncoder): Buffer {
  const count = diagnostics.length;
  const previous = encoder.previous();
  const inPrevious = previous ? positionsIn(previous.diagnostics, diagnostics, encoder.scratch(count)) : undefined;
  const runs: Run[] = [];
  let bodyLength = 0;
  for (let from = 0; from < count;) {
    let to = from + 1;
    if (previous && inPrevious && inPrevious[from] >= 0) {
      while (to < count && inPrevious[to] === inPrevious[to - 1] + 1) to++;
      const first = inPrevious[from];
      const bytes = endIn(previous, inPrevious[to - 1]) - previous.starts[first];
      runs.push({ from, to, first, bytes });
      bodyLength += bytes;
    } else {
      while (to < count && to - from < FRESH_RUN && !(inPrevious && inPrevious[to] >= 0)) to++;
      // One stringify for the run: the commas inside are its own, the brackets are dropped.
      const json = JSON.stringify(diagnostics.slice(from, to)).slice(1, -1);
      const bytes = Buffer.byteLength(json, 'utf8');
      runs.push({ from, to, json, bytes });
      bodyLength += bytes;
    }
    from = to;
  }
  bodyLength += Math.max(0, runs.length - 1);

  const out = encoder.output(head.length + bodyLength + tail.length);
  const bodyStart = head.copy(out, 0);
  const starts = encoder.starts(count);
  let position = bodyStart;
  for (const [k, run] of runs.entries()) {
    if (k > 0) out[position++] = COMMA;
    const offset = position - bodyStart;
    if ('first' in run && previous) {
      const shift = offset - previous.starts[run.first];
      for (let i = run.from; i < run.to; i++) starts[i] = previous.starts[run.first + i - run.from] + shift;
      previous.body.copy(out, position, previous.starts[run.first], previous.starts[run.first] + run.bytes);
    } else if ('json' in run) {
      out.write(run.json, position, run.bytes, 'utf8');
      findStarts(out, position, run, diagnostics, starts, offset);
    }
    position += run.bytes;
  }
  tail.copy(out, position);
  encoder.published({ diagnostics, body: out.subarray(bodyStart, bodyStart + bodyLength), starts });
  return out;
}

/**
 * Where each diagnostic of `next` stands in `previous`, or -1. The runs both publishes start and end
 * with are matched by position; the diagnostics between them through a map, built only when both
 * have some (an edit that moves lines makes new objects after it, which are not found).
 */
function positionsIn(previous: readonly object[], next: readonly object[], positions: Int32Array): Int32Array {
  const count = next.length;
  positions.fill(-1);
  let shared = 0;
  while (shared < count && shared < previous.length && next[shared] === previous[shared]) positions[shared] = shared++;
  let sharedEnd = 0;
  while (sharedEnd < count - shared && sharedEnd < previous.length - shared && next[count - 1 - sharedEnd] === previous[previous.length - 1 - sharedEnd]) {
    positions[count - 1 - sharedEnd] = previous.length - 1 - sharedEnd;
    sharedEnd++;
  }
  if (count - sharedEnd > shared && previous.length - sharedEnd > shared) {
    const earlier = new Map<object, number>();
    for (let j = previous.length - sharedEnd - 1; j >= shared; j--) earlier.set(previous[j], j);
    for (let i = shared; i < count - sharedEnd; i++) positions[i] = earlier.get(next[i]) ?? -1;
  }
  return positions;
}

/** Where the bytes of the previous publish's diagnostic `index` end. */
function endIn(previous: PublishedBody, index: number): number {
  return index + 1 < previous.starts.length ? previous.starts[index + 1] - 1 : previous.body.length;
}

/**
 * Fills in where each diagnostic of a run written afresh starts. Every boundary inside the run is
 * `},{"<key>":` when each diagnostic's first property is the same key with a value that is always
 * written; the bytes are searched for that (a string cannot hold it: its quotes are escaped), and
 * taken only when exactly one match per boundary is found. Otherwise each diagnostic is measured.
 */
function findStarts(out: Buffer, position: number, run: { from: number; to: number; bytes: number }, diagnostics: readonly object[], starts: Int32Array, offset: number): void {
  starts[run.from] = offset;
  if (run.to - run.from === 1) return;
  const key = sharedFirstKey(diagnostics, run.from, run.to);
  if (key !== undefined) {
    const boundary = Buffer.from(`},{${JSON.stringify(key)}:`, 'utf8');
    // Only the run's own bytes: past them the buffer holds an older message.
    const written = out.subarray(position, position + run.bytes);
    let i = run.from + 1;
    let at = written.indexOf(boundary);
    while (at >= 0 && i < run.to) {
      starts[i++] = at + 2 + offset;
      at = written.indexOf(boundary, at + 2);
    }
    if (i === run.to && at < 0) return;
  }
  let next = offset;
  for (let i = run.from; i < run.to; i++) {
    starts[i] = next;
    next += Buffer.byteLength(JSON.stringify(diagnostics[i]), 'utf8') + 1;
  }
}

/**
 * The first property of every diagnostic of [from, to), when it is the same and JSON.stringify
 * always writes it: a string, number or boolean, or a plain object without toJSON.
 */
function sharedFirstKey(diagnostics: readonly object[], from: number, to: number): string | undefined {
  let shared: string | undefined;
  for (let i = from; i < to; i++) {
    const diagnostic = diagnostics[i] as Record<string, unknown>;
    if (typeof diagnostic.toJSON === 'function') return undefined;
    let key: string | undefined;
    for (const name in diagnostic) {
      key = name;
      break;
    }
    if (key === undefined || (shared !== undefined && key !== shared) || !alwaysWritten(diagnostic[key])) return undefined;
    shared = key;
  }
  return shared;
}

function alwaysWritten(value: unknown): boolean {
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return true;
  return isPlainObject(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
