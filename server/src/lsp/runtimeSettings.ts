/**
 * Where the language server reads the running kernel from, as any client sends it
 * (workspace/configuration of `sysctl`, or initializationOptions):
 *   runtime.source   "off" | "local" | "ssh" (default "local": running values in hovers only)
 *   runtime.explicit false when the value is only the default (the VS Code client says so);
 *                    otherwise a source that is present counts as chosen, and drift diagnostics follow
 *   runtime.trusted  false in an untrusted workspace: never ssh there
 *   runtime.hostConfirmed false while an SSH host from workspace settings is not confirmed
 *   ssh.host, ssh.configFile, ssh.timeoutSeconds
 */

import { DEFAULT_SSH_TIMEOUT_MS } from '../host/sshFacts';

export type RuntimeSourceSetting = 'off' | 'local' | 'ssh';

export interface RuntimeSettings {
  source: RuntimeSourceSetting;
  /** Chosen by the user, not the default: drift diagnostics for every file. */
  explicit: boolean;
  /** False when the client says the workspace is untrusted. */
  trusted: boolean;
  /** False when the SSH host came from workspace settings and the user has not confirmed it yet. */
  hostConfirmed: boolean;
  sshHost?: string;
  sshConfigFile?: string;
  timeoutMs: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readRuntimeSettings(raw: unknown): RuntimeSettings {
  const section = isObject(raw) && isObject(raw.sysctl) ? raw.sysctl : isObject(raw) ? raw : {};
  const runtime = isObject(section.runtime) ? section.runtime : {};
  const ssh = isObject(section.ssh) ? section.ssh : {};
  const source = runtime.source === 'off' || runtime.source === 'local' || runtime.source === 'ssh' ? runtime.source : undefined;
  const seconds = typeof ssh.timeoutSeconds === 'number' && Number.isFinite(ssh.timeoutSeconds) ? Math.min(600, Math.max(1, ssh.timeoutSeconds)) : undefined;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  return {
    source: source ?? 'local',
    explicit: source !== undefined && runtime.explicit !== false,
    trusted: runtime.trusted !== false,
    hostConfirmed: runtime.hostConfirmed !== false,
    sshHost: text(ssh.host),
    sshConfigFile: text(ssh.configFile),
    timeoutMs: seconds === undefined ? DEFAULT_SSH_TIMEOUT_MS : seconds * 1000,
  };
}
