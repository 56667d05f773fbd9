import type { SizingSettings } from '../engine';
import { parseSize } from '../engine';
import { readLocalFacts } from '../host/localFacts';
import { readSshFacts } from '../host/sshFacts';
import type { ParsedArgs } from './args';
import { single } from './args';
import { CliError } from './exitCodes';

const DEFAULT_TIMEOUT_SECONDS = 15;

export interface MachineFacts {
  sizing: SizingSettings;
  /** The host's own kernel release, when it was read from the machine. */
  kernelRelease?: string;
  /** Where the facts came from, for headings. */
  label: string;
}

export function timeoutMs(args: ParsedArgs): number {
  const text = single(args, '--timeout');
  if (text === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds < 1 || seconds > 600) throw new CliError(`--timeout must be a number of seconds from 1 to 600, got '${text}'`);
  return seconds * 1000;
}

/**
 * RAM and architecture of the target machine from the command line: typed, this machine, or an
 * SSH host. Undefined when none was asked for; any failure is a one-line error.
 */
export async function machineFacts(args: ParsedArgs): Promise<MachineFacts | undefined> {
  const memTotal = single(args, '--mem-total');
  const arch = single(args, '--arch');
  const sources = [memTotal !== undefined || arch !== undefined, args.flags.has('--local'), args.values.has('--host')].filter(Boolean).length;
  if (sources > 1) throw new CliError('give one source of RAM and architecture: --mem-total with --arch, --local, or --host');
  if (memTotal !== undefined || arch !== undefined) {
    if (memTotal === undefined || arch === undefined) throw new CliError('--mem-total and --arch go together');
    const size = parseSize(memTotal);
    if (!size.ok) throw new CliError(`--mem-total: ${size.error}`);
    return { sizing: { memTotal: String(size.value), architecture: arch }, label: 'the given RAM and architecture' };
  }
  if (args.flags.has('--local')) {
    const local = await readLocalFacts();
    if (!local.ok) throw new CliError(local.error);
    return { sizing: { memTotal: String(local.value.memBytes), architecture: local.value.architecture.name }, kernelRelease: local.value.kernelRelease ?? undefined, label: 'this machine' };
  }
  const host = single(args, '--host');
  if (host !== undefined) {
    const remote = await readSshFacts({ host, configFile: single(args, '--ssh-config'), timeoutMs: timeoutMs(args) });
    if (!remote.ok) throw new CliError(remote.error);
    return {
      sizing: { memTotal: String(remote.value.memBytes), architecture: remote.value.architecture.name },
      kernelRelease: remote.value.kernelRelease ?? undefined,
      label: `${host} (read over SSH)`,
    };
  }
  if (args.values.has('--ssh-config') || args.values.has('--timeout')) throw new CliError('--ssh-config and --timeout go with --host');
  return undefined;
}
