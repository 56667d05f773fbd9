import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Message } from 'vscode-languageserver/node';
import type { PublishEncoders } from '../../../server/src/lsp/messageEncoder';
import { createMessageEncoder, encodeMessage } from '../../../server/src/lsp/messageEncoder';

/** Remembers nothing between messages, and counts the publishes it takes the shortcut for. */
function plainEncoder(): PublishEncoders & { shortcuts: number } {
  const encoders = {
    shortcuts: 0,
    of: () => {
      encoders.shortcuts++;
      // Stale bytes in the output, as a reused buffer has: nothing may depend on them.
      return {
        output: (size: number) => Buffer.alloc(size, '},{"range":'),
        starts: (count: number) => new Int32Array(count).fill(-7),
        scratch: (count: number) => new Int32Array(count).fill(-7),
        previous: () => undefined,
        published: () => undefined,
      };
    },
    forget: () => undefined,
  };
  return encoders;
}

function publish(uri: string, diagnostics: unknown[], version?: number): Message {
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics } } as Message;
}

const diagnostic = (line: number, message: string) => ({
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  severity: 1,
  code: 'unknown-key',
  source: 'sysctl',
  message,
});

async function encode(encoder: ReturnType<typeof createMessageEncoder>, message: Message): Promise<string> {
  if (!('encode' in encoder)) throw new Error('a function encoder');
  return Buffer.from(await encoder.encode(message, { charset: 'utf-8' })).toString('utf8');
}

