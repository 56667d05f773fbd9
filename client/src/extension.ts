import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { ExecuteCommandRequest, LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { SizingFacts } from '../../server/src/engine/sizing/fromSettings';
import { APPLY_CONNTRACK_SIZING } from '../../server/src/lsp/commands';
import { FactsCache } from './sizing/factsCache';
import { gatherFacts } from './sizing/gatherFacts';
import type { SizingUi } from './sizing/ui';
import { vscodeUi } from './sizing/ui';

let client: LanguageClient | undefined;

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

  const serverModule = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // By language, not scheme: files from remote and virtual file systems are sysctl files too.
    documentSelector: [{ language: 'sysctl' }],
    synchronize: { configurationSection: 'sysctl' },
    middleware: {
      // The server cannot ask the user; when a sizing action has no facts yet, gather them here.
      executeCommand: async (command, args, next) => {
        const [first] = args as Array<Record<string, unknown> | undefined>;
        if (command !== APPLY_CONNTRACK_SIZING || !first || first.facts) return next(command, args);
        const facts = await ask();
        if (!facts) return undefined;
        return next(command, [{ ...first, facts }]);
      },
    },
  };
  client = new LanguageClient('sysctl', 'Sysctl Language Server', serverOptions, clientOptions);

  let started: Promise<void> = Promise.resolve();

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
    await started;
    await client!.sendRequest(ExecuteCommandRequest.type, {
      command: APPLY_CONNTRACK_SIZING,
      arguments: [{ uri: editor.document.uri.toString(), mode, facts }],
    });
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('sysctl.setConntrackMax', () => sizeActiveFile('max')),
    vscode.commands.registerCommand('sysctl.setConntrackMaxAndBuckets', () => sizeActiveFile('max-and-buckets')),
    vscode.commands.registerCommand('sysctl.refreshHostFacts', () => {
      cache.clear();
      void vscode.window.showInformationMessage('Sysctl: host facts will be read again on next use.');
    }),
    vscode.commands.registerCommand('sysctl.restartServer', () => client?.restart()),
  );

  // Activation returns at once; the server starts in the background and requests wait for it.
  started = client.start();
  started.catch((error: unknown) => void vscode.window.showErrorMessage(`Sysctl: the language server did not start: ${String(error)}`));
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
