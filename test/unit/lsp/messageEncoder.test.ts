import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Message } from 'vscode-languageserver/node';
import type { PublishEncoder } from '../../../server/src/lsp/messageEncoder';
import { createMessageEncoder, encodeMessage } from '../../../server/src/lsp/messageEncoder';

/** Serialises every diagnostic afresh and remembers nothing between messages. */
function plainEncoder(): PublishEncoder & { serialised: number } {
  const encoder = {
    serialised: 0,
    bytesOf: (diagnostic: object) => (encoder.serialised++, Buffer.from(JSON.stringify(diagnostic), 'utf8')),
    output: (size: number) => Buffer.allocUnsafe(size),
    previous: () => undefined,
    published: () => undefined,
  };
  return encoder;
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
      publish('\u0000diagnostics\u0000', [diagnostic(0, 'a')]),
    ];
    const encoder = plainEncoder();
    for (const message of others) assert.equal(encodeMessage(message, encoder).toString('utf8'), JSON.stringify(message));
    assert.equal(encoder.serialised, 0, 'no shortcut for messages it cannot prove equal');
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
