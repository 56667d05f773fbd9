import * as vscode from 'vscode';

export interface SshSettings {
  host?: string;
  /** True when the host comes from workspace or folder settings, which a repository can carry. */
  hostFromWorkspace: boolean;
  configFile?: string;
  timeoutMs: number;
}

/**
 * Reads `sysctl.ssh.*`. These settings are machine-scoped in package.json; a host that still
 * arrives through workspace settings is marked so the caller can ask before using it.
 */
export function readSshSettings(): SshSettings {
  const config = vscode.workspace.getConfiguration('sysctl.ssh');
  const host = config.inspect<string>('host');
  const fromWorkspace = Boolean(host?.workspaceValue || host?.workspaceFolderValue);
  const seconds = config.get<number>('timeoutSeconds', 15);
  return {
    host: config.get<string>('host') || undefined,
    hostFromWorkspace: fromWorkspace,
    configFile: config.get<string>('configFile') || undefined,
    timeoutMs: Math.max(1, Math.min(600, Number.isFinite(seconds) ? seconds : 15)) * 1000,
  };
}
