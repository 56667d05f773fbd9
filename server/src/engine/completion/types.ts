import type { Range } from '../text/position';

/**
 * - `key`: a key name only (the line already has `=`, or the name has no documented default).
 * - `snippet`: a whole `key = value` line with the default value as a placeholder.
 * - `value`: a value for the key on the line.
 */
export type EngineCompletionKind = 'key' | 'value' | 'snippet';

/** A completion item in engine terms; the LSP layer maps it to a CompletionItem with a textEdit. */
export interface EngineCompletionItem {
  label: string;
  kind: EngineCompletionKind;
  /** One line shown next to the label: the key's summary, or the value's meaning. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text that replaces `range`; snippet syntax (`${1:default}`) when `isSnippet`. */
  insertText: string;
  isSnippet: boolean;
  /** What the item replaces: the whole key (or value) token around the cursor, on the cursor's line. */
  range: Range;
  sortText: string;
  /** What the client matches the typed text against (the key or value without snippet syntax). */
  filterText: string;
  /** The default value among value items. */
  preselect?: boolean;
  /**
   * Canonical name of the key a `key` / `snippet` item inserts; lets a client that loads
   * documentation lazily ask `describeName(key, settings)` for it.
   */
  key?: string;
}
