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
 * Usage: npx tsx scripts/generate-kernel-facts.ts [tree-6.1] [tree-6.12] [--stdout]
 */

import { writeFileSync } from 'node:fs';
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
if (process.argv.includes('--stdout')) process.stdout.write(output);
else writeFileSync(join(ROOT, 'server/src/engine/keys/data/kernel-facts.json'), output);
for (const line of report) process.stderr.write(line + '\n');
