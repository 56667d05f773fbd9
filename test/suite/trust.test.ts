import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { buildSshArgs } from '../../server/src/host/sshFacts';
import { closeEditorsAndDelete, extensionApi, pickSource, ScriptedUi, setWorkspaceSetting, showNewFileAndWait, hasDiagnostic, type SysctlExtensionApi } from './helpers';

// Workspace trust and the one thing the extension runs: the system ssh client. A host that comes
// from workspace settings (a repository can carry them) needs the user's confirmation before ssh
// starts; in an untrusted workspace SSH is refused outright. ssh itself never runs here: every
// spawn in the extension host is recorded, and one of `ssh` is answered by a stand-in that fails
// like ssh does (exit 255), so the test needs no network and no sshd.

// The real module object (not an ESM namespace copy), so that replacing `spawn` reaches the
// extension's bundle, which looks the function up on it at each call.
const childProcess = require('node:child_process') as typeof import('node:child_process');

const HOST = 'admin@db-from-workspace.invalid';
const TIMEOUT_SECONDS = 2;
const FILE = ['net.core.somaxconn = 4096', 'net.netfilter.nf_conntrack_max = 65536', ''].join('\n');

interface Spawned {
  command: string;
  args: string[];
  options: import('node:child_process').SpawnOptions;
}

