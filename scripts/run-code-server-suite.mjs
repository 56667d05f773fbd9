#!/usr/bin/env node
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
//      SYSCTL_SKIP_BUILD=1, and always `node scripts/build-tests.mjs`
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
//   SYSCTL_SUITE_TIMEOUT_MS  overall bound for the VS Code part (default 180000)
//   SYSCTL_LAYER_RESULTS     if set, {layer, passed, failed, skipped, pending} JSON is written here
//   SYSCTL_SUITE_GREP        only run tests whose full title matches (passed to the suite)
//   SYSCTL_SUITE_VERBOSE=1   stream code-server's output and the browser console
//   SYSCTL_SUITE_KEEP_TMP=1  keep the temp dir (workspace copy, code-server log, user data)
//   SYSCTL_EXTENSION_DIR     extension under test (default: the repository root)
//   CHROMIUM_PATH            Chromium binary to use (default: /usr/bin/chromium if
//                            present, else @sparticuz/chromium from node_modules,
//                            unpacked once into .vscode-test/chromium-<version>)
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { setupCodeServer } from './setup-code-server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build') || process.env.SYSCTL_SKIP_BUILD === '1';
const verbose = process.env.SYSCTL_SUITE_VERBOSE === '1';
const timeoutMs = Number(process.env.SYSCTL_SUITE_TIMEOUT_MS || 180_000);
const extensionDir = path.resolve(process.env.SYSCTL_EXTENSION_DIR || repoRoot);
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

