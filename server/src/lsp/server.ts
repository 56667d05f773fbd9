import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import { DidChangeConfigurationNotification, TextDocumentSyncKind, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EngineSettings } from '../engine';
import { analyze, documentSymbols, parseDocument } from '../engine';
import { toDiagnostic, toDocumentSymbol } from './convert';
import { readSettings } from './settings';

/**
 * Wires the engine to a connection. Nothing happens at import time, so tests can build a server
 * on any connection and the CLI can share the engine without a transport.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let initialSettings: EngineSettings = readSettings(undefined);
  let canPullConfiguration = false;
  const settingsCache = new Map<string, Promise<EngineSettings>>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    initialSettings = readSettings(params.initializationOptions);
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: true,
      },
      serverInfo: { name: 'sysctl-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) {
      // Registering makes VS Code announce changes to any setting, which drops the settings cache.
      void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    }
  });

  function settingsFor(uri: string): Promise<EngineSettings> {
    if (!canPullConfiguration) return Promise.resolve(initialSettings);
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'sysctl' })
        .then((raw: unknown) => (raw === null || raw === undefined ? initialSettings : readSettings(raw)))
        .catch(() => initialSettings);
      settingsCache.set(uri, cached);
    }
    return cached;
  }

  async function validate(document: TextDocument): Promise<void> {
    const version = document.version;
    const settings = await settingsFor(document.uri);
    const current = documents.get(document.uri);
    if (!current || current.version !== version) return; // a newer change will publish
    const findings = analyze(parseDocument(document.getText()), settings);
    await connection.sendDiagnostics({
      uri: document.uri,
      version,
      diagnostics: findings.map((f) => toDiagnostic(f, document.uri)),
    });
  }

  documents.onDidOpen((event) => void validate(event.document));
  documents.onDidChangeContent((event) => void validate(event.document));
  documents.onDidClose((event) => {
    settingsCache.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    if (!canPullConfiguration) initialSettings = readSettings(change.settings);
    for (const document of documents.all()) void validate(document);
  });

  connection.onDocumentSymbol((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return documentSymbols(parseDocument(document.getText())).map(toDocumentSymbol);
  });

  documents.listen(connection);
  connection.listen();
}
