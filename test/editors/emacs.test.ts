// Emacs + eglot as a real LSP client: `emacs --batch` loads test/editors/emacs/eglot-test.el, which
// drives eglot against the built server bin and prints what it saw as JSON. Debian 12 ships Emacs
// 28.2 and elpa-eglot 1.9. Without them each test skips by name (and fails in CI).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { requireOrSkip } from '../helpers/environment';
import { REPO_ROOT, SERVER_BIN } from '../helpers/paths';
import { useTempDir } from '../helpers/tempDir';

const TEST_EL = join(REPO_ROOT, 'test', 'editors', 'emacs', 'eglot-test.el');
const EGLOT = 'emacs with eglot (Debian packages emacs-nox and elpa-eglot)';

/** Emacs is there and can load eglot (without -Q: Debian's site-start puts elpa-eglot on the load-path). */
function eglotAvailable(): boolean {
  const probe = spawnSync('emacs', ['--batch', '--eval', "(progn (require 'eglot) (princ \"eglot-ok\"))"], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return !probe.error && probe.status === 0 && probe.stdout.includes('eglot-ok');
}

const CONTENT = [
  '# sysctl.conf opened by the Emacs test',
  'net.ipv4.ip_forward',
  'net.netfilter.nf_conntrack_maxx = 5',
  'net.ipv4.tcp_tw_recycle = 1',
  'net.netfilter.nf_conntrack_max = 65536',
  'vm.swappiness = 10',
  '',
].join('\n');

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface EglotResult {
  emacs?: string;
  eglot?: string;
  error?: string;
  lisp_error?: string;
  diagnostics?: Array<{ range: Range; severity: number; code?: string; source?: string; message: string }>;
  flymake?: Array<{ line: number; col: number; end_line: number; end_col: number; type: string; text: string }>;
  hover?: { contents?: unknown; error?: string };
  hover_rendered?: string;
  code_actions?: string[];
  applied?: string;
}
interface EmacsRun {
  status: number | null;
  result: EglotResult;
  stderr: string;
  file: string;
}

function runEmacs(dir: string, name: string, env: Record<string, string | undefined> = {}): EmacsRun {
  const work = join(dir, name);
  mkdirSync(work, { recursive: true });
  const file = join(work, 'sysctl.conf');
  writeFileSync(file, CONTENT);
  const run = spawnSync('emacs', ['--batch', '-l', TEST_EL, file], {
    cwd: work,
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
      SYSCTL_SERVER: SERVER_BIN,
      SYSCTL_TIMEOUT_MS: '10000',
      HOME: join(dir, `${name}-home`), // no ~/.emacs.d state from the user
      ...env,
    },
  });
  if (run.error) throw new Error(`emacs did not run: ${run.error.message}\nstderr: ${run.stderr}`);
  const json = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .pop();
  if (!json) throw new Error(`emacs printed no JSON (exit ${run.status ?? run.signal})\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return { status: run.status, result: JSON.parse(json) as EglotResult, stderr: run.stderr, file };
}

function describeRun(run: EmacsRun): string {
  return `exit ${run.status}, error: ${run.result.error ?? '-'}, lisp_error: ${run.result.lisp_error ?? '-'}\nstderr: ${run.stderr}`;
}

function hoverText(contents: unknown): string {
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(hoverText).join('\n');
  if (contents && typeof contents === 'object' && 'value' in contents) return String((contents as { value: unknown }).value);
  return '';
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

  /** A test that skips by name when the editor is missing (and fails in CI). */
  function check(title: string, body: () => void): void {
    it(title, function () {
      requireOrSkip(this, available, EGLOT);
      body();
    });
  }

  check('runs every step and exits 0', () => {
    assert.equal(run.status, 0, describeRun(run));
    assert.match(run.result.emacs ?? '', /^\d+\.\d+/);
  });

  check('receives syntax-error, unknown-key and removed-key diagnostics with their code, severity and range', () => {
    const summary = (code: string) =>
      (run.result.diagnostics ?? [])
        .filter((d) => d.code === code)
        .map((d) => ({
          source: d.source,
          severity: d.severity,
          range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
        }));
    assert.deepEqual(summary('syntax-error'), [{ source: 'sysctl', severity: 1, range: [1, 0, 1, 19] }]);
    assert.deepEqual(summary('unknown-key'), [{ source: 'sysctl', severity: 2, range: [2, 0, 2, 31] }]);
    assert.deepEqual(summary('removed-key'), [{ source: 'sysctl', severity: 1, range: [3, 0, 3, 23] }]);
  });

  check('shows them in flymake as errors and a warning on the right spans', () => {
    const shown = (run.result.flymake ?? [])
      .filter((d) => d.line >= 1 && d.line <= 3)
      .map((d) => [d.line, d.col, d.end_line, d.end_col, d.type, /\[([\w-]+)\]/.exec(d.text)?.[1]]);
    assert.deepEqual(shown, [
      [1, 0, 1, 19, 'eglot-error', 'syntax-error'],
      [2, 0, 2, 31, 'eglot-warning', 'unknown-key'],
      [3, 0, 3, 23, 'eglot-error', 'removed-key'],
    ]);
  });

  check('hovers over nf_conntrack_max with text that says it counts entries', () => {
    const { hover, hover_rendered: rendered } = run.result;
    const text = hoverText(hover?.contents);
    assert.ok(text, `no hover contents: ${JSON.stringify(hover)}`);
    assert.match(text, /nf_conntrack_max/);
    assert.match(text, /entries/);
    assert.match(rendered ?? '', /nf_conntrack_max/, 'the text eglot renders for eldoc');
    assert.match(rendered ?? '', /entries/);
  });

  check("applies the unknown key's preferred quick fix with eglot's own edit code", () => {
    assert.ok(run.result.code_actions?.includes("Change to 'net.netfilter.nf_conntrack_max'"), JSON.stringify(run.result.code_actions));
    assert.equal(run.result.applied, "Change to 'net.netfilter.nf_conntrack_max'");
    assert.equal(readFileSync(run.file, 'utf8'), CONTENT.replace('nf_conntrack_maxx = 5', 'nf_conntrack_max = 5'));
  });

  check('exits non-zero when the Lisp script itself fails, so a crash never passes', () => {
    const broken = runEmacs(tempDir(), 'lisp-error', { SYSCTL_SERVER: undefined });
    assert.equal(broken.status, 2, describeRun(broken));
    assert.ok(broken.result.lisp_error, JSON.stringify(broken.result));
  });
});
