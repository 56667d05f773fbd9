import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CLI_BIN, REPO_ROOT } from '../helpers/paths';

const SERVER_OUT = dirname(CLI_BIN);
const CLIENT_OUT = join(REPO_ROOT, 'client', 'out');
const read = (path: string) => readFileSync(path, 'utf8');
/** A header constant of vscode-jsonrpc's message reader and writer: where it is, the protocol libraries are. */
const JSONRPC_CODE = 'Content-Length: ';
/** A sentence of the key summaries (server/src/engine/keys/data/summaries). */
const SUMMARY_TEXT = 'Caps how many CIPSO label translations';

describe('the built bundles', () => {
  it('ship the LSP protocol libraries once, in lsp-protocol.js, which the server and the VS Code client load from where it lies', () => {
    const shared = join(SERVER_OUT, 'lsp-protocol.js');
    assert.ok(read(shared).includes(JSONRPC_CODE));
    for (const [bundle, requirePath] of [
      [join(SERVER_OUT, 'server.js'), './lsp-protocol.js'],
      [join(CLIENT_OUT, 'languageClient.js'), '../../server/out/lsp-protocol.js'],
    ]) {
      const text = read(bundle);
      assert.ok(!text.includes(JSONRPC_CODE), `${bundle} bundles the protocol libraries again`);
      assert.ok(text.includes(`require(${JSON.stringify(requirePath)})`), `${bundle} does not load ${requirePath}`);
      assert.equal(resolve(dirname(bundle), requirePath), shared);
    }
  });

  it('store the key data compressed in the server (it ships in the VSIX) and plain in the CLI (it starts on every run)', () => {
    assert.ok(!read(join(SERVER_OUT, 'server.js')).includes(SUMMARY_TEXT));
    assert.ok(read(join(SERVER_OUT, 'cli-main.js')).includes(SUMMARY_TEXT));
    assert.ok(read(join(REPO_ROOT, 'server', 'src', 'engine', 'keys', 'data', 'summaries', 'net-ip.json')).includes(SUMMARY_TEXT), 'the sentence looked for is one the data has');
  });

  it('never format with Intl: its first use loads ICU locale data, 6 MB of the server with a large file open', () => {
    for (const bundle of [join(SERVER_OUT, 'server.js'), join(SERVER_OUT, 'lsp-protocol.js'), join(SERVER_OUT, 'cli-main.js')]) {
      assert.doesNotMatch(read(bundle), /toLocaleString\(|\bIntl\./, bundle);
    }
  });

  it("go into the repository's own npm package (what pre-commit installs) with every file they load beside them", () => {
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(packed.status, 0, packed.stderr);
    const files = (JSON.parse(packed.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path).filter((path) => path.startsWith('server/'));
    assert.deepEqual(files.sort(), ['server/out/cli-main.cache', 'server/out/cli-main.js', 'server/out/cli.js', 'server/out/lsp-protocol.js', 'server/out/server.js']);
  });
});
