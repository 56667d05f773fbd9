import type { ProfileName, RoleName } from './profiles/types';
import type { SeveritySetting } from './rules/types';

/** The newest kernel the key database documents: the target when none is configured. */
export const NEWEST_DOCUMENTED_KERNEL = '6.18';

/** RAM and architecture of the machine a file is for, as the user typed them (parsed on use). */
export interface SizingSettings {
  /** e.g. `49521980 kB`, `48GiB`, `51539607552`. */
  memTotal?: string;
  /** A `uname -m` name such as `x86_64`, or `32` / `64`. */
  architecture?: string;
}

/** Settings shared by the editor (`sysctl.*`), the CLI's `.sysctl-lint.json` and other LSP clients. */
export interface EngineSettings {
  /** Per-rule severity overrides; `off` silences a rule. */
  rules: Record<string, SeveritySetting>;
  /** Target kernel release, e.g. `6.8`; undefined means the newest kernel the database documents. */
  kernelVersion?: string;
  sizing: SizingSettings;
  /** Hardening profiles to judge values against (`sysctl.profiles`, `--profile`). */
  profiles?: ProfileName[];
  /** Roles that relax the profiles for the host's job (`sysctl.roles`, `--role`). */
  roles?: RoleName[];
  /**
   * Modules the machine the file belongs to loads before systemd-sysctl runs (its modules-load.d),
   * or whose keys a udev rule applies when they load: module-boot-order does not ask for them.
   * Read by the adapters from the file's machine tree; undefined when the file is in none.
   */
  modulesLoadedFirst?: readonly string[];
  /** Editors only: files larger than this many bytes get one notice instead of analysis. */
  maxFileSize?: number;
  /** Editors only: most problems published per file, notice of the rest included; 0 for no limit (DEFAULT_MAX_DIAGNOSTICS when unset). */
  maxDiagnostics?: number;
  /** Editors only: most outline symbols per file, in file order; 0 for no limit (DEFAULT_MAX_SYMBOLS when unset). */
  maxSymbols?: number;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export const DEFAULT_SETTINGS: EngineSettings = {
  rules: {},
  sizing: {},
};
