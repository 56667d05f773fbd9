import * as vscode from 'vscode';

/**
 * The prompts the sizing flow shows. Tests replace them through the extension's test API, so
 * the flow runs in a real VS Code without anyone clicking.
 */
export interface SizingUi {
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A modal yes/no question; true only for an explicit yes. */
  confirm(message: string, yes: string): Promise<boolean>;
  error(message: string): void;
}

export const vscodeUi: SizingUi = {
  pick: async (items, options) => vscode.window.showQuickPick([...items], options),
  input: async (options) => vscode.window.showInputBox(options),
  confirm: async (message, yes) => (await vscode.window.showWarningMessage(message, { modal: true }, yes)) === yes,
  error: (message) => void vscode.window.showErrorMessage(message),
};
