import * as vscode from 'vscode';
import { parseDocument } from '../../../server/src/engine/parser/parseDocument';
import { applyCommandFor } from '../../../server/src/engine/runtime/applyTarget';
import { validateHost } from '../../../server/src/host/sshFacts';
import { readSshSettings } from '../sizing/sshSettings';

export const APPLY_TERMINAL_NAME = 'Sysctl: apply to the running kernel';

/** What was put in the terminal, for the extension's tests. */
export interface ApplyRecord {
  terminal: string;
  command: string;
}

/**
 * Opens a terminal with the exact command that applies the file (or one line) to the running
 * kernel, and does NOT press Enter: the user reads it and runs it, or not. Nothing is executed here.
 */
export async function applyToKernel(document: vscode.TextDocument, target: 'file' | { line: number }, isTrusted: () => boolean): Promise<ApplyRecord | undefined> {
  const mode = target === 'file' ? 'file' : 'line';
  const source = vscode.workspace.getConfiguration('sysctl', document.uri).get<string>('runtime.source', 'local');
  let sshHost: string | undefined;
  if (source === 'ssh') {
    if (!isTrusted()) {
      void vscode.window.showErrorMessage('Sysctl: the running kernel is read over SSH, which is disabled in untrusted workspaces.');
      return undefined;
    }
    const checked = validateHost(readSshSettings().host ?? '');
    if (!checked.ok) {
      void vscode.window.showErrorMessage(`Sysctl: sysctl.runtime.source is "ssh": ${checked.error}`);
      return undefined;
    }
    sshHost = checked.value;
  }
  const onDisk = document.uri.scheme === 'file' && !document.isUntitled;
  if (mode === 'file' && onDisk && document.isDirty && sshHost === undefined) {
    void vscode.window.showErrorMessage('Sysctl: save the file first: sysctl -p applies the file as it is on disk.');
    return undefined;
  }
  const result = applyCommandFor(parseDocument(document.getText()), {
    sshHost,
    filePath: onDisk ? document.uri.fsPath : undefined,
    line: target === 'file' ? undefined : target.line,
  });
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Sysctl: nothing to apply: ${result.error}.`);
    return undefined;
  }
  const terminal = vscode.window.terminals.find((t) => t.name === APPLY_TERMINAL_NAME && t.exitStatus === undefined) ?? vscode.window.createTerminal({ name: APPLY_TERMINAL_NAME });
  terminal.show();
  // false: no newline, so nothing runs until the user presses Enter.
  terminal.sendText(result.command, false);
  return { terminal: APPLY_TERMINAL_NAME, command: result.command };
}

/** In VS Code, a runtime-drift diagnostic offers to apply its line (through the same terminal). */
export function applyLineActions(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
  return diagnostics
    .filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'runtime-drift')
    .map((d) => {
      const action = new vscode.CodeAction('Apply this line to the running kernel (opens a terminal, you press Enter)', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.command = { title: action.title, command: 'sysctl.applyLineToKernel', arguments: [document.uri.toString(), d.range.start.line] };
      return action;
    });
}
