// Neovim as a real LSP client: headless nvim runs test/editors/nvim/init.lua against the built
// server bin and prints what it saw as JSON; these tests assert on it and on the file nvim wrote.
// Debian 12 ships Neovim 0.7.2. Without nvim each test skips by name (and fails in CI).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { commandExists } from '../helpers/environment';
import { REPO_ROOT, SERVER_BIN } from '../helpers/paths';
import { useTempDir } from '../helpers/tempDir';
import type { EditorRun, LspDiagnostic, Range } from './editorRun';
import { assertConntrackHover, assertSysctlDiagnostics, checkWith, describeRun, runEditor, sysctlContent } from './editorRun';

const INIT_LUA = join(REPO_ROOT, 'test', 'editors', 'nvim', 'init.lua');
const HAS_NVIM = commandExists('nvim', ['--version']);
const NVIM = 'nvim (Debian package neovim)';

const CONTENT = sysctlContent('Neovim');
const FIXED = CONTENT.replace('net.netfilter.nf_conntrack_max = 65536\n', 'net.netfilter.nf_conntrack_max = 1547561\n');
const SIZING_TITLE = 'Set nf_conntrack_max to 1547561 (47.2 GiB, x86_64)';

interface TextEdit {
  range: Range;
  newText: string;
}
interface CodeAction {
  title: string;
  kind?: string;
  edit?: { changes?: Record<string, TextEdit[]> };
}
interface NvimResult {
  nvim?: string;
  error?: string;
  lua_error?: string;
  diagnostics?: LspDiagnostic[];
  vim_diagnostics?: Array<{ lnum: number; col: number; end_lnum: number; end_col: number; severity: number; source?: string }>;
  hover?: { contents?: unknown; error?: unknown };
  hover_float?: string[];
  code_actions?: CodeAction[];
  unknown_key_actions?: CodeAction[];
  offered_in_menu?: string[];
  picked?: string;
  buffer_after_fix?: string[];
  written?: string;
}
type NvimRun = EditorRun<NvimResult>;

/** Runs headless nvim on a fresh copy of CONTENT; `via` is how RAM and architecture are passed. */
function runNvim(dir: string, name: string, via: string): NvimRun {
  const xdg = join(dir, `${name}-xdg`);
  return runEditor<NvimResult>({
    command: 'nvim',
    args: ['--headless', '--noplugin', '-n', '-i', 'NONE', '-u', INIT_LUA],
    dir,
    name,
    content: CONTENT,
    env: {
      SYSCTL_SETTINGS_VIA: via,
      // keep Neovim's state and LSP log out of the user's home
      XDG_CONFIG_HOME: join(xdg, 'config'),
      XDG_DATA_HOME: join(xdg, 'data'),
      XDG_STATE_HOME: join(xdg, 'state'),
      XDG_CACHE_HOME: join(xdg, 'cache'),
    },
  });
}

describe('Neovim (headless, real LSP client)', function () {
  this.timeout(90_000);
  const tempDir = useTempDir('sysctl-nvim');
  let viaSettings: NvimRun;
  let viaInitOptions: NvimRun;

  before(function () {
    if (!HAS_NVIM) return;
    assert.ok(existsSync(SERVER_BIN), `${SERVER_BIN} is missing: run 'npm run build' first`);
    viaSettings = runNvim(tempDir(), 'settings', 'settings');
    viaInitOptions = runNvim(tempDir(), 'init-options', 'initializationOptions');
  });

  const check = checkWith(() => HAS_NVIM, NVIM);

  check('runs every step and exits 0 through :cquit', () => {
    assert.equal(viaSettings.status, 0, describeRun(viaSettings, 'lua_error'));
    assert.match(viaSettings.result.nvim ?? '', /^\d+\.\d+\.\d+$/);
  });

  check('shows syntax-error, unknown-key and removed-key diagnostics with their code, severity and range', () => {
    const diagnostics = viaSettings.result.diagnostics ?? [];
    assertSysctlDiagnostics(diagnostics);
    assert.match(diagnostics.find((d) => d.code === 'unknown-key')!.message, /Did you mean 'net\.netfilter\.nf_conntrack_max'\?/);
  });

  check('puts the same diagnostics into vim.diagnostic (what the user sees)', () => {
    const shown = (viaSettings.result.vim_diagnostics ?? []).map((d) => [d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.source]);
    // vim.diagnostic.severity: 1 ERROR, 2 WARN
    assert.deepEqual(
      shown.filter(([lnum]) => lnum === 1 || lnum === 2 || lnum === 3),
      [
        [1, 0, 1, 19, 1, 'sysctl'],
        [2, 0, 2, 31, 2, 'sysctl'],
        [3, 0, 3, 23, 1, 'sysctl'],
      ],
    );
  });

  check('hovers over nf_conntrack_max with text that says it counts entries', () => {
    const { hover, hover_float: float } = viaSettings.result;
    assertConntrackHover(hover, (float ?? []).join('\n'), `the hover window showed: ${JSON.stringify(float)}`);
  });

  check('offers the "did you mean" quick fix for the unknown key', () => {
    const titles = (viaSettings.result.unknown_key_actions ?? []).map((a) => a.title);
    assert.ok(titles.includes("Change to 'net.netfilter.nf_conntrack_max'"), JSON.stringify(titles));
  });

  check('offers the sizing fix from settings as a quickfix that replaces only the value', () => {
    const actions = viaSettings.result.code_actions ?? [];
    const sizing = actions.find((a) => a.title === SIZING_TITLE);
    assert.ok(sizing, `no "${SIZING_TITLE}" in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(sizing.kind, 'quickfix');
    const uri = pathToFileURL(viaSettings.file).href;
    assert.deepEqual(sizing.edit?.changes, {
      [uri]: [{ range: { start: { line: 4, character: 33 }, end: { line: 4, character: 38 } }, newText: '1547561' }],
    });
  });

  check('applies the sizing fix picked in the code action menu; the saved file matches byte for byte', () => {
    const { result } = viaSettings;
    assert.ok(result.offered_in_menu?.includes(SIZING_TITLE), JSON.stringify(result.offered_in_menu));
    assert.equal(result.picked, SIZING_TITLE);
    assert.deepEqual(result.buffer_after_fix, FIXED.split('\n').slice(0, -1));
    assert.equal(readFileSync(viaSettings.file, 'utf8'), FIXED);
  });

  check('gives the same fix when RAM and architecture come in initializationOptions', () => {
    assert.equal(viaInitOptions.status, 0, describeRun(viaInitOptions, 'lua_error'));
    assert.equal(viaInitOptions.result.picked, SIZING_TITLE);
    assert.equal(readFileSync(viaInitOptions.file, 'utf8'), FIXED);
  });

  check('exits non-zero when the Lua script itself fails, so a crash never passes', () => {
    const broken = runNvim(tempDir(), 'lua-error', 'no-such-way');
    assert.equal(broken.status, 2, describeRun(broken, 'lua_error'));
    assert.match(broken.result.lua_error ?? '', /SYSCTL_SETTINGS_VIA must be/);
    assert.equal(readFileSync(broken.file, 'utf8'), CONTENT);
  });
});
