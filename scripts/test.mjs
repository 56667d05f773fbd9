// @ts-check
// `npm test`: builds, typechecks and lints, then runs every test layer and adds up the counts.
// A layer that cannot run is a failure, never a silent skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = mkdtempSync(join(tmpdir(), 'sysctl-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const broken = [];

function step(name, command, args) {
  console.log(`\n=== ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) broken.push(`${name} (exit ${result.status ?? result.signal})`);
  return result.status === 0;
}

/**
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ timeout?: number }} [options]
 */
function layer(name, command, args, { timeout } = {}) {
  console.log(`\n=== ${name}`);
  const resultsFile = join(scratch, `${name.replace(/\W+/g, '-')}.json`);
  const result = spawnSync(command, args, { stdio: 'inherit', timeout, killSignal: 'SIGTERM', env: { ...process.env, SYSCTL_LAYER_RESULTS: resultsFile } });
  if (/** @type {NodeJS.ErrnoException | undefined} */ (result.error)?.code === 'ETIMEDOUT') {
    broken.push(`${name} timed out after ${Number(timeout) / 1000} s`);
    return;
  }
  if (!existsSync(resultsFile)) {
    broken.push(`${name} did not run (exit ${result.status ?? result.signal})`);
    return;
  }
  const counts = JSON.parse(readFileSync(resultsFile, 'utf8'));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped ?? 0;
  if (result.status !== 0 && counts.failed === 0) broken.push(`${name} (exit ${result.status ?? result.signal})`);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const built = step('build', process.execPath, ['scripts/build.mjs']) && step('build tests', process.execPath, ['scripts/build-tests.mjs']);
step('typecheck', npx, ['tsc', '-p', '.', '--noEmit']);
step('typecheck scripts and bench', npx, ['tsc', '-p', 'tsconfig.scripts.json']);
step('lint', npx, ['eslint', '.']);
step('format', npx, ['prettier', '--check', '.']);
if (built) {
  /** @type {(glob: string) => [string, string[]]} */
  const mocha = (glob) => [npx, ['mocha', '--config', '.mocharc.json', '--reporter', './test/reporter.cjs', glob]];
  layer('engine unit tests', ...mocha('test/unit/**/*.test.ts'));
  layer('grammar tests', ...mocha('test/grammar/**/*.test.ts'));
  layer('protocol tests', ...mocha('test/protocol/**/*.test.ts'));
  layer('CLI tests', ...mocha('test/cli/**/*.test.ts'));
  layer('robustness tests', ...mocha('test/robustness/**/*.test.ts'));
  layer('SSH tests (private sshd on loopback)', ...mocha('test/ssh/**/*.test.ts'));
  layer('VS Code extension host (code-server)', process.execPath, ['scripts/run-code-server-suite.mjs', '--no-build']);
  layer('Neovim as LSP client (headless nvim)', ...mocha('test/editors/neovim.test.ts'));
  layer('Emacs + eglot as LSP client (emacs --batch)', ...mocha('test/editors/emacs.test.ts'));
  // Packages the VSIX itself (npm run package, then the development build again). Mocha runs
  // in-process here, not through npx, so the layer's own bound reaches it and its cleanup.
  const uiTimeoutMs = Number(process.env.SYSCTL_TEST_UI_TIMEOUT_MS || 300_000);
  layer(
    'VS Code UI from the packaged VSIX (code-server + Chromium)',
    process.execPath,
    ['node_modules/mocha/bin/mocha.js', '--config', '.mocharc.json', '--reporter', './test/reporter.cjs', 'test/e2e-ui/**/*.test.ts'],
    { timeout: uiTimeoutMs + 120_000 },
  );
}
rmSync(scratch, { recursive: true, force: true });

console.log('');
for (const problem of broken) console.log(`FAILED: ${problem}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(broken.length > 0 || totals.failed > 0 ? 1 : 0);
