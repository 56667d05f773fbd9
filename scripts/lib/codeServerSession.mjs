// @ts-check
// The pieces shared by everything that drives VS Code through code-server and headless Chromium
// (the extension-host suite runner, scripts/run-code-server-suite.mjs, and the activation bench,
// bench/extBench.mjs): a free port, a code-server in its own process group with a throwaway
// profile, the Chromium to drive it, the workbench URL that loads an extension and a test entry
// point, the automation hooks VS Code calls back, and stopping it all again.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** An expected failure whose message says everything: report it without a stack. */
export class SessionError extends Error {}

// Everything that would make VS Code phone home, update itself or show welcome UI is off: runs
// stay quiet, offline and comparable.
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A loopback port nobody listens on right now (the OS picks it; we release it at once). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** The HTTP status of a GET, or undefined when nothing answers within 2 s. */
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

/** The last `lines` lines of a log file, for error messages. */
function tailOf(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/** The version of @sparticuz/chromium; its package.json is not in "exports", so walk up from the entry point. */
function sparticuzVersion() {
  const require = createRequire(import.meta.url);
  for (let dir = path.dirname(require.resolve('@sparticuz/chromium')); ; dir = path.dirname(dir)) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      const meta = JSON.parse(fs.readFileSync(pj, 'utf8'));
      if (meta.name === '@sparticuz/chromium') return meta.version;
    }
    if (dir === path.dirname(dir)) throw new Error('package.json of @sparticuz/chromium not found');
  }
}

/**
 * The Chromium binary: CHROMIUM_PATH, else /usr/bin/chromium, else @sparticuz/chromium unpacked
 * once into .vscode-test/chromium-<version>. `log` hears about the (slow) first unpack.
 */
/** @param {{ log?: (message: string) => void }} [options] */
export async function chromiumExecutable({ log = () => undefined } = {}) {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  let chromium;
  let version;
  try {
    const mod = await import('@sparticuz/chromium');
    chromium = mod.default ?? mod;
    version = sparticuzVersion();
  } catch (err) {
    throw new SessionError(`no Chromium: /usr/bin/chromium is missing and @sparticuz/chromium cannot be loaded (${err.message}); run npm install`);
  }
  // @sparticuz/chromium unpacks into os.tmpdir() and reuses whatever <tmpdir>/chromium it finds
  // there; give it a private, versioned cache instead of the shared /tmp, and mark the unpack complete.
  const cache = path.join(REPO_ROOT, '.vscode-test', `chromium-${version}`);
  const marker = path.join(cache, '.unpack-complete');
  if (fs.existsSync(marker) && fs.existsSync(path.join(cache, 'chromium'))) return path.join(cache, 'chromium');
  fs.rmSync(cache, { recursive: true, force: true });
  fs.mkdirSync(cache, { recursive: true });
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = cache;
  try {
    log(`unpacking @sparticuz/chromium ${version} into ${path.relative(REPO_ROOT, cache)}`);
    const executable = await chromium.executablePath();
    fs.writeFileSync(marker, `${executable}\n`);
    return executable;
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
}

/**
 * The throwaway profile of a session under `dir`: user data with the quiet settings, an
 * extensions dir, config and XDG dirs. Every code-server command of the session uses the same one.
 * @param {string} dir
 */
function sessionProfile(dir) {
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify(USER_SETTINGS, null, 2));
  return {
    extensionsDir,
    args: ['--config', path.join(dir, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir],
    // Private XDG dirs: nothing is read from or left in the user's home.
    env: { XDG_CONFIG_HOME: path.join(dir, 'xdg-config'), XDG_DATA_HOME: path.join(dir, 'xdg-data') },
  };
}

/**
 * Installs a VSIX into the session's extensions dir the way users do
 * (`code-server --install-extension`). Returns code-server's output; throws SessionError on failure.
 * @param {{ entry: string, dir: string, vsix: string, timeoutMs?: number }} options
 */
export function installExtension({ entry, dir, vsix, timeoutMs = 120_000 }) {
  const profile = sessionProfile(dir);
  const result = spawnSync(process.execPath, [entry, ...profile.args, '--install-extension', vsix], {
    cwd: dir,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    env: { ...process.env, ...profile.env },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error || result.status !== 0) {
    throw new SessionError(`code-server --install-extension ${vsix} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${output}`);
  }
  return { output, extensionsDir: profile.extensionsDir };
}

/**
 * Starts code-server (`entry` from scripts/setup-code-server.mjs) on `port`, serving `workspace`,
 * with a throwaway profile under `dir`: user data with quiet settings, extensions, config and XDG
 * dirs, and code-server.log. `env` is added to the child's environment. Output goes to the log;
 * with `onOutputLine` it also passes through us, line by line (for verbose runs).
 * Synchronous on purpose: the caller records the child before anything else can run, so a
 * signal arriving at any later point finds it to stop.
 * @param {{ entry: string, dir: string, port: number, workspace: string, env?: Record<string, string>, onOutputLine?: (line: string) => void }} options
 */
export function startCodeServer({ entry, dir, port, workspace, env = {}, onOutputLine }) {
  const profile = sessionProfile(dir);
  const logFile = path.join(dir, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      ...profile.args,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    {
      cwd: dir,
      // Its own process group: code-server, extension hosts and language servers stop together.
      detached: true,
      stdio: onOutputLine ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
      env: { ...process.env, ...env, ...profile.env },
    },
  );
  if (onOutputLine) {
    for (const stream of /** @type {import('node:stream').Readable[]} */ ([child.stdout, child.stderr])) {
      let partial = '';
      stream.on('data', (chunk) => {
        fs.writeSync(logFd, chunk);
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) onOutputLine(line);
      });
    }
    child.on('close', () => fs.closeSync(logFd)); // after both streams have ended
  } else {
    fs.closeSync(logFd); // the child has its own copy
  }
  let exitReason;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exitReason = `code ${code ?? signal}`;
      resolve(exitReason);
    });
  });
  return {
    child,
    origin: `http://127.0.0.1:${port}`,
    authority: `127.0.0.1:${port}`,
    logFile,
    /** Resolves with "code N" (or the signal) once the process has exited. */
    exited,
    exitReason: () => exitReason,
    tail: (lines = 60) => tailOf(logFile, lines),
  };
}

