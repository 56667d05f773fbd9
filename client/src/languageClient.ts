import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { CloseAction, DidChangeConfigurationNotification, ErrorAction, LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { RestartBudget } from './restartBudget';
import type { SizingFacts } from '../../server/src/engine/sizing/fromSettings';
import { APPLY_CONNTRACK_SIZING } from '../../server/src/lsp/commands';
export { applyToKernel } from './runtime/applyToKernel';
import { applyLineActions } from './runtime/applyToKernel';
import { CONFIRMED_HOSTS_KEY } from './sizing/gatherFacts';
import { readSshSettings } from './sizing/sshSettings';
import { REFRESH_SNAPSHOT } from '../../server/src/lsp/runtimeCommands';

/**
 * Starts the language server over stdio, the transport whose writer reuses the JSON of unchanged
 * diagnostics (server/src/lsp/messageEncoder.ts). Loaded on demand (the language client is most
 * of the bundle), so activation itself stays short.
 */
export function createLanguageClient(context: vscode.ExtensionContext, ask: () => Promise<SizingFacts | undefined>, isTrusted: () => boolean): LanguageClient {
  const confirmedHosts = () => context.workspaceState.get<string[]>(CONFIRMED_HOSTS_KEY, []);
  const serverModule = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
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
          : {
              action: CloseAction.DoNotRestart,
              message: 'The sysctl language server crashed 6 times in 3 minutes and is not restarted; run "Sysctl: Restart the language server" after fixing the cause.',
            },
    },
    // By language, not scheme: files from remote and virtual file systems are sysctl files too.
    documentSelector: [{ language: 'sysctl' }],
    synchronize: { configurationSection: 'sysctl' },
    middleware: {
      provideCodeActions: async (document, range, context, token, next) => {
        const actions = (await next(document, range, context, token)) ?? [];
        return [...actions, ...applyLineActions(document, context.diagnostics)];
      },
      workspace: {
        // The server cannot see whether runtime.source was chosen or is only the default, nor the
        // workspace trust: add both to the `sysctl` section it pulls.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return answers.map((answer: unknown, i) =>
            params.items[i]?.section === 'sysctl' ? withRuntimeFacts(answer, params.items[i].scopeUri, isTrusted(), confirmedHosts()) : answer,
          );
        },
      },
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

/**
 * Adds to a `sysctl` section: runtime.explicit (set by the user, not the default), runtime.trusted,
 * and runtime.hostConfirmed (false for an SSH host from workspace settings not yet confirmed).
 */
function withRuntimeFacts(answer: unknown, scopeUri: string | undefined, trusted: boolean, confirmed: readonly string[]): unknown {
  if (typeof answer !== 'object' || answer === null) return answer;
  const inspected = vscode.workspace.getConfiguration('sysctl', scopeUri ? vscode.Uri.parse(scopeUri) : undefined).inspect<string>('runtime.source');
  const explicit = [
    inspected?.globalValue,
    inspected?.workspaceValue,
    inspected?.workspaceFolderValue,
    inspected?.globalLanguageValue,
    inspected?.workspaceLanguageValue,
    inspected?.workspaceFolderLanguageValue,
  ].some((v) => v !== undefined);
  const section = answer as Record<string, unknown>;
  const runtime = typeof section.runtime === 'object' && section.runtime !== null ? section.runtime : {};
  const ssh = readSshSettings();
  const hostConfirmed = !ssh.hostFromWorkspace || (ssh.host !== undefined && confirmed.includes(ssh.host));
  return { ...section, runtime: { ...runtime, explicit, trusted, hostConfirmed } };
}

export function refreshSnapshotOnServer(client: LanguageClient): Promise<unknown> {
  return client.sendRequest('workspace/executeCommand', { command: REFRESH_SNAPSHOT, arguments: [] });
}

/** Makes the server pull its settings again (after a change it cannot see, such as workspace trust). */
export function resendConfiguration(client: LanguageClient): Promise<void> {
  return client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
}
