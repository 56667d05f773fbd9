// VS Code through its UI, from the packaged VSIX: what a user who installed sysctl-tools.vsix sees.
//
//   1. `npm run package` writes sysctl-tools.vsix (production bundle, .vscodeignore allowlist), then
//      `node scripts/build.mjs` puts the development build back for the other layers.
//      SYSCTL_TEST_VSIX=path tests a given VSIX instead (nothing is built then).
//   2. `code-server --install-extension sysctl-tools.vsix` into a temp --extensions-dir: the
//      install path users take, not extensionDevelopmentPath.
//   3. code-server (cached in .vscode-test/code-server by scripts/setup-code-server.mjs) serves a
//      temp workspace whose sysctl.conf has known mistakes and whose .vscode/settings.json sets
//      sysctl.sizing.memTotal and sysctl.sizing.architecture.
//   4. headless Chromium (playwright-core) opens the workbench; the tests read the DOM: token
//      colours, squiggles, status bar and Problems panel counts, the hover widget, the quick fix
//      menu (Ctrl+.), and the file on disk after applying the sizing fix and Ctrl+S.
//
// Everything waits on UI states (locators, waitForFunction), never on fixed sleeps. The whole file
// is bounded by SYSCTL_TEST_UI_TIMEOUT_MS (default 300000): past it code-server and Chromium are killed
// and every remaining step fails. Both are stopped on success, failure, timeout and signals.
// Without code-server or Chromium the tests skip by name locally and fail in CI.
import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { requireOrSkip } from '../helpers/environment';
import { REPO_ROOT } from '../helpers/paths';

const LAYER_TIMEOUT_MS = Number(process.env.SYSCTL_TEST_UI_TIMEOUT_MS || 300_000);
const VERBOSE = process.env.SYSCTL_TEST_VERBOSE === '1';
const KEEP_TMP = process.env.SYSCTL_TEST_KEEP_TMP === '1';
const SIZING_TITLE = 'Set nf_conntrack_max to 1547561 (47.2 GiB, x86_64)';

const CONTENT = [
  '# sysctl.conf opened in VS Code by the UI test',
  'net.ipv4.ip_forward',
  'net.netfilter.nf_conntrack_maxx = 5',
  'net.ipv4.tcp_tw_recycle = 1',
  'net.netfilter.nf_conntrack_max = 65536',
  'vm.swappiness = 10',
  '',
].join('\n');
const FIXED = CONTENT.replace('net.netfilter.nf_conntrack_max = 65536\n', 'net.netfilter.nf_conntrack_max = 1547561\n');
const WORKSPACE_SETTINGS = { 'sysctl.sizing.memTotal': '49521980 kB', 'sysctl.sizing.architecture': 'x86_64' };

/** The part of scripts/lib/codeServerSession.mjs this test uses (the library is shared with the suite runner). */
interface Session {
  freePort(): Promise<number>;
  chromiumExecutable(options?: { log?: (message: string) => void }): Promise<string>;
  installExtension(options: { entry: string; dir: string; vsix: string }): { output: string; extensionsDir: string };
  startCodeServer(options: { entry: string; dir: string; port: number; workspace: string }): {
    child: ChildProcess;
    origin: string;
    tail(lines?: number): string;
  };
  waitUntilHealthy(server: ReturnType<Session['startCodeServer']>, options: { deadline: number; timeoutMs: number; tailLines?: number }): Promise<void>;
  launchChromium(executablePath: string): Promise<Browser>;
  closeBrowser(browser: Browser | undefined, boundMs?: number): Promise<void>;
  killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): void;
  stopCodeServer(child: ChildProcess | undefined, options?: { graceMs?: number }): Promise<void>;
}

async function loadSession(): Promise<Session> {
  return (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'lib', 'codeServerSession.mjs')).href)) as Session;
}

const t0 = Date.now();
function say(message: string): void {
  process.stdout.write(`      [vsix-ui ${((Date.now() - t0) / 1000).toFixed(1)} s] ${message}\n`);
}

