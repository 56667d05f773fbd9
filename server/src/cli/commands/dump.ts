import { formatProcpsWrite, procpsWrites } from '../../engine';
import type { ParsedArgs } from '../args';
import { CliError, EXIT_OK } from '../exitCodes';
import { readInputs } from '../readFiles';
import type { CommandResult } from './result';

/** What `sysctl --dry-run -p FILE...` prints for these files when every key exists. */
export function dumpCommand(args: ParsedArgs): CommandResult {
  if (args.paths.length === 0) throw new CliError('dump needs at least one FILE');
  let stdout = '';
  for (const file of readInputs(args.paths)) {
    for (const write of procpsWrites(file.text)) stdout += formatProcpsWrite(write) + '\n';
  }
  return { stdout, exitCode: EXIT_OK };
}
