import type { EngineSettings, SeveritySetting } from '../engine';
import { isProfileName, isRoleName } from '../engine';

const SEVERITIES: ReadonlySet<string> = new Set(['off', 'info', 'warning', 'error']);

/**
 * Reads the `sysctl` settings section as any client sends it (workspace/configuration or
 * initializationOptions, with or without the `sysctl` wrapper). Malformed entries are dropped
 * rather than trusted.
 */
export function readSettings(raw: unknown): EngineSettings {
  const settings: EngineSettings = { rules: {}, sizing: {} };
  if (!isObject(raw)) return settings;
  const section = isObject(raw.sysctl) ? raw.sysctl : raw;
  if (isObject(section.rules)) {
    for (const [id, severity] of Object.entries(section.rules)) {
      if (typeof severity === 'string' && SEVERITIES.has(severity)) settings.rules[id] = severity as SeveritySetting;
    }
  }
  const kernelVersion = nonEmptyString(section.kernelVersion);
  if (kernelVersion) settings.kernelVersion = kernelVersion;
  if (typeof section.maxFileSize === 'number' && Number.isFinite(section.maxFileSize) && section.maxFileSize > 0) {
    settings.maxFileSize = section.maxFileSize;
  }
  const maxDiagnostics = count(section.maxDiagnostics);
  if (maxDiagnostics !== undefined) settings.maxDiagnostics = maxDiagnostics;
  const maxSymbols = count(section.maxSymbols);
  if (maxSymbols !== undefined) settings.maxSymbols = maxSymbols;
  const profiles = names(section.profiles, isProfileName);
  if (profiles.length > 0) settings.profiles = profiles;
  const roles = names(section.roles, isRoleName);
  if (roles.length > 0) settings.roles = roles;
  if (isObject(section.sizing)) {
    const memTotal = nonEmptyString(section.sizing.memTotal);
    const architecture = nonEmptyString(section.sizing.architecture);
    if (memTotal) settings.sizing.memTotal = memTotal;
    if (architecture) settings.sizing.architecture = architecture;
  }
  return settings;
}

/** Known names from an array (or one name as a string); unknown names are dropped. */
function names<T extends string>(value: unknown, isKnown: (name: string) => name is T): T[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return [
    ...new Set(
      list
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.trim())
        .filter(isKnown),
    ),
  ];
}

/** A whole number of 0 or more (the limits, where 0 means none). */
function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
