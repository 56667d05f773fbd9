import type { SizingSettings } from '../engine';
import { architectureFromUname, parseSize } from '../engine';
import { readLocalFacts } from '../host/localFacts';
import { readSshFacts } from '../host/sshFacts';
import type { ParsedArgs } from './args';
import { single } from './args';
import { CliError } from './exitCodes';

const DEFAULT_TIMEOUT_SECONDS = 15;

export function timeoutMs(args: ParsedArgs): number {
  const text = single(args, '--timeout');
  if (text === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds < 1 || seconds > 600) throw new CliError(`--timeout must be a number of seconds from 1 to 600, got '${text}'`);
  return seconds * 1000;
}

/** Where the target machine's RAM and architecture come from, as the command line says. */
export type FactsSource = { kind: 'typed'; memBytes: number; arch: string } | { kind: 'local' } | { kind: 'host'; host: string };

/**
 * The one source named by --mem-total/--arch, --local or --host, checked (a size that parses, the
 * two typed values together); undefined when none is named. `tooMany` is the command's own
 * message for naming several.
 */
export function chosenFactsSource(args: ParsedArgs, tooMany: string): FactsSource | undefined {
  const memTotal = single(args, '--mem-total');
  const arch = single(args, '--arch');
  const typed = memTotal !== undefined || arch !== undefined;
  if (typed && (memTotal === undefined || arch === undefined)) throw new CliError('--mem-total and --arch go together');
  if ([typed, args.flags.has('--local'), args.values.has('--host')].filter(Boolean).length > 1) throw new CliError(tooMany);
  if (typed) {
    const size = parseSize(memTotal!);
    if (!size.ok) throw new CliError(`--mem-total: ${size.error}`);
    return { kind: 'typed', memBytes: size.value, arch: arch! };
  }
  if (args.flags.has('--local')) return { kind: 'local' };
  const host = single(args, '--host');
  return host === undefined ? undefined : { kind: 'host', host };
}

export interface MachineFacts {
  memBytes: number;
  arch: string;
  /** The machine's own kernel release, when it was read from the machine. */
  kernelRelease?: string;
  /** Where the facts came from, e.g. "for this machine", for headings. */
  heading: string;
}

/** Reads the facts from their source; any failure is a one-line error. */
export async function readMachineFacts(source: FactsSource, args: ParsedArgs): Promise<MachineFacts> {
  if (source.kind === 'typed') return { memBytes: source.memBytes, arch: source.arch, heading: 'from the given RAM and architecture' };
  const read = source.kind === 'local' ? await readLocalFacts() : await readSshFacts({ host: source.host, configFile: single(args, '--ssh-config'), timeoutMs: timeoutMs(args) });
  if (!read.ok) throw new CliError(read.error);
  return {
    memBytes: read.value.memBytes,
    arch: read.value.architecture.name,
    kernelRelease: read.value.kernelRelease ?? undefined,
    heading: source.kind === 'local' ? 'for this machine' : `for ${source.host} (read over SSH)`,
  };
}

/**
 * RAM and architecture of the target machine for the lint rules, as sizing settings, with the
 * machine's kernel when it was read from it. Undefined when the command line names no source.
 */
export async function machineSizing(args: ParsedArgs): Promise<{ sizing: SizingSettings; kernelRelease?: string } | undefined> {
  // The architecture alone is enough for the profiles' architecture limits, as in a settings file.
  const arch = single(args, '--arch');
  if (arch !== undefined && !args.values.has('--mem-total') && !args.flags.has('--local') && !args.values.has('--host')) {
    const known = architectureFromUname(arch);
    if (!known.ok) throw new CliError(`--arch: ${known.error}`);
    return { sizing: { architecture: arch } };
  }
  const source = chosenFactsSource(args, 'give one source of RAM and architecture: --mem-total with --arch, --local, or --host');
  if (!source) {
    if (args.values.has('--ssh-config') || args.values.has('--timeout')) throw new CliError('--ssh-config and --timeout go with --host');
    return undefined;
  }
  const facts = await readMachineFacts(source, args);
  return { sizing: { memTotal: String(facts.memBytes), architecture: facts.arch }, kernelRelease: facts.kernelRelease };
}
