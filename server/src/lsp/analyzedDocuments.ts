import type { EngineSettings, Finding, ParsedDocument } from '../engine';
import { analyze, FindingsPolicy, LineFindingsCache } from '../engine';
import type { OpenDocument } from './openDocuments';

export interface Analysis {
  version: number;
  parsed: ParsedDocument;
  findings: Finding[];
}

interface DocumentState {
  lineCache: LineFindingsCache;
  analysis?: Analysis & { settings: EngineSettings };
}

/**
 * The findings of every open document, worked out from its incrementally parsed lines, so an
 * edit re-checks only the lines it touched; computed once per version and settings.
 */
export class AnalyzedDocuments {
  private readonly states = new Map<string, DocumentState>();

  /** Parse and findings for the document's current version. */
  analysis(document: OpenDocument, settings: EngineSettings): Analysis {
    let state = this.states.get(document.uri);
    if (!state) {
      state = { lineCache: new LineFindingsCache() };
      this.states.set(document.uri, state);
    }
    const known = state.analysis;
    if (known && known.version === document.version && known.settings === settings) return known;
    const parsed = document.lines().toParsed();
    state.analysis = { version: document.version, parsed, findings: analyze(parsed, settings, state.lineCache), settings };
    return state.analysis;
  }

  /** Suppressions and severities of the document, for findings that come from outside it. */
  policy(document: OpenDocument, settings: EngineSettings): FindingsPolicy {
    const analysis = this.analysis(document, settings);
    return FindingsPolicy.of(analysis.parsed, settings, this.states.get(document.uri)?.lineCache.index?.directives);
  }

  /** The parse of the document's current version (the last analysis when it is current). */
  parsed(document: OpenDocument): ParsedDocument {
    const known = this.states.get(document.uri)?.analysis;
    return known && known.version === document.version ? known.parsed : document.lines().toParsed();
  }

  /** The document was closed. */
  forget(uri: string): void {
    this.states.delete(uri);
  }

  /** Forget cached results (settings changed); the parsed lines stay. */
  invalidate(): void {
    for (const state of this.states.values()) state.analysis = undefined;
  }
}
