// @ts-check
// Extension figures: VSIX size (a production package built in a temp copy, so the working tree's
// build output is left alone) and activation time measured inside a real VS Code extension host
// (code-server, the same machinery as `npm run test:vscode`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as session from '../scripts/lib/codeServerSession.mjs';

// examples/ stays: the build trains the CLI's code cache on examples/sysctl.conf.
const SKIP_IN_COPY = new Set(['node_modules', '.git', '.vscode-test', 'out', 'bench', 'test']);

/** Packages the extension as `npm run package` does, in a copy under `tmp`; returns its size. */
export function measureVsix({ repoRoot, tmp, log }) {
  const copy = path.join(tmp, 'package-copy');
  fs.mkdirSync(copy, { recursive: true });
  for (const entry of fs.readdirSync(repoRoot, { withFileTypes: true })) {
    if (SKIP_IN_COPY.has(entry.name) || entry.name.endsWith('.vsix') || (entry.name.endsWith('.json') && entry.name.startsWith('bench-results'))) continue;
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
  // The same options as `npm run package` (its --baseContentUrl lets vsce rewrite README links).
  const packageScript = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts?.package ?? '';
  const baseContentUrl = /--baseContentUrl\s+(\S+)/.exec(packageScript)?.[1];
  let packagingError;
  try {
    run([process.execPath, vsce, 'package', '--no-dependencies', ...(baseContentUrl ? ['--baseContentUrl', baseContentUrl] : []), '--out', vsix]);
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
    .filter((match) => match !== null)
    .map(([, size, name]) => ({ name, bytes: Number(size) }));
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
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'README.txt'), 'no sysctl file here: the extension activates only when the bench asks\n');
  const results = path.join(dir, 'activation.jsonl');
  const port = await session.freePort();
  const server = session.startCodeServer({ entry, dir, port, workspace, env: { SYSCTL_BENCH_ACTIVATION_OUT: results } });
  resources.codeServer = server.child;
  const tail = () => server.tail(30);
  await session.waitUntilHealthy(server, { deadline, timeoutMs, tailLines: 30 });
  const browser = await session.launchChromium(await session.chromiumExecutable());
  resources.browser = browser;
  const testsEntry = path.join(repoRoot, 'bench', 'activation', 'index.js');
  const url = session.workbenchUrl(server, { workspace, extensionDir, testsEntry });
  const samples = [];
  const notes = [];
  let vscodeVersion;
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const { exitCode } = await session.exposeAutomationHooks(page);
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
    vscodeVersion = record.vscodeVersion;
  }
  return { samples, notes, vscodeVersion };
}

/** Stops what measureActivation started. Never throws. */
export async function stopActivationResources(resources) {
  await session.closeBrowser(resources.browser);
  resources.browser = undefined;
  await session.stopCodeServer(resources.codeServer);
  resources.codeServer = undefined;
}

/** Synchronous last resort for process 'exit'. */
export function killActivationResourcesSync(resources) {
  session.killGroup(resources.codeServer, 'SIGKILL');
}
