import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { EngineSettings, SeveritySetting } from '../engine';
import type { ProfileName, RoleName } from '../engine';
import { canonicalRuleId, isProfileName, isProfileRuleId, isRoleName, parseKernelVersion, PROFILE_NAMES, ROLE_NAMES } from '../engine';
import { CliError } from './exitCodes';
import { describeIoError } from '../host/ioErrors';

export const CONFIG_FILE_NAME = '.sysctl-lint.json';
const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);
const TOP_LEVEL_KEYS = new Set(['rules', 'kernelVersion', 'sizing', 'profiles', 'roles']);

/** The nearest `.sysctl-lint.json` in the file's folder or above it. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads and checks a config file: the same keys as the editor's `sysctl.*` settings. */
export function loadConfigFile(path: string): Partial<EngineSettings> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read config '${path}': ${describeIoError(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(`config '${path}' is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new CliError(`config '${path}' must hold a JSON object`);
  const record = data as Record<string, unknown>;
  const unknown = Object.keys(record).find((key) => !TOP_LEVEL_KEYS.has(key));
  if (unknown) throw new CliError(`config '${path}': unknown setting '${unknown}' (expected rules, kernelVersion, sizing, profiles, roles)`);
  const config: Partial<EngineSettings> = {};
  if (record.rules !== undefined) config.rules = checkRules(record.rules, `config '${path}': rules`);
  if (record.kernelVersion !== undefined) config.kernelVersion = checkKernel(record.kernelVersion, `config '${path}': kernelVersion`);
  if (record.profiles !== undefined) config.profiles = checkProfiles(record.profiles, `config '${path}': profiles`);
  if (record.roles !== undefined) config.roles = checkRoles(record.roles, `config '${path}': roles`);
  if (record.sizing !== undefined) {
    const sizing = record.sizing as Record<string, unknown>;
    if (typeof sizing !== 'object' || sizing === null || Array.isArray(sizing)) throw new CliError(`config '${path}': sizing must be an object`);
    config.sizing = {};
    for (const [key, value] of Object.entries(sizing)) {
      if (key !== 'memTotal' && key !== 'architecture') throw new CliError(`config '${path}': unknown sizing setting '${key}' (expected memTotal, architecture)`);
      if (typeof value !== 'string') throw new CliError(`config '${path}': sizing.${key} must be a string`);
      config.sizing[key] = value;
    }
  }
  return config;
}

export function checkRules(raw: unknown, where: string): Record<string, SeveritySetting> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CliError(`${where} must be an object of rule id to severity`);
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, severity] of Object.entries(raw)) {
    // A former id still names its rule; profile rules are `<profile>/<key>` or `<profile>/*`.
    if (canonicalRuleId(id) === undefined && !isProfileRuleId(id)) throw new CliError(`${where}: unknown rule '${id}'`);
    if (typeof severity !== 'string' || !SEVERITIES.has(severity)) throw new CliError(`${where}: '${id}' must be off, info, warning or error`);
    rules[id] = severity as SeveritySetting;
  }
  return rules;
}

function checkNames<T extends string>(raw: unknown, where: string, what: string, known: readonly string[], isKnown: (name: string) => name is T): T[] {
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || !list.every((v): v is string => typeof v === 'string')) throw new CliError(`${where} must be a list of ${what} names`);
  const unknown = list.find((name) => !isKnown(name));
  if (unknown !== undefined) throw new CliError(`${where}: unknown ${what} '${unknown}' (choose ${known.join(', ')})`);
  return [...new Set(list as T[])];
}

/** Profile names from a config file or `--profile` (repeatable). */
export function checkProfiles(raw: unknown, where: string): ProfileName[] {
  return checkNames(raw, where, 'profile', PROFILE_NAMES, isProfileName);
}

/** Role names from a config file or `--role` (repeatable). */
export function checkRoles(raw: unknown, where: string): RoleName[] {
  return checkNames(raw, where, 'role', ROLE_NAMES, isRoleName);
}

export function checkKernel(raw: unknown, where: string): string {
  if (typeof raw !== 'string') throw new CliError(`${where} must be a string such as "6.8"`);
  const parsed = parseKernelVersion(raw);
  if (!parsed.ok) throw new CliError(`${where}: ${parsed.error}`);
  return raw.trim();
}

/** `--rule id=severity`, repeatable. */
export function parseRuleOptions(values: readonly string[]): Record<string, SeveritySetting> {
  const raw: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new CliError(`--rule takes RULE=SEVERITY, e.g. --rule unknown-key=error (got '${value}')`);
    raw[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return checkRules(raw, '--rule');
}
