import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ConntrackRecommendation, SizingFacts } from '../../engine';
import { ansiblePrecisionLoss, parseAnsibleFacts, recommendationBlock, recommendationFromFacts } from '../../engine';
import { chosenFactsSource, readMachineFacts } from '../hostInputs';
import type { ParsedArgs } from '../args';
import { single } from '../args';
import { CliError, EXIT_OK } from '../exitCodes';
import { describeIoError } from '../../host/ioErrors';
import type { CommandResult } from './result';

function recommendOrFail(facts: SizingFacts, kernel: string | undefined, what: string): ConntrackRecommendation {
  const result = recommendationFromFacts(facts, kernel);
  if (!result.ok) throw new CliError(`${what}: ${result.error}`);
  return result.value;
}

const TOO_MANY_SOURCES = 'recommend takes one source of RAM and architecture; choose one of --mem-total/--arch, --local, --host, --ansible-facts';

export async function recommendCommand(args: ParsedArgs): Promise<CommandResult> {
  if (args.paths.length > 0) throw new CliError(`recommend takes no files, got '${args.paths[0]}'`);
  const kernel = single(args, '--kernel');
  const source = chosenFactsSource(args, TOO_MANY_SOURCES);
  if (args.values.has('--ansible-facts')) {
    if (source) throw new CliError(TOO_MANY_SOURCES);
    return ansibleRecommendations(single(args, '--ansible-facts')!, kernel);
  }
  if (!source) throw new CliError('recommend needs --mem-total SIZE --arch ARCH, --local, --host [USER@]HOST or --ansible-facts DIR');
  const facts = await readMachineFacts(source, args);
  const heading = `nf_conntrack sizing ${facts.heading}`;
  // A --kernel given on the command line wins over the kernel the machine reported.
  const sizing: SizingFacts = { memBytes: facts.memBytes, arch: facts.arch, kernelRelease: kernel ? null : (facts.kernelRelease ?? null) };
  const recommendation = recommendOrFail(sizing, kernel, source.kind === 'typed' ? 'input' : heading);
  return { stdout: recommendationBlock(recommendation, heading).join('\n') + '\n', exitCode: EXIT_OK };
}

/** One block per host file of an `ansible -m setup --tree DIR` cache, in host name order. */
function ansibleRecommendations(dir: string, kernel: string | undefined): CommandResult {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new CliError(`--ansible-facts: '${dir}' is not a directory`);
    names = readdirSync(dir)
      .filter((name) => !name.startsWith('.'))
      .sort();
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
