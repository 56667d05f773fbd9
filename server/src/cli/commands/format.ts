import { formatText } from '../../engine';
import type { ParsedArgs } from '../args';
import { CliError, EXIT_FINDINGS, EXIT_OK } from '../exitCodes';
import { readInputs } from '../readFiles';
import { rewriteInput } from '../rewriteInput';
import type { CommandResult } from './result';

/**
 * `sysctl-lint format (--check | --write) FILE...`: `key = value` layout without changing what the
 * tools apply. --check names the files that would change and exits 1; --write rewrites them.
 */
export function formatCommand(args: ParsedArgs): CommandResult {
  const check = args.flags.has('--check');
  const write = args.flags.has('--write');
  if (check === write) throw new CliError('format needs exactly one of --check and --write');
  if (args.paths.length === 0) throw new CliError('format needs at least one FILE');
  const inputs = readInputs(args.paths);
  if (write && inputs.some((input) => !input.diskPath)) throw new CliError('format --write rewrites files; it cannot write standard input');
  let stdout = '';
  let unformatted = 0;
  for (const input of inputs) {
    const formatted = formatText(input.text);
    if (formatted === input.text) continue;
    unformatted++;
    if (check) {
      stdout += `${input.path}: not formatted\n`;
      continue;
    }
    rewriteInput(input, formatted, 'format', 'layout changes');
    stdout += `${input.path}: formatted\n`;
  }
  return { stdout, exitCode: check && unformatted > 0 ? EXIT_FINDINGS : EXIT_OK };
}