/** Polls /healthz until code-server answers 200; fails when it exits first or `deadline` passes. */
export async function waitUntilHealthy(server, { deadline, timeoutMs, tailLines = 60 }) {
  for (;;) {
    if (server.exitReason()) throw new SessionError(`code-server exited early (${server.exitReason()}):\n${server.tail(tailLines)}`);
    if ((await httpStatus(`${server.origin}/healthz`)) === 200) return;
    if (Date.now() >= deadline) {
      throw new SessionError(`code-server did not answer on ${server.origin} within ${timeoutMs} ms:\n${server.tail(tailLines)}`);
    }
    await sleep(200);
  }
}

/** Headless Chromium through playwright-core. Signals are left to us, so we stop things in order. */
export async function launchChromium(executablePath) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
    args: CHROMIUM_ARGS,
  });
}

/**
 * The workbench URL that opens `workspace` with `extensionDir` loaded in development mode and
 * runs `testsEntry` in the (server-side) extension host, the way VS Code's own test runner does.
 */
export function workbenchUrl(server, { workspace, extensionDir, testsEntry }) {
  const remote = (file) => `vscode-remote://${server.authority}${file}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDir)],
    ['extensionTestsPath', remote(testsEntry)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  return `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Installs the hooks a workbench under test calls: codeAutomationLog(type, args) for the
 * extension host's console and codeAutomationExit(code) when the tests are done.
 * Returns { exitCode }: a promise of that code (wrapped, so awaiting this call does not wait for it).
 */
/** @param {(type: string, args: unknown[]) => void} [onLog] */
export async function exposeAutomationHooks(page, onLog = () => undefined) {
  let resolveExit;
  const exitCode = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationLog', onLog);
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  return { exitCode };
}

/** Closes the browser, waiting at most `boundMs`: a hung browser must not hang our exit. Never throws. */
export async function closeBrowser(browser, boundMs = 5000) {
  if (!browser) return;
  let timer;
  await Promise.race([browser.close().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, boundMs)))]);
  clearTimeout(timer);
}

/**
 * Sends `signal` to the child's whole process group: the leader may be gone while its children
 * (extension host, pty host, file watcher, language server) are not. Never throws.
 */
export function killGroup(child, signal) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* group already empty */
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

/** SIGTERM to the group, then SIGKILL (after calling `onForce`) if it is not empty within `graceMs`. */
/**
 * @param {import('node:child_process').ChildProcess | undefined} child
 * @param {{ graceMs?: number, onForce?: () => void }} [options]
 */
export async function stopCodeServer(child, { graceMs = 5000, onForce = () => undefined } = {}) {
  if (!child?.pid) return;
  killGroup(child, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(child.pid) && Date.now() < deadline) await sleep(50);
  if (groupAlive(child.pid)) {
    onForce();
    killGroup(child, 'SIGKILL');
  }
}
