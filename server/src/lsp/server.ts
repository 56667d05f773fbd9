import type { CodeAction, Connection, Diagnostic, InitializeParams, InitializeResult } from 'vscode-languageserver';
import { DiagnosticSeverity, DidChangeConfigurationNotification, TextDocumentEdit, TextDocumentSyncKind } from 'vscode-languageserver';
import type { EngineSettings, Finding, FindingsPolicy, ParsedDocument } from '../engine';
import {
  byPosition,
  mergeByPosition,
  conntrackSizingAction,
  DEFAULT_MAX_SYMBOLS,
  documentSymbols,
  leadingLineFindings,
  pendingSizingActions,
  quickFixGroups,
  recommendationFromFacts,
  recommendationFromSettings,
  sizingActions,
} from '../engine';
import { AnalyzedDocuments } from './analyzedDocuments';
import { OpenDocuments, type OpenDocument } from './openDocuments';
import type { OpenFiles } from '../host/systemTree';
import { APPLY_CONNTRACK_SIZING, readApplyArgs } from './commands';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/settings';
import { DEFAULT_MAX_DIAGNOSTICS, shownFindings } from '../engine/findings/shownFindings';
import { toCodeAction, toDiagnostic, toDocumentSymbol } from './convert';
import { rememberOn } from './rememberOn';
import { fullCollection, IdleCollection } from './idleCollection';
import { FIX_ALL_KIND, fixAllActions, requestsFixAll } from './fixAll';
import { FORMATTING_CAPABILITIES, registerFormatting } from './formatting';
import { HOVER_AND_COMPLETION_CAPABILITIES, registerHoverAndCompletion } from './hoverAndCompletion';
import { readSettings } from './settings';
import { readRuntimeSettings, type RuntimeSettings } from './runtimeSettings';
import { REFRESH_SNAPSHOT, RuntimeSnapshots } from './runtimeSnapshots';
import { overriddenFindings } from './systemContext';
import { DeferredTreeFindings } from './deferredTreeFindings';
import { fileURLToPath } from 'node:url';
import { withMachineModules } from '../host/modulesLoadedFirst';
import { pushAll } from '../engine/arrays';

const DEFAULT_DIAGNOSTICS_DELAY_MS = 50;

/** Where a finding keeps its converted diagnostic. */
const DIAGNOSTIC = Symbol('diagnostic');

function tooLargeDiagnostic(limit: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'sysctl',
    code: 'file-too-large',
    message: `This file is larger than ${Math.round(limit / 1024 / 1024)} MB (sysctl.maxFileSize), so it is not analysed. Raise the setting to check it.`,
  };
}

/** 9710 as 9,710. Not toLocaleString: its first call loads ICU's locale data, 6 MB of the server's memory. */
function withThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** The last diagnostic of a file with more findings than `sysctl.maxDiagnostics`: how many, and where the rest are. */
function omittedNotice(total: number, shown: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'sysctl',
    code: 'too-many-problems',
    message: `This file has ${withThousands(total)} problems; ${withThousands(shown)} are shown, errors first, then warnings, then information (sysctl.maxDiagnostics). Run sysctl-lint on the file to list them all.`,
  };
}

/** Whether two lists hold the very same objects in the same order. */
function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function readDiagnosticsDelay(options: unknown): number {
  const value = (options as { diagnosticsDelayMs?: unknown } | null | undefined)?.diagnosticsDelayMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 5000 ? value : DEFAULT_DIAGNOSTICS_DELAY_MS;
}

/**
 * Wires the engine to a connection. Nothing happens at import time, so tests can build a server
 * on any connection and the CLI can share the engine without a transport.
 */
