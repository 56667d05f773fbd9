import { dumpCommand, lintCommand } from './commands';
import type { CommandResult } from './commands';
import { CliError, EXIT_OK, EXIT_USAGE } from './exitCodes';
import { readInputFiles } from './readFiles';
import { USAGE } from './usage';

declare const SYSCTL_TOOLS_VERSION: string;

function run(argv: readonly string[]): CommandResult {
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help') return { stdout: USAGE, exitCode: EXIT_OK };
  if (first === '-v' || first === '--version') return { stdout: `${SYSCTL_TOOLS_VERSION}\n`, exitCode: EXIT_OK };
  const isDump = first === 'dump';
  const paths = isDump ? rest : argv;
  const unknown = paths.find((arg) => arg.startsWith('-') && arg !== '-');
  if (unknown) throw new CliError(`unknown option '${unknown}' (see --help)`);
  if (paths.length === 0) throw new CliError(isDump ? 'dump needs at least one FILE' : 'no FILE given (see --help)');
  const files = readInputFiles(paths);
  return isDump ? dumpCommand(files) : lintCommand(files);
}

function main(): void {
  // A reader that goes away (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw error;
  });
  try {
    const result = run(process.argv.slice(2));
    process.exitCode = result.exitCode;
    process.stdout.write(result.stdout);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`sysctl-lint: ${error.message}\n`);
    } else {
      process.stderr.write(`sysctl-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = EXIT_USAGE;
  }
}

main();
