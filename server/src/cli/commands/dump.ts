import { statSync } from 'node:fs';
import { procpsDryRunText } from '../../engine';
import type { ParsedArgs } from '../args';
import { CliError, EXIT_OK } from '../exitCodes';
import { readInputs } from '../readFiles';
import type { CommandResult } from './result';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // missing or unreadable: readInputs says which
  }
}

/** What `sysctl --dry-run -p FILE...` prints for these files when every key exists. */
export function dumpCommand(args: ParsedArgs): CommandResult {
  if (args.paths.length === 0) throw new CliError('dump needs at least one FILE');
  // `sysctl -p DIR` reads no settings from a directory; expanding it here would print ones it never applies.
  const directory = args.paths.find((path) => path !== '-' && isDirectory(path));
  if (directory !== undefined) throw new CliError(`cannot dump '${directory}': it is a directory; dump takes files, as 'sysctl -p FILE' does`);
  let stdout = '';
  for (const file of readInputs(args.paths)) {
    stdout += procpsDryRunText(file.text);
  }
  return { stdout, exitCode: EXIT_OK };
}