export function startServer(connection: Connection): void {
  const documents = new OpenDocuments();
  let initialSettings: EngineSettings = readSettings(undefined);
  let initialRuntime: RuntimeSettings = readRuntimeSettings(undefined);
  let canPullConfiguration = false;
  let canRegisterConfigurationChanges = false;
  let snippetSupport = false;
  /** Pause after an edit before checking; other editors and the benchmark may set 0. */
  let diagnosticsDelayMs = DEFAULT_DIAGNOSTICS_DELAY_MS;
  /** The `sysctl` section of each document's configuration, read once and parsed for both uses. */
  const configurationCache = new Map<string, Promise<{ settings: EngineSettings; runtime: RuntimeSettings }>>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    initialSettings = readSettings(params.initializationOptions);
    initialRuntime = readRuntimeSettings(params.initializationOptions);
    diagnosticsDelayMs = readDiagnosticsDelay(params.initializationOptions);
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canRegisterConfigurationChanges = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite', FIX_ALL_KIND] },
        executeCommandProvider: { commands: [APPLY_CONNTRACK_SIZING, REFRESH_SNAPSHOT] },
        ...HOVER_AND_COMPLETION_CAPABILITIES,
        ...FORMATTING_CAPABILITIES,
      },
      serverInfo: { name: 'sysctl-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration && canRegisterConfigurationChanges) {
      // Registering makes VS Code announce changes to any setting, which drops the settings cache.
      void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    }
  });

  function configurationFor(uri: string): Promise<{ settings: EngineSettings; runtime: RuntimeSettings }> {
    let cached = configurationCache.get(uri);
    if (!cached) {
      const initial = { settings: initialSettings, runtime: initialRuntime };
      const read = !canPullConfiguration
        ? Promise.resolve(initial)
        : connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'sysctl' })
            .then((raw: unknown) => (raw === null || raw === undefined ? initial : { settings: readSettings(raw), runtime: readRuntimeSettings(raw) }))
            .catch(() => initial);
      // Cached per document: the analysis caches hang off the settings object.
      cached = read.then((configuration) => ({ ...configuration, settings: machineSettings(uri, configuration.settings) }));
      configurationCache.set(uri, cached);
    }
    return cached;
  }

  /**
   * A file of a machine tree is judged with the modules that tree loads at boot (read once per
   * root until the configuration changes; reading only, and a problem means none).
   */
  const modulesByRoot = new Map<string, readonly string[]>();
  function machineSettings(uri: string, settings: EngineSettings): EngineSettings {
    if (!uri.startsWith('file:')) return settings;
    try {
      return withMachineModules(settings, fileURLToPath(uri), modulesByRoot);
    } catch {
      return settings;
    }
  }

  function settingsFor(uri: string): Promise<EngineSettings> {
    return configurationFor(uri).then((configuration) => configuration.settings);
  }

  /** Where the running kernel is read from for a document: same sources as the other settings. */
  function runtimeSettingsFor(uri: string): Promise<RuntimeSettings> {
    return configurationFor(uri).then((configuration) => configuration.runtime);
  }

  const snapshots = new RuntimeSnapshots(
    () => {
      for (const document of documents.all()) void validate(document);
    },
    (message) => void connection.window.showWarningMessage(message),
  );

  /** Text of the open files on disk, which win over the disk in a machine tree; joined only for the files read. */
  function openFiles(): OpenFiles {
    const byPath = new Map<string, OpenDocument>();
    for (const other of documents.all()) {
      if (other.uri.startsWith('file:')) byPath.set(fileURLToPath(other.uri), other);
    }
    return {
      get: (path) => {
        const document = byPath.get(path);
        return document && { text: document.getText(), parsed: analyzed.parsed(document) };
      },
    };
  }

  const analyzed = new AnalyzedDocuments();

  /** Findings from the other files of the machine tree, as last published (for code actions). */
  const publishedTreeFindings = new Map<string, Finding[]>();

  /**
   * Tree findings of large trees are carried across edits and worked out again when edits pause,
   * once the last diagnostics are written (the work blocks the writer).
   */
  const deferredTree = new DeferredTreeFindings((uri) => {
    void (lastWrite.get(uri) ?? Promise.resolve()).then(() => {
      const document = documents.get(uri);
      if (document) void validate(document);
    });
  });

  /** Findings that need the other files of the machine tree the document belongs to, after the document's policy. */
  function treeFindings(document: OpenDocument, parsed: ParsedDocument, policy: FindingsPolicy): Finding[] {
    if (!document.uri.startsWith('file:') || policy.isOff('overridden')) return [];
    const raw = deferredTree.get(document.uri, document.version, parsed.lines, () => overriddenFindings(fileURLToPath(document.uri), openFiles()));
    return policy.applyAll(raw);
  }

  /** Findings from a snapshot of the running kernel (runtime-drift, conntrack-table-full), after the document's policy. */
  function runtimeFindings(document: OpenDocument, runtime: RuntimeSettings, parsed: ParsedDocument, policy: FindingsPolicy): Finding[] {
    return policy.applyAll(snapshots.findings(document.uri, parsed, runtime, openFiles()));
  }

  /**
   * The document's findings and those from other files, in document order; the same array while
   * neither list changes (code actions ask on every cursor move, and code actions of one list
   * reuse what they worked out about it).
   */
  const mergedFindings = new WeakMap<Finding[], { tree: Finding[]; merged: Finding[] }>();
  function allFindings(uri: string, own: Finding[]): Finding[] {
    const tree = publishedTreeFindings.get(uri) ?? [];
    if (tree.length === 0) return own;
    const known = mergedFindings.get(own);
    if (known?.tree === tree) return known.merged;
    const merged = mergeByPosition(own, tree);
    mergedFindings.set(own, { tree, merged });
    return merged;
  }

  /** Cancels the check scheduled for a document; `paused` when it waits out `diagnosticsDelayMs`. */
  const pending = new Map<string, { cancel: () => void; paused: boolean }>();
  function cancelPending(uri: string): void {
    pending.get(uri)?.cancel();
    pending.delete(uri);
  }

  /** Findings of unchanged lines are the same objects edit after edit: convert each once. */
  function diagnosticOf(finding: Finding, uri: string): Diagnostic {
    // Kept on the finding: a property read per finding and edit, where a WeakMap lookup for each of
    // 10,000 findings cost a millisecond.
    return rememberOn(finding, DIAGNOSTIC, () => toDiagnostic(finding, uri));
  }

  /** Documents being checked right now (the check awaits settings and the write of its result). */
  const inFlight = new Set<string>();

  /**
   * An edit is checked at once, with no fixed pause; the check runs after the messages already
   * received, so changes that queued up during an analysis are checked together. Only while edits
   * arrive faster than analysis finishes (a check of the document is still running, or pausing)
   * does a change wait `diagnosticsDelayMs`, so that a burst is checked once.
   */
  function scheduleValidation(document: OpenDocument): void {
    const uri = document.uri;
    const busy = inFlight.has(uri) || pending.get(uri)?.paused === true;
    cancelPending(uri);
    const run = () => {
      pending.delete(uri);
      const current = documents.get(uri);
      if (current) void validate(current);
    };
    if (busy && diagnosticsDelayMs > 0) {
      const timer = setTimeout(run, diagnosticsDelayMs);
      pending.set(uri, { cancel: () => clearTimeout(timer), paused: true });
    } else {
      // The message queue handles one message per turn of the event loop: two turns let the ones already read go first.
      let turn = setImmediate(() => {
        turn = setImmediate(run);
      });
      pending.set(uri, { cancel: () => clearImmediate(turn), paused: false });
    }
  }

  async function validate(document: OpenDocument): Promise<void> {
    inFlight.add(document.uri);
    let published: { sent: Promise<void> } | undefined;
    try {
      published = await publishFor(document);
    } finally {
      // Checked once the diagnostics are handed to the writer: an edit after that is not "too fast".
      inFlight.delete(document.uri);
    }
    if (published)
      lastWrite.set(
        document.uri,
        published.sent.catch(() => undefined),
      );
    await published?.sent;
  }

  /** The write of each document's last diagnostics. */
  const lastWrite = new Map<string, Promise<unknown>>();
  /** What was last published for each document, and for which version. */
  const lastPublished = new Map<string, { version: number; diagnostics: Diagnostic[] }>();

  /** The notice of left-out findings per document, the same object while its counts stay (so an unchanged publish is recognised). */
  const notices = new Map<string, { total: number; shown: number; diagnostic: Diagnostic }>();
  function noticeFor(uri: string, total: number, shown: number): Diagnostic {
    let notice = notices.get(uri);
    if (!notice || notice.total !== total || notice.shown !== shown) notices.set(uri, (notice = { total, shown, diagnostic: omittedNotice(total, shown) }));
    return notice.diagnostic;
  }

  /** Checks the document and starts the write of its diagnostics (wrapped, so that the caller need not wait for the write). */
  async function publishFor(document: OpenDocument): Promise<{ sent: Promise<void> } | undefined> {
    const version = document.version;
    const { settings, runtime } = await configurationFor(document.uri);
    const current = documents.get(document.uri);
    if (!current || current.version !== version) return undefined; // a newer change will publish
    const limit = settings.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    if (document.length > limit) {
      lastPublished.delete(document.uri);
      return { sent: connection.sendDiagnostics({ uri: document.uri, version, diagnostics: [tooLargeDiagnostic(limit)] }) };
    }
    const analysis = analyzed.analysis(document, settings);
    // The document's suppressions and severities, for the findings from outside it.
    const policy = analyzed.policy(document, settings);
    // Sorted once here; allFindings merges them with the document's own on every publish and code action.
    publishedTreeFindings.set(document.uri, [...treeFindings(document, analysis.parsed, policy), ...runtimeFindings(document, runtime, analysis.parsed, policy)].sort(byPosition));
    const findings = allFindings(document.uri, analysis.findings);
    const { shown, omitted } = shownFindings(findings, settings.maxDiagnostics ?? DEFAULT_MAX_DIAGNOSTICS);
    const diagnostics = shown.map((f) => diagnosticOf(f, document.uri));
    if (omitted > 0) diagnostics.push(noticeFor(document.uri, findings.length, shown.length));
    // Checked again with the same result (the running kernel was read, settings were announced):
    // the client has these diagnostics for this version already, and would parse them all again.
    const last = lastPublished.get(document.uri);
    if (last && last.version === version && sameElements(last.diagnostics, diagnostics)) return undefined;
    lastPublished.set(document.uri, { version, diagnostics });
    const sent = connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
    // Start reading the running kernel once, so hovers have it (cached per host; not per edit),
    // after the diagnostics are out: the read's callbacks would hold up their write.
    void sent.then(
      () => snapshots.current(runtime),
      () => undefined,
    );
    return { sent };
  }

  /** The heap is collected in idle time after opening or closing a file of this many characters (see IdleCollection). */
  const LARGE_DOCUMENT = 512 * 1024;
  // Its timer is unref'd: it never keeps the process up, so nothing needs stopping at exit.
  const idleCollection = new IdleCollection(fullCollection());

  /** The lines a large file's first diagnostics cover: a few screens, checked in milliseconds. */
  const FIRST_LOOK_LINES = 1000;

  /**
   * Publishes the findings of a large file's first lines that each line earns on its own (see
   * leadingLineFindings), before the whole file is checked: the editor shows the top of the file,
   * and its problems then appear in tens of milliseconds rather than after the whole analysis.
   * The whole analysis's publish follows and only adds to them (past the diagnostics limit it
   * keeps the more severe ones). Its write is awaited: the whole analysis would hold it up.
   */
  async function publishFirstLook(document: OpenDocument): Promise<void> {
    const version = document.version;
    const { settings } = await configurationFor(document.uri);
    if (documents.get(document.uri) !== document || document.version !== version) return;
    if (document.length > (settings.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)) return;
    const found = leadingLineFindings(document.getText(), settings, FIRST_LOOK_LINES);
    // Nothing to show early: the whole analysis publishes first (an empty list would read as a clean file).
    if (!found || found.length === 0) return;
    const { shown } = shownFindings(found, settings.maxDiagnostics ?? DEFAULT_MAX_DIAGNOSTICS);
    await connection.sendDiagnostics({ uri: document.uri, version, diagnostics: shown.map((f) => toDiagnostic(f, document.uri)) });
  }

  documents.onDidOpen((document) => {
    const large = document.length >= LARGE_DOCUMENT;
    const firstLook = large ? publishFirstLook(document).catch(() => undefined) : Promise.resolve();
    void firstLook.then(() => validate(document)).then(() => large && idleCollection.afterLargeCheck());
  });
  documents.onDidChange((document) => {
    idleCollection.edited();
    scheduleValidation(document);
  });
  documents.onDidClose((document) => {
    if (document.length >= LARGE_DOCUMENT) idleCollection.afterLargeCheck();
    cancelPending(document.uri);
    configurationCache.delete(document.uri);
    publishedTreeFindings.delete(document.uri);
    deferredTree.forget(document.uri);
    lastWrite.delete(document.uri);
    lastPublished.delete(document.uri);
    notices.delete(document.uri);
    analyzed.forget(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    configurationCache.clear();
    modulesByRoot.clear();
    analyzed.invalidate();
    if (!canPullConfiguration) initialSettings = readSettings(change.settings);
    for (const document of documents.all()) void validate(document);
  });

  connection.onDocumentSymbol(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const settings = await settingsFor(document.uri);
    return documentSymbols(analyzed.parsed(document), settings.maxSymbols ?? DEFAULT_MAX_SYMBOLS).map(toDocumentSymbol);
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const settings = await settingsFor(document.uri);
    const { parsed, findings: own } = analyzed.analysis(document, settings);
    if (requestsFixAll(params.context.only)) return fixAllActions(document, settings, own);
    const uri = document.uri;
    const findings = allFindings(uri, own);
    // Fixes first (the preferred one leading), then sizing, then suppressions: the fix a user came for comes first.
    const { fixes, suppressions } = quickFixGroups(findings, params.range, parsed);
    const actions: CodeAction[] = fixes.map((a) => toCodeAction(a, uri, params.context.diagnostics));
    // One preferred action: a fix of a problem on the line wins over sizing (a legacy name's rename first).
    const fixPreferred = fixes.some((a) => a.isPreferred);
    const recommendation = recommendationFromSettings(settings.sizing, settings.kernelVersion);
    if (recommendation?.ok) {
      pushAll(
        actions,
        sizingActions(parsed, params.range, recommendation.value).map((a) => toCodeAction(fixPreferred ? { ...a, isPreferred: false } : a, uri, [])),
      );
    } else {
      for (const pending of pendingSizingActions(parsed, params.range)) {
        actions.push({
          title: pending.title,
          kind: pending.kind,
          isPreferred: (pending.isPreferred && !fixPreferred) || undefined,
          command: { title: pending.title, command: APPLY_CONNTRACK_SIZING, arguments: [{ uri, mode: pending.mode }] },
        });
      }
    }
    pushAll(
      actions,
      suppressions.map((a) => toCodeAction(a, uri, params.context.diagnostics)),
    );
    return actions;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === REFRESH_SNAPSHOT) {
      snapshots.refresh();
      for (const document of documents.all()) void validate(document);
      return { refreshed: true };
    }
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
    const recommendation = args.facts ? recommendationFromFacts(args.facts, settings.kernelVersion) : recommendationFromSettings(settings.sizing, settings.kernelVersion);
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
    const action = conntrackSizingAction(analyzed.parsed(document), recommendation.value, args.mode);
    const result = await connection.workspace.applyEdit({
      label: action.title,
      edit: { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, action.edits)] },
    });
    return { applied: result.applied, title: action.title, conntrackMax: recommendation.value.formula.conntrackMax };
  });

  registerHoverAndCompletion(connection, documents, (document) => analyzed.parsed(document), settingsFor, {
    snippetSupport: () => snippetSupport,
    runningValue: async (uri, key) => snapshots.hover(key, await runtimeSettingsFor(uri)),
  });

  registerFormatting(connection, documents);

  documents.listen(connection);
  connection.listen();
}