suite('workspace trust and SSH', () => {
  const DIR = 'trust';
  const spawned: Spawned[] = [];
  const originalSpawn = childProcess.spawn;
  let api: SysctlExtensionApi & { setWorkspaceTrustForTests?: (trusted: boolean | undefined) => void };
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    api = await extensionApi();
    assert.equal(typeof api.setWorkspaceTrustForTests, 'function', 'the extension exposes its test-only trust hook');
    (childProcess as { spawn: unknown }).spawn = function (this: unknown, command: string, args?: readonly string[], options?: import('node:child_process').SpawnOptions) {
      spawned.push({ command, args: [...(args ?? [])], options: options ?? {} });
      if (command === 'ssh') {
        const failLikeSsh = 'process.stderr.write("ssh: Could not resolve hostname db-from-workspace.invalid: Name or service not known\\n"); process.exit(255)';
        return originalSpawn.call(childProcess, process.execPath, ['-e', failLikeSsh], options ?? {});
      }
      // eslint-disable-next-line prefer-rest-params
      return (originalSpawn as (...a: unknown[]) => unknown).apply(childProcess, arguments as unknown as unknown[]);
    };
    ({ doc } = await showNewFileAndWait(`${DIR}/sysctl.conf`, FILE, 'the module-boot-order note', hasDiagnostic('module-boot-order')));
  });

  suiteTeardown(async () => {
    childProcess.spawn = originalSpawn;
    api?.setUi(undefined);
    api?.setWorkspaceTrustForTests?.(undefined);
    api?.clearFactsCache();
    await closeEditorsAndDelete(DIR);
  });

  // Per test: the root hook clears workspace settings after every test.
  setup(async () => {
    spawned.length = 0;
    api.clearFactsCache();
    // The sizing prompts only appear when sysctl.sizing.* are not set.
    await setWorkspaceSetting('sizing.memTotal', undefined);
    await setWorkspaceSetting('sizing.architecture', undefined);
    // sysctl.ssh.host is machine-overridable: a workspace may name one, and then it needs a confirmation.
    await setWorkspaceSetting('ssh.host', HOST);
    await setWorkspaceSetting('ssh.timeoutSeconds', TIMEOUT_SECONDS);
  });

  /** Runs "Set nf_conntrack_max" on the sysctl file with scripted prompts; returns the prompts' record. */
  async function runSizing(script: ConstructorParameters<typeof ScriptedUi>[0], { rejectedInput = false } = {}): Promise<ScriptedUi> {
    const ui = new ScriptedUi(script);
    api.setUi(ui);
    try {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('sysctl.setConntrackMax');
    } finally {
      api.setUi(undefined);
    }
    // A real input box keeps text its validator rejects; the script may type it anyway, to see that the flow checks again.
    const unexpected = rejectedInput ? ui.unexpected.filter((u) => !/was rejected/.test(u)) : ui.unexpected;
    assert.deepEqual(unexpected, [], `only the expected prompts: ${JSON.stringify(ui.calls)}`);
    assert.equal(ui.remaining, 0, `every scripted answer was used: ${JSON.stringify(ui.calls)}`);
    assert.equal(doc.getText(), FILE, 'nothing was written to the document');
    return ui;
  }

  const sshRuns = () => spawned.filter((s) => s.command === 'ssh');

  /** Picks the SSH source and remembers how it was described. */
  let sshDescription: string | undefined;
  const pickSsh = {
    pick: (items: readonly (vscode.QuickPickItem & Record<string, unknown>)[]) => {
      const item = items.find((i) => i.source === 'ssh');
      sshDescription = item?.description;
      return item;
    },
  };

  test('a host from workspace settings asks first; declining runs nothing', async () => {
    const ui = await runSizing([pickSsh, { input: HOST }, { confirm: false }]);
    assert.match(sshDescription ?? '', /with your ssh client/);
    const [sources, host, confirm] = ui.calls;
    assert.equal(sources.kind, 'pick');
    assert.equal(host.kind, 'input');
    assert.equal(confirm.kind, 'confirm');
    assert.match(confirm.message ?? '', new RegExp(`workspace's settings name the SSH host "${HOST.replace(/\./g, '\\.')}"`));
    assert.deepEqual(sshRuns(), [], 'ssh did not run');
    assert.deepEqual(ui.errors, [], 'declining is a cancel, not an error');
  });

  test('after confirming, only the system ssh runs: fixed argv, no shell, own process group', async () => {
    const ui = await runSizing([pickSource('ssh'), { input: HOST }, { confirm: true }]);
    assert.equal(ui.calls.filter((c) => c.kind === 'confirm').length, 1);
    const runs = sshRuns();
    assert.equal(runs.length, 1, `one ssh run: ${JSON.stringify(spawned.map((s) => s.command))}`);
    assert.deepEqual(runs[0].args, buildSshArgs(HOST, { timeoutMs: TIMEOUT_SECONDS * 1000 }));
    assert.deepEqual(runs[0].args.slice(-3, -1), ['--', HOST], 'the host comes after --, never as an option');
    assert.ok(runs[0].args.includes('BatchMode=yes'));
    assert.ok(!runs[0].args.some((a) => /StrictHostKeyChecking|UserKnownHostsFile/i.test(a)), 'host key checking is never weakened');
    assert.equal(runs[0].options.shell, false);
    assert.equal(runs[0].options.detached, true);
    assert.deepEqual(
      spawned.map((s) => s.command),
      ['ssh'],
      'nothing else was started',
    );
    // The stand-in failed like ssh: the user sees one error, and nothing is written.
    assert.equal(ui.errors.length, 1, JSON.stringify(ui.calls));
    assert.match(ui.errors[0], /resolve hostname/i);
  });

  test('the confirmation is remembered for this workspace and host', async () => {
    const ui = await runSizing([pickSource('ssh'), { input: HOST }]);
    assert.ok(!ui.calls.some((c) => c.kind === 'confirm'), `no second confirmation: ${JSON.stringify(ui.calls)}`);
    assert.equal(sshRuns().length, 1);
  });

  test('a host the user types is not a workspace host: no confirmation needed', async () => {
    const typed = 'ops@typed-by-user.invalid';
    const ui = await runSizing([pickSource('ssh'), { input: typed }]);
    assert.ok(!ui.calls.some((c) => c.kind === 'confirm'));
    assert.deepEqual(
      sshRuns().map((r) => r.args.at(-2)),
      [typed],
    );
  });

  test('a host that could be read as an ssh option is refused before anything runs', async () => {
    const ui = await runSizing([pickSource('ssh'), { input: '-oProxyCommand=touch /tmp/pwned' }], { rejectedInput: true });
    assert.ok(
      ui.calls.some((c) => c.kind === 'input' && /option/.test(c.validation ?? '')),
      `the input box rejects it: ${JSON.stringify(ui.calls)}`,
    );
    assert.ok(
      ui.errors.some((e) => /option/.test(e)),
      `and the flow refuses it again: ${JSON.stringify(ui.errors)}`,
    );
    assert.deepEqual(sshRuns(), []);
  });

  test('in an untrusted workspace the SSH source is marked disabled and refused; no host is asked, nothing runs', async () => {
    // code-server runs with --disable-workspace-trust, so vscode.workspace.isTrusted is always true here.
    assert.equal(vscode.workspace.isTrusted, true);
    api.setWorkspaceTrustForTests!(false);
    try {
      const ui = await runSizing([pickSsh]);
      assert.equal(sshDescription, 'Disabled in untrusted workspaces');
      assert.equal(ui.calls.length, 2, `the source pick, then the refusal: ${JSON.stringify(ui.calls)}`);
      assert.equal(ui.calls[1].kind, 'error');
      assert.match(ui.errors[0], /disabled in untrusted workspaces/);
      assert.deepEqual(spawned, [], 'no process at all was started');
    } finally {
      api.setWorkspaceTrustForTests!(undefined);
    }
  });
});
