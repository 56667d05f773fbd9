import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { SizingFacts } from '../../server/src/engine/sizing/fromSettings';
import type { ApplyRecord } from './runtime/applyToKernel';
import { FactsCache } from './sizing/factsCache';
import { confirmWorkspaceHost, gatherFacts } from './sizing/gatherFacts';
import { readSshSettings } from './sizing/sshSettings';
import type { SizingUi } from './sizing/ui';
import { vscodeUi } from './sizing/ui';

let client: LanguageClient | undefined;

/**
 * The language client is most of the extension's code, so it is a bundle of its own
 * (client/out/languageClient.js), loaded after activation has returned.
 */
function loadLanguageClientModule(): typeof import('./languageClient') {
  return require('./languageClient.js') as typeof import('./languageClient');
}

/** What the extension hands to its tests: a way to answer prompts without a person. */
export interface SysctlExtensionApi {
  setUi(ui: SizingUi | undefined): void;
  clearFactsCache(): void;
  /** Test only: answer the sizing flow's trust check with `trusted`; undefined asks VS Code again. */
  setWorkspaceTrustForTests(trusted: boolean | undefined): void;
  /** Test only: what the last apply command put in a terminal (it never presses Enter). */
  lastApply(): ApplyRecord | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<SysctlExtensionApi> {
  let ui: SizingUi = vscodeUi;
  const cache = new FactsCache();
  let trustOverride: boolean | undefined;
  const isTrusted = () => trustOverride ?? vscode.workspace.isTrusted;
  const ask = () => gatherFacts({ ui, cache, workspaceState: context.workspaceState, isTrusted });

  // Activation returns once commands are registered; the client module loads and the server starts
  // right after, and anything that needs the server waits for this.
  // setImmediate, not a microtask: a microtask would still run before activation is reported done.
  const created: Promise<LanguageClient> = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    const languageClient = loadLanguageClientModule().createLanguageClient(context, ask, isTrusted);
    client = languageClient;
    languageClient.start().catch((error: unknown) => void vscode.window.showErrorMessage(`Sysctl: the language server did not start: ${String(error)}`));
    return languageClient;
  });

  /**
   * The client with a running server, started again if it is not running: a server that died
   * while starting must not break the commands for the rest of the session.
   */
  async function runningClient(): Promise<LanguageClient> {
    const languageClient = await created;
    if (!languageClient.isRunning()) await languageClient.start();
    return languageClient;
  }

  async function sizeActiveFile(mode: 'max' | 'max-and-buckets'): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'sysctl') {
      ui.error('Sysctl: open a sysctl file (sysctl.conf or sysctl.d/*.conf) first.');
      return;
    }
    const configured = vscode.workspace.getConfiguration('sysctl.sizing', editor.document.uri);
    let facts: SizingFacts | undefined;
    if (!configured.get<string>('memTotal') || !configured.get<string>('architecture')) {
      facts = await ask();
      if (!facts) return;
    }
    const running = await runningClient();
    await loadLanguageClientModule().executeCommandOnServer(running, { uri: editor.document.uri.toString(), mode, facts });
  }

  let lastApply: ApplyRecord | undefined;
  /** The active file, its cursor line, or (from a code action) a given line of a given document. */
  async function applyActive(mode: 'file' | 'line', uri?: unknown, line?: unknown): Promise<void> {
    const given = typeof uri === 'string' && typeof line === 'number' ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
    const editor = vscode.window.activeTextEditor;
    const document = given ?? editor?.document;
    if (!document || document.languageId !== 'sysctl') {
      ui.error('Sysctl: open a sysctl file (sysctl.conf or sysctl.d/*.conf) first.');
      return;
    }
    const target = mode === 'file' ? 'file' : { line: given ? (line as number) : editor!.selection.active.line };
    lastApply = (await loadLanguageClientModule().applyToKernel(document, target, isTrusted)) ?? lastApply;
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('sysctl.applyFileToKernel', () => applyActive('file')),
    vscode.commands.registerCommand('sysctl.applyLineToKernel', (uri?: unknown, line?: unknown) => applyActive('line', uri, line)),
    vscode.commands.registerCommand('sysctl.refreshRuntimeSnapshot', async () => {
      // An SSH host that came with the workspace's settings is used only once the user confirms it.
      const ssh = readSshSettings();
      const source = vscode.workspace.getConfiguration('sysctl').get<string>('runtime.source');
      if (source === 'ssh' && ssh.host && ssh.hostFromWorkspace && isTrusted()) {
        if (!(await confirmWorkspaceHost({ ui, workspaceState: context.workspaceState }, ssh.host, 'read its running kernel (sysctl -a and /proc counters, read only)'))) return;
      }
      const running = await runningClient();
      await loadLanguageClientModule().resendConfiguration(running);
      await loadLanguageClientModule().refreshSnapshotOnServer(running);
    }),
    // Trust granted: the server may now read over SSH; make it ask for the settings again.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void runningClient().then((running) => loadLanguageClientModule().resendConfiguration(running))),
    vscode.commands.registerCommand('sysctl.setConntrackMax', () => sizeActiveFile('max')),
    vscode.commands.registerCommand('sysctl.setConntrackMaxAndBuckets', () => sizeActiveFile('max-and-buckets')),
    vscode.commands.registerCommand('sysctl.refreshHostFacts', () => {
      cache.clear();
      void vscode.window.showInformationMessage('Sysctl: host facts will be read again on next use.');
    }),
    vscode.commands.registerCommand('sysctl.restartServer', async () => (await created).restart()),
  );

  return {
    setUi: (next) => {
      ui = next ?? vscodeUi;
    },
    clearFactsCache: () => cache.clear(),
    setWorkspaceTrustForTests: (trusted) => {
      trustOverride = trusted;
    },
    lastApply: () => lastApply,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
