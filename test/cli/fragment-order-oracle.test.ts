import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, parseDocument } from '../../server/src/engine';
import { commandExists, requireOrSkip } from '../helpers/environment';
import { useTempDir } from '../helpers/tempDir';

/**
 * The running kernel as oracle for the order of the fragment reassembly thresholds: each file is
 * applied with procps (`sysctl -p`) in a fresh private network namespace (`unshare -n`), where
 * every net.* key starts at its default and nothing outside the namespace is written. The lines
 * procps reports as refused must be exactly the lines threshold-order reports.
 */
const FILES: Record<string, string> = {
  'low raised before high': 'net.ipv4.ipfrag_low_thresh = 6291456\nnet.ipv4.ipfrag_high_thresh = 8388608\n',
  'high raised before low': 'net.ipv4.ipfrag_high_thresh = 8388608\nnet.ipv4.ipfrag_low_thresh = 6291456\n',
  'high lowered below the default low': 'net.ipv6.ip6frag_high_thresh = 2097152\n',
  'lowered in the right order': 'net.ipv6.ip6frag_low_thresh = 1048576\nnet.ipv6.ip6frag_high_thresh = 2097152\n',
  'low above high at the end': 'net.ipv4.ipfrag_high_thresh = 8388608\nnet.ipv4.ipfrag_low_thresh = 9437184\n',
  'both pairs, one wrong':
    'net.ipv4.ipfrag_high_thresh = 6291456\nnet.ipv6.ip6frag_low_thresh = 5242880\nnet.ipv4.ipfrag_low_thresh = 5242880\nnet.ipv6.ip6frag_high_thresh = 6291456\n',
};

/** 1-based lines procps could not set, from its "setting key" errors, in file order. */
function refusedLines(file: string, text: string): number[] {
  const result = spawnSync('unshare', ['-n', 'sysctl', '-p', file], { encoding: 'utf8' });
  if (result.error) throw result.error;
  const keys = [...result.stderr.matchAll(/setting key "([^"]+)"/g)].map((m) => m[1]);
  const lines = text.split('\n');
  return keys.map((key) => lines.findIndex((line) => line.startsWith(`${key} `)) + 1);
}

describe('kernel oracle: the order of the fragment reassembly thresholds (sysctl -p in a private network namespace)', function () {
  this.timeout(60_000);
  const dir = useTempDir('sysctl-frag-order');

  for (const [name, text] of Object.entries(FILES)) {
    it(`${name}: threshold-order reports exactly the lines the kernel refuses`, function () {
      const root = typeof process.getuid === 'function' && process.getuid() === 0;
      requireOrSkip(this, root && commandExists('unshare', ['--version']) && commandExists('sysctl', ['--version']), 'root, unshare and procps');
      const file = join(dir(), 'frag.conf');
      writeFileSync(file, text);
      const reported = analyze(parseDocument(text), undefined)
        .filter((f) => f.ruleId === 'threshold-order')
        .map((f) => f.range.start.line + 1)
        .sort((a, b) => a - b);
      assert.deepEqual(
        reported,
        refusedLines(file, text).sort((a, b) => a - b),
      );
    });
  }
});
