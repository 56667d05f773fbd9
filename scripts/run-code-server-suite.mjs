#!/usr/bin/env node
// @ts-check
// Runs the extension-host test suite (test/suite, bundled to
// out/test/suite/index.js) inside a real VS Code extension host: the one of
// code-server (VS Code 1.100.3 server), driven by headless Chromium through
// playwright-core. Needs only Node 20 + npm (code-server and Chromium come
// from the npm registry).
//
//   npm run test:vscode                          # = node scripts/run-code-server-suite.mjs
//   node scripts/run-code-server-suite.mjs --no-build
//
// What it does:
//   1. builds: `npm run build` (the extension) unless --no-build /
//      SYSCTL_TEST_SKIP_BUILD=1, and always `node scripts/build-tests.mjs`
//      (the suite, a few tens of ms);
//   2. installs code-server once (scripts/setup-code-server.mjs, cached in
//      .vscode-test/code-server);
//   3. starts code-server on a free loopback port with temp user-data and
//      extensions dirs, on a temp COPY of test/fixtures/workspace;
//   4. opens it in headless Chromium with the extensionDevelopmentPath /
//      extensionTestsPath payload; VS Code runs the suite's run() in its
//      server-side extension host and calls window.codeAutomationExit(code);
//   5. prints the results and a closing `N passed, N failed[, N skipped]` line.
// code-server (its whole process group) and the browser are stopped on
// success, failure, timeout and SIGINT/SIGTERM.
//
// Exit code: 0 only if the suite ran and no test failed. A suite that could
// not run at all is a failure, never a skip.
//
// Env:
//   SYSCTL_TEST_SUITE_TIMEOUT_MS  overall bound for the VS Code part (default 600000)
//   SYSCTL_LAYER_RESULTS     if set, {layer, passed, failed, skipped, pending} JSON is written here
//   SYSCTL_TEST_GREP        only run tests whose full title matches (passed to the suite)
//   SYSCTL_TEST_VERBOSE=1   stream code-server's output and the browser console
//   SYSCTL_TEST_KEEP_TMP=1  keep the temp dir (workspace copy, code-server log, user data)
//   SYSCTL_TEST_EXTENSION_DIR     extension under test (default: the repository root)
//   CHROMIUM_PATH            Chromium binary to use (default: /usr/bin/chromium if
//                            present, else @sparticuz/chromium from node_modules,
//                            unpacked once into .vscode-test/chromium-<version>)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { setupCodeServer } from './setup-code-server.mjs';
import {
  SessionError as SuiteError,
  chromiumExecutable,
  closeBrowser,
  exposeAutomationHooks,
  freePort,
  killGroup,
  launchChromium,
  startCodeServer,
  stopCodeServer,
  waitUntilHealthy,
  workbenchUrl,
} from './lib/codeServerSession.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build') || process.env.SYSCTL_TEST_SKIP_BUILD === '1';
const verbose = process.env.SYSCTL_TEST_VERBOSE === '1';
const timeoutMs = Number(process.env.SYSCTL_TEST_SUITE_TIMEOUT_MS || 600_000);
const extensionDir = path.resolve(process.env.SYSCTL_TEST_EXTENSION_DIR || repoRoot);
const suiteIndex = path.join(repoRoot, 'out', 'test', 'suite', 'index.js');
const LAYER = 'vscode';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const say = (msg) => process.stdout.write(`[vscode-suite ${elapsed()}] ${msg}\n`);

// ---------------------------------------------------------------- cleanup
let codeServer; // ChildProcess, leader of its own process group
let browser; // playwright Browser
let tmpDir;
let cleanedUp = false;
let cleanupPromise;
let interrupted; // signal name, once one was received

function cleanup() {
  cleanupPromise ??= doCleanup();
  return cleanupPromise;
}

async function doCleanup() {
  const started = Date.now();
  const stopBrowser = async () => {
    await closeBrowser(browser);
    if (verbose) say(`browser closed after ${Date.now() - started} ms`);
  };
  const stopServer = async () => {
    if (!codeServer?.pid) return;
    await stopCodeServer(codeServer, { onForce: () => say('code-server did not stop on SIGTERM within 5 s: SIGKILL') });
    if (verbose) say(`code-server stopped after ${Date.now() - started} ms`);
  };
  await Promise.all([stopBrowser(), stopServer()]);
  if (verbose) say(`stopped code-server and the browser in ${Date.now() - started} ms`);
  if (tmpDir && process.env.SYSCTL_TEST_KEEP_TMP === '1') say(`kept ${tmpDir} (SYSCTL_TEST_KEEP_TMP=1)`);
  else if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  cleanedUp = true;
}

