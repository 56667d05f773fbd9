/**
 * "Never break" for the language server over its real stdio transport: thousands of random
 * incremental edits end in exactly the diagnostics of a fresh analysis, cancelled requests leave
 * the server healthy, and garbage on stdin never puts anything but protocol on stdout.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { CancellationTokenSource, CompletionRequest, ErrorCodes, HoverRequest, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, Hover, MarkupContent, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, parseDocument } from '../../server/src/engine';
import { hoverAt } from '../../server/src/engine/hover';
import { readSettings } from '../../server/src/lsp/settings';
import { TestClient } from '../helpers/lspClient';
import { SERVER_BIN } from '../helpers/paths';
import { createRandom } from '../helpers/random';

const SEED = Number(process.env.SERVER_FUZZ_SEED ?? 0x5e4e7);
const EDITS = 10_000;
const CHECKPOINTS = 10;

const OPTIONS = {
  diagnosticsDelayMs: 0,
  // The server's hover must equal the engine's: no running value from this machine appended.
  runtime: { source: 'off' },
  kernelVersion: '5.4',
  sizing: { memTotal: '8GiB', architecture: 'x86_64' },
  rules: { 'duplicate-key': 'error', 'conntrack-boot-order': 'off' },
};
const SETTINGS = readSettings(OPTIONS);

const FRAGMENTS = [
  'net.netfilter.nf_conntrack_max = 65536\n',
  'net.netfilter.nf_conntrack_buckets = 1024\n',
  'net.nf_conntrack_max = 5\n',
  'net.core.somaxconn = 70000\r\n',
  'net.ipv4.tcp_syncookies = 0\n',
  'net.ipv4.tcp_max_syn_backlog = 128\n',
  'net.ipv4.ip_local_port_range = 60000 1024\n',
  'net.ipv4.tcp_rmem = 8192 4096 1024\n',
  'net.ipv4.tcp_tw_recycle = 1\n',
  'kernel.pid_max = 99999999999999999999999\n',
  'vm.swapiness = 1\n',
  '# sysctl-lint-disable-next-line unknown-key\n',
  '# sysctl-lint-disable-next-line\n',
  '; old\n',
  'bad line\n',
  '- vm.swappiness = 1\n',
  '--vm.swappiness = 1\n',
  '-net.ipv4.conf.*.rp_filter\n',
  'net.ipv4.tcp_syncookies = 1 # on\n',
  '\r\n',
  '\n',
  '\r',
  '\n',
  '=',
  '1',
  '0',
  '9',
  ' ',
  '.',
  '/',
  '\t',
  '\0',
  '\u2028',
  '\u0085',
  '\v',
  '\f',
  '\uFEFF',
  'é',
  '😀',
  '#',
  '-',
  '',
];

type Random = ReturnType<typeof createRandom>;
const pick = <T>(r: Random, items: readonly T[]): T => items[r.int(items.length)];

/** A random change against the current text: mostly well-formed, sometimes clamped or reversed like a sloppy client's. */
function randomChange(r: Random, doc: TextDocument): TextDocumentContentChangeEvent {
  const text = doc.getText();
  const big = text.length > 2500;
  const start = r.int(text.length + 1);
  const span = big ? r.int(600) : r.int(30);
  const end = Math.min(text.length, start + (r.next() < 0.5 ? 0 : span));
  let insert = '';
  if (!big || r.next() < 0.3) for (let n = r.int(4); n > 0; n--) insert += pick(r, FRAGMENTS);
  let range = { start: doc.positionAt(start), end: doc.positionAt(end) };
  const roll = r.next();
  if (roll < 0.01)
    range = { start: range.end, end: range.start }; // reversed
  else if (roll < 0.02)
    range = { start: { line: range.start.line, character: range.start.character + 500 }, end: { line: range.end.line, character: range.end.character + 500 } }; // past the line
  else if (roll < 0.025) range = { start: { line: doc.lineCount + 3, character: 2 }, end: { line: doc.lineCount + 9, character: 0 } }; // past the end
  if (r.next() < 0.002) return { text: insert + text.slice(0, 200) }; // a full replacement now and then
  return { range, text: insert };
}

function expectedDiagnostics(text: string) {
  return analyze(parseDocument(text), SETTINGS).map((f) => ({ code: f.ruleId, severity: f.severity, range: f.range, message: f.message }));
}

const SEVERITY = ['', 'error', 'warning', 'info'];
function actualDiagnostics(diagnostics: Diagnostic[]) {
  return diagnostics.map((d) => ({ code: d.code, severity: SEVERITY[d.severity ?? 0], range: d.range, message: d.message }));
}

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

