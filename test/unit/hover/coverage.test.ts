import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../../server/src/engine';
import { hoverAt } from '../../../server/src/engine/hover';
import { REPO_ROOT } from '../../helpers/paths';

/**
 * Every key a real machine has gets a hover that says what it does and how the kernel reads it.
 * Names: the 6.18 reference machine captured in scripts/data/machine-sysctl.json, plus this
 * machine's `sysctl -a -N` when procps is there. Per-interface trees are folded to the interfaces
 * every machine has (all, default, lo), so 10,000 interfaces do not outweigh the rest.
 */
const PER_INTERFACE = /^net\.(ipv4|ipv6)\.(conf|neigh)\.([^.]+)\./;

function machineNames(): string[] {
  const captured = Object.keys((JSON.parse(readFileSync(join(REPO_ROOT, 'scripts', 'data', 'machine-sysctl.json'), 'utf8')) as { keys: Record<string, unknown> }).keys);
  const live = spawnSync('sysctl', ['-a', '-N'], { encoding: 'utf8' });
  const names = new Set([...captured, ...(live.status === 0 ? live.stdout.split('\n').filter(Boolean) : [])]);
  return [...names].filter((name) => {
    const match = PER_INTERFACE.exec(name);
    return !match || ['all', 'default', 'lo'].includes(match[3]);
  });
}

function hover(name: string): string {
  return hoverAt(parseDocument(`${name} = 1\n`), { line: 0, character: 1 }, { rules: {}, sizing: {} })?.markdown ?? '';
}

describe('hover coverage of a real machine', () => {
  const names = machineNames();
  const hovers = names.map((name) => [name, hover(name)] as const);

  it('has over 800 folded names to check', () => {
    assert.ok(names.length > 800, `${names.length}`);
  });

  it('gives at least 95% of the keys a summary and a type', () => {
    const described = hovers.filter(([, text]) => !text.includes('no summary of it yet') && text !== '' && /\*\*Type:\*\*/.test(text));
    const missing = hovers.filter((entry) => !described.includes(entry)).map(([name]) => name);
    const share = described.length / hovers.length;
    console.log(`      ${described.length} of ${hovers.length} folded keys (${(share * 100).toFixed(1)}%) have a summary and a type`);
    assert.ok(share >= 0.95, `${(share * 100).toFixed(1)}% described; without a summary or type: ${missing.slice(0, 40).join(', ')}`);
  });

  it('never says a key is not described', () => {
    const undescribed = hovers.filter(([, text]) => /not described/i.test(text)).map(([name]) => name);
    assert.deepEqual(undescribed, []);
  });
});
