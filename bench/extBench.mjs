// Extension figures: VSIX size (a production package built in a temp copy, so the working tree's
// build output is left alone) and activation time measured inside a real VS Code extension host
// (code-server, the same machinery as `npm run test:vscode`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const SKIP_IN_COPY = new Set(['node_modules', '.git', '.vscode-test', 'out', 'bench', 'test', 'examples']);

/** Packages the extension as `npm run package` does, in a copy under `tmp`; returns its size. */
export function measureVsix({ repoRoot, tmp, log }) {
  const copy = path.join(tmp, 'package-copy');
  fs.mkdirSync(copy, { recursive: true });
  for (const entry of fs.readdirSync(repoRoot, { withFileTypes: true })) {
    if (SKIP_IN_COPY.has(entry.name) || entry.name.endsWith('.vsix') || entry.name.endsWith('.json') && entry.name.startsWith('bench-results')) continue;
    fs.cpSync(path.join(repoRoot, entry.name), path.join(copy, entry.name), {
      recursive: true,
      filter: (src) => !/[/\\]out([/\\]|$)/.test(path.relative(repoRoot, src)),
    });
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  const run = (argv) => {
    const r = spawnSync(argv[0], argv.slice(1), { cwd: copy, encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL' });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.error?.message ?? r.status ?? r.signal}): ${(r.stderr || r.stdout).slice(-1500)}`);
    return r.stdout;
  };
  run([process.execPath, 'scripts/build.mjs', '--production']);
  const vsix = path.join(tmp, 'sysctl-tools.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  let packagingError;
  try {
    run([process.execPath, vsce, 'package', '--no-dependencies', '--out', vsix]);
  } catch (err) {
    // The usual failure is a README link vsce cannot rewrite; the package is the same size
    // without rewriting, so measure that and say `npm run package` itself fails.
    packagingError = err.message.replace(/\s+/g, ' ').slice(0, 400);
    run([process.execPath, vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix]);
  }
  const bytes = fs.statSync(vsix).size;
  log(`VSIX: ${bytes} bytes`);
  return { bytes, files: listVsix(vsix), dir: copy, packagingError };
}

/** Names and sizes inside the VSIX, from `unzip -l` when available (informational). */
function listVsix(vsix) {
  const r = spawnSync('unzip', ['-l', vsix], { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0) return undefined;
  return r.stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+\S+\s+\S+\s+(extension\/.+)$/.exec(line))
    .filter(Boolean)
    .map(([, size, name]) => ({ name, bytes: Number(size) }));
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

/** Chromium as the VS Code suite finds it: CHROMIUM_PATH, /usr/bin/chromium, or @sparticuz/chromium. */
async function chromiumExecutable(repoRoot) {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const require = createRequire(path.join(repoRoot, 'package.json'));
  let version;
  for (let dir = path.dirname(require.resolve('@sparticuz/chromium')); !version; dir = path.dirname(dir)) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      const meta = JSON.parse(fs.readFileSync(pj, 'utf8'));
      if (meta.name === '@sparticuz/chromium') version = meta.version;
    }
    if (dir === path.dirname(dir)) throw new Error('package.json of @sparticuz/chromium not found');
  }
  // The same private cache the suite runner uses (.vscode-test/chromium-<version>).
  const cache = path.join(repoRoot, '.vscode-test', `chromium-${version}`);
  if (fs.existsSync(path.join(cache, '.unpack-complete')) && fs.existsSync(path.join(cache, 'chromium'))) return path.join(cache, 'chromium');
  fs.rmSync(cache, { recursive: true, force: true });
  fs.mkdirSync(cache, { recursive: true });
  const mod = await import('@sparticuz/chromium');
  const chromium = mod.default ?? mod;
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = cache;
  try {
    const executable = await chromium.executablePath();
    fs.writeFileSync(path.join(cache, '.unpack-complete'), `${executable}\n`);
    return executable;
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
}

/**
 * Activation time inside VS Code's extension host: code-server (installed once by
 * scripts/setup-code-server.mjs) with headless Chromium; each run opens a fresh window, whose new
 * extension host runs bench/activation/index.js, which times `extension.activate()`. `extensionDir`:
 * the extension to load (the production build of measureVsix, else the repository's own build).
 * `resources` receives what must be stopped on exit: { codeServer, browser }.
 */
export async function measureActivation({ repoRoot, extensionDir = repoRoot, tmp, runs, timeoutMs, log, resources }) {
  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());
  const { setupCodeServer } = await import(path.join(repoRoot, 'scripts', 'setup-code-server.mjs'));
  const entry = setupCodeServer();
  const dir = path.join(tmp, 'vscode');
  const workspace = path.join(dir, 'workspace');
  const userData = path.join(dir, 'user-data');
  fs.mkdirSync(workspace, { recursive: true });
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'extensions'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'README.txt'), 'no sysctl file here: the extension activates only when the bench asks\n');
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'workbench.startupEditor': 'none',
      'workbench.enableExperiments': false,
      'security.workspace.trust.enabled': false,
      'git.enabled': false,
    }),
  );
  const results = path.join(dir, 'activation.jsonl');
  const logFile = path.join(dir, 'code-server.log');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const logFd = fs.openSync(logFile, 'a');
  const codeServer = spawn(
    process.execPath,
    [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--config', path.join(dir, 'config.yaml'), '--user-data-dir', userData,
      '--extensions-dir', path.join(dir, 'extensions'), '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', workspace],
    {
      cwd: dir,
      detached: true, // its own process group: code-server, extension hosts and language servers stop together
      stdio: ['ignore', logFd, logFd],
      env: { ...process.env, SYSCTL_BENCH_ACTIVATION_OUT: results, XDG_CONFIG_HOME: path.join(dir, 'xdg-config'), XDG_DATA_HOME: path.join(dir, 'xdg-data') },
    },
  );
  fs.closeSync(logFd);
  resources.codeServer = codeServer;
  let exited;
  codeServer.on('exit', (code, signal) => (exited = `${code ?? signal}`));
  const tail = () => fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${exited}):\n${tail()}`);
    if ((await httpStatus(`${origin}/healthz`)) === 200) break;
    if (Date.now() > deadline) throw new Error(`code-server did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const executablePath = await chromiumExecutable(repoRoot);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  resources.browser = browser;
  const authority = `127.0.0.1:${port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDir}`],
    ['extensionTestsPath', `vscode-remote://${authority}${path.join(repoRoot, 'bench', 'activation', 'index.js')}`],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const url = `${origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const samples = [];
  const notes = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      let done;
      const exitCode = new Promise((resolve) => (done = resolve));
      await page.exposeFunction('codeAutomationExit', (code) => done(Number(code)));
      await page.exposeFunction('codeAutomationLog', () => undefined);
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: remaining() });
      let timer;
      const code = await Promise.race([exitCode, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.min(remaining(), 90_000))))]);
      clearTimeout(timer);
      if (code === 'timeout') throw new Error(`run ${run + 1}: the extension host did not finish within the time limit:\n${tail()}`);
    } finally {
      await context.close().catch(() => undefined);
    }
    const lines = fs.existsSync(results) ? fs.readFileSync(results, 'utf8').trim().split('\n').filter(Boolean) : [];
    const record = lines[run] ? JSON.parse(lines[run]) : { error: 'no result written' };
    if (record.error) throw new Error(`run ${run + 1}: ${record.error}`);
    if (record.wasActive) notes.push(`run ${run + 1}: the extension was already active before the bench activated it`);
    else samples.push(record.activationMs);
    log(`activation run ${run + 1}/${runs}: ${record.activationMs.toFixed(1)} ms (VS Code ${record.vscodeVersion})`);
    notes.vscodeVersion = record.vscodeVersion;
  }
  return { samples, notes, vscodeVersion: notes.vscodeVersion };
}

/** Stops what measureActivation started. Never throws. */
export async function stopActivationResources(resources) {
  if (resources.browser) await Promise.race([resources.browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
  resources.browser = undefined;
  const pid = resources.codeServer?.pid;
  if (!pid) return;
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  const deadline = Date.now() + 5000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  resources.codeServer = undefined;
}

/** Synchronous last resort for process 'exit'. */
export function killActivationResourcesSync(resources) {
  const pid = resources.codeServer?.pid;
  if (pid) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

export { os };
