import { parseArgs, single } from './args';
import { doctorCommand } from './commands/doctor';
import { driftCommand } from './commands/drift';
import { dumpCommand } from './commands/dump';
import { formatCommand } from './commands/format';
import { lintCommand } from './commands/lint';
import { recommendCommand } from './commands/recommend';
import { explainCommand, listRulesCommand } from './commands/rules';
import type { CommandResult } from './commands/result';
import { systemCommand } from './commands/system';
import { CliError, EXIT_OK, EXIT_USAGE } from './exitCodes';
import { USAGE } from './usage';

declare const SYSCTL_TOOLS_VERSION: string;

async function run(argv: readonly string[]): Promise<CommandResult> {
  const args = parseArgs(argv);
  if (args.flags.has('--help')) return { stdout: USAGE, exitCode: EXIT_OK };
  if (args.flags.has('--version')) return { stdout: `${SYSCTL_TOOLS_VERSION}\n`, exitCode: EXIT_OK };
  if (args.flags.has('--list-rules')) return listRulesCommand();
  const explain = single(args, '--explain');
  if (explain !== undefined) return explainCommand(explain);
  const environment = { isTty: process.stdout.isTTY === true, env: process.env, cwd: process.cwd() };
  switch (args.command) {
    case 'recommend':
      return recommendCommand(args);
    case 'dump':
      return dumpCommand(args);
    case 'format':
      return formatCommand(args);
    case 'system':
      return systemCommand(args, environment);
    case 'drift':
      return driftCommand(args, environment);
    case 'doctor':
      return doctorCommand(args);
    default:
      return lintCommand(args, environment);
  }
}

/** Writes everything, then exits; a reader that went away (`| head`) ends the run quietly. */
function finish(stdout: string, exitCode: number): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(exitCode);
    process.stderr.write(`sysctl-lint: cannot write output: ${error.message}\n`);
    process.exit(EXIT_USAGE);
  });
  process.exitCode = exitCode;
  if (stdout) process.stdout.write(stdout);
}

async function main(): Promise<void> {
  try {
    const result = await run(process.argv.slice(2));
    for (const note of result.notes ?? []) process.stderr.write(`sysctl-lint: ${note}\n`);
    finish(result.stdout, result.exitCode);
  } catch (error) {
    const message = error instanceof CliError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`sysctl-lint: ${message.split('\n')[0]}\n`);
    process.exitCode = EXIT_USAGE;
  }
}

void main();
