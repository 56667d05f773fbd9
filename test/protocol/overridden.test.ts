import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction } from 'vscode-languageserver-protocol/node';
import { CodeActionRequest } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';
import { useTempDir } from '../helpers/tempDir';

describe('overridden settings across a sysctl.d tree (over stdio)', function () {
  this.timeout(20_000);
  const dir = useTempDir('sysctl-tree');

  it('tells, on the overridden line, which file and line win', async () => {
    const root = dir();
    mkdirSync(join(root, 'etc', 'sysctl.d'), { recursive: true });
    mkdirSync(join(root, 'usr', 'lib', 'sysctl.d'), { recursive: true });
    const early = join(root, 'usr', 'lib', 'sysctl.d', '10-vendor.conf');
    writeFileSync(early, 'vm.swappiness = 60\nkernel.pid_max = 65536\n');
    writeFileSync(join(root, 'etc', 'sysctl.d', '90-local.conf'), '# local\nvm.swappiness = 10\n');
    const client = await TestClient.start();
    try {
      const uri = pathToFileURL(early).href;
      await client.open(uri, 'vm.swappiness = 60\nkernel.pid_max = 65536\n');
      const { diagnostics } = await client.waitForDiagnostics(uri, 1);
      const overridden = diagnostics.filter((d) => d.code === 'overridden');
      assert.equal(overridden.length, 1);
      assert.deepEqual(overridden[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 13 } });
      assert.match(String(overridden[0].message), /\/etc\/sysctl\.d\/90-local\.conf:2 sets vm\.swappiness = 10/);
    } finally {
      await client.stop();
    }
  });

  it('a suppression comment silences it, a severity override applies, and the finding offers the suppress fix', async () => {
    const root = join(dir(), 'suppressed');
    mkdirSync(join(root, 'etc', 'sysctl.d'), { recursive: true });
    const early = join(root, 'etc', 'sysctl.d', '10-early.conf');
    writeFileSync(join(root, 'etc', 'sysctl.d', '90-late.conf'), 'vm.swappiness = 10\nkernel.pid_max = 4096\n');
    const text = 'vm.swappiness = 60\n# sysctl-lint-disable-next-line overridden\nkernel.pid_max = 65536\n';
    writeFileSync(early, text);
    const client = await TestClient.start({ initializationOptions: { rules: { overridden: 'warning' } } });
    try {
      const uri = pathToFileURL(early).href;
      await client.open(uri, text);
      const { diagnostics } = await client.waitForDiagnostics(uri, 1);
      const overridden = diagnostics.filter((d) => d.code === 'overridden');
      assert.deepEqual(
        overridden.map((d) => [d.range.start.line, d.severity]),
        [[0, 2]],
        'line 1 is reported as a warning (the override), line 3 is suppressed by the comment',
      );
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: overridden[0].range,
        context: { diagnostics: overridden },
      })) as CodeAction[];
      const suppress = actions.find((a) => a.title === 'Suppress overridden on this line');
      assert.ok(suppress, `suppress fix offered; got ${actions.map((a) => a.title).join(', ')}`);
      assert.deepEqual(
        suppress.edit?.changes?.[uri]?.map((e) => e.newText),
        ['# sysctl-lint-disable-next-line overridden\n'],
      );
    } finally {
      await client.stop();
    }
  });

  it('says nothing for files outside a machine tree', async () => {
    const lone = join(dir(), 'lone.conf');
    writeFileSync(lone, 'vm.swappiness = 60\n');
    const client = await TestClient.start();
    try {
      const uri = pathToFileURL(lone).href;
      await client.open(uri, 'vm.swappiness = 60\n');
      assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, []);
    } finally {
      await client.stop();
    }
  });
});
