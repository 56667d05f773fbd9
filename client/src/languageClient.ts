import type * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { CloseAction, ErrorAction, LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { RestartBudget } from './restartBudget';
import type { SizingFacts } from '../../server/src/engine/sizing/fromSettings';
import { APPLY_CONNTRACK_SIZING } from '../../server/src/lsp/commands';

/**
 * Starts the language server over IPC. Loaded on demand (the language client is most of the
 * bundle), so activation itself stays short.
 */
export function createLanguageClient(context: vscode.ExtensionContext, ask: () => Promise<SizingFacts | undefined>): LanguageClient {
  const serverModule = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const restarts = new RestartBudget();
  const clientOptions: LanguageClientOptions = {
    // The library's default handler stops the client after a few failed writes, which happen
    // whenever messages are queued while the server dies (a busy machine): the client then never
    // restarts it. A failed write changes nothing; the close of the connection decides.
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue, handled: true }),
      closed: () =>
        restarts.allowRestart()
          ? { action: CloseAction.Restart, handled: true }
          : { action: CloseAction.DoNotRestart, message: 'The sysctl language server crashed 6 times in 3 minutes and is not restarted; run "Sysctl: Restart the language server" after fixing the cause.' },
    },
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
  return new LanguageClient('sysctl', 'Sysctl Language Server', serverOptions, clientOptions);
}

export function executeCommandOnServer(client: LanguageClient, args: unknown): Promise<unknown> {
  return client.sendRequest('workspace/executeCommand', { command: APPLY_CONNTRACK_SIZING, arguments: [args] });
}
