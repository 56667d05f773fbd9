import { strict as assert } from 'node:assert';
import { CodeActionRequest, DiagnosticSeverity, DocumentSymbolRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, DocumentSymbol, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';

describe('document size limit (over stdio)', function () {
  this.timeout(20_000);

  it('gives one information diagnostic instead of analysis above sysctl.maxFileSize', async () => {
    const client = await TestClient.start({ initializationOptions: { maxFileSize: 2048 } });
    try {
      const uri = 'file:///etc/sysctl.d/99-huge.conf';
      await client.open(uri, 'broken line\n'.repeat(400));
      const { diagnostics } = await client.waitForDiagnostics(uri, 1);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].code, 'file-too-large');
      assert.equal(diagnostics[0].severity, DiagnosticSeverity.Information);
      const small = 'file:///etc/sysctl.d/10-small.conf';
      await client.open(small, 'broken line\n');
      assert.equal((await client.waitForDiagnostics(small, 1)).diagnostics[0].code, 'syntax-error');
    } finally {
      await client.stop();
    }
  });

  it('publishes at most sysctl.maxDiagnostics problems per file, errors first, and a notice of the rest', async () => {
    // Three unknown keys (warnings), then two lines without '=' (errors), then another unknown key.
    const text = 'net.ipv4.no_such_a = 1\nnet.ipv4.no_such_b = 1\nnet.ipv4.no_such_c = 1\nbroken line\nbroken line\nnet.ipv4.no_such_d = 1\n';
    const client = await TestClient.start({ initializationOptions: { maxDiagnostics: 4 } });
    try {
      const uri = 'file:///etc/sysctl.d/99-many.conf';
      await client.open(uri, text);
      const { diagnostics } = await client.waitForDiagnostics(uri, 1);
      assert.deepEqual(
        diagnostics.map((d) => [d.range.start.line, d.code]),
        [
          [0, 'unknown-key'],
          [3, 'syntax-error'],
          [4, 'syntax-error'],
          [0, 'too-many-problems'],
        ],
      );
      const notice = diagnostics[3];
      assert.equal(notice.severity, DiagnosticSeverity.Information);
      assert.match(String(notice.message), /^This file has 6 problems; 3 are shown, errors first/);
    } finally {
      await client.stop();
    }
  });

  it('publishes every problem with sysctl.maxDiagnostics 0, and 1,000 with the default', async () => {
    const text = 'broken line\n'.repeat(1500);
    for (const [options, expected] of [
      [{ maxDiagnostics: 0 }, 1500],
      [{}, 1000],
    ] as const) {
      const client = await TestClient.start({ initializationOptions: options });
      try {
        const uri = 'file:///etc/sysctl.d/99-broken.conf';
        await client.open(uri, text);
        const { diagnostics } = await client.waitForDiagnostics(uri, 1);
        assert.equal(diagnostics.length, expected, JSON.stringify(options));
        assert.equal(diagnostics.at(-1)?.code, expected === 1000 ? 'too-many-problems' : 'syntax-error');
        if (expected === 1000) assert.match(String(diagnostics.at(-1)?.message), /^This file has 1,500 problems; 999 are shown/);
      } finally {
        await client.stop();
      }
    }
  });

  it('answers code actions for a selection of the whole of a file with 150,000 problems', async () => {
    const client = await TestClient.start();
    try {
      const uri = 'file:///etc/sysctl.d/99-repeated.conf';
      await client.open(uri, 'kernel.sysrq = 1\n'.repeat(150_000));
      await client.waitForDiagnostics(uri, 1, 60_000);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 150_000, character: 0 } },
        context: { diagnostics: [] },
      })) as CodeAction[];
      // The fixes and suppressions of the first 100 problems; fix-all is the action for the rest.
      assert.ok(actions.length > 100 && actions.length <= 400, `${actions.length} actions`);
      const editedLines = actions.flatMap((action) => action.edit?.changes?.[uri] ?? []).map((edit) => edit.range.start.line);
      assert.ok(Math.max(...editedLines) < 100, `an edit on line ${Math.max(...editedLines)}`);
    } finally {
      await client.stop();
    }
  });

  describe('a large file', () => {
    // 20,000 lines (over 512 KB): an unknown key on the first line, a duplicate of line 1 far below it, a broken last line.
    const filler = Array.from({ length: 20_000 }, (_, i) => (i === 1500 ? 'net.core.somaxconn = 8192\n' : `net.ipv4.conf.eth${i}.rp_filter = 1\n`)).join('');
    const text = `vm.swapiness = 1\nnet.core.somaxconn = 4096\n${filler}bad line\n`;
    const lastLine = text.split('\n').length - 2;
    const summary = (d: Diagnostic): string => `${d.range.start.line}:${String(d.code)}`;

    it('gets a first look at its first lines, then the whole analysis, which keeps all of it', async () => {
      const client = await TestClient.start();
      try {
        const uri = 'file:///etc/sysctl.d/99-large.conf';
        const base = client.publicationCount;
        await client.open(uri, text);
        const ofV1 = (p: PublishDiagnosticsParams) => p.uri === uri && p.version === 1;
        const first = await client.waitForPublication(ofV1, 30_000, 'the first look', base);
        const whole = await client.waitForPublication(ofV1, 30_000, 'the whole analysis', base + 1);
        assert.deepEqual(first.diagnostics.map(summary), ['0:unknown-key'], 'line findings of the first lines only');
        const wholeSummaries = whole.diagnostics.map(summary);
        assert.ok(wholeSummaries.includes('1:duplicate-key'), wholeSummaries.join(' '));
        assert.ok(wholeSummaries.includes(`${lastLine}:syntax-error`), wholeSummaries.join(' '));
        assert.deepEqual(whole.diagnostics[0], first.diagnostics[0], 'the first look is what the whole analysis says of that line');
      } finally {
        await client.stop();
      }
    });

    /** The summaries of the first diagnostics a fresh server publishes for `content`. */
    async function firstPublish(content: string): Promise<string[]> {
      const client = await TestClient.start();
      try {
        const uri = 'file:///etc/sysctl.d/99-large.conf';
        const base = client.publicationCount;
        await client.open(uri, content);
        return (await client.waitForPublication((p) => p.uri === uri, 30_000, 'the first publish', base)).diagnostics.map(summary);
      } finally {
        await client.stop();
      }
    }

    it('gets the whole analysis at once when a whole-file directive below could silence the first lines', async () => {
      const summaries = await firstPublish(`${text}# sysctl-lint-disable unknown-key\n`);
      assert.ok(!summaries.includes('0:unknown-key') && summaries.includes(`${lastLine}:syntax-error`), summaries.join(' '));
    });

    it('gets the whole analysis at once when its first lines have no findings of their own', async () => {
      const summaries = await firstPublish(text.replace('vm.swapiness', 'vm.swappiness'));
      assert.ok(summaries.includes(`${lastLine}:syntax-error`), summaries.join(' '));
    });
  });

  it('lists the first 5,000 settings as symbols by default, sysctl.maxSymbols of them when set, all with 0', async () => {
    const text = Array.from({ length: 6000 }, (_, i) => `# ${i}\nnet.ipv4.conf.eth${i}.rp_filter = 1\n`).join('');
    for (const [options, expected] of [
      [{}, 5000],
      [{ maxSymbols: 10 }, 10],
      [{ maxSymbols: 0 }, 6000],
    ] as const) {
      const client = await TestClient.start({ initializationOptions: options });
      try {
        const uri = 'file:///etc/sysctl.d/99-symbols.conf';
        await client.open(uri, text);
        await client.waitForDiagnostics(uri, 1);
        const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
        assert.equal(symbols.length, expected, JSON.stringify(options));
        assert.equal(symbols.at(-1)?.name, `net.ipv4.conf.eth${expected - 1}.rp_filter`, 'in file order');
      } finally {
        await client.stop();
      }
    }
  });
});
