/**
 * Hover and completion over LSP: thin adapters from the engine's hoverAt / completeAt results to
 * protocol types. Key documentation is sent lazily (completionItem/resolve) because a blank line
 * offers over a thousand names.
 */

import type { CompletionItem, CompletionList, CompletionParams, Connection, Hover, HoverParams, ServerCapabilities } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat, LSPErrorCodes, MarkupKind, ResponseError } from 'vscode-languageserver';
import type { CancellationToken } from 'vscode-languageserver';
import type { OpenDocument, OpenDocuments } from './openDocuments';
import type { EngineSettings, ParsedDocument } from '../engine';
import { completeAt, type EngineCompletionItem } from '../engine/completion';
import { describeName, hoverAt, type EngineHover } from '../engine/hover';

/** Most completion items one response carries; the list is marked incomplete when cut. */
const MAX_COMPLETIONS = 100;

/** A request the client has given up on gets the protocol's "cancelled" answer instead of work. */
function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/** Merge into the server's InitializeResult capabilities. */
export const HOVER_AND_COMPLETION_CAPABILITIES = {
  hoverProvider: true,
  completionProvider: {
    // `.` and `/` continue a key; `=` and a blank after it start a value.
    triggerCharacters: ['.', '/', '=', ' '],
    resolveProvider: true,
  },
} satisfies Pick<ServerCapabilities, 'hoverProvider' | 'completionProvider'>;

export interface HoverAndCompletionOptions {
  /** Whether the client accepts snippet syntax; when false, snippets are sent as plain text. Default true. */
  snippetSupport?: () => boolean;
  /** Markdown lines about the running value of `key` (from a host snapshot), appended to its hover. */
  runningValue?: (uri: string, key: string) => Promise<string[]>;
}

/** What a lazily documented item carries to completionItem/resolve. */
interface ResolveData {
  uri: string;
  key: string;
}

function isResolveData(data: unknown): data is ResolveData {
  if (typeof data !== 'object' || data === null) return false;
  const record = data as Record<string, unknown>;
  return typeof record.uri === 'string' && typeof record.key === 'string';
}

const KIND: Record<EngineCompletionItem['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

export function toLspHover(hover: EngineHover): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: hover.range };
}

/** Snippet syntax to the text it expands to with every placeholder left at its default. */
export function snippetToPlainText(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i];
    if (ch === '\\' && i + 1 < snippet.length) {
      out += snippet[++i];
    } else if (ch === '$') {
      const tabstop = /^\$(\d+|\{\d+\})/.exec(snippet.slice(i));
      const placeholder = /^\$\{\d+:/.exec(snippet.slice(i));
      if (tabstop) i += tabstop[0].length - 1;
      else if (placeholder) i += placeholder[0].length - 1;
      else out += ch;
    } else if (ch === '}') {
      // the end of a placeholder; a literal brace would have been escaped
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * An engine item as an LSP item. With `lazyDocumentation`, key documentation is left for
 * completionItem/resolve and the item carries `{ uri, key }`.
 */
export function toLspCompletionItem(item: EngineCompletionItem, options: { uri?: string; lazyDocumentation?: boolean; snippetSupport?: boolean } = {}): CompletionItem {
  const snippet = item.isSnippet && options.snippetSupport !== false;
  const newText = item.isSnippet && !snippet ? snippetToPlainText(item.insertText) : item.insertText;
  const result: CompletionItem = {
    label: item.label,
    kind: KIND[item.kind],
    detail: item.detail,
    sortText: item.sortText,
    filterText: item.filterText,
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: item.range, newText },
  };
  if (item.preselect) result.preselect = true;
  if (options.lazyDocumentation && item.key !== undefined && options.uri !== undefined && item.kind !== 'value') {
    result.data = { uri: options.uri, key: item.key } satisfies ResolveData;
  } else if (item.documentation) {
    result.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
  }
  return result;
}

/**
 * Adds textDocument/hover, textDocument/completion and completionItem/resolve handlers.
 * `getParsed` should return the parse of the document's current version (cached by the caller).
 */
export function registerHoverAndCompletion(
  connection: Connection,
  documents: OpenDocuments,
  getParsed: (document: OpenDocument) => ParsedDocument,
  getSettings: (uri: string) => Promise<EngineSettings>,
  options: HoverAndCompletionOptions = {},
): void {
  connection.onHover(async (params: HoverParams, token: CancellationToken): Promise<Hover | null> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const settings = await getSettings(document.uri);
    throwIfCancelled(token);
    const parsed = getParsed(document);
    const hover = hoverAt(parsed, params.position, settings);
    const line = parsed.lines[params.position.line];
    const key = line?.kind === 'setting' && !line.key.isGlob && line.key.canonical !== '' ? line.key : undefined;
    const onKey = key !== undefined && params.position.character >= key.span.start && params.position.character < key.span.end;
    const running = onKey && options.runningValue ? await options.runningValue(document.uri, key.canonical) : [];
    throwIfCancelled(token);
    if (running.length === 0 || !key) return hover ? toLspHover(hover) : null;
    const range = hover?.range ?? { start: { line: params.position.line, character: key.span.start }, end: { line: params.position.line, character: key.span.end } };
    return toLspHover({ markdown: [hover?.markdown, running.join('\n\n')].filter(Boolean).join('\n\n---\n\n'), range });
  });

  connection.onCompletion(async (params: CompletionParams, token: CancellationToken): Promise<CompletionList> => {
    const empty: CompletionList = { isIncomplete: false, items: [] };
    const document = documents.get(params.textDocument.uri);
    if (!document) return empty;
    throwIfCancelled(token);
    const lineText = document.lineText(params.position.line);
    // A blank only starts a completion right after `=` (a value); elsewhere it ends a word.
    if (params.context?.triggerCharacter === ' ' && !/=\s*$/.test(lineText.slice(0, params.position.character))) return empty;
    const settings = await getSettings(document.uri);
    const all = completeAt(getParsed(document), params.position, settings, lineText);
    const items = limitCompletions(all, lineText.slice(0, params.position.character));
    const snippetSupport = options.snippetSupport?.() ?? true;
    return {
      // When cut, the client asks again as the user types, and the list narrows.
      isIncomplete: items.length < all.length,
      items: items.map((item) => toLspCompletionItem(item, { uri: document.uri, lazyDocumentation: true, snippetSupport })),
    };
  });

  /**
   * At most MAX_COMPLETIONS items, those whose key starts with what is typed first: a full list of
   * 1,200 keys after every '.' costs more to send than to compute.
   */
  function limitCompletions(items: EngineCompletionItem[], beforeCursor: string): EngineCompletionItem[] {
    if (items.length <= MAX_COMPLETIONS) return items;
    const typed = (/[^\s=]*$/.exec(beforeCursor)?.[0] ?? '').replace(/^-+/, '');
    const prefixed = items.filter((item) => item.filterText?.startsWith(typed) ?? item.label.startsWith(typed));
    const others = items.filter((item) => !(item.filterText?.startsWith(typed) ?? item.label.startsWith(typed)));
    return [...prefixed, ...others].slice(0, MAX_COMPLETIONS);
  }

  connection.onCompletionResolve(async (item: CompletionItem): Promise<CompletionItem> => {
    if (!isResolveData(item.data) || item.documentation !== undefined) return item;
    const settings = await getSettings(item.data.uri);
    const markdown = describeName(item.data.key, settings);
    return markdown === null ? item : { ...item, documentation: { kind: MarkupKind.Markdown, value: markdown } };
  });
}
