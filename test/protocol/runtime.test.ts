import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { ExecuteCommandRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { requireOrSkip } from '../helpers/environment';
import { TestClient } from '../helpers/lspClient';
import { useTempDir } from '../helpers/tempDir';

const SYNCOOKIES = '/proc/sys/net/ipv4/tcp_syncookies';
const onLinux = process.platform === 'linux';

/** This machine's running value of tcp_syncookies, and a different valid one (only read, never written). */
function syncookies(): { running: string; other: string } {
  const running = readFileSync(SYNCOOKIES, 'utf8').trim();
  return { running, other: running === '1' ? '2' : '1' };
}

async function hoverText(client: TestClient, uri: string, line: number, character: number): Promise<string> {
  const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } })) as Hover | null;
  return hover ? (hover.contents as MarkupContent).value : '';
}

describe('the running kernel over LSP (this machine)', function () {
  this.timeout(20_000);
  const dir = useTempDir('sysctl-runtime-lsp');

  it('runtime.source "local" set explicitly: drift diagnostics with the running value; equal values are not drift', async function () {
    requireOrSkip(this, onLinux, 'Linux /proc/sys');
    const { running, other } = syncookies();
    const file = join(dir(), 'explicit.conf');
    const text = `net.ipv4.tcp_syncookies = ${other}\nnet.ipv4.tcp_syncookies_copy_is_not_a_key = 1\n`;
    writeFileSync(file, text);
    const equal = join(dir(), 'equal.conf');
    writeFileSync(equal, `net.ipv4.tcp_syncookies = ${running}\n`);
    const client = await TestClient.start({ initializationOptions: { runtime: { source: 'local' } } });
    try {
      const uri = pathToFileURL(file).href;
      await client.open(uri, text);
      const published = await client.waitForDiagnosticsWhere(uri, (d) => d.some((x) => x.code === 'runtime-drift'));
      const drift = published.diagnostics.filter((d) => d.code === 'runtime-drift');
      assert.equal(drift.length, 1);
      assert.equal(drift[0].range.start.line, 0);
      assert.equal(drift[0].severity, 2);
      assert.match(
        String(drift[0].message),
        new RegExp(`^The running kernel on this machine has net\\.ipv4\\.tcp_syncookies = ${running}, not ${other}\\. Likely reason: .*sudo sysctl -p `),
      );

      const equalUri = pathToFileURL(equal).href;
      await client.open(equalUri, `net.ipv4.tcp_syncookies = ${running}\n`);
      await client.waitForDiagnostics(equalUri);
      // The snapshot is already read: the first publication is final.
      assert.deepEqual(
        client.lastDiagnostics(equalUri)!.diagnostics.filter((d) => d.code === 'runtime-drift'),
        [],
      );
    } finally {
      await client.stop();
    }
  });

  it('by default: the hover shows the running value and where it was read, but a file outside /etc gets no drift diagnostics', async function () {
    requireOrSkip(this, onLinux, 'Linux /proc/sys');
    const { running, other } = syncookies();
    const file = join(dir(), 'default.conf');
    const text = `net.ipv4.tcp_syncookies = ${other}\n`;
    writeFileSync(file, text);
    const client = await TestClient.start();
    try {
      const uri = pathToFileURL(file).href;
      await client.open(uri, text);
      // Opening the file starts the read; a hover never waits for it, so ask until it is there.
      let hover = '';
      for (let i = 0; i < 100 && !hover.includes('Running value'); i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50));
        hover = await hoverText(client, uri, 0, 4);
      }
      assert.match(hover, /tcp_syncookies/, 'the key documentation is still there');
      assert.match(hover, new RegExp(`\\*\\*Running value\\*\\*: \`${running}\` \\(this machine, read at \\d\\d:\\d\\d:\\d\\d UTC\\)`));
      // The read has landed; the document was checked again without drift, and the same
      // diagnostics were not sent a second time for the same version.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(
        client.lastDiagnostics(uri)!.diagnostics.filter((d) => d.code === 'runtime-drift'),
        [],
      );
      assert.deepEqual(
        client.publications(uri).map((p) => p.version),
        [1],
      );
    } finally {
      await client.stop();
    }
  });

  it('runtime.source "off": no running value, no drift; the refresh command answers', async function () {
    requireOrSkip(this, onLinux, 'Linux /proc/sys');
    const { other } = syncookies();
    const file = join(dir(), 'off.conf');
    const text = `net.ipv4.tcp_syncookies = ${other}\n`;
    writeFileSync(file, text);
    const client = await TestClient.start({ initializationOptions: { runtime: { source: 'off' } } });
    try {
      const uri = pathToFileURL(file).href;
      await client.open(uri, text);
      assert.doesNotMatch(await hoverText(client, uri, 0, 4), /Running value/);
      const refreshed = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'sysctl.server.refreshSnapshot', arguments: [] });
      assert.deepEqual(refreshed, { refreshed: true });
      assert.deepEqual(
        client.lastDiagnostics(uri)!.diagnostics.filter((d) => d.code === 'runtime-drift'),
        [],
      );
    } finally {
      await client.stop();
    }
  });

  it('workspace/configuration carries the same settings (runtime.source, explicit)', async function () {
    requireOrSkip(this, onLinux, 'Linux /proc/sys');
    const { other } = syncookies();
    const file = join(dir(), 'pulled.conf');
    const text = `net.ipv4.tcp_syncookies = ${other}\n`;
    writeFileSync(file, text);
    const client = await TestClient.start({ configuration: () => ({ runtime: { source: 'local', explicit: true } }) });
    try {
      const uri = pathToFileURL(file).href;
      await client.open(uri, text);
      await client.waitForDiagnosticsWhere(uri, (d) => d.some((x) => x.code === 'runtime-drift'));
    } finally {
      await client.stop();
    }
  });
});
