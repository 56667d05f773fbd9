import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  actionTitled,
  applyCodeActionEdit,
  closeEditorsAndDelete,
  extensionApi,
  hasDiagnostic,
  isCodeAction,
  pickLabel,
  pickSource,
  pointerBitsOf,
  saveAndReadBack,
  ScriptedUi,
  setWorkspaceSetting,
  showNewFile,
  showNewFileAndWait,
  visible,
  waitFor,
  waitForCodeActions,
  waitForText,
  type SysctlExtensionApi,
} from './helpers';

// nf_conntrack_max sizing, end to end: the quick fix when sysctl.sizing.* is set, and the
// commands / the "…" code actions that ask for RAM and architecture (answered here through the
// extension's setUi test hook instead of a person).

const MEM_TOTAL = '49521980 kB';
const ARCH = 'x86_64';
const MAX = 1547561; // 49521980 * 1024 / 16384 / (64 / 32), floored
const BUCKETS = 1547561; // one bucket per entry on the default (newest) kernel
const READY_TITLE = `Set nf_conntrack_max to ${MAX} (47.2 GiB, x86_64)`;
const READY_BOTH_TITLE = `Set nf_conntrack_max to ${MAX} and nf_conntrack_buckets to ${BUCKETS} (47.2 GiB, x86_64)`;
const PENDING_TITLE = 'Set nf_conntrack_max from RAM and architecture…';
const PENDING_BOTH_TITLE = 'Set nf_conntrack_max and nf_conntrack_buckets from RAM and architecture…';

const MAX_FILE = ['net.core.somaxconn = 4096', 'net.netfilter.nf_conntrack_max = 65536', ''].join('\n');
const onMaxLine = new vscode.Range(1, 5, 1, 5);

const titles = (actions: readonly { title: string }[]) => actions.map((a) => a.title);

suite('sizing quick fix from sysctl.sizing.* settings', () => {
  const DIR = 'sizing-settings';

  // Per test: the root hook clears workspace settings after every test.
  setup(async () => {
    await setWorkspaceSetting('sizing.memTotal', MEM_TOTAL);
    await setWorkspaceSetting('sizing.architecture', ARCH);
  });

  suiteTeardown(async () => {
    await closeEditorsAndDelete(DIR);
  });

  test('with memTotal and architecture set, the fix on the nf_conntrack_max line writes 1547561', async () => {
    await setWorkspaceSetting('sizing.memTotal', undefined);
    await setWorkspaceSetting('sizing.architecture', undefined);
    const { uri, doc } = await showNewFileAndWait(`${DIR}/replace/sysctl.conf`, MAX_FILE, 'the module-boot-order note', hasDiagnostic('module-boot-order'));

    // Without settings the action asks first (it is a command, not an edit).
    const before = await waitForCodeActions('the pending sizing action', uri, onMaxLine, (as) => titles(as).includes(PENDING_TITLE));
    const pending = before.find((a) => a.title === PENDING_TITLE)!;
    assert.ok(isCodeAction(pending) && !pending.edit && pending.command, 'without settings the sizing action is a command');

    await setWorkspaceSetting('sizing.memTotal', MEM_TOTAL);
    await setWorkspaceSetting('sizing.architecture', ARCH);
    const actions = await waitForCodeActions('the server to pick up sysctl.sizing.*', uri, onMaxLine, (as) => titles(as).includes(READY_TITLE));
    assert.ok(!titles(actions).includes(PENDING_TITLE), `the pending action is gone: ${titles(actions).join(' | ')}`);
    assert.ok(titles(actions).includes(READY_BOTH_TITLE), titles(actions).join(' | '));

    const action = actionTitled(actions, READY_TITLE);
    assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(action.isPreferred, true);
    await applyCodeActionEdit(action);
    const expected = ['net.core.somaxconn = 4096', `net.netfilter.nf_conntrack_max = ${MAX}`, ''].join('\n');
    assert.equal(doc.getText(), expected, visible(doc.getText()));
    assert.equal(await saveAndReadBack(doc), expected);
  });

  test('the second action also writes nf_conntrack_buckets, in a CRLF file', async () => {
    const content = MAX_FILE.replace(/\n/g, '\r\n');
    const { uri, doc } = await showNewFileAndWait(`${DIR}/both/sysctl.conf`, content, 'the module-boot-order note', hasDiagnostic('module-boot-order'));
    const actions = await waitForCodeActions('the ready sizing actions', uri, onMaxLine, (as) => titles(as).includes(READY_BOTH_TITLE));
    await applyCodeActionEdit(actionTitled(actions, READY_BOTH_TITLE));
    const expected = ['net.core.somaxconn = 4096', `net.netfilter.nf_conntrack_max = ${MAX}`, `net.netfilter.nf_conntrack_buckets = ${BUCKETS}`, ''].join('\r\n');
    assert.equal(doc.getText(), expected, visible(doc.getText()));
    assert.equal(await saveAndReadBack(doc), expected);
  });

  test('in a file without nf_conntrack_max (and without a final newline) the refactoring inserts the line', async () => {
    const { uri, doc } = await showNewFile(`${DIR}/insert/sysctl.conf`, 'kernel.pid_max = 65536');
    const actions = await waitForCodeActions('the insert sizing action', uri, new vscode.Range(0, 0, 0, 0), (as) => titles(as).includes(READY_TITLE));
    const action = actionTitled(actions, READY_TITLE);
    assert.equal(action.kind?.value, vscode.CodeActionKind.RefactorRewrite.value);
    await applyCodeActionEdit(action);
    const expected = `kernel.pid_max = 65536\nnet.netfilter.nf_conntrack_max = ${MAX}`;
    assert.equal(doc.getText(), expected, visible(doc.getText()));
    assert.equal(await saveAndReadBack(doc), expected);
  });

  test('the nf_conntrack_max hover shows the formula value for the configured RAM', async () => {
    const { uri } = await showNewFile(`${DIR}/hover/sysctl.conf`, MAX_FILE);
    const hovers = await waitFor(
      'a hover with the formula value',
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 5)),
      (hs) => hs.some((h) => h.contents.some((c) => typeof c !== 'string' && 'value' in c && c.value.includes(`\`${MAX}\``))),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.ok(text.includes(`Formula RAM / 16384 / (64 / 32): \`${MAX}\` entries`), text);
  });
});

