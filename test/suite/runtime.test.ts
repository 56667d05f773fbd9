import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeEditorsAndDelete, extensionApi, hasDiagnostic, setWorkspaceSetting, showNewFile, showNewFileAndWait, waitFor } from './helpers';

// The running kernel beside the file: drift diagnostics and the running value in the hover
// (read from this machine's /proc, only read), and the apply command, which only TYPES the
// command into a terminal: nothing runs until a person presses Enter.

const DIR = 'runtime';
const running = fs.readFileSync('/proc/sys/net/ipv4/tcp_syncookies', 'utf8').trim();
const other = running === '1' ? '2' : '1';

suite('running kernel: drift, hover, apply', () => {
  suiteSetup(async () => {
    await setWorkspaceSetting('runtime.source', 'local');
  });
  suiteTeardown(async () => {
    await setWorkspaceSetting('runtime.source', undefined);
    await closeEditorsAndDelete(DIR);
    for (const terminal of vscode.window.terminals) if (terminal.name.startsWith('Sysctl:')) terminal.dispose();
  });

  test('runtime.source set to local: a runtime-drift warning names the running value', async () => {
    await setWorkspaceSetting('runtime.source', 'local'); // settings are reset after every test
    const { uri, diagnostics } = await showNewFileAndWait(
      `${DIR}/sysctl.d/drift.conf`,
      `net.ipv4.tcp_syncookies = ${other}\n`,
      'a runtime-drift warning',
      hasDiagnostic('runtime-drift', 0),
    );
    const drift = diagnostics.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'runtime-drift')!;
    assert.equal(drift.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(drift.message, new RegExp(`has net\\.ipv4\\.tcp_syncookies = ${running}, not ${other}\\.`));
    // The diagnostic offers to apply its line; the action only names the command (run here below on a harmless key).
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, drift.range)) ?? [];
    const apply = actions.find((a) => a.title.startsWith('Apply this line to the running kernel'));
    assert.ok(apply, `no apply action among ${actions.map((a) => a.title).join(' | ')}`);
    assert.deepEqual([apply.command?.command, apply.command?.arguments], ['sysctl.applyLineToKernel', [uri.toString(), 0]]);
  });

  test('the hover of a key shows its running value and where it was read', async () => {
    const { uri } = await showNewFile(`${DIR}/sysctl.d/hover.conf`, `net.ipv4.tcp_syncookies = ${running}\n`);
    const text = await waitFor(
      'a hover with the running value',
      async () => {
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 5))) ?? [];
        return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      },
      (t) => t.includes('**Running value**'),
    );
    assert.match(text, new RegExp(`\\*\\*Running value\\*\\*: \`${running}\` \\(this machine, read at \\d\\d:\\d\\d:\\d\\d UTC\\)`));
  });

  test('"Apply this file to the running kernel" types sudo sysctl -p FILE into a terminal and runs nothing', async () => {
    // A key no kernel has: even if the command ran by mistake it could not change anything.
    const { uri } = await showNewFile(`${DIR}/sysctl.d/apply.conf`, 'net.ipv4.sysctl_tools_test_no_such_key = 1\n');
    const api = await extensionApi();
    const started: vscode.TerminalShellExecution[] = [];
    const listener = vscode.window.onDidStartTerminalShellExecution?.((event) => started.push(event.execution));
    try {
      await vscode.commands.executeCommand('sysctl.applyFileToKernel');
      const record = api.lastApply();
      assert.deepEqual(record, { terminal: 'Sysctl: apply to the running kernel', command: `sudo sysctl -p ${uri.fsPath}` });
      const terminal = await waitFor(
        'the apply terminal',
        () => vscode.window.terminals.find((t) => t.name === record!.terminal),
        (t) => t !== undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(terminal!.exitStatus, undefined, 'the terminal waits for the user');
      assert.deepEqual(started, [], 'no command was executed in any terminal');
    } finally {
      listener?.dispose();
    }
  });

  test('"Apply this line" types sudo sysctl -w key=value for the cursor line', async () => {
    const { editor } = await showNewFile(`${DIR}/sysctl.d/line.conf`, '# comment\nnet.ipv4.sysctl_tools_test_no_such_key = 4 5\nnet.ipv4.sysctl_tools_test_other = 1\n');
    editor.selection = new vscode.Selection(1, 3, 1, 3);
    await vscode.commands.executeCommand('sysctl.applyLineToKernel');
    assert.equal((await extensionApi()).lastApply()?.command, "sudo sysctl -w 'net.ipv4.sysctl_tools_test_no_such_key=4 5'");
    // As the code action calls it: a document and a line.
    await vscode.commands.executeCommand('sysctl.applyLineToKernel', editor.document.uri.toString(), 2);
    assert.equal((await extensionApi()).lastApply()?.command, 'sudo sysctl -w net.ipv4.sysctl_tools_test_other=1');
  });
});
