import type { EngineSettings, SeveritySetting } from '../engine';
import { DEFAULT_SETTINGS } from '../engine';

const SEVERITIES: ReadonlySet<string> = new Set(['off', 'info', 'warning', 'error']);

/**
 * Reads the `sysctl` settings section as any client sends it (workspace/configuration or
 * initializationOptions). Unknown or malformed entries are dropped rather than trusted.
 */
export function readSettings(raw: unknown): EngineSettings {
  const settings: EngineSettings = { ...DEFAULT_SETTINGS, rules: {} };
  if (!isObject(raw)) return settings;
  const section = isObject(raw.sysctl) ? raw.sysctl : raw;
  if (isObject(section.rules)) {
    for (const [id, severity] of Object.entries(section.rules)) {
      if (typeof severity === 'string' && SEVERITIES.has(severity)) settings.rules[id] = severity as SeveritySetting;
    }
  }
  return settings;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
