import { parseArgs } from './args';
import { dumpCommand, lintCommand } from './commands/lintAndDump';
import type { CommandResult } from './commands/lintAndDump';
import { recommendCommand } from './commands/recommend';
import { CliError, EXIT_OK, EXIT_USAGE } from './exitCodes';
import { readInputFiles } from './readFiles';
import { USAGE } from './usage';

declare const SYSCTL_TOOLS_VERSION: string;

async function run(argv: readonly string[]): Promise<CommandResult> {
  const args = parseArgs(argv);
  if (args.flags.has('--help')) return { stdout: USAGE, exitCode: EXIT_OK };
  if (args.flags.has('--version')) return { stdout: `${SYSCTL_TOOLS_VERSION}\n`, exitCode: EXIT_OK };
  if (args.command === 'recommend') return recommendCommand(args);
  if (args.paths.length === 0) throw new CliError(args.command === 'dump' ? 'dump needs at least one FILE' : 'no FILE given (see --help)');
  const files = readInputFiles(args.paths);
  return args.command === 'dump' ? dumpCommand(files) : lintCommand(files);
}

async function main(): Promise<void> {
  // A reader that goes away (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw error;
  });
  try {
    const result = await run(process.argv.slice(2));
    process.exitCode = result.exitCode;
    process.stdout.write(result.stdout);
  } catch (error) {
    const message = error instanceof CliError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`sysctl-lint: ${message}\n`);
    process.exitCode = EXIT_USAGE;
  }
}

void main();