function killCodeServerGroup(signal) {
  // The whole group: the leader may be gone while its children (extension
  // host, pty host, file watcher) are not.
  if (!codeServer?.pid) return;
  try {
    process.kill(-codeServer.pid, signal);
  } catch {
    /* group empty */
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function cleanup() {
  cleanupPromise ??= doCleanup();
  return cleanupPromise;
}

async function doCleanup() {
  const started = Date.now();
  const closeBrowser = async () => {
    if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
    if (verbose) say(`browser closed after ${Date.now() - started} ms`);
  };
  const stopCodeServer = async () => {
    if (!codeServer?.pid) return;
    killCodeServerGroup('SIGTERM');
    const deadline = Date.now() + 5000;
    while (groupAlive(codeServer.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (groupAlive(codeServer.pid)) {
      say('code-server did not stop on SIGTERM within 5 s: SIGKILL');
      killCodeServerGroup('SIGKILL');
    }
    if (verbose) say(`code-server stopped after ${Date.now() - started} ms`);
  };
  await Promise.all([closeBrowser(), stopCodeServer()]);
  if (verbose) say(`stopped code-server and the browser in ${Date.now() - started} ms`);
  if (tmpDir && process.env.SYSCTL_SUITE_KEEP_TMP === '1') say(`kept ${tmpDir} (SYSCTL_SUITE_KEEP_TMP=1)`);
  else if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  cleanedUp = true;
}

// Last resort if we die without running cleanup(): synchronous kill.
process.on('exit', () => {
  if (!cleanedUp && codeServer?.pid) {
    try {
      process.kill(-codeServer.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
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

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(undefined));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(undefined);
    });
  });
}

function tail(file, lines = 60) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

async function chromiumExecutable() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  let chromium;
  let version;
  try {
    const mod = await import('@sparticuz/chromium');
    chromium = mod.default ?? mod;
    const require = createRequire(import.meta.url);
    // (its package.json is not in "exports": walk up from the entry point)
    for (let dir = path.dirname(require.resolve('@sparticuz/chromium')); !version; dir = path.dirname(dir)) {
      const pj = path.join(dir, 'package.json');
      if (fs.existsSync(pj)) {
        const meta = JSON.parse(fs.readFileSync(pj, 'utf8'));
        if (meta.name === '@sparticuz/chromium') version = meta.version;
      }
      if (dir === path.dirname(dir)) throw new Error('package.json of @sparticuz/chromium not found');
    }
  } catch (err) {
    throw new SuiteError(`no Chromium: /usr/bin/chromium is missing and @sparticuz/chromium cannot be loaded (${err.message}); run npm install`);
  }
  // @sparticuz/chromium unpacks into os.tmpdir() and reuses whatever
  // <tmpdir>/chromium it finds there; give it a private, versioned cache
  // instead of the shared /tmp, and mark the unpack complete.
  const cache = path.join(repoRoot, '.vscode-test', `chromium-${version}`);
  const marker = path.join(cache, '.unpack-complete');
  if (fs.existsSync(marker) && fs.existsSync(path.join(cache, 'chromium'))) return path.join(cache, 'chromium');
  fs.rmSync(cache, { recursive: true, force: true });
  fs.mkdirSync(cache, { recursive: true });
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = cache;
  try {
    say(`unpacking @sparticuz/chromium ${version} into ${path.relative(repoRoot, cache)}`);
    const executable = await chromium.executablePath();
    fs.writeFileSync(marker, `${executable}\n`);
    return executable;
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
}

class SuiteError extends Error {}

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

  // 3. start it
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sysctl-vscode-suite-'));
  const workspace = path.join(tmpDir, 'workspace');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const userDataDir = path.join(tmpDir, 'user-data');
  const extensionsDir = path.join(tmpDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.startupEditor': 'none',
        'workbench.enableExperiments': false,
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
      },
      null,
      2,
    ),
  );
  const resultsFile = path.join(tmpDir, 'suite-results.json');
  const logFile = path.join(tmpDir, 'code-server.log');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;

  say(`starting code-server on ${origin}`);
  const logFd = fs.openSync(logFile, 'a');
  codeServer = spawn(
    process.execPath,
    [
      entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--config', path.join(tmpDir, 'config.yaml'),
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    {
      cwd: tmpDir,
      detached: true, // own process group, so we can kill code-server and all its children
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        SYSCTL_SUITE_RESULTS: resultsFile,
        ...(process.env.SYSCTL_SUITE_GREP ? { SYSCTL_SUITE_GREP: process.env.SYSCTL_SUITE_GREP } : {}),
        XDG_CONFIG_HOME: path.join(tmpDir, 'xdg-config'),
        XDG_DATA_HOME: path.join(tmpDir, 'xdg-data'),
      },
    },
  );
  for (const stream of [codeServer.stdout, codeServer.stderr]) {
    let partial = '';
    stream.on('data', (chunk) => {
      fs.writeSync(logFd, chunk);
      if (!verbose) return;
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop();
      for (const line of lines) process.stdout.write(`[code-server] ${line}\n`);
    });
  }
  let codeServerExit;
  const codeServerExited = new Promise((resolve) => {
    codeServer.on('exit', (code, signal) => {
      codeServerExit = `code ${code ?? signal}`;
      resolve();
    });
  });

  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(0, deadline - Date.now());
  // Wait until it answers.
  for (;;) {
    if (codeServerExit) throw new SuiteError(`code-server exited early (${codeServerExit}):\n${tail(logFile)}`);
    if ((await httpStatus(`${origin}/healthz`)) === 200) break;
    if (remaining() === 0) throw new SuiteError(`code-server did not answer on ${origin} within ${timeoutMs} ms:\n${tail(logFile)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  say('code-server is up; launching Chromium');

  // 4. browser
  const executablePath = await chromiumExecutable();
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  say(`Chromium ${browser.version()} (${executablePath})`);
  const page = await browser.newPage();

  let resolveExit;
  const automationExit = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    // VS Code forwards console calls as (type, [format, ...args]).
    const text = Array.isArray(logArgs) ? format(...logArgs) : String(logArgs);
    process.stdout.write(`[vscode ${type}] ${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    resolveExit(Number(code));
  });
  page.on('pageerror', (err) => say(`page error: ${err.message}`));
  if (verbose) page.on('console', (msg) => process.stdout.write(`[browser ${msg.type()}] ${msg.text()}\n`));

  const remoteAuthority = `127.0.0.1:${port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${remoteAuthority}${extensionDir}`],
    ['extensionTestsPath', `vscode-remote://${remoteAuthority}${suiteIndex}`],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const url = `${origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  say('opening the workbench; the suite runs in the extension host');
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: remaining() || 1 });

  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), remaining())));
  const outcome = await Promise.race([
    automationExit.then((code) => ({ code })),
    codeServerExited.then(() => ({ died: true })),
    timedOut,
  ]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    throw new SuiteError(
      `timed out after ${timeoutMs} ms: VS Code did not finish the suite (no codeAutomationExit). code-server log:\n${tail(logFile)}`,
    );
  }
  if (outcome.died) throw new SuiteError(`code-server died during the run (${codeServerExit}):\n${tail(logFile)}`);
  say(`VS Code exited the extension host with code ${outcome.code}`);

  // 5. results
  let results;
  try {
    results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    throw new SuiteError(
      `the suite wrote no results (exit code ${outcome.code}): it did not run. code-server log:\n${tail(logFile)}`,
    );
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
    fs.writeFileSync(
      process.env.SYSCTL_LAYER_RESULTS,
      JSON.stringify({ layer: LAYER, passed, failed, skipped: pending, pending, durationMs: Date.now() - t0 }, null, 2) + '\n',
    );
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
  report(
    { passed: 0, failed: 1, pending: 0, failures: [{ title: '(vscode extension-host suite could not run)', message: msg }] },
    `finished in ${elapsed()}`,
  );
  exitCode = 1;
}
process.exit(exitCode);
