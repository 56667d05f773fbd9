import { CliError } from './exitCodes';

export type Command = 'lint' | 'dump' | 'recommend';
const COMMANDS: readonly Command[] = ['dump', 'recommend'];

/** Options that take a value, and whether they may repeat. */
const VALUE_OPTIONS: Readonly<Record<string, { repeatable?: boolean }>> = {
  '--mem-total': {},
  '--arch': {},
  '--host': {},
  '--ssh-config': {},
  '--timeout': {},
  '--ansible-facts': {},
  '--kernel': {},
};
const FLAG_OPTIONS: ReadonlySet<string> = new Set(['--local', '--help', '--version']);
const SHORT: Readonly<Record<string, string>> = { '-h': '--help', '-v': '--version' };

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
    const name = SHORT[arg] ?? (eq > 0 ? arg.slice(0, eq) : arg);
    if (FLAG_OPTIONS.has(name)) {
      if (eq > 0) throw new CliError(`option '${name}' takes no value`);
      parsed.flags.add(name);
      continue;
    }
    const spec = VALUE_OPTIONS[name];
    if (!spec) throw new CliError(`unknown option '${name}' (see --help)`);
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
