import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ApplyWorkspaceEditParams, InitializeResult, ProtocolConnection, PublishDiagnosticsParams, ShowMessageParams } from 'vscode-languageserver-protocol/node';
import {
  ApplyWorkspaceEditRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { SERVER_BIN } from './paths';

export interface TestClientOptions {
  initializationOptions?: unknown;
  /** Answers workspace/configuration; when absent the client does not announce that capability. */
  configuration?: (section: string | undefined) => unknown;
}

/**
 * A bare LSP client over the server's real stdio transport: what Neovim or Emacs would speak,
 * with helpers that wait for events instead of sleeping.
 */
export class TestClient {
  readonly connection: ProtocolConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics: PublishDiagnosticsParams[] = [];

  /** How many publications arrived so far (to wait for later ones only). */
  get publicationCount(): number {
    return this.diagnostics.length;
  }
  private readonly waiters: Array<() => void> = [];
  stderr = '';
  protocolErrors: string[] = [];
  /** workspace/applyEdit requests the server sent; each is answered as applied. */
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  /** What the server answered to initialize (its capabilities). */
  initializeResult?: InitializeResult;

  private constructor(options: TestClientOptions) {
    if (!existsSync(SERVER_BIN)) throw new Error(`${SERVER_BIN} is missing: run 'npm run build' first`);
    this.process = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    const reader = new StreamMessageReader(this.process.stdout!);
    reader.onError((error) => this.protocolErrors.push(String(error)));
    this.connection = createProtocolConnection(reader, new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    if (options.configuration) {
      const answer = options.configuration;
      this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => answer(item.section)));
    }
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params);
      return { applied: true };
    });
    this.connection.onNotification(ShowMessageNotification.method, (params: ShowMessageParams) => {
      this.messages.push(params);
    });
    this.connection.onRequest(ShowMessageRequest.type, (params) => {
      this.messages.push(params);
      return null;
    });
    this.connection.listen();
  }

  static async start(options: TestClientOptions = {}): Promise<TestClient> {
    const client = new TestClient(options);
    client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: options.configuration !== undefined,
          didChangeConfiguration: { dynamicRegistration: true },
          applyEdit: true,
          workspaceEdit: { documentChanges: true },
        },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
      workspaceFolders: null,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'sysctl', version, text },
    });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /** Resolves with the first diagnostics for `uri` (at `version`, when given) published from now or earlier. */
  async waitForDiagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return this.waitForPublication((p) => p.uri === uri && (version === undefined || p.version === version), timeoutMs, `${uri}${version === undefined ? '' : ` v${version}`}`);
  }

  /** Resolves with the first publication after the `skip` earliest ones that satisfies `matches`. */
  async waitForPublication(matches: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10_000, what = 'the expected diagnostics', skip = 0): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.diagnostics.slice(skip).find(matches);
      if (found) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no diagnostics for ${what} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for a publication for `uri` whose diagnostics satisfy `accept` (later publications replace earlier ones). */
  async waitForDiagnosticsWhere(uri: string, accept: (diagnostics: PublishDiagnosticsParams['diagnostics']) => boolean, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    let seen = 0;
    for (;;) {
      const mine = this.diagnostics.filter((p) => p.uri === uri);
      const found = mine.slice(seen).find((p) => accept(p.diagnostics));
      if (found) return found;
      seen = mine.length;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(mine[mine.length - 1]?.diagnostics ?? null)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Every publication for `uri` so far, oldest first. */
  publications(uri: string): PublishDiagnosticsParams[] {
    return this.diagnostics.filter((p) => p.uri === uri);
  }

  /** The latest diagnostics published for `uri`, or undefined. */
  lastDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.filter((p) => p.uri === uri).pop();
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.process.kill('SIGKILL');
          resolve();
        }, 2000);
        this.process.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
