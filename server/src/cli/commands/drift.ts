import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { EffectiveConfiguration } from '../../engine';
import { effectiveConfiguration, parseDocument } from '../../engine';
import { CONNTRACK_MAX_KEY } from '../../engine';
import { hostFindingsWithPolicy, type RuntimeSnapshot } from '../../engine/runtime';
import { diskPathOf, readSystemTree, SystemTreeError, treeRootOf } from '../../host/systemTree';
import type { ParsedArgs } from '../args';
import { single } from '../args';
import { CliError, EXIT_FINDINGS, EXIT_OK } from '../exitCodes';
import type { FileReport } from '../formats';
import { FORMATTERS } from '../formats';
import { readInputs } from '../readFiles';
import { readSnapshot, snapshotSourceOf } from '../snapshotInputs';
import type { CommandResult } from './result';
import type { LintEnvironment } from './lint';
import { buildResolver, chooseFormat, maxWarnings, tally, useColor } from './lint';

declare const SYSCTL_TOOLS_VERSION: string;

function readTree(root: string) {
  try {
    return readSystemTree(root);
  } catch (error) {
    if (error instanceof SystemTreeError) throw new CliError(error.message);
    throw error;
  }
}

/** What the file is called on the host it belongs to, and that host's configuration, when known. */
function placeOnHost(diskPath: string | undefined, snapshot: RuntimeSnapshot): { filePath?: string; effective?: EffectiveConfiguration; modifiedAt?: number } {
  if (diskPath === undefined) return {};
  const local = snapshot.source.kind === 'local';
  const modifiedAt = local ? statSync(diskPath).mtimeMs / 1000 : undefined;
  const root = treeRootOf(diskPath);
  // Only this machine's own files (a tree rooted at /) are known to be what its kernel was given.
  if (!local || root !== '/') return { filePath: local ? diskPath : undefined, modifiedAt };
  const targetPath = '/' + relative(root, diskPath).split(sep).join('/');
  return { filePath: targetPath, effective: effectiveConfiguration(readTree(root), 'procps'), modifiedAt };
}

/** Compares files (or a machine's whole configuration) with a running kernel. */
export async function driftCommand(args: ParsedArgs, environment: LintEnvironment): Promise<CommandResult> {
  const system = args.flags.has('--system');
  if (system && args.paths.length > 0) throw new CliError(`drift compares FILE... or --system, not both (got '${args.paths[0]}')`);
  if (!system && args.paths.length === 0) throw new CliError('drift needs FILE... or --system [--root DIR]');
  if (!system && args.values.has('--root')) throw new CliError('--root goes with --system');
  if (args.flags.has('--fix') || args.flags.has('--fix-dry-run')) throw new CliError('drift only reads; apply a file with sudo sysctl -p FILE');
  snapshotSourceOf(args, 'drift'); // usage errors before any file is read
  const resolver = await buildResolver(args);
  const format = chooseFormat(args, environment);
  const limit = maxWarnings(args);
  // Files are read before the host, so a typo fails at once and starts no ssh.
  const inputs = system ? [] : readInputs(args.paths, single(args, '--stdin-filename'));
  const root = single(args, '--root') ?? '/';
  const tree = system ? readTree(root) : undefined;
  const snapshot = await readSnapshot(args, 'drift');

  const reports: FileReport[] = [];
  const report = (path: string, text: string, lookupPath: string | undefined, options: Parameters<typeof hostFindingsWithPolicy>[3]) => {
    const { settings } = resolver.forFile(lookupPath, environment.cwd);
    let findings = hostFindingsWithPolicy(parseDocument(text), snapshot, settings, options);
    if (args.flags.has('--quiet')) findings = findings.filter((f) => f.severity === 'error');
    reports.push({ path, text, findings });
  };

  if (tree) {
    const effective = effectiveConfiguration(tree, 'procps');
    // conntrack-table-full speaks once: on the file whose nf_conntrack_max wins, else at the top of the last file.
    const maxFile = effective.settings.find((s) => s.key === CONNTRACK_MAX_KEY || s.key === 'net.nf_conntrack_max')?.source.file.realPath;
    const files = effective.files.filter((f) => f.kind === 'file');
    const speaker = maxFile ?? files[files.length - 1]?.realPath;
    const seen = new Set<string>();
    for (const file of files) {
      if (seen.has(file.realPath)) continue;
      seen.add(file.realPath);
      const diskPath = diskPathOf(root, file.realPath);
      const modifiedAt = snapshot.source.kind === 'local' && root === '/' ? statSync(diskPath).mtimeMs / 1000 : undefined;
      report(root === '/' ? file.realPath : diskPath, file.text, diskPath, { filePath: file.path, effective, modifiedAt, conntrackOnlyWhenSet: file.realPath !== speaker });
    }
  } else {
    for (const input of inputs) {
      const diskPath = input.diskPath === undefined ? undefined : resolve(input.diskPath);
      report(input.path, input.text, diskPath, placeOnHost(diskPath, snapshot));
    }
  }

  const { failed } = tally(reports, limit);
  const stdout = FORMATTERS[format](reports, { color: useColor(args, environment), version: SYSCTL_TOOLS_VERSION, cwd: environment.cwd });
  return { stdout, exitCode: failed ? EXIT_FINDINGS : EXIT_OK };
}
