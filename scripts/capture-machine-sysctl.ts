/**
 * Captures, once, the sysctl names of the machine this runs on into scripts/data/machine-sysctl.json
 * for scripts/generate-kernel-facts.ts (which must never read the live machine: CI machines differ).
 *
 * Recorded per name: the /proc/sys file mode (write-only entries included, which `sysctl -a -N`
 * skips), the number of whitespace-separated fields of the value when it is all integers, and the
 * mode seen inside a fresh network namespace (`unshare -n`) for net.* names, or null when the file
 * does not exist there. Per-interface directories are folded to `<ifname>`. Nothing is written to
 * any sysctl. Run as root: `npx tsx scripts/capture-machine-sysctl.ts`.
 */

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldInterfaceName } from './kernel-facts/folding';

const ROOT = join(__dirname, '..');
const OUTPUT = join(ROOT, 'scripts/data/machine-sysctl.json');

interface Entry {
  mode: string;
  fields?: number;
}

function walk(dir: string, prefix: string, out: Map<string, Entry>, readValues: boolean): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    const key = prefix === '' ? name.replace(/\./g, '/') : `${prefix}.${name.replace(/\./g, '/')}`;
    if (stat.isDirectory()) {
      walk(path, key, out, readValues);
      continue;
    }
    const entry: Entry = { mode: (stat.mode & 0o777).toString(8) };
    if (readValues && stat.mode & 0o444) {
      try {
        const text = readFileSync(path, 'utf8').trim();
        const fields = text.split(/\s+/);
        if (text !== '' && fields.every((f) => /^-?\d+$/.test(f))) entry.fields = fields.length;
      } catch {
        // Some files refuse reads (EPERM, EIO); the mode is still a fact.
      }
    }
    const folded = foldInterfaceName(key);
    if (!out.has(folded)) out.set(folded, entry);
  }
}

function capture(readValues: boolean, subtree: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  walk(join('/proc/sys', subtree), subtree, out, readValues);
  return out;
}

if (process.argv[2] === '--netns-child') {
  process.stdout.write(JSON.stringify([...capture(false, 'net')].map(([k, v]) => [k, v.mode])));
  process.exit(0);
}

const main = capture(true, '');
const child = spawnSync('unshare', ['-n', process.execPath, ...process.execArgv, __filename, '--netns-child'], { encoding: 'utf8', maxBuffer: 64 << 20 });
if (child.status !== 0) {
  console.error(`unshare -n failed: ${child.stderr.trim()}`);
  process.exit(1);
}
const inNetns = new Map<string, string>(JSON.parse(child.stdout) as [string, string][]);
const release = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
const keys: Record<string, [string, number | null, string | null] | [string, number | null]> = {};
for (const name of [...main.keys()].sort()) {
  const entry = main.get(name)!;
  keys[name] = name.startsWith('net.') ? [entry.mode, entry.fields ?? null, inNetns.get(name) ?? null] : [entry.mode, entry.fields ?? null];
}
const data = {
  $comment:
    'Captured once by scripts/capture-machine-sysctl.ts from /proc/sys of the development machine (names, modes, field counts; no values). Each key: [mode, integer field count or null, mode inside a fresh network namespace or null when absent there (net.* only)].',
  provenance: { kernel: release, captured: new Date().toISOString().slice(0, 10), source: '/proc/sys walk, init and fresh network namespace' },
  keys,
};
writeFileSync(OUTPUT, JSON.stringify(data, null, 0).replace(/\],"/g, '],\n"') + '\n');
console.log(`${Object.keys(keys).length} names captured from ${release}`);