/** Runs a command to completion with a bound; throws with its output when it fails. */
function run(command: string, args: string[], options: { timeout: number; env?: NodeJS.ProcessEnv }): string {
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: options.timeout,
    killSignal: 'SIGKILL',
    env: options.env ?? process.env,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error || result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${output}`);
  }
  return output;
}

// Code that runs in the page is kept as source text: the test's TypeScript transform would wrap
// named functions in a helper that does not exist in the browser.

/** The .mtkN classes of a setting's key, "=" and value and of a comment, once all four differ. */
const TOKEN_CLASSES = `(() => {
  const lines = [...document.querySelectorAll('.editor-instance .view-line')];
  const text = (e) => (e.textContent || '').replace(/\u00a0/g, ' ');
  const setting = lines.find((l) => text(l) === 'net.netfilter.nf_conntrack_max = 65536');
  const comment = lines.find((l) => text(l).startsWith('#'));
  if (!setting || !comment) return undefined;
  const classOf = (root, part) => ([...root.querySelectorAll('span > span')].find((s) => text(s).includes(part)) || {}).className;
  const result = { key: classOf(setting, 'nf_conntrack_max'), equals: classOf(setting, '='), value: classOf(setting, '65536'), comment: classOf(comment, '#') };
  return new Set(Object.values(result)).size === 4 ? result : undefined;
})()`;

/** The text of the lines under error and warning squiggles, once both kinds are drawn. */
const SQUIGGLES = `(() => {
  const lineAt = new Map([...document.querySelectorAll('.editor-instance .view-line')]
    .map((l) => [l.style.top, (l.textContent || '').replace(/\u00a0/g, ' ')]));
  const under = (kind) => [...document.querySelectorAll('.editor-instance .view-overlays .squiggly-' + kind)]
    .map((s) => lineAt.get(s.parentElement ? s.parentElement.style.top : '')).sort();
  const found = { error: under('error'), warning: under('warning') };
  return found.error.length >= 2 && found.warning.length >= 1 ? found : undefined;
})()`;

/** What the editor shows, for failure messages: each line's token spans with their classes, and the problem counts. */
const UI_SNAPSHOT = `(() => {
  const lines = [...document.querySelectorAll('.editor-instance .view-line')]
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
    .map((l) => [...l.querySelectorAll('span > span')].map((s) => '[' + s.className + ']' + s.textContent).join(''));
  const problems = document.querySelector('#status\\\\.problems');
  const mode = document.querySelector('#status\\\\.editor\\\\.mode');
  const squiggles = [...document.querySelectorAll('.editor-instance [class*=squiggly]')].map((e) => e.className);
  return 'language: ' + (mode ? mode.textContent : '?') + '; problems: ' + (problems ? problems.getAttribute('aria-label') : '?')
    + '; squiggles: ' + JSON.stringify(squiggles) + '\\n' + lines.join('\\n');
})()`;

/** The lines of the visible editor as the user sees them, top to bottom. */
const EDITOR_LINES = `[...document.querySelectorAll('.editor-instance .view-line')]
  .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
  .map((line) => (line.textContent || '').replace(/\u00a0/g, ' '))`;

/** The hover provider's part of the hover widget (not the diagnostics it also lists), once it names the key. */
const HOVER_TEXT = `(() => {
  const text = [...document.querySelectorAll('.monaco-hover .hover-contents:not(.marker)')].map((e) => e.textContent || '').join('\\n');
  return text.includes('nf_conntrack_max') ? text : undefined;
})()`;

describe('VS Code UI from the packaged VSIX (code-server + Chromium)', function () {
  this.timeout(60_000);

  let missing: string | undefined; // what is not available here: tests skip (or fail in CI)
  let tmp: string | undefined;
  let codeServer: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let workspace: string;
  let extensionsDir: string;
  let installOutput = '';
  let timedOut = false;
  let watchdog: NodeJS.Timeout | undefined;

  let session: Session;
  let server: ReturnType<Session['startCodeServer']> | undefined;
  const killCodeServer = (signal: NodeJS.Signals) => session?.killGroup(codeServer, signal);
  const onExit = () => killCodeServer('SIGKILL');
  const onSignal = (signal: NodeJS.Signals) => {
    killCodeServer('SIGKILL');
    void browser?.close().catch(() => undefined);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };

  before(async function () {
    this.timeout(LAYER_TIMEOUT_MS);
    process.on('exit', onExit);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
    watchdog = setTimeout(() => {
      timedOut = true;
      say(`layer timeout (${LAYER_TIMEOUT_MS} ms): stopping code-server and Chromium`);
      killCodeServer('SIGKILL');
      void browser?.close().catch(() => undefined);
    }, LAYER_TIMEOUT_MS);
    watchdog.unref();
    try {
      await setUp();
    } catch (error) {
      if (timedOut) throw new Error(`the layer timed out after ${LAYER_TIMEOUT_MS} ms (SYSCTL_TEST_UI_TIMEOUT_MS); then: ${(error as Error).message}`);
      throw error;
    }
  });

  async function setUp(): Promise<void> {
    // 1. The VSIX.
    let vsix = process.env.SYSCTL_TEST_VSIX;
    if (vsix) {
      say(`testing ${vsix} (SYSCTL_TEST_VSIX)`);
    } else {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      say('npm run package');
      run(npm, ['run', '--silent', 'package'], { timeout: 180_000 });
      vsix = join(REPO_ROOT, 'sysctl-tools.vsix');
      run(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { timeout: 120_000 }); // dev build back for later layers
    }
    assert.ok(existsSync(vsix), `${vsix} does not exist`);

    // 2. code-server and Chromium: missing ones skip the tests (fail in CI).
    session = await loadSession();
    let entry: string;
    let chromiumPath: string;
    try {
      const setup = (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'setup-code-server.mjs')).href)) as {
        setupCodeServer(): string;
      };
      entry = setup.setupCodeServer();
    } catch (error) {
      missing = `code-server (scripts/setup-code-server.mjs: ${(error as Error).message})`;
      return;
    }
    try {
      chromiumPath = await session.chromiumExecutable({ log: say });
    } catch (error) {
      missing = `Chromium (/usr/bin/chromium, CHROMIUM_PATH or @sparticuz/chromium: ${(error as Error).message})`;
      return;
    }

    // 3. A temp workspace whose settings name the machine; install the VSIX the way users do.
    tmp = mkdtempSync(join(tmpdir(), 'sysctl-vsix-ui-'));
    workspace = join(tmp, 'workspace');
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, 'sysctl.conf'), CONTENT);
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(WORKSPACE_SETTINGS, null, 2));
    say('code-server --install-extension sysctl-tools.vsix');
    ({ output: installOutput, extensionsDir } = session.installExtension({ entry, dir: tmp, vsix }));

    // 4. Start code-server on the workspace, with the same profile.
    const port = await session.freePort();
    server = session.startCodeServer({ entry, dir: tmp, port, workspace });
    codeServer = server.child;
    say(`starting code-server on ${server.origin}`);
    await session.waitUntilHealthy(server, { deadline: Date.now() + 120_000, timeoutMs: 120_000, tailLines: 15 });
    if (timedOut) throw new Error('layer timeout before code-server answered');

    // 5. Chromium on the workbench; open sysctl.conf from the Explorer.
    browser = await session.launchChromium(chromiumPath);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(30_000);
    if (VERBOSE) page.on('console', (message) => process.stdout.write(`      [browser ${message.type()}] ${message.text()}\n`));
    say(`Chromium ${browser.version()}: opening the workbench`);
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sysctl.conf' }).first().click({ timeout: 60_000 });
    await page.locator('.editor-instance .view-line', { hasText: 'net.netfilter.nf_conntrack_max' }).first().waitFor();
    await page.locator('.editor-instance .view-lines').click(); // the editor has the keyboard focus
    say('sysctl.conf is open');
  }

  after(async function () {
    this.timeout(30_000);
    if (watchdog) clearTimeout(watchdog);
    const started = Date.now();
    await session?.closeBrowser(browser, 10_000);
    await session?.stopCodeServer(codeServer, { graceMs: 8000 });
    if (browser || codeServer) say(`stopped Chromium and code-server in ${Date.now() - started} ms`);
    process.removeListener('exit', onExit);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeListener(signal, onSignal);
    if (tmp && KEEP_TMP) say(`kept ${tmp}`);
    else if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** A test that skips by name without code-server or Chromium (fails in CI), and fails once the layer timed out. */
  function step(title: string, body: () => void | Promise<void>): void {
    it(title, async function () {
      requireOrSkip(this, missing === undefined, missing ?? '');
      if (timedOut) throw new Error(`the layer timed out after ${LAYER_TIMEOUT_MS} ms (SYSCTL_TEST_UI_TIMEOUT_MS)`);
      await body();
    });
  }

  step('installs sysctl-tools.vsix into the extensions dir with code-server --install-extension', () => {
    assert.match(installOutput, /Extension '[^']+\.vsix' was successfully installed/);
    const installed = readdirSync(extensionsDir).filter((name) => name.startsWith('sysctl-tools.sysctl-tools-'));
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(installed, [`sysctl-tools.sysctl-tools-${version}`]);
  });

  step('opens sysctl.conf in the sysctl language with TextMate colours: key, "=" and value differ', async () => {
    await page.locator('#status\\.editor\\.mode', { hasText: 'sysctl' }).waitFor();
    // Tokens are coloured through .mtkN classes; without the grammar the whole line is one span.
    const spans = await waitForUi<Record<string, string>>(TOKEN_CLASSES, 'four different token classes (key, "=", value, comment)');
    for (const [part, className] of Object.entries(spans)) assert.match(className, /\bmtk\d+\b/, `${part}: ${className}`);
  });

  step('draws error and warning squiggles under the mistakes', async () => {
    const squiggles = await waitForUi<Record<string, string[]>>(SQUIGGLES, 'two error squiggles and a warning squiggle');
    assert.deepEqual(squiggles, {
      error: ['net.ipv4.ip_forward', 'net.ipv4.tcp_tw_recycle = 1'],
      warning: ['net.netfilter.nf_conntrack_maxx = 5'],
    });
  });

  step('counts the problems in the status bar and lists them in the Problems panel', async () => {
    await page.locator('#status\\.problems[aria-label="Errors: 2, Warnings: 1, Infos: 1"]').waitFor();
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row[aria-label^="4 problems in file sysctl.conf"]').waitFor();
    const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? ''));
    const kinds = rows
      .map((label) => /^(Error|Warning|Info):/.exec(label)?.[1])
      .filter(Boolean)
      .sort();
    assert.deepEqual(kinds, ['Error', 'Error', 'Info', 'Warning'], JSON.stringify(rows, null, 2));
    assert.ok(
      rows.some((label) => label.startsWith("Warning: Unknown key 'net.netfilter.nf_conntrack_maxx'")),
      JSON.stringify(rows),
    );
    await page.keyboard.press('Control+Shift+M'); // close it again
    await page.keyboard.press('Control+1'); // back to the editor
  });

  step('shows hover text over nf_conntrack_max that names the key and says it counts entries', async () => {
    await goToLine(page, 5, 22);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    // The hover widget holds the diagnostics of the line too; read only the hover provider's part.
    const text = await waitForUi<string>(HOVER_TEXT, 'a hover naming nf_conntrack_max', 15_000).finally(() => page.keyboard.press('Escape'));
    assert.match(text, /nf_conntrack_max/);
    assert.match(text, /entries/);
  });

  step('offers the sizing fix from the workspace settings in the quick fix menu (Ctrl+.)', async () => {
    await goToLine(page, 5, 22);
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row.action').first().waitFor();
    const titles = await page.locator('.action-widget .monaco-list-row.action').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    assert.ok(titles.includes(SIZING_TITLE), `the menu offered ${JSON.stringify(titles)}`);
  });

  step('applies the sizing fix from the menu; the editor and the saved file hold the new value byte for byte', async () => {
    const menu = page.locator('.action-widget');
    if (!(await menu.isVisible())) {
      await goToLine(page, 5, 22);
      await page.keyboard.press('Control+.');
    }
    // Walk the menu with the keyboard to the sizing fix (a click can land on VS Code's pointer block).
    const focused = () => page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label');
    for (let i = 0; i < 20; i++) {
      const current = await focused();
      if (current === SIZING_TITLE) break;
      await page.keyboard.press('ArrowDown');
      await page.locator(`.action-widget .monaco-list-row.focused:not([aria-label=${JSON.stringify(current ?? '')}])`).waitFor({ timeout: 5000 });
    }
    assert.equal(await focused(), SIZING_TITLE);
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
    await page.locator('.editor-instance .view-line', { hasText: 'net.netfilter.nf_conntrack_max = 1547561' }).waitFor({ timeout: 15_000 });
    assert.deepEqual(await page.evaluate(EDITOR_LINES), FIXED.split('\n'));

    await page.keyboard.press('Control+S');
    // The save is visible only on disk (the tab shows no dirty marker here): poll the file, bounded.
    const file = join(workspace, 'sysctl.conf');
    const deadline = Date.now() + 15_000;
    while (readFileSync(file, 'utf8') === CONTENT && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(readFileSync(file, 'utf8'), FIXED);
  });

  /** Waits until the page expression returns a value; on timeout says what the UI showed instead. */
  async function waitForUi<T>(expression: string, what: string, timeout = 30_000): Promise<T> {
    try {
      return (await (await page.waitForFunction(expression, undefined, { timeout })).jsonValue()) as T;
    } catch (error) {
      const shown = await page.evaluate(UI_SNAPSHOT).catch(() => '(page gone)');
      throw new Error(`${what} not seen within ${timeout} ms (${(error as Error).message.split('\n')[0]}); the UI showed:\n${shown}`);
    }
  }

  async function goToLine(target: Page, line: number, column: number): Promise<void> {
    await target.keyboard.press('Control+G');
    await target.locator('.quick-input-widget input').waitFor();
    await target.keyboard.type(`${line}:${column}`);
    await target.keyboard.press('Enter');
    await target.locator('#status\\.editor\\.selection', { hasText: `Ln ${line}, Col ${column}` }).waitFor();
  }

  /** The extension's own logs (its output channel, extension-host errors naming it): they name the cause. */
  function extensionLogs(): string {
    const logs = join(tmp!, 'user-data', 'logs');
    const files = existsSync(logs) ? (readdirSync(logs, { recursive: true }) as string[]) : []; // relative to logs
    const parts: string[] = [];
    for (const file of files.filter((f) => /sysctl/i.test(f) && f.endsWith('.log'))) {
      const lines = readFileSync(join(logs, file), 'utf8').split('\n');
      const firstError = Math.max(
        0,
        lines.findIndex((line) => line.includes('[error]')),
      );
      parts.push(`--- ${file} (from the first error)\n${lines.slice(firstError, firstError + 25).join('\n')}`);
    }
    for (const file of files.filter((f) => f.endsWith('remoteexthost.log'))) {
      const lines = readFileSync(join(logs, file), 'utf8')
        .split('\n')
        .filter((line) => /sysctl-tools/.test(line) && /\[error\]/.test(line));
      if (lines.length > 0) parts.push(`--- ${file} (errors naming sysctl-tools)\n${lines.slice(0, 10).join('\n')}`);
    }
    return parts.join('\n') || '(no extension logs)';
  }

  // On the first failure, show what the extension logged (e.g. a language server that did not start).
  let logShown = false;
  afterEach(function () {
    if (this.currentTest?.state !== 'failed' || !tmp || logShown) return;
    logShown = true;
    process.stdout.write(`\n      extension logs:\n${extensionLogs()}\n      code-server output (tail):\n${server?.tail(15) ?? '(no code-server log)'}\n`);
  });
});
