import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Message } from 'vscode-languageserver/node';
import { createMessageEncoder, encodeMessage } from '../../../server/src/lsp/messageEncoder';

const plainJson = (diagnostic: object) => Buffer.from(JSON.stringify(diagnostic), 'utf8');

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

describe('message encoder (reused diagnostic JSON)', () => {
  it('writes exactly what JSON.stringify writes, for any publish', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.integer()), fc.array(fc.tuple(fc.nat(), fc.string()), { maxLength: 20 }), (uri, version, items) => {
        const message = publish(
          uri,
          items.map(([line, text]) => diagnostic(line, text)),
          version ?? undefined,
        );
        assert.equal(encodeMessage(message, plainJson).toString('utf8'), JSON.stringify(message));
      }),
      { numRuns: 300 },
    );
    const unicode = publish('file:///tmp/na%C3%AFve.conf', [diagnostic(1, "Unknown key 'net.ipv4.conf.ключ.rp_filter' 🙂"), diagnostic(2, '\u2028 and "quotes"')], 7);
    assert.equal(encodeMessage(unicode, plainJson).toString('utf8'), JSON.stringify(unicode));
  });

  it('leaves other messages and odd publishes to JSON.stringify', () => {
    const others: Message[] = [
      { jsonrpc: '2.0', id: 1, result: { capabilities: {} } } as Message,
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } } as Message,
      publish('file:///a', [diagnostic(0, 'a'), undefined, 3]),
      publish('\u0000diagnostics\u0000', [diagnostic(0, 'a')]),
    ];
    let calls = 0;
    const counting = (d: object) => (calls++, plainJson(d));
    for (const message of others) assert.equal(encodeMessage(message, counting).toString('utf8'), JSON.stringify(message));
    assert.equal(calls, 0, 'no shortcut for messages it cannot prove equal');
  });

  it('serialises a diagnostic object once across publishes', async () => {
    const encoder = createMessageEncoder();
    if (!('encode' in encoder)) throw new Error('a function encoder');
    const kept = diagnostic(4, 'kept');
    const first = publish('file:///a.conf', [kept, diagnostic(5, 'first')], 1);
    const bytes = await encoder.encode(first, { charset: 'utf-8' });
    assert.equal(Buffer.from(bytes).toString('utf8'), JSON.stringify(first));
    // Had the encoder serialised `kept` again, the change below would show; it must not (diagnostics are immutable once sent).
    kept.message = 'changed behind its back';
    const second = publish('file:///a.conf', [kept], 2);
    const text = Buffer.from(await encoder.encode(second, { charset: 'utf-8' })).toString('utf8');
    assert.match(text, /"message":"kept"/);
    assert.deepEqual(JSON.parse(text).params.diagnostics[0].range, kept.range);
  });
});
