import type { RuntimeSnapshot } from '../engine/runtime';
import { readLocalSnapshot } from '../host/localSnapshot';
import { readSshSnapshot } from '../host/sshSnapshot';
import type { ParsedArgs } from './args';
import { single } from './args';
import { CliError } from './exitCodes';
import { timeoutMs } from './hostInputs';

/** The one running kernel named by --local or --host; `command` names the caller in messages. */
export function snapshotSourceOf(args: ParsedArgs, command: string): { kind: 'local' } | { kind: 'host'; host: string } {
  const local = args.flags.has('--local');
  const host = single(args, '--host');
  if (local && host !== undefined) throw new CliError(`${command} reads one kernel: choose --local or --host, not both`);
  if (!local && host === undefined) throw new CliError(`${command} needs --local (this machine) or --host [USER@]HOST`);
  if (local && (args.values.has('--ssh-config') || args.values.has('--timeout'))) throw new CliError('--ssh-config and --timeout go with --host');
  return local ? { kind: 'local' } : { kind: 'host', host: host! };
}

/** Reads the snapshot; an unreadable host is a one-line CliError (exit 2). */
export async function readSnapshot(args: ParsedArgs, command: string): Promise<RuntimeSnapshot> {
  const source = snapshotSourceOf(args, command);
  const result =
    source.kind === 'local' ? await readLocalSnapshot() : await readSshSnapshot({ host: source.host, configFile: single(args, '--ssh-config'), timeoutMs: timeoutMs(args) });
  if (!result.ok) throw new CliError(result.error);
  return result.value;
}