describe('message encoder (reused diagnostic JSON)', () => {
  it('writes exactly what JSON.stringify writes, for any publish', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.integer()), fc.array(fc.tuple(fc.nat(), fc.string()), { maxLength: 20 }), (uri, version, items) => {
        const message = publish(
          uri,
          items.map(([line, text]) => diagnostic(line, text)),
          version ?? undefined,
        );
        assert.equal(encodeMessage(message, plainEncoder()).toString('utf8'), JSON.stringify(message));
      }),
      { numRuns: 300 },
    );
    const unicode = publish('file:///tmp/na%C3%AFve.conf', [diagnostic(1, "Unknown key 'net.ipv4.conf.ключ.rp_filter' 🙂"), diagnostic(2, '\u2028 and "quotes"')], 7);
    assert.equal(encodeMessage(unicode, plainEncoder()).toString('utf8'), JSON.stringify(unicode));
  });

  it('leaves other messages and odd publishes to JSON.stringify', () => {
    const others: Message[] = [
      { jsonrpc: '2.0', id: 1, result: { capabilities: {} } } as Message,
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } } as Message,
      publish('file:///a', [diagnostic(0, 'a'), undefined, 3]),
      publish('file:///a', []),
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 7, diagnostics: [diagnostic(0, 'a')] } } as Message,
      publish('\u0000diagnostics\u0000', [diagnostic(0, 'a')]),
    ];
    const encoder = plainEncoder();
    for (const message of others) assert.equal(encodeMessage(message, encoder).toString('utf8'), JSON.stringify(message));
    assert.equal(encoder.shortcuts, 0, 'no shortcut for messages it cannot prove equal');
  });

  it('serialises a diagnostic object once across publishes', async () => {
    const encoder = createMessageEncoder();
    const kept = diagnostic(4, 'kept');
    const first = publish('file:///a.conf', [kept, diagnostic(5, 'first')], 1);
    assert.equal(await encode(encoder, first), JSON.stringify(first));
    // Had the encoder serialised `kept` again, the change below would show; it must not (diagnostics are immutable once sent).
    kept.message = 'changed behind its back';
    const text = await encode(encoder, publish('file:///a.conf', [diagnostic(3, 'new'), kept], 2));
    assert.match(text, /"message":"kept"/);
  });

  it('keeps what it copies from per document: a publish of another file in between costs nothing', async () => {
    const encoder = createMessageEncoder();
    const kept = diagnostic(4, 'kept');
    assert.equal(await encode(encoder, publish('file:///a.conf', [diagnostic(1, 'a'), kept], 1)), JSON.stringify(publish('file:///a.conf', [diagnostic(1, 'a'), kept], 1)));
    const other = publish('file:///b.conf', [diagnostic(2, 'b')], 1);
    assert.equal(await encode(encoder, other), JSON.stringify(other));
    kept.message = 'changed behind its back';
    assert.match(await encode(encoder, publish('file:///a.conf', [diagnostic(0, 'new'), kept], 2)), /"message":"kept"/);
    // Cleared (the file was closed): nothing of it is kept, so a reopened file is serialised afresh.
    await encode(encoder, publish('file:///a.conf', [], 3));
    assert.match(await encode(encoder, publish('file:///a.conf', [kept], 4)), /"message":"changed behind its back"/);
  });

  it('finds where each diagnostic starts in a run serialised at once, whatever the diagnostics hold (property)', async () => {
    // Odd diagnostics: another first key, a first value JSON.stringify leaves out, nested objects
    // that start with the same key, and text that looks like a boundary.
    const odd = fc.oneof(
      fc.string().map((text) => diagnostic(1, text)),
      fc.string().map((text) => diagnostic(2, `},{"range":{"start":${text}`)),
      fc.constant({ severity: 1, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'order' }),
      fc.constant({ range: undefined, message: 'no range' }),
      fc.constant({ range: { toJSON: () => undefined }, message: 'range leaves' }),
      fc.constant({ range: 'text', message: 'a string range' }),
      fc.string().map((text) => ({ ...diagnostic(3, 'nested'), relatedInformation: [{ range: { text } }, { range: 1 }] })),
      fc.constant({ 2: 'two', 1: 'one', range: {} }),
    );
    const step = fc.record({
      keepStart: fc.nat({ max: 12 }),
      keepEnd: fc.nat({ max: 12 }),
      fresh: fc.array(odd, { maxLength: 8 }),
      // Diagnostics of earlier publishes brought back in the middle, as a change far away does.
      back: fc.array(fc.nat(), { maxLength: 4 }),
      otherUri: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 15 }), async (steps) => {
        const encoder = createMessageEncoder();
        let last: object[] = [];
        const seen: object[] = [];
        for (const [version, s] of steps.entries()) {
          const start = last.slice(0, Math.min(s.keepStart, last.length));
          const end = last.slice(Math.max(start.length, last.length - s.keepEnd));
          const back = seen.length > 0 ? s.back.map((k) => seen[k % seen.length]) : [];
          const next = [...start, ...(s.fresh as object[]), ...back, ...end];
          const message = publish('file:///odd.conf', next, version);
          assert.equal(await encode(encoder, message), JSON.stringify(message));
          seen.push(...(s.fresh as object[]));
          last = next;
          if (s.otherUri) {
            const elsewhere = publish('file:///other.conf', [...last.slice(0, 3), diagnostic(9, 'o')], version);
            assert.equal(await encode(encoder, elsewhere), JSON.stringify(elsewhere));
          }
        }
      }),
      { numRuns: 400, seed: 2026 },
    );
  });

  it('a publish longer than one serialised run, and a change inside it, equal JSON.stringify', async () => {
    const encoder = createMessageEncoder();
    const many: object[] = Array.from({ length: 1000 }, (_, i) => (i % 97 === 0 ? { message: 'first key differs', range: {} } : diagnostic(i, `m${i} ✓`)));
    const first = publish('file:///long.conf', many, 1);
    assert.equal(await encode(encoder, first), JSON.stringify(first));
    const changed = [...many.slice(0, 300), diagnostic(300, 'changed'), ...many.slice(301, 700), ...many.slice(702)];
    const second = publish('file:///long.conf', changed, 2);
    assert.equal(await encode(encoder, second), JSON.stringify(second));
    const third = publish('file:///long.conf', [diagnostic(0, 'top'), ...changed.slice(1, 600).reverse(), ...changed.slice(600)], 3);
    assert.equal(await encode(encoder, third), JSON.stringify(third));
  });

  it('publish after publish, sharing runs of the same diagnostic objects, equals JSON.stringify (property)', async () => {
    // A pool of diagnostics; each publish keeps a run at the start and one at the end of the last
    // and replaces the middle, as an edit does; now and then another uri or another message.
    const step = fc.record({
      keepStart: fc.nat({ max: 30 }),
      keepEnd: fc.nat({ max: 30 }),
      fresh: fc.array(fc.tuple(fc.nat({ max: 500 }), fc.string({ maxLength: 12 })), { maxLength: 6 }),
      other: fc.constantFrom('none', 'none', 'none', 'log', 'otherUri'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const encoder = createMessageEncoder();
        let last: object[] = [];
        for (const [version, s] of steps.entries()) {
          const start = last.slice(0, Math.min(s.keepStart, last.length));
          const end = last.slice(Math.max(start.length, last.length - s.keepEnd));
          const next = [...start, ...s.fresh.map(([line, text]) => diagnostic(line, text)), ...end];
          const message = publish('file:///edit.conf', next, version);
          assert.equal(await encode(encoder, message), JSON.stringify(message));
          last = next;
          if (s.other === 'log') {
            const log = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } } as Message;
            assert.equal(await encode(encoder, log), JSON.stringify(log));
          } else if (s.other === 'otherUri') {
            const elsewhere = publish('file:///other.conf', [diagnostic(1, 'o'), ...last.slice(0, 2)], 1);
            assert.equal(await encode(encoder, elsewhere), JSON.stringify(elsewhere));
          }
        }
      }),
      { numRuns: 300, seed: 1606 },
    );
  });
});
