import { doctorReport } from '../../engine/runtime';
import type { ParsedArgs } from '../args';
import { CliError, EXIT_FINDINGS, EXIT_OK } from '../exitCodes';
import { readSnapshot } from '../snapshotInputs';
import type { CommandResult } from './result';

/** The conntrack diagnosis of one running kernel; exit 1 when its table is full or has dropped packets. */
export async function doctorCommand(args: ParsedArgs): Promise<CommandResult> {
  if (args.paths.length > 0) throw new CliError(`doctor reads a running kernel, not files; got '${args.paths[0]}'`);
  const snapshot = await readSnapshot(args, 'doctor');
  const report = doctorReport(snapshot);
  return { stdout: report.lines.join('\n') + '\n', exitCode: report.unhealthy ? EXIT_FINDINGS : EXIT_OK };
}
