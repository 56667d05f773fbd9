// Entry point of the extension-host test suite.
//
// VS Code (desktop via @vscode/test-electron, or code-server's server-side
// extension host) loads the bundled out/test/suite/index.js given as
// extensionTestsPath and calls run(). We run mocha (TDD UI) over the test
// files, which scripts/build-tests.mjs bundles in: the virtual module
// 'sysctl-suite:tests' requires every test/suite/*.test.ts found at build
// time, lazily, so the mocha globals exist before they run.
//
// Results go three ways:
//   - mocha's spec reporter on the extension host's console;
//   - a JSON file at $SYSCTL_SUITE_RESULTS (if set) with
//     {passed, failed, pending, failures:[{title, message}], tests:[...]},
//     which the outer runners read and print;
//   - the returned promise rejects when a test failed (or the suite could
//     not run), which makes VS Code exit with code 1.
//
// Env:
//   SYSCTL_SUITE_RESULTS  path of the JSON results file
//   SYSCTL_TEST_GREP     only run tests whose full title matches this regexp
import * as fs from 'node:fs';
import * as path from 'node:path';
import loadTestFiles from 'sysctl-suite:tests';
import { restoreEditorState } from './helpers';

type MochaModule = typeof import('mocha');

export interface SuiteTestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  message?: string;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
  tests: SuiteTestResult[];
  durationMs: number;
  error?: string;
}

async function loadMocha(): Promise<MochaModule> {
  // mocha is external to the bundle and resolved from the repository's
  // node_modules. mocha 12 is an ES module: require() works on Node >= 20.19
  // (code-server's extension host); older runtimes (an Electron build on an
  // older Node) need import().
  try {
    const mod = require('mocha') as MochaModule & { default?: MochaModule };
    return mod.default ?? mod;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw err;
    // Keep a real dynamic import in the CommonJS bundle.
    const dynamicImport = new Function('s', 'return import(s)') as (s: string) => Promise<MochaModule & { default?: MochaModule }>;
    const mod = await dynamicImport('mocha');
    return (mod.default ?? mod) as MochaModule;
  }
}

function writeResults(results: SuiteResults): void {
  const file = process.env.SYSCTL_SUITE_RESULTS;
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

export async function run(): Promise<void> {
  const started = Date.now();
  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, failures: [], tests: [], durationMs: 0 };

  try {
    const Mocha = await loadMocha();
    const mocha = new Mocha({
      ui: 'tdd',
      color: false,
      timeout: 120_000,
      reporter: 'spec',
      ...(process.env.SYSCTL_TEST_GREP ? { grep: new RegExp(process.env.SYSCTL_TEST_GREP) } : {}),
    });

    // Install the TDD globals (suite, test, setup, ...) the way mocha does
    // for each file it loads itself, then load the bundled test files.
    mocha.suite.emit('pre-require', globalThis, 'sysctl-suite', mocha);
    // After every test, whatever it did or left half-done: no state leaks into the next one.
    mocha.suite.afterEach('restore the editor state', async function () {
      this.timeout(120_000);
      await restoreEditorState();
    });
    const files = loadTestFiles();
    mocha.suite.emit('require', undefined, 'sysctl-suite', mocha);
    mocha.suite.emit('post-require', globalThis, 'sysctl-suite', mocha);
    if (files.length === 0) throw new Error('no test files were bundled into the suite');

    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => {
        results.passed++;
        results.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
      });
      runner.on('fail', (t, err) => {
        results.failed++;
        const message = errorMessage(err);
        results.failures.push({ title: t.fullTitle(), message });
        results.tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, message });
      });
      runner.on('pending', (t) => {
        results.pending++;
        results.tests.push({ title: t.fullTitle(), state: 'pending' });
      });
    });
    if (results.passed + results.failed + results.pending === 0) {
      throw new Error('the suite ran no test');
    }
  } catch (err) {
    // The suite could not run (or ran nothing): that is a failure, never a skip.
    results.error = errorMessage(err);
    results.failed++;
    results.failures.push({ title: '(suite setup)', message: results.error });
  }

  results.durationMs = Date.now() - started;
  writeResults(results);
  if (results.failed > 0) {
    throw new Error(results.error ? `extension-host suite could not run: ${results.error}` : `${results.failed} extension-host test(s) failed`);
  }
}
