import type { CodeAction, Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import { DidChangeConfigurationNotification, TextDocumentEdit, TextDocumentSyncKind, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EngineSettings, Finding, ParsedDocument } from '../engine';
import {
  analyze,
  conntrackSizingAction,
  documentSymbols,
  fixActions,
  parseDocument,
  pendingSizingActions,
  recommendationFromFacts,
  recommendationFromSettings,
  sizingActions,
} from '../engine';
import { APPLY_CONNTRACK_SIZING, readApplyArgs } from './commands';
import { toCodeAction, toDiagnostic, toDocumentSymbol } from './convert';
import { HOVER_AND_COMPLETION_CAPABILITIES, registerHoverAndCompletion } from './hoverAndCompletion';
import { readSettings } from './settings';
import { overriddenFindings } from './systemContext';
import { fileURLToPath } from 'node:url';

interface Analysis {
  version: number;
  parsed: ParsedDocument;
  findings: Finding[];
}

/**
 * Wires the engine to a connection. Nothing happens at import time, so tests can build a server
 * on any connection and the CLI can share the engine without a transport.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let initialSettings: EngineSettings = readSettings(undefined);
  let canPullConfiguration = false;
  let snippetSupport = false;
  const settingsCache = new Map<string, Promise<EngineSettings>>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    initialSettings = readSettings(params.initializationOptions);
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
        executeCommandProvider: { commands: [APPLY_CONNTRACK_SIZING] },
        ...HOVER_AND_COMPLETION_CAPABILITIES,
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

  const analyses = new Map<string, Analysis>();

  /** Parse and findings for the document's current version, computed once per version. */
  function analysisOf(document: TextDocument, settings: EngineSettings): Analysis {
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const parsed = parseDocument(document.getText());
    const analysis = { version: document.version, parsed, findings: analyze(parsed, settings) };
    analyses.set(document.uri, analysis);
    return analysis;
  }

  /** Findings that need the other files of the machine tree the document belongs to. */
  function treeFindings(document: TextDocument, settings: EngineSettings): Finding[] {
    if (!document.uri.startsWith('file:') || settings.rules.overridden === 'off') return [];
    const open = new Map<string, string>();
    for (const other of documents.all()) {
      if (other.uri.startsWith('file:')) open.set(fileURLToPath(other.uri), other.getText());
    }
    const severity = settings.rules.overridden;
    return overriddenFindings(fileURLToPath(document.uri), open).map((f) => (severity ? { ...f, severity } : f));
  }

  async function validate(document: TextDocument): Promise<void> {
    const version = document.version;
    const settings = await settingsFor(document.uri);
    const current = documents.get(document.uri);
    if (!current || current.version !== version) return; // a newer change will publish
    const findings = [...analysisOf(document, settings).findings, ...treeFindings(document, settings)];
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
    analyses.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    analyses.clear();
    if (!canPullConfiguration) initialSettings = readSettings(change.settings);
    for (const document of documents.all()) void validate(document);
  });

  connection.onDocumentSymbol((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return documentSymbols(parseDocument(document.getText())).map(toDocumentSymbol);
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const settings = await settingsFor(document.uri);
    const { parsed, findings } = analysisOf(document, settings);
    const uri = document.uri;
    const actions: CodeAction[] = fixActions(findings, params.range).map((a) => toCodeAction(a, uri, params.context.diagnostics));
    const recommendation = recommendationFromSettings(settings.sizing, settings.kernelVersion);
    if (recommendation?.ok) {
      actions.push(...sizingActions(parsed, params.range, recommendation.value).map((a) => toCodeAction(a, uri, [])));
    } else {
      for (const pending of pendingSizingActions(parsed, params.range)) {
        actions.push({
          title: pending.title,
          kind: pending.kind,
          command: { title: pending.title, command: APPLY_CONNTRACK_SIZING, arguments: [{ uri, mode: pending.mode }] },
        });
      }
    }
    return actions;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== APPLY_CONNTRACK_SIZING) return undefined;
    const args = readApplyArgs(params.arguments?.[0]);
    if (!args) {
      void connection.window.showErrorMessage('Sysctl: the sizing command was called with malformed arguments.');
      return undefined;
    }
    const document = documents.get(args.uri);
    if (!document) {
      void connection.window.showErrorMessage('Sysctl: open the sysctl file before sizing nf_conntrack_max.');
      return undefined;
    }
    const settings = await settingsFor(document.uri);
    const recommendation = args.facts
      ? recommendationFromFacts(args.facts, settings.kernelVersion)
      : recommendationFromSettings(settings.sizing, settings.kernelVersion);
    if (!recommendation) {
      void connection.window.showErrorMessage(
        'Sysctl: RAM and architecture are unknown. Set sysctl.sizing.memTotal and sysctl.sizing.architecture (or pass them in initializationOptions).',
      );
      return undefined;
    }
    if (!recommendation.ok) {
      void connection.window.showErrorMessage(`Sysctl: ${recommendation.error}`);
      return undefined;
    }
    const action = conntrackSizingAction(parseDocument(document.getText()), recommendation.value, args.mode);
    const result = await connection.workspace.applyEdit({
      label: action.title,
      edit: { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, action.edits)] },
    });
    return { applied: result.applied, title: action.title, conntrackMax: recommendation.value.formula.conntrackMax };
  });

  registerHoverAndCompletion(
    connection,
    documents,
    (document) => {
      const cached = analyses.get(document.uri);
      return cached && cached.version === document.version ? cached.parsed : parseDocument(document.getText());
    },
    settingsFor,
    { snippetSupport: () => snippetSupport },
  );

  documents.listen(connection);
  connection.listen();
}
