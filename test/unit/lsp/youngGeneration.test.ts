import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** Committed size of the young generation after keeping 40 MB of small objects alive, in a fresh Node. */
function youngGenerationMbAfterBigOpen(keepSmall: boolean): number {
  const script = `
    ${keepSmall ? "require('./server/src/lsp/youngGeneration').keepYoungGenerationSmall();" : ''}
    const kept = [];
    for (let i = 0; i < 400000; i++) kept.push({ line: i, text: 'net.ipv4.conf.eth' + i + '.rp_filter' });
    const space = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(space.space_size / 1048576 + kept.length * 0));
  `;
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '', 'V8 must accept the flag without a word');
  return Number(result.stdout);
}

describe('keepYoungGenerationSmall (server memory after a big open)', () => {
  it('keeps the young generation at its starting size where V8 would grow it to its maximum', () => {
    const grown = youngGenerationMbAfterBigOpen(false);
    const kept = youngGenerationMbAfterBigOpen(true);
    assert.ok(grown >= 16, `without it the young generation grows (${grown} MB)`);
    assert.ok(kept <= 8, `with it the young generation stays small (${kept} MB)`);
  });
});
