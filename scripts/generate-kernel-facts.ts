/**
 * Dev-time generator for server/src/engine/keys/data/kernel-facts.json: facts about every sysctl
 * key, read from the kernel's own tables.
 *
 * Sources, all read-only:
 *   1. the linux-source-6.1 and linux-source-6.12 trees (Debian packages, extracted): every
 *      `struct ctl_table` array and its registration (scripts/kernel-facts/*);
 *   2. scripts/data/machine-sysctl.json: names and modes of the development machine's kernel
 *      (6.18), captured once by scripts/capture-machine-sysctl.ts; the live machine is never read;
 *   3. server/src/engine/keys/data/known-names.json (names only).
 * Output is sorted and byte-for-byte deterministic for the same inputs.
 *
 * Usage: npx tsx scripts/generate-kernel-facts.ts [tree-6.1] [tree-6.12] [--stdout | --check]
 *   --check  exit 1 when the committed file differs from what the trees give (nothing is written)
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKernelFacts } from './kernel-facts/generate';

const ROOT = join(__dirname, '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const { output, report } = generateKernelFacts({
  trees: [
    { kernel: '6.1', package: 'linux-source-6.1', path: args[0] ?? '/work/kernel-src/linux-source-6.1' },
    { kernel: '6.12', package: 'linux-source-6.12', path: args[1] ?? '/work/kernel-src/linux-source-6.12' },
  ],
  machineFile: join(ROOT, 'scripts/data/machine-sysctl.json'),
  knownFile: join(ROOT, 'server/src/engine/keys/data/known-names.json'),
});
const target = join(ROOT, 'server/src/engine/keys/data/kernel-facts.json');
for (const line of report) process.stderr.write(line + '\n');
if (process.argv.includes('--check')) {
  const same = readFileSync(target, 'utf8') === output;
  process.stderr.write(same ? 'kernel-facts.json is up to date\n' : 'kernel-facts.json differs from what the trees give: run the generator\n');
  process.exit(same ? 0 : 1);
}
if (process.argv.includes('--stdout')) process.stdout.write(output);
else writeFileSync(target, output);
