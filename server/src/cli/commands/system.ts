import type { EffectiveConfiguration, Finding, Flavor } from '../../engine';
import {
  analyze,
  effectiveConfiguration,
  FLAVORS,
  formatEffective,
  fragmentTarget,
  judgeMachine,
  machineFindings,
  missingFragment,
  parseDocument,
  selectionFromSettings,
  systemFindings,
} from '../../engine';
import type { ParsedArgs } from '../args';
import { single } from '../args';
import { CliError, EXIT_FINDINGS, EXIT_OK } from '../exitCodes';
import type { FileReport } from '../formats';
import { FORMATTERS } from '../formats';
import { diskPathOf, readSystemTree, SystemTreeError } from '../../host/systemTree';
import { readModulesLoadedFirst, withModulesLoadedFirst } from '../../host/modulesLoadedFirst';
import type { CommandResult } from './result';
import type { LintEnvironment } from './lint';
import { buildResolver, chooseFormat, maxWarnings, tally, useColor } from './lint';

declare const SYSCTL_TOOLS_VERSION: string;

function chooseFlavors(args: ParsedArgs): Flavor[] {
  const flavor = single(args, '--flavor');
  if (flavor === undefined) return [...FLAVORS];
  if (flavor !== 'procps' && flavor !== 'systemd') throw new CliError(`--flavor takes procps or systemd, got '${flavor}'`);
  return [flavor];
}

/** Lints a machine's whole configuration, with the precedence the tools use. */
export async function systemCommand(args: ParsedArgs, environment: LintEnvironment): Promise<CommandResult> {
  if (args.paths.length > 0) throw new CliError(`system reads the standard locations; give a root with --root, not '${args.paths[0]}'`);
  if (args.flags.has('--fix') || args.flags.has('--fix-dry-run')) throw new CliError('--fix works on files: run sysctl-lint --fix on the files themselves');
  const root = single(args, '--root') ?? '/';
  const flavors = chooseFlavors(args);
  let tree;
  try {
    tree = readSystemTree(root);
  } catch (error) {
    if (error instanceof SystemTreeError) throw new CliError(error.message);
    throw error;
  }
  const configurations: EffectiveConfiguration[] = flavors.map((flavor) => effectiveConfiguration(tree, flavor));
  const notes = (tree.unreadable ?? []).map(({ path, problem }) => `skipped ${diskPathOf(root, path)}: ${problem}`);

  if (args.flags.has('--print-effective')) {
    const sections = configurations.map((c) => {
      const lines = formatEffective(c);
      return configurations.length > 1 ? [`# ${c.flavor === 'procps' ? 'procps: sysctl --system' : 'systemd-sysctl'}`, ...lines].join('\n') : lines.join('\n');
    });
    const text = sections.filter((s) => s !== '').join('\n\n');
    return { stdout: text === '' ? '' : text + '\n', exitCode: EXIT_OK, notes };
  }

  const resolver = await buildResolver(args);
  // Profiles judge what each tool ends with, never a file on its own: a line that a later file
  // overrides is not a failure.
  const selection = selectionFromSettings(resolver.forFile(undefined, environment.cwd).settings);
  if (args.flags.has('--print-missing') && !selection) throw new CliError('--print-missing needs a profile: add --profile NAME');
  if (args.values.has('--role') && !selection) throw new CliError('--role relaxes a profile: add --profile NAME');
  const verdicts = selection ? judgeMachine(configurations, selection) : [];
  const target = fragmentTarget(configurations);
  if (args.flags.has('--print-missing')) return { stdout: missingFragment(verdicts, configurations, selection!, target), exitCode: EXIT_OK, notes };
  const extra = systemFindings(configurations);
  for (const { path, finding } of selection ? machineFindings(verdicts, selection, target.path) : []) extra.set(path, [...(extra.get(path) ?? []), finding]);

  const reports: FileReport[] = [];
  const seen = new Set<string>();
  const modulesLoadedFirst = readModulesLoadedFirst(root);
  const report = (realPath: string, text: string) => {
    const diskPath = diskPathOf(root, realPath);
    const settings = withModulesLoadedFirst(resolver.forFile(diskPath, environment.cwd).settings, modulesLoadedFirst);
    // Findings from the other files go through the file's own suppressions and severities.
    let findings: Finding[] = analyze(parseDocument(text), { ...settings, profiles: [] }, undefined, extra.get(realPath) ?? []);
    if (args.flags.has('--quiet')) findings = findings.filter((f) => f.severity === 'error');
    reports.push({ path: root === '/' ? realPath : diskPath, text, findings });
  };
  for (const configuration of configurations) {
    for (const file of configuration.files) {
      if (file.kind !== 'file' || seen.has(file.realPath)) continue;
      seen.add(file.realPath);
      report(file.realPath, file.text);
    }
  }
  // Keys no file sets are reported on the file they should go in, which may not exist yet.
  if (!seen.has(target.path) && extra.has(target.path)) report(target.path, '');
  const format = chooseFormat(args, environment);
  const limit = maxWarnings(args);
  const { failed } = tally(reports, limit);
  const color = useColor(args, environment);
  const stdout = FORMATTERS[format](reports, { color, version: SYSCTL_TOOLS_VERSION, cwd: environment.cwd });
  return { stdout, exitCode: failed ? EXIT_FINDINGS : EXIT_OK, notes };
}
