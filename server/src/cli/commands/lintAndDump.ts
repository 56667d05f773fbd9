import { analyze, formatProcpsWrite, parseDocument, procpsWrites } from '../../engine';
import { EXIT_FINDINGS, EXIT_OK } from '../exitCodes';
import { formatCompact } from '../formatCompact';
import type { InputFile } from '../readFiles';

export interface CommandResult {
  stdout: string;
  exitCode: number;
}

/** What `sysctl --dry-run -p FILE...` prints for these files when every key exists. */
export function dumpCommand(files: readonly InputFile[]): CommandResult {
  let stdout = '';
  for (const file of files) {
    for (const write of procpsWrites(file.text)) stdout += formatProcpsWrite(write) + '\n';
  }
  return { stdout, exitCode: EXIT_OK };
}

export function lintCommand(files: readonly InputFile[]): CommandResult {
  let stdout = '';
  let errors = 0;
  for (const file of files) {
    const findings = analyze(parseDocument(file.text));
    errors += findings.filter((f) => f.severity === 'error').length;
    stdout += formatCompact(file.path, findings);
  }
  return { stdout, exitCode: errors > 0 ? EXIT_FINDINGS : EXIT_OK };
}