/** MemTotal of this machine in bytes, from /proc/meminfo (what "This machine" reads). */
function memTotalBytes(): number {
  const match = /^MemTotal:\s+(\d+)\s+kB$/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'));
  if (!match) throw new Error('no MemTotal line in /proc/meminfo');
  return Number(match[1]) * 1024;
}

suite('sizing commands and the prompts they show', () => {
  const DIR = 'sizing-commands';
  let api: SysctlExtensionApi;
  let ui: ScriptedUi | undefined;

  /** Installs a scripted UI for the next command. */
  function answer(script: ConstructorParameters<typeof ScriptedUi>[0]): ScriptedUi {
    ui = new ScriptedUi(script);
    api.setUi(ui);
    return ui;
  }

  function assertScriptDone(u: ScriptedUi): void {
    assert.deepEqual(u.unexpected, [], 'every prompt was expected');
    assert.equal(u.remaining, 0, `all scripted answers were used; calls: ${JSON.stringify(u.calls)}`);
    assert.deepEqual(u.errors, [], 'no error was shown');
  }

  suiteSetup(async () => {
    api = await extensionApi();
    // These tests need the prompts: the settings must not name the machine.
    const sizing = vscode.workspace.getConfiguration('sysctl.sizing');
    assert.equal(sizing.get('memTotal'), '', 'sysctl.sizing.memTotal must be unset for the prompt tests');
    assert.equal(sizing.get('architecture'), '', 'sysctl.sizing.architecture must be unset for the prompt tests');
  });

  setup(() => {
    api.clearFactsCache();
  });

  teardown(() => {
    api.setUi(undefined);
    ui = undefined;
  });

  suiteTeardown(async () => {
    api?.setUi(undefined);
    api?.clearFactsCache();
    await closeEditorsAndDelete(DIR);
  });

  test('Set nf_conntrack_max: typed RAM 49521980 kB and architecture x86_64 write 1547561', async () => {
    const { doc } = await showNewFile(`${DIR}/typed/sysctl.conf`, MAX_FILE);
    const u = answer([pickSource('typed'), { input: MEM_TOTAL }, pickLabel(ARCH)]);
    await vscode.commands.executeCommand('sysctl.setConntrackMax');

    const expected = ['net.core.somaxconn = 4096', `net.netfilter.nf_conntrack_max = ${MAX}`, ''].join('\n');
    await waitForText(doc, expected, 'the sized value in the file', 10_000);
    assertScriptDone(u);
    assert.deepEqual(
      u.calls.map((c) => [c.kind, c.title]),
      [
        ['pick', 'Size nf_conntrack_max for which machine?'],
        ['input', 'RAM of the target machine'],
        ['pick', 'Architecture of the target machine (uname -m)'],
      ],
    );
    const [sources] = u.calls;
    assert.ok(
      sources.labels?.some((l) => l.includes('This machine')),
      JSON.stringify(sources.labels),
    );
    assert.ok(
      sources.labels?.some((l) => l.includes('Remote host over SSH')),
      JSON.stringify(sources.labels),
    );
    assert.equal(await saveAndReadBack(doc), expected);
  });

  test('Set nf_conntrack_max: "This machine" writes MemTotal / 16384 / (bits / 32) of this machine', async () => {
    const bits = pointerBitsOf(os.arch());
    const expectedMax = Math.floor(memTotalBytes() / 16384 / (bits / 32));
    assert.ok(expectedMax > 0);
    const { doc } = await showNewFile(`${DIR}/local/sysctl.conf`, MAX_FILE);
    const u = answer([pickSource('local')]);
    await vscode.commands.executeCommand('sysctl.setConntrackMax');

    const expected = ['net.core.somaxconn = 4096', `net.netfilter.nf_conntrack_max = ${expectedMax}`, ''].join('\n');
    await waitForText(doc, expected, `nf_conntrack_max = ${expectedMax} (${os.arch()}, ${bits}-bit)`, 10_000);
    assertScriptDone(u);

    // The facts are kept for the session: the next prompt offers them first.
    const again = answer([{ pick: (items) => items.find((i) => i.source === 'cached' && i.label.includes('This machine')) }]);
    await vscode.commands.executeCommand('sysctl.setConntrackMax');
    assertScriptDone(again);
    assert.match(again.calls[0].labels?.[0] ?? '', /This machine/, JSON.stringify(again.calls[0].labels));
    assert.equal(doc.getText(), expected, 'the same facts give the same value');
  });

  test('Set nf_conntrack_max and nf_conntrack_buckets: inserts both lines into a file without them', async () => {
    const { doc } = await showNewFile(`${DIR}/both/sysctl.conf`, 'kernel.pid_max = 65536\n');
    const u = answer([pickSource('typed'), { input: MEM_TOTAL }, pickLabel(ARCH)]);
    await vscode.commands.executeCommand('sysctl.setConntrackMaxAndBuckets');
    const expected = ['kernel.pid_max = 65536', `net.netfilter.nf_conntrack_max = ${MAX}`, `net.netfilter.nf_conntrack_buckets = ${BUCKETS}`, ''].join('\n');
    await waitForText(doc, expected, 'both sized lines', 10_000);
    assertScriptDone(u);
  });

  test('the "…" code action asks through the same prompts, then the server applies the edit', async () => {
    const { uri, doc } = await showNewFileAndWait(`${DIR}/action/sysctl.conf`, MAX_FILE, 'the module-boot-order note', hasDiagnostic('module-boot-order'));
    const actions = await waitForCodeActions('the pending sizing actions', uri, onMaxLine, (as) => titles(as).includes(PENDING_BOTH_TITLE));
    const action = actions.find((a) => a.title === PENDING_BOTH_TITLE)!;
    assert.ok(isCodeAction(action) && action.command && !action.edit, `${PENDING_BOTH_TITLE} is a command`);
    assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value);

    const u = answer([pickSource('typed'), { input: '48GiB' }, pickLabel('aarch64')]);
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    // 48 GiB on a 64-bit machine: 48 * 2^30 / 16384 / 2 = 1572864, buckets / 8 = 196608.
    const expected = ['net.core.somaxconn = 4096', 'net.netfilter.nf_conntrack_max = 1572864', 'net.netfilter.nf_conntrack_buckets = 1572864', ''].join('\n');
    await waitForText(doc, expected, 'the edit the server applied', 10_000);
    assertScriptDone(u);
  });

  test('cancelling the first prompt changes nothing', async () => {
    const { doc } = await showNewFile(`${DIR}/cancel/sysctl.conf`, MAX_FILE);
    const u = answer([{ pick: () => undefined }]);
    await vscode.commands.executeCommand('sysctl.setConntrackMax');
    assertScriptDone(u);
    assert.equal(doc.getText(), MAX_FILE);
    assert.equal(doc.isDirty, false);
  });

  test('an unparsable RAM answer is refused by the input box validation', async () => {
    const { doc } = await showNewFile(`${DIR}/invalid/sysctl.conf`, MAX_FILE);
    const u = answer([pickSource('typed'), { input: 'lots' }]);
    await vscode.commands.executeCommand('sysctl.setConntrackMax');
    // The real input box would keep asking; the scripted one records the rejection and the flow stops.
    assert.equal(u.calls[1]?.kind, 'input');
    assert.ok(u.calls[1]?.validation, `the validator rejects 'lots': ${JSON.stringify(u.calls)}`);
    assert.equal(u.errors.length, 1, JSON.stringify(u.errors));
    assert.match(u.errors[0], /^Sysctl: /);
    assert.equal(doc.getText(), MAX_FILE);
  });

  test('outside a sysctl file the command says what to open', async () => {
    const plain = await showNewFile(`${DIR}/other/notes.txt`, 'not sysctl\n');
    assert.notEqual(plain.doc.languageId, 'sysctl');
    const u = answer([]);
    await vscode.commands.executeCommand('sysctl.setConntrackMax');
    assert.deepEqual(u.errors, ['Sysctl: open a sysctl file (sysctl.conf or sysctl.d/*.conf) first.']);
    assert.deepEqual(u.unexpected, []);
  });
});
