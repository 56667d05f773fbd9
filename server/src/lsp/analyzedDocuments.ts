import type { Connection } from 'vscode-languageserver';
import type { EngineSettings, Finding, ParsedDocument } from '../engine';
import { analyze, FindingsPolicy, LineFindingsCache } from '../engine';
import { EditableDocument } from '../engine/model/editableDocument';

export interface Analysis {
  version: number;
  parsed: ParsedDocument;
  findings: Finding[];
}

interface DocumentState {
  version: number;
  /** Created on first analysis, so a file too large to analyse is never parsed. */
  editable?: EditableDocument;
  lineCache: LineFindingsCache;
  analysis?: Analysis & { settings: EngineSettings };
}

/**
 * Keeps an incrementally parsed copy of every open document next to the TextDocuments manager,
 * so an edit re-parses and re-checks only the lines it touched.
 */
export class AnalyzedDocuments {
  private readonly states = new Map<string, DocumentState>();

  constructor(private readonly currentText: (uri: string) => string | undefined) {}

  /**
   * A connection for TextDocuments.listen that first feeds every open, change and close to this
   * store, so the store is current when TextDocuments fires its events.
   */
  tap(connection: Connection): Connection {
    const tapped = Object.create(connection) as Connection;
    tapped.onDidOpenTextDocument = (handler) =>
      connection.onDidOpenTextDocument((params) => {
        const { uri, version } = params.textDocument;
        this.states.set(uri, { version, lineCache: new LineFindingsCache() });
        return handler(params);
      });
    tapped.onDidChangeTextDocument = (handler) =>
      connection.onDidChangeTextDocument((params) => {
        const state = this.states.get(params.textDocument.uri);
        if (state) {
          state.editable?.applyChanges(params.contentChanges);
          state.version = params.textDocument.version;
          state.analysis = undefined;
        }
        return handler(params);
      });
    tapped.onDidCloseTextDocument = (handler) =>
      connection.onDidCloseTextDocument((params) => {
        this.states.delete(params.textDocument.uri);
        return handler(params);
      });
    return tapped;
  }

  /** Parse and findings for the current version, computed once per version and settings. */
  analysis(uri: string, settings: EngineSettings): Analysis | undefined {
    const state = this.states.get(uri);
    if (!state) return undefined;
    if (state.analysis && state.analysis.settings === settings) return state.analysis;
    const editable = this.editableOf(uri, state);
    if (!editable) return undefined;
    const parsed = editable.toParsed();
    state.analysis = { version: state.version, parsed, findings: analyze(parsed, settings, state.lineCache), settings };
    return state.analysis;
  }

  /** Suppressions and severities of the document, for findings that come from outside it. */
  policy(uri: string, settings: EngineSettings): FindingsPolicy | undefined {
    const analysis = this.analysis(uri, settings);
    const state = this.states.get(uri);
    return analysis && state ? FindingsPolicy.of(analysis.parsed, settings, state.lineCache.index?.directives) : undefined;
  }

  parsed(uri: string): ParsedDocument | undefined {
    const state = this.states.get(uri);
    if (!state) return undefined;
    return state.analysis?.parsed ?? this.editableOf(uri, state)?.toParsed();
  }

  private editableOf(uri: string, state: DocumentState): EditableDocument | undefined {
    if (!state.editable) {
      const text = this.currentText(uri);
      if (text === undefined) return undefined;
      state.editable = new EditableDocument(text);
    }
    return state.editable;
  }

  /** Forget cached results (settings changed); the parsed lines stay. */
  invalidate(): void {
    for (const state of this.states.values()) state.analysis = undefined;
  }
}
