import type { Finding } from '../../engine';

/** One linted input: its name for messages and its text (for fingerprints). */
export interface FileReport {
  path: string;
  text: string;
  findings: Finding[];
}

export interface FormatOptions {
  color: boolean;
  version: string;
  /** Folder that SARIF URIs are made relative to. */
  cwd: string;
}

export type Formatter = (reports: readonly FileReport[], options: FormatOptions) => string;