// Last resort if we die without running cleanup(): synchronous kill.
process.on('exit', () => {
  if (!cleanedUp) killGroup(codeServer, 'SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = sig;
    say(`${sig} received: stopping code-server and the browser`);
    cleanup().finally(() => {
      process.stdout.write(`\ninterrupted by ${sig}\n`);
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  });
}

// ---------------------------------------------------------------- helpers
function runStep(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (${r.error?.message ?? r.status ?? r.signal})`);
}

// ---------------------------------------------------------------- main
async function main() {
  // 1. builds
  if (!skipBuild) {
    say('building the extension (npm run build)');
    runStep(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build']);
  }
  runStep(process.execPath, [path.join(repoRoot, 'scripts', 'build-tests.mjs')]);
  const extPkg = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
  const missing = [suiteIndex, path.resolve(extensionDir, extPkg.main ?? 'client/out/extension.js')];
  if (extensionDir === repoRoot) missing.push(path.join(repoRoot, 'server', 'out', 'server.js'));
  for (const f of missing) {
    if (!fs.existsSync(f)) throw new SuiteError(`missing ${f}: build it first (npm run build && node scripts/build-tests.mjs)`);
  }

  // 2. code-server
  const entry = setupCodeServer();

  // 3. start it, on a copy of the fixture workspace (the tests edit files)
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sysctl-vscode-suite-'));
  const workspace = path.join(tmpDir, 'workspace');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const resultsFile = path.join(tmpDir, 'suite-results.json');
  const port = await freePort();
  say(`starting code-server on http://127.0.0.1:${port}`);
  const server = startCodeServer({
    entry,
    dir: tmpDir,
    port,
    workspace,
    env: {
      SYSCTL_SUITE_RESULTS: resultsFile,
      ...(process.env.SYSCTL_TEST_GREP ? { SYSCTL_TEST_GREP: process.env.SYSCTL_TEST_GREP } : {}),
    },
    onOutputLine: verbose ? (line) => process.stdout.write(`[code-server] ${line}\n`) : undefined,
  });
  codeServer = server.child;

  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(0, deadline - Date.now());
  await waitUntilHealthy(server, { deadline, timeoutMs });
  say('code-server is up; launching Chromium');

  // 4. browser
  const executablePath = await chromiumExecutable({ log: say });
  browser = await launchChromium(executablePath);
  say(`Chromium ${browser.version()} (${executablePath})`);
  const page = await browser.newPage();
  const { exitCode: automationExit } = await exposeAutomationHooks(page, (type, logArgs) => {
    // VS Code forwards console calls as (type, [format, ...args]).
    const text = Array.isArray(logArgs) ? format(...logArgs) : String(logArgs);
    process.stdout.write(`[vscode ${type}] ${text}\n`);
  });
  page.on('pageerror', (err) => say(`page error: ${err.message}`));
  if (verbose) page.on('console', (msg) => process.stdout.write(`[browser ${msg.type()}] ${msg.text()}\n`));

  const url = workbenchUrl(server, { workspace, extensionDir, testsEntry: suiteIndex });
  say('opening the workbench; the suite runs in the extension host');
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: remaining() || 1 });

  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), remaining())));
  const outcome = await Promise.race([automationExit.then((code) => ({ code })), server.exited.then(() => ({ died: true })), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    throw new SuiteError(`timed out after ${timeoutMs} ms: VS Code did not finish the suite (no codeAutomationExit). code-server log:\n${server.tail()}`);
  }
  if (outcome.died) throw new SuiteError(`code-server died during the run (${server.exitReason()}):\n${server.tail()}`);
  say(`VS Code exited the extension host with code ${outcome.code}`);

  // 5. results
  let results;
  try {
    results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    throw new SuiteError(`the suite wrote no results (exit code ${outcome.code}): it did not run. code-server log:\n${server.tail()}`);
  }
  return { results, exitCode: outcome.code };
}

function report(results, extra) {
  const tests = results?.tests ?? [];
  if (tests.length) {
    process.stdout.write('\nextension-host suite:\n');
    for (const t of tests) {
      const mark = t.state === 'passed' ? 'ok  ' : t.state === 'failed' ? 'FAIL' : 'skip';
      const ms = t.durationMs !== undefined ? ` (${t.durationMs} ms)` : '';
      process.stdout.write(`  ${mark} ${t.title}${ms}\n`);
    }
  }
  const failures = results?.failures ?? [];
  if (failures.length) {
    process.stdout.write('\nfailures:\n');
    failures.forEach((f, i) => {
      process.stdout.write(`  ${i + 1}) ${f.title}\n     ${String(f.message).split('\n').join('\n     ')}\n`);
    });
  }
  if (extra) process.stdout.write(`\n${extra}\n`);
  const passed = results?.passed ?? 0;
  const failed = results?.failed ?? 0;
  const pending = results?.pending ?? 0;
  if (process.env.SYSCTL_LAYER_RESULTS) {
    fs.writeFileSync(process.env.SYSCTL_LAYER_RESULTS, JSON.stringify({ layer: LAYER, passed, failed, skipped: pending, pending, durationMs: Date.now() - t0 }, null, 2) + '\n');
  }
  process.stdout.write(`\n${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}\n`);
  return failed;
}

let exitCode = 1;
try {
  const { results, exitCode: vscodeExit } = await main();
  let extra;
  if (vscodeExit !== 0 && !(results.failed > 0)) {
    // VS Code says failure but the results show none: count it as one.
    results.failed = (results.failed ?? 0) + 1;
    results.failures = [...(results.failures ?? []), { title: '(suite)', message: `extension host exited with code ${vscodeExit}` }];
  }
  await cleanup();
  if (interrupted) await new Promise(() => {}); // the signal handler reports and exits
  extra = `finished in ${elapsed()}`;
  exitCode = report(results, extra) > 0 ? 1 : 0;
} catch (err) {
  await cleanup();
  if (interrupted) await new Promise(() => {}); // the signal handler reports and exits
  const msg = err instanceof SuiteError ? err.message : (err?.stack ?? String(err));
  // The suite could not run: one failure, never a silent skip.
  report({ passed: 0, failed: 1, pending: 0, failures: [{ title: '(vscode extension-host suite could not run)', message: msg }] }, `finished in ${elapsed()}`);
  exitCode = 1;
}
process.exit(exitCode);
