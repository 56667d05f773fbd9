// Emacs + eglot as a real LSP client: `emacs --batch` loads test/editors/emacs/eglot-test.el, which
// drives eglot against the built server bin and prints what it saw as JSON. Debian 12 ships Emacs
// 28.2 and elpa-eglot 1.9. Without them each test skips by name (and fails in CI).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SERVER_BIN } from '../helpers/paths';
import { useTempDir } from '../helpers/tempDir';
import type { EditorRun, LspDiagnostic } from './editorRun';
import { assertConntrackHover, assertSysctlDiagnostics, checkWith, describeRun, runEditor, sysctlContent } from './editorRun';

const TEST_EL = join(REPO_ROOT, 'test', 'editors', 'emacs', 'eglot-test.el');
const EGLOT = 'emacs with eglot (Debian packages emacs-nox and elpa-eglot)';

/** Emacs is there and can load eglot (without -Q: Debian's site-start puts elpa-eglot on the load-path). */
function eglotAvailable(): boolean {
  const probe = spawnSync('emacs', ['--batch', '--eval', '(progn (require \'eglot) (princ "eglot-ok"))'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return !probe.error && probe.status === 0 && probe.stdout.includes('eglot-ok');
}

const CONTENT = sysctlContent('Emacs');

interface EglotResult {
  emacs?: string;
  eglot?: string;
  error?: string;
  lisp_error?: string;
  diagnostics?: LspDiagnostic[];
  flymake?: Array<{ line: number; col: number; end_line: number; end_col: number; type: string; text: string }>;
  hover?: { contents?: unknown; error?: string };
  hover_rendered?: string;
  code_actions?: string[];
  applied?: string;
}
type EmacsRun = EditorRun<EglotResult>;

function runEmacs(dir: string, name: string, env: Record<string, string | undefined> = {}): EmacsRun {
  return runEditor<EglotResult>({
    command: 'emacs',
    args: ['--batch', '-l', TEST_EL],
    dir,
    name,
    content: CONTENT,
    env: { HOME: join(dir, `${name}-home`), ...env }, // no ~/.emacs.d state from the user
  });
}

describe('Emacs + eglot (batch, real LSP client)', function () {
  this.timeout(90_000);
  const tempDir = useTempDir('sysctl-eglot');
  // Probed in before(), not at load time: it costs an Emacs start.
  let available = false;
  let run: EmacsRun;

  before(function () {
    available = eglotAvailable();
    if (!available) return; // each test then skips by name, or fails in CI (requireOrSkip)
    assert.ok(existsSync(SERVER_BIN), `${SERVER_BIN} is missing: run 'npm run build' first`);
    run = runEmacs(tempDir(), 'main');
  });

  const check = checkWith(() => available, EGLOT);

  check('runs every step and exits 0', () => {
    assert.equal(run.status, 0, describeRun(run, 'lisp_error'));
    assert.match(run.result.emacs ?? '', /^\d+\.\d+/);
  });

  check('receives syntax-error, unknown-key and removed-key diagnostics with their code, severity and range', () => {
    assertSysctlDiagnostics(run.result.diagnostics ?? []);
  });

  check('shows them in flymake as errors and a warning on the right spans', () => {
    const shown = (run.result.flymake ?? []).filter((d) => d.line >= 1 && d.line <= 3).map((d) => [d.line, d.col, d.end_line, d.end_col, d.type, /\[([\w-]+)\]/.exec(d.text)?.[1]]);
    assert.deepEqual(shown, [
      [1, 0, 1, 19, 'eglot-error', 'syntax-error'],
      [2, 0, 2, 31, 'eglot-warning', 'unknown-key'],
      [3, 0, 3, 23, 'eglot-error', 'removed-key'],
    ]);
  });

  check('hovers over nf_conntrack_max with text that says it counts entries', () => {
    assertConntrackHover(run.result.hover, run.result.hover_rendered ?? '', 'the text eglot renders for eldoc');
  });

  check("applies the unknown key's preferred quick fix with eglot's own edit code", () => {
    assert.ok(run.result.code_actions?.includes("Change to 'net.netfilter.nf_conntrack_max'"), JSON.stringify(run.result.code_actions));
    assert.equal(run.result.applied, "Change to 'net.netfilter.nf_conntrack_max'");
    assert.equal(readFileSync(run.file, 'utf8'), CONTENT.replace('nf_conntrack_maxx = 5', 'nf_conntrack_max = 5'));
  });

  check('exits non-zero when the Lisp script itself fails, so a crash never passes', () => {
    const broken = runEmacs(tempDir(), 'lisp-error', { SYSCTL_SERVER: undefined });
    assert.equal(broken.status, 2, describeRun(broken, 'lisp_error'));
    assert.ok(broken.result.lisp_error, JSON.stringify(broken.result));
  });
});
