import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeEditorsAndDelete, showNewFileAndWait, sysctlDiagnostics, waitFor, waitForDiagnostics, waitUntilServerAnswers } from './helpers';

/** Pids of language servers this extension host started (node running server/out/server.js over stdio). */
function serverPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (
        argv.some((a) => a.endsWith('server/out/server.js')) &&
        argv.includes('--stdio') &&
        Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === process.pid
      ) {
        pids.push(Number(entry));
      }
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

suite('a crashed language server is restarted', () => {
  const dir = 'restart-test';

  suiteTeardown(async () => {
    await closeEditorsAndDelete(dir);
  });

  // Whatever happened, the tests after this one need a running server (restarted if it is not).
  teardown(async function () {
    this.timeout(120_000);
    await waitUntilServerAnswers(60_000);
  });

  test('after the server is killed, edits get diagnostics again from a new server', async function () {
    if (process.platform !== 'linux') this.skip();
    const { uri, doc } = await showNewFileAndWait(`${dir}/sysctl.d/10-restart.conf`, 'vm.swappiness = 10\n', 'the first diagnostics', () => true);
    // A crash after initialisation is the case here; one during it is the library's own business.
    await waitUntilServerAnswers();
    const [pid] = await waitFor('the language server process', serverPids, (pids) => pids.length === 1);
    process.kill(pid, 'SIGKILL');
    const [next] = await waitFor('a new language server process', serverPids, (pids) => pids.length === 1 && pids[0] !== pid, 60_000);
    assert.notEqual(next, pid);
    await waitForDiagnostics(
      'a syntax-error from the restarted server',
      uri,
      () => sysctlDiagnostics(uri, 'syntax-error').length === 1,
      async () => {
        const edit = new vscode.WorkspaceEdit();
        edit.insert(uri, new vscode.Position(1, 0), 'not a setting\n');
        assert.ok(await vscode.workspace.applyEdit(edit));
      },
      60_000,
    );
    assert.equal(doc.lineAt(1).text, 'not a setting');
  });
});
