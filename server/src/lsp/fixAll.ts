import type { CodeAction } from 'vscode-languageserver';
import type { OpenDocument } from './openDocuments';
import type { EngineSettings, Finding } from '../engine';
import { fixAllEdits } from '../engine';

/** `"editor.codeActionsOnSave": {"source.fixAll.sysctl": "explicit"}` asks for this kind. */
export const FIX_ALL_KIND = 'source.fixAll.sysctl';

/** Whether the client asked for fix-all: `source`, `source.fixAll` or the full kind. */
export function requestsFixAll(only: readonly string[] | undefined): boolean {
  return only?.some((kind) => kind === FIX_ALL_KIND || FIX_ALL_KIND.startsWith(`${kind}.`)) ?? false;
}

/** The safe fixes `sysctl-lint --fix` applies, as one action (none when nothing changes); `findings` are the document's own, of its current version. */
export function fixAllActions(document: OpenDocument, settings: EngineSettings, findings: Finding[]): CodeAction[] {
  const edits = fixAllEdits(document.getText(), settings, findings);
  if (edits.length === 0) return [];
  return [{ title: 'Fix all safe sysctl problems', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: edits } } }];
}
