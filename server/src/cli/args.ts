import { CliError } from './exitCodes';

export type Command = 'lint' | 'dump' | 'recommend' | 'system' | 'format' | 'drift' | 'doctor';
const COMMANDS: readonly Command[] = ['dump', 'recommend', 'system', 'format', 'drift', 'doctor'];

/** Options that take a value, and whether they may repeat. */
const VALUE_OPTIONS: Readonly<Record<string, { repeatable?: boolean }>> = {
  '--format': {},
  '--config': {},
  '--print-config': {},
  '--kernel': {},
  '--rule': { repeatable: true },
  '--max-warnings': {},
  '--stdin-filename': {},
  '--mem-total': {},
  '--arch': {},
  '--host': {},
  '--ssh-config': {},
  '--timeout': {},
  '--ansible-facts': {},
  '--root': {},
  '--flavor': {},
  '--profile': { repeatable: true },
  '--role': { repeatable: true },
  '--explain': {},
};
const FLAG_OPTIONS: ReadonlySet<string> = new Set([
  '--local',
  '--help',
  '--version',
  '--quiet',
  '--fix',
  '--fix-dry-run',
  '--print-effective',
  '--print-missing',
  '--no-color',
  '--color',
  '--list-rules',
  '--check',
  '--write',
  '--system',
]);
const SHORT: Readonly<Record<string, string>> = { '-h': '--help', '-v': '--version', '-q': '--quiet', '-f': '--format', '-c': '--config' };

export interface ParsedArgs {
  command: Command;
  paths: string[];
  values: Map<string, string[]>;
  flags: Set<string>;
}

/** `--opt value` and `--opt=value`; `--` ends options; `-` alone is a path (standard input). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const args = [...argv];
  let command: Command = 'lint';
  if (args.length > 0 && (COMMANDS as readonly string[]).includes(args[0])) command = args.shift() as Command;
  const parsed: ParsedArgs = { command, paths: [], values: new Map(), flags: new Set() };
  let optionsEnded = false;
  while (args.length > 0) {
    const arg = args.shift()!;
    if (optionsEnded || arg === '-' || !arg.startsWith('-')) {
      parsed.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq > 0 ? arg.slice(0, eq) : arg;
    const name = SHORT[written] ?? written;
    if (FLAG_OPTIONS.has(name)) {
      if (eq > 0) throw new CliError(`option '${name}' takes no value`);
      parsed.flags.add(name);
      continue;
    }
    const spec = VALUE_OPTIONS[name];
    if (!spec) throw new CliError(`unknown option '${written}' (see --help)`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = args.shift();
      if (value === undefined) throw new CliError(`option '${name}' needs a value`);
    }
    const existing = parsed.values.get(name);
    if (existing && !spec.repeatable) throw new CliError(`option '${name}' given twice`);
    parsed.values.set(name, [...(existing ?? []), value]);
  }
  return parsed;
}

export function single(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name)?.[0];
}
