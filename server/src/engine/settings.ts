import type { SeveritySetting } from './rules/types';

/** Settings shared by the editor (`sysctl.*`), the CLI's `.sysctl-lint.json` and other LSP clients. */
export interface EngineSettings {
  /** Per-rule severity overrides; `off` silences a rule. */
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  rules: {},
};
