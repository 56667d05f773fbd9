import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ConntrackRecommendation, SizingFacts } from '../../engine';
import { ansiblePrecisionLoss, parseAnsibleFacts, parseSize, recommendationBlock, recommendationFromFacts } from '../../engine';
import { readLocalFacts } from '../../host/localFacts';
import { readSshFacts } from '../../host/sshFacts';
import { timeoutMs } from '../hostInputs';
import type { ParsedArgs } from '../args';
import { single } from '../args';
import { CliError, EXIT_OK } from '../exitCodes';
import { describeIoError } from '../readFiles';
import type { CommandResult } from './result';

function recommendOrFail(facts: SizingFacts, kernel: string | undefined, what: string): ConntrackRecommendation {
  const result = recommendationFromFacts(facts, kernel);
  if (!result.ok) throw new CliError(`${what}: ${result.error}`);
  return result.value;
}

/** Exactly one source of RAM and architecture: typed, this machine, one SSH host, or an Ansible fact cache. */
function chooseSource(args: ParsedArgs): 'typed' | 'local' | 'host' | 'ansible' {
  const chosen: Array<'typed' | 'local' | 'host' | 'ansible'> = [];
  const memTotal = single(args, '--mem-total');
  const arch = single(args, '--arch');
  if (memTotal !== undefined || arch !== undefined) {
    if (memTotal === undefined || arch === undefined) throw new CliError('--mem-total and --arch go together');
    chosen.push('typed');
  }
  if (args.flags.has('--local')) chosen.push('local');
  if (args.values.has('--host')) chosen.push('host');
  if (args.values.has('--ansible-facts')) chosen.push('ansible');
  if (chosen.length === 0) throw new CliError('recommend needs --mem-total SIZE --arch ARCH, --local, --host [USER@]HOST or --ansible-facts DIR');
  if (chosen.length > 1) throw new CliError('recommend takes one source of RAM and architecture; choose one of --mem-total/--arch, --local, --host, --ansible-facts');
  return chosen[0];
}

export async function recommendCommand(args: ParsedArgs): Promise<CommandResult> {
  if (args.paths.length > 0) throw new CliError(`recommend takes no files, got '${args.paths[0]}'`);
  const kernel = single(args, '--kernel');
  const source = chooseSource(args);
  if (source === 'ansible') return ansibleRecommendations(single(args, '--ansible-facts')!, kernel);

  let facts: SizingFacts;
  let heading: string;
  if (source === 'typed') {
    const size = parseSize(single(args, '--mem-total')!);
    if (!size.ok) throw new CliError(`--mem-total: ${size.error}`);
    facts = { memBytes: size.value, arch: single(args, '--arch')! };
    heading = 'nf_conntrack sizing from the given RAM and architecture';
  } else if (source === 'local') {
    const local = await readLocalFacts();
    if (!local.ok) throw new CliError(local.error);
    facts = { memBytes: local.value.memBytes, arch: local.value.architecture.name, kernelRelease: kernel ? null : local.value.kernelRelease };
    heading = 'nf_conntrack sizing for this machine';
  } else {
    const host = single(args, '--host')!;
    const remote = await readSshFacts({ host, configFile: single(args, '--ssh-config'), timeoutMs: timeoutMs(args) });
    if (!remote.ok) throw new CliError(remote.error);
    facts = { memBytes: remote.value.memBytes, arch: remote.value.architecture.name, kernelRelease: kernel ? null : remote.value.kernelRelease };
    heading = `nf_conntrack sizing for ${host} (read over SSH)`;
  }
  const recommendation = recommendOrFail(facts, kernel, source === 'typed' ? 'input' : heading);
  return { stdout: recommendationBlock(recommendation, heading).join('\n') + '\n', exitCode: EXIT_OK };
}

/** One block per host file of an `ansible -m setup --tree DIR` cache, in host name order. */
function ansibleRecommendations(dir: string, kernel: string | undefined): CommandResult {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new CliError(`--ansible-facts: '${dir}' is not a directory`);
    names = readdirSync(dir).filter((name) => !name.startsWith('.')).sort();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`--ansible-facts: cannot read '${dir}': ${describeIoError(error)}`);
  }
  if (names.length === 0) throw new CliError(`--ansible-facts: '${dir}' holds no host files`);
  const blocks: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new CliError(`--ansible-facts: cannot read '${path}': ${describeIoError(error)}`);
    }
    const facts = parseAnsibleFacts(text);
    if (!facts.ok) throw new CliError(`--ansible-facts: ${basename(path)}: ${facts.error}`);
    const host = basename(name);
    const recommendation = recommendOrFail(kernel ? { ...facts.value, kernelRelease: null } : facts.value, kernel, host);
    const loss = ansiblePrecisionLoss(recommendation.architecture.bits);
    const block = recommendationBlock(recommendation, `nf_conntrack sizing for ${host} (Ansible facts)`);
    block.splice(
      1,
      0,
      `# Ansible reports MemTotal in whole MiB (${facts.value.memTotalMiB} MiB): up to 1023 KiB are dropped, so nf_conntrack_max may be up to ${loss} lower than from /proc/meminfo`,
    );
    blocks.push(block.join('\n'));
  }
  return { stdout: blocks.join('\n\n') + '\n', exitCode: EXIT_OK };
}
