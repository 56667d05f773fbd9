import { resolve } from 'node:path';
import type { Finding } from '../../engine';
import { analyze, applySafeFixes, parseDocument } from '../../engine';
import type { ParsedArgs } from '../args';
import { single } from '../args';
import { checkKernel, checkProfiles, checkRoles, parseRuleOptions } from '../config';
import { CliError, EXIT_FINDINGS, EXIT_OK } from '../exitCodes';
import type { FileReport } from '../formats';
import { FORMATTERS } from '../formats';
import { machineSizing } from '../hostInputs';
import { readInputs } from '../readFiles';
import { rewriteInput } from '../rewriteInput';
import { SettingsResolver } from '../settingsResolver';
import { unifiedDiff } from '../unifiedDiff';
import { withMachineModules } from '../../host/modulesLoadedFirst';
import type { CommandResult } from './result';

declare const SYSCTL_TOOLS_VERSION: string;

export interface LintEnvironment {
  isTty: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function chooseFormat(args: ParsedArgs, environment: LintEnvironment): string {
  const requested = single(args, '--format');
  if (requested !== undefined) {
    if (!FORMATTERS[requested]) throw new CliError(`unknown format '${requested}' (choose ${Object.keys(FORMATTERS).join(', ')})`);
    return requested;
  }
  if (environment.env.GITHUB_ACTIONS === 'true') return 'github';
  return environment.isTty ? 'stylish' : 'compact';
}

export function maxWarnings(args: ParsedArgs): number | undefined {
  const text = single(args, '--max-warnings');
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new CliError(`--max-warnings takes a whole number, got '${text}'`);
  return Number(text);
}

export function useColor(args: ParsedArgs, environment: LintEnvironment): boolean {
  if (args.flags.has('--no-color') || environment.env.NO_COLOR !== undefined) return false;
  if (args.flags.has('--color') || (environment.env.FORCE_COLOR !== undefined && environment.env.FORCE_COLOR !== '0')) return true;
  return environment.isTty;
}

/** Errors and warnings over all reports, and whether they fail the run (errors, or warnings over the limit). */
export function tally(reports: readonly FileReport[], maxWarningsAllowed: number | undefined): { errors: number; warnings: number; failed: boolean } {
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    for (const finding of report.findings) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
    }
  }
  return { errors, warnings, failed: errors > 0 || (maxWarningsAllowed !== undefined && warnings > maxWarningsAllowed) };
}

export async function buildResolver(args: ParsedArgs): Promise<SettingsResolver> {
  const kernel = single(args, '--kernel');
  const facts = await machineSizing(args);
  return new SettingsResolver({
    configPath: single(args, '--config'),
    kernelVersion: kernel !== undefined ? checkKernel(kernel, '--kernel') : facts?.kernelRelease,
    rules: parseRuleOptions(args.values.get('--rule') ?? []),
    sizing: facts?.sizing,
    profiles: args.values.has('--profile') ? checkProfiles(args.values.get('--profile'), '--profile') : undefined,
    roles: args.values.has('--role') ? checkRoles(args.values.get('--role'), '--role') : undefined,
  });
}

export async function lintCommand(args: ParsedArgs, environment: LintEnvironment): Promise<CommandResult> {
  if (args.flags.has('--fix') && args.flags.has('--fix-dry-run')) throw new CliError('choose one of --fix and --fix-dry-run');
  const printConfig = single(args, '--print-config');
  const resolver = await buildResolver(args);
  if (printConfig !== undefined) {
    const { settings, configPath } = resolver.forFile(printConfig === '-' ? undefined : printConfig, environment.cwd);
    return { stdout: JSON.stringify({ configFile: configPath ?? null, ...settings }, null, 2) + '\n', exitCode: EXIT_OK };
  }
  if (args.flags.has('--print-missing')) throw new CliError('--print-missing judges a whole machine: use sysctl-lint system --profile NAME --print-missing');
  if (args.paths.length === 0) throw new CliError('no FILE given (see --help)');
  if (args.values.has('--role') && !resolver.forFile(undefined, environment.cwd).settings.profiles?.length) throw new CliError('--role relaxes a profile: add --profile NAME');
  const format = chooseFormat(args, environment);
  const limit = maxWarnings(args);
  const stdinName = single(args, '--stdin-filename');
  const inputs = readInputs(args.paths, stdinName);
  if ((args.flags.has('--fix') || args.flags.has('--fix-dry-run')) && inputs.some((i) => !i.diskPath) && args.flags.has('--fix')) {
    throw new CliError('--fix rewrites files; it cannot fix standard input (use --fix-dry-run to see the diff)');
  }

  let diff = '';
  const reports: FileReport[] = [];
  const modulesByRoot = new Map<string, readonly string[]>();
  for (const input of inputs) {
    // Standard input takes its config from where --stdin-filename says the file lives.
    const lookupPath = input.diskPath ?? (stdinName !== undefined ? resolve(environment.cwd, stdinName) : undefined);
    const settings = withMachineModules(resolver.forFile(lookupPath, environment.cwd).settings, lookupPath, modulesByRoot);
    let text = input.text;
    /** The findings of `text`, when fixing worked them out already. */
    let known: Finding[] | undefined;
    if (args.flags.has('--fix') || args.flags.has('--fix-dry-run')) {
      const fixed = applySafeFixes(text, settings);
      if (fixed.text === text) known = fixed.findings;
      else if (args.flags.has('--fix')) {
        rewriteInput(input, fixed.text, 'fix', 'fixes');
        text = fixed.text;
        known = fixed.findings;
      } else {
        diff += unifiedDiff(text, fixed.text, input.path.replace(/^\.\//, ''));
      }
    }
    let findings: Finding[] = known ?? analyze(parseDocument(text), settings);
    if (args.flags.has('--quiet')) findings = findings.filter((f) => f.severity === 'error');
    reports.push({ path: input.path, text, findings });
  }

  const { errors, warnings, failed } = tally(reports, limit);
  if (args.flags.has('--fix-dry-run')) return { stdout: diff, exitCode: failed ? EXIT_FINDINGS : EXIT_OK };
  let stdout = FORMATTERS[format](reports, { color: useColor(args, environment), version: SYSCTL_TOOLS_VERSION, cwd: environment.cwd });
  if (limit !== undefined && warnings > limit && errors === 0 && format === 'stylish') {
    stdout += `sysctl-lint found too many warnings (${warnings}; maximum ${limit}).\n`;
  }
  return { stdout, exitCode: failed ? EXIT_FINDINGS : EXIT_OK };
}
