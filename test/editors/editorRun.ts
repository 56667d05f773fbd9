// What the editor tests (Neovim, Emacs + eglot) share: the sysctl.conf they open, running the
// editor headless on a fresh copy of it, reading the JSON its test script prints, and the
// assertions that hold whatever the client is.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { requireOrSkip } from '../helpers/environment';
import { SERVER_BIN } from '../helpers/paths';

/** The file every editor opens: a syntax error, an unknown key, a removed key, a key to size. */
export function sysctlContent(editor: string): string {
  return [
    `# sysctl.conf opened by the ${editor} test`,
    'net.ipv4.ip_forward',
    'net.netfilter.nf_conntrack_maxx = 5',
    'net.ipv4.tcp_tw_recycle = 1',
    'net.netfilter.nf_conntrack_max = 65536',
    'vm.swappiness = 10',
    '',
  ].join('\n');
}

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
export interface LspDiagnostic {
  range: Range;
  severity: number;
  code?: string;
  source?: string;
  message: string;
}

export interface EditorRun<T> {
  status: number | null;
  /** The last JSON line the editor's test script printed. */
  result: T;
  stderr: string;
  /** The sysctl.conf the editor opened (and may have saved). */
  file: string;
  ms: number;
}

export interface EditorCommand {
  /** The executable, also the name used in error messages. */
  command: string;
  /** Its arguments before the file to open. */
  args: string[];
  /** A temp dir and a name unique in it: the run works in <dir>/<name>, its state in <dir>/<name>-*. */
  dir: string;
  name: string;
  content: string;
  /** Added to (or, with undefined, removed from) the environment the script sees. */
  env?: Record<string, string | undefined>;
}

/** Runs the editor to completion (60 s at most) on a fresh copy of `content` and parses what it printed. */
export function runEditor<T>({ command, args, dir, name, content, env = {} }: EditorCommand): EditorRun<T> {
  const work = join(dir, name);
  mkdirSync(work, { recursive: true });
  const file = join(work, 'sysctl.conf');
  writeFileSync(file, content);
  const started = Date.now();
  const run = spawnSync(command, [...args, file], {
    cwd: work,
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL', // a hung editor must not outlive the test
    env: {
      ...process.env,
      // the server bin runs through `#!/usr/bin/env node`: make that this Node
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
      SYSCTL_SERVER: SERVER_BIN,
      SYSCTL_TIMEOUT_MS: '10000',
      ...env,
    },
  });
  const ms = Date.now() - started;
  if (run.error) throw new Error(`${command} did not run: ${run.error.message}\nstderr: ${run.stderr}`);
  // The scripts print one JSON object on a line of its own; anything else is the editor's noise.
  const json = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .pop();
  if (!json) throw new Error(`${command} printed no JSON (exit ${run.status ?? run.signal})\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return { status: run.status, result: JSON.parse(json) as T, stderr: run.stderr, file, ms };
}

/** A run's exit status, the errors its script reported (`scriptError`: the field for the script's own crash) and stderr. */
export function describeRun(run: EditorRun<object>, scriptError: string): string {
  const result = run.result as Record<string, unknown>;
  const field = (key: string) => (result[key] as string | undefined) ?? '-';
  return `exit ${run.status}, error: ${field('error')}, ${scriptError}: ${field(scriptError)}\nstderr: ${run.stderr}`;
}

/** The text of LSP hover contents, whichever of its three shapes the server sent. */
function hoverText(contents: unknown): string {
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(hoverText).join('\n');
  if (contents && typeof contents === 'object' && 'value' in contents) return String((contents as { value: unknown }).value);
  return '';
}

/**
 * A test that skips by name when the editor is missing (and fails in CI). `available` is asked
 * when the test runs, so it may be probed in before().
 */
export function checkWith(available: () => boolean, what: string): (title: string, body: () => void) => void {
  return (title, body) => {
    it(title, function () {
      requireOrSkip(this, available(), what);
      body();
    });
  };
}

/** The server's diagnostics for sysctlContent(): source, severity and range per code. */
export function assertSysctlDiagnostics(diagnostics: LspDiagnostic[]): void {
  const byCode = (code: string) =>
    diagnostics
      .filter((d) => d.code === code)
      .map((d) => ({
        source: d.source,
        severity: d.severity,
        range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      }));
  assert.deepEqual(byCode('syntax-error'), [{ source: 'sysctl', severity: 1, range: [1, 0, 1, 19] }]);
  assert.deepEqual(byCode('unknown-key'), [{ source: 'sysctl', severity: 2, range: [2, 0, 2, 31] }]);
  assert.deepEqual(byCode('removed-key'), [{ source: 'sysctl', severity: 1, range: [3, 0, 3, 23] }]);
}

/** The hover over nf_conntrack_max names the key and says it counts entries, in the reply and in what the editor shows. */
export function assertConntrackHover(hover: { contents?: unknown } | undefined, shown: string, where: string): void {
  const text = hoverText(hover?.contents);
  assert.ok(text, `no hover contents: ${JSON.stringify(hover)}`);
  assert.match(text, /nf_conntrack_max/);
  assert.match(text, /entries/);
  assert.match(shown, /nf_conntrack_max/, where);
  assert.match(shown, /entries/);
}
