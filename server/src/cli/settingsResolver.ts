import { dirname } from 'node:path';
import type { EngineSettings, ProfileName, RoleName, SeveritySetting, SizingSettings } from '../engine';
import { findConfigFile, loadConfigFile } from './config';

export interface CliOverrides {
  /** --config: one file for every input instead of the nearest .sysctl-lint.json. */
  configPath?: string;
  /** --kernel, or the kernel read from the host whose facts were gathered. */
  kernelVersion?: string;
  /** --rule id=severity. */
  rules: Record<string, SeveritySetting>;
  /** --mem-total/--arch, --local or --host. */
  sizing?: SizingSettings;
  /** --profile and --role: replace the config file's lists when given. */
  profiles?: ProfileName[];
  roles?: RoleName[];
}

export interface ResolvedSettings {
  settings: EngineSettings;
  configPath?: string;
}

/** Settings for a file: defaults, then its config file, then the command line. */
export class SettingsResolver {
  private readonly configs = new Map<string, Partial<EngineSettings>>();

  constructor(private readonly overrides: CliOverrides) {}

  forFile(diskPath: string | undefined, cwd: string): ResolvedSettings {
    const configPath = this.overrides.configPath ?? findConfigFile(diskPath ? dirname(diskPath) : cwd);
    const config = configPath ? this.load(configPath) : {};
    const settings: EngineSettings = {
      rules: { ...config.rules, ...this.overrides.rules },
      sizing: { ...config.sizing, ...this.overrides.sizing },
      kernelVersion: this.overrides.kernelVersion ?? config.kernelVersion,
    };
    if (settings.kernelVersion === undefined) delete settings.kernelVersion;
    const profiles = this.overrides.profiles ?? config.profiles;
    const roles = this.overrides.roles ?? config.roles;
    if (profiles) settings.profiles = profiles;
    if (roles) settings.roles = roles;
    return { settings, configPath };
  }

  private load(path: string): Partial<EngineSettings> {
    let config = this.configs.get(path);
    if (!config) {
      config = loadConfigFile(path);
      this.configs.set(path, config);
    }
    return config;
  }
}