/** No stack frame, no `Error:` dump: what a crash would print. */
const STACK_TRACE = /\n\s+at .+:\d+:\d+|^\s+at .+:\d+:\d+/m;

describe(`language server under random edits, cancellation and garbage (seed ${SEED}; replay with SERVER_FUZZ_SEED=${SEED})`, function () {
  this.timeout(120_000);

  it(`${EDITS} random incremental edits end in the diagnostics of a fresh analysis, and hover still answers`, async () => {
    const client = await TestClient.start({ initializationOptions: OPTIONS });
    try {
      const uri = 'file:///robustness/not-a-tree/edits.conf';
      const initial = FRAGMENTS.slice(0, 20).join('');
      let reference = TextDocument.create(uri, 'sysctl', 1, initial);
      await client.open(uri, initial, 1);
      const r = createRandom(SEED);
      let version = 1;
      let sent = 0;
      while (sent < EDITS) {
        // One to five changes per notification, each against the text the previous one left.
        const changes: TextDocumentContentChangeEvent[] = [];
        for (let n = 1 + r.int(5); n > 0 && sent < EDITS; n--, sent++) {
          const change = randomChange(r, reference);
          changes.push(change);
          reference = TextDocument.update(reference, [change], version + 1);
        }
        version++;
        await client.change(uri, version, changes);
        if (sent % (EDITS / CHECKPOINTS) < changes.length || sent === EDITS) {
          const { diagnostics } = await client.waitForDiagnostics(uri, version, 30_000);
          assert.deepEqual(
            actualDiagnostics(diagnostics),
            expectedDiagnostics(reference.getText()),
            `diagnostics after ${sent} edits (version ${version}) differ from a fresh analysis of ${JSON.stringify(reference.getText().slice(0, 300))}`,
          );
        }
      }

      // A known key at the end: the server's hover is the engine's hover of the same text.
      const last = reference.lineCount - 1;
      const tail = { line: last, character: reference.getText().length - reference.offsetAt({ line: last, character: 0 }) };
      const change = { range: { start: tail, end: tail }, text: '\nnet.netfilter.nf_conntrack_max = 65536\n' };
      reference = TextDocument.update(reference, [change], ++version);
      await client.change(uri, version, [change]);
      const { diagnostics } = await client.waitForDiagnostics(uri, version, 30_000);
      assert.deepEqual(actualDiagnostics(diagnostics), expectedDiagnostics(reference.getText()));
      const position = { line: reference.lineCount - 2, character: 20 };
      const expected = hoverAt(parseDocument(reference.getText()), position, SETTINGS);
      assert.ok(expected && expected.markdown.includes('nf_conntrack_max'), 'the engine documents the key');
      const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover | null;
      assert.equal(markdown(hover), expected.markdown);
      assert.deepEqual(client.protocolErrors, []);
      assert.doesNotMatch(client.stderr, STACK_TRACE);
    } finally {
      await client.stop();
    }
  });

  it('cancelled hover and completion requests leave the server answering correctly', async function () {
    const client = await TestClient.start({ initializationOptions: OPTIONS });
    try {
      const uri = 'file:///robustness/not-a-tree/cancel.conf';
      const text = 'net.netfilter.nf_conntrack_max = 65536\nnet.ipv4.\nvm.swappiness = 10\n';
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, 1);
      // Keep the server busy checking another file, so requests and their cancellations queue up.
      const busy = Array.from({ length: 600 }, (_, i) => `vendor${i}.tuning.queue_depth_${i}_limit = 1`).join('\n');
      await client.open('file:///robustness/not-a-tree/busy.conf', busy);
      const r = createRandom(SEED ^ 0xcca);
      const outcomes = { answered: 0, cancelled: 0 };
      const requests: Promise<void>[] = [];
      for (let i = 0; i < 200; i++) {
        const source = new CancellationTokenSource();
        const position = { line: r.int(3), character: r.int(40) };
        const request =
          i % 2 === 0
            ? client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }, source.token)
            : client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }, source.token);
        // Cancel at once, after the message left, or a little later: whichever the server sees first.
        const when = i % 4;
        if (when === 0) source.cancel();
        else if (when === 1) queueMicrotask(() => source.cancel());
        else if (when === 2) setImmediate(() => source.cancel());
        else setTimeout(() => source.cancel(), r.int(3));
        requests.push(
          (request as Promise<unknown>).then(
            () => void outcomes.answered++,
            (error: unknown) => {
              assert.ok(error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled, `a cancelled request fails only as cancelled: ${String(error)}`);
              outcomes.cancelled++;
            },
          ),
        );
      }
      // Cancelling requests that do not exist (never sent, or long answered) is ignored.
      for (const id of [987654, 'no-such-request', 1]) await client.connection.sendNotification('$/cancelRequest', { id });
      await Promise.all(requests);
      assert.equal(outcomes.answered + outcomes.cancelled, 200);
      this.test!.title += ` [${outcomes.cancelled} cancelled, ${outcomes.answered} answered first]`;

      // Still healthy: a hover answers with the engine's documentation, an edit is still checked.
      const position = { line: 0, character: 20 };
      const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover | null;
      assert.equal(markdown(hover), hoverAt(parseDocument(text), position, SETTINGS)!.markdown);
      await client.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } }, text: 'broken' }]);
      const { diagnostics } = await client.waitForDiagnostics(uri, 2);
      assert.ok(diagnostics.some((d) => d.code === 'syntax-error' && d.range.start.line === 1));
      assert.deepEqual(client.protocolErrors, []);
      assert.doesNotMatch(client.stderr, STACK_TRACE);
    } finally {
      await client.stop();
    }
  });

  describe('garbage on stdin', () => {
    const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const INITIALIZE = frame(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { diagnosticsDelayMs: 0 } },
      }),
    );
    const OPEN = frame(
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'textDocument/didOpen',
        params: { textDocument: { uri: 'file:///g.conf', languageId: 'sysctl', version: 1, text: 'vm.swappiness = 10\n' } },
      }),
    );
    const HOVER = (id: number) =>
      frame(JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///g.conf' }, position: { line: 0, character: 3 } } }));
    const SHUTDOWN = frame(JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'shutdown' }));

    interface Outcome {
      messages: Array<Record<string, unknown>>;
      stderr: string;
      exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
      exitedBeforeStdinClosed: boolean;
    }

    /**
     * Every byte of stdout must be a framed JSON-RPC message; returns them. A partial frame at the
     * end, a header without Content-Length or a body that is not JSON fails the test.
     */
    function parseFrames(stdout: Buffer): Array<Record<string, unknown>> {
      const messages: Array<Record<string, unknown>> = [];
      let at = 0;
      while (at < stdout.length) {
        const headerEnd = stdout.indexOf('\r\n\r\n', at);
        assert.ok(headerEnd >= 0, `stdout holds bytes that are not a message header: ${JSON.stringify(stdout.subarray(at, at + 200).toString())}`);
        const header = stdout.subarray(at, headerEnd).toString('ascii');
        const match = /^Content-Length: (\d+)(\r\nContent-Type: [^\r\n]+)?$/.exec(header);
        assert.ok(match, `not an LSP header on stdout: ${JSON.stringify(header.slice(0, 200))}`);
        const start = headerEnd + 4;
        const end = start + Number(match[1]);
        assert.ok(end <= stdout.length, 'a message on stdout is cut short');
        const message = JSON.parse(stdout.subarray(start, end).toString('utf8')) as Record<string, unknown>;
        assert.equal(message.jsonrpc, '2.0');
        assert.doesNotMatch(JSON.stringify(message), /\\n\s+at .+:\d+:\d+/, 'no stack trace inside a message');
        messages.push(message);
        at = end;
      }
      return messages;
    }

    /** Waits for the answer to request `id` before writing on. */
    const answerTo = (id: number) => ({ id });

    /** Writes the chunks, gives the server time to answer or exit, then closes stdin; it must end. */
    async function feed(chunks: Array<string | Buffer | { id: number } | { sleepMs: number }>, settleMs = 1500): Promise<Outcome> {
      const child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const stdout: Buffer[] = [];
      let stderr = '';
      let exit: Outcome['exit'];
      let stdinClosed = false;
      let exitedBeforeStdinClosed = false;
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdin.on('error', () => undefined); // the server may be gone already (EPIPE)
      const exited = new Promise<void>((resolve) =>
        child.on('exit', (code, signal) => {
          exit = { code, signal };
          exitedBeforeStdinClosed = !stdinClosed;
          resolve();
        }),
      );
      for (const chunk of chunks) {
        if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) {
          child.stdin.write(chunk);
          continue;
        }
        if ('sleepMs' in chunk) {
          await new Promise((resolve) => setTimeout(resolve, chunk.sleepMs));
          continue;
        }
        const deadline = Date.now() + 10_000;
        while (!Buffer.concat(stdout).toString().includes(`"id":${chunk.id},`) && Date.now() < deadline && !exit) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, settleMs))]);
      stdinClosed = true;
      child.stdin.end();
      const ended = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000))]);
      if (!ended) child.kill('SIGKILL');
      assert.ok(ended, 'the server must exit when its stdin closes');
      await new Promise((resolve) => setImmediate(resolve));
      return { messages: parseFrames(Buffer.concat(stdout)), stderr, exit, exitedBeforeStdinClosed };
    }

    const answered = (outcome: Outcome, id: number) => outcome.messages.find((m) => m.id === id);

    it('a body that is not JSON is skipped: the server keeps serving', async () => {
      const outcome = await feed([INITIALIZE, OPEN, frame('{not json'), frame('\u0000\u0001garbage'), HOVER(2), SHUTDOWN, answerTo(99)], 100);
      assert.ok(answered(outcome, 2) && 'result' in answered(outcome, 2)!, 'the hover after the garbage is answered');
      assert.ok(answered(outcome, 99), 'shutdown is answered');
      assert.equal(outcome.exit?.code, 0, 'a clean exit after shutdown');
      assert.doesNotMatch(outcome.stderr, STACK_TRACE);
    });

    it('JSON that is not JSON-RPC, and malformed requests, get protocol answers and the server keeps serving', async () => {
      const junk = [
        '{"foo":1}',
        '[]',
        '"x"',
        'null',
        '42',
        '{"jsonrpc":"2.0","id":5,"method":42}',
        '{"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":null}',
        '{"jsonrpc":"2.0","id":7,"method":"no/such/method"}',
        '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nope.conf","version":2},"contentChanges":[{"text":"x"}]}}',
      ];
      const outcome = await feed([INITIALIZE, OPEN, ...junk.map(frame), HOVER(2), SHUTDOWN, answerTo(99)], 100);
      assert.ok(answered(outcome, 2) && 'result' in answered(outcome, 2)!, 'the hover after the junk is answered');
      assert.ok((answered(outcome, 6)?.error as { code?: number } | undefined)?.code, 'a request with null params gets an error response');
      assert.equal((answered(outcome, 7)?.error as { code?: number } | undefined)?.code, ErrorCodes.MethodNotFound);
      assert.equal(outcome.exit?.code, 0);
      assert.doesNotMatch(outcome.stderr, STACK_TRACE);
    });

    it('a request cancelled before it starts and again while it runs costs nothing: the server keeps serving', async () => {
      // vscode-jsonrpc 8 throws on a second cancel of a request that was cancelled before it
      // started; the exception must not be taken for a broken header (which ends the server).
      const CANCEL = (id: number) => frame(JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }));
      const rounds = Array.from({ length: 30 }, (_, i) => [HOVER(20 + i) + CANCEL(20 + i), { sleepMs: i % 3 }, CANCEL(20 + i)]).flat();
      const outcome = await feed([INITIALIZE, answerTo(1), OPEN, ...rounds, HOVER(2), SHUTDOWN, answerTo(99)], 100);
      assert.ok(answered(outcome, 2) && 'result' in answered(outcome, 2)!, 'the hover after the cancellations is answered');
      assert.equal(outcome.exit?.code, 0);
      assert.doesNotMatch(outcome.stderr, /unreadable message header/);
      assert.doesNotMatch(outcome.stderr, STACK_TRACE);
    });

    for (const [name, header] of [
      ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}'],
      ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}'],
      ['a header line of random text', 'garbage\r\n\r\n'],
    ] as const) {
      it(`${name} ends the server with one line on stderr and only protocol on stdout`, async () => {
        const outcome = await feed([INITIALIZE, answerTo(1), OPEN, header, HOVER(2)]);
        assert.ok(answered(outcome, 1), 'initialize was answered before the garbage');
        assert.ok(outcome.exitedBeforeStdinClosed, 'the server exits by itself: after a broken header no later message can be found');
        assert.equal(outcome.exit?.code, 1);
        assert.match(outcome.stderr, /^sysctl-language-server: unreadable message header on stdin, exiting: [^\n]+\n$/);
      });
    }

    it('random bytes, a huge Content-Length and a cut-off message never put anything but protocol on stdout', async () => {
      const r = createRandom(SEED ^ 0x6a6);
      const noise = Buffer.alloc(20_000);
      for (let i = 0; i < noise.length; i++) noise[i] = r.int(256);
      for (const chunks of [[INITIALIZE, answerTo(1), noise], [noise], [INITIALIZE, 'Content-Length: 99999999999\r\n\r\n{"jsonrpc":'], [INITIALIZE, OPEN, HOVER(2).slice(0, 40)]]) {
        const outcome = await feed(chunks, 300);
        assert.doesNotMatch(outcome.stderr, STACK_TRACE);
        assert.ok(outcome.exit, 'the server ended');
      }
    });
  });
});
