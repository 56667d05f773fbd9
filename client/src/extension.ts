import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { SizingFacts } from '../../server/src/engine/sizing/fromSettings';
import { FactsCache } from './sizing/factsCache';
import { gatherFacts } from './sizing/gatherFacts';
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
    const languageClient = loadLanguageClientModule().createLanguageClient(context, ask);
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

  context.subscriptions.push(
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
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
