import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../../server/src/engine';

/** Applies edits the way an LSP client does, so tests see the exact resulting bytes. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///t.conf', 'sysctl', 1, text), [...edits]);
}
