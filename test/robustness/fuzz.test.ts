/**
 * "Never break": a bounded, seeded fuzz run. About 20,000 generated files (random bytes, NUL,
 * invalid UTF-8, every Unicode line separator, huge numbers, a 1 MiB line, a 200,000-line file) go
 * through the engine directly, and a sample of them through the CLI as a process. Any failure
 * names the seed and the case number, so `FUZZ_SEED=<seed>` replays the run.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineSettings, Finding } from '../../server/src/engine';
import { analyze, applySafeFixes, parseDocument, RULE_IDS } from '../../server/src/engine';
import { allDocumentedKeys } from '../../server/src/engine/keys';
import { CLI_BIN } from '../helpers/paths';
import { createRandom } from '../helpers/random';
import { useTempDir } from '../helpers/tempDir';

const SEED = Number(process.env.FUZZ_SEED ?? 0x20261125);
const ENGINE_CASES = 19_800;
const CLI_FILES = 200;
const CLI_BATCH = 50;

type Random = ReturnType<typeof createRandom>;
const pick = <T>(r: Random, items: readonly T[]): T => items[r.int(items.length)];

/** What the CLI does with bytes: UTF-8, invalid sequences replaced, a BOM kept. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

// ---------------------------------------------------------------- generators

const KEYS = allDocumentedKeys().map((k) => k.name);
const SEPARATORS = ['\u2028', '\u2029', '\u0085', '\v', '\f', '\r', '\0', '\r\n', '\n'];
const HUGE = [
  '99999999999999999999999',
  '-99999999999999999999999',
  '18446744073709551616',
  '9223372036854775808',
  '0x' + 'f'.repeat(40),
  '1' + '0'.repeat(400),
  '4294967296',
  '2147483648',
  '-2147483649',
];
const VALUES = ['0', '1', '2', '-1', '65536', '60000 1024', '4096 87380 6291456', '8192 4096 1024', '"1"', '1 # c', '010', '0x1f', '', 'yes', ...HUGE];
const LINES = [
  '# comment',
  '; comment',
  '',
  '   ',
  '-net.netfilter.nf_conntrack_max',
  '- vm.swappiness = 1',
  '--vm.swappiness = 1',
  'no equals',
  '=',
  '= 1',
  'sysctl -w vm.swappiness=1',
  '# sysctl-lint-disable-next-line',
  '# sysctl-lint-disable',
];
/** Invalid UTF-8: a lone continuation byte, a truncated sequence, an overlong '/', a surrogate, 0xFF. */
const INVALID_UTF8 = [[0x80], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xfe, 0xfe], [0xf4, 0x90, 0x80, 0x80]];

function settingLine(r: Random): string {
  const dash = pick(r, ['', '', '', '', '-', '- ', '--', ' ', '\t']);
  const key =
    r.next() < 0.9 ? pick(r, KEYS) : pick(r, ['net.ipv4.conf.eth0/100.forwarding', 'net/ipv4/ip_forward', 'net.ipv4.conf.*.rp_filter', 'kernel..pid_max', 'vm.swapiness', '']);
  const eq = pick(r, [' = ', ' = ', '=', ' =', '= ', '\t=\t', ' == ']);
  const value = r.next() < 0.15 ? pick(r, HUGE) : pick(r, VALUES);
  return dash + key + eq + value;
}

function textLine(r: Random): string {
  return r.next() < 0.8 ? settingLine(r) : pick(r, LINES);
}

/** A line for the large files, which should report something: no file-wide suppression. */
function reportedLine(r: Random): string {
  const line = textLine(r);
  return line === '# sysctl-lint-disable' ? 'no equals' : line;
}

/** Lines joined by one line ending or a mix; an optional BOM; an optional final newline. */
function sysctlText(r: Random): string {
  const count = r.int(30);
  const eol = pick(r, ['\n', '\n', '\r\n', 'mix']);
  let text = r.next() < 0.1 ? '\uFEFF' : '';
  for (let i = 0; i < count; i++) {
    text += textLine(r);
    if (i < count - 1 || r.next() < 0.7) text += eol === 'mix' ? pick(r, ['\n', '\r\n', '\r']) : eol;
  }
  return text;
}

/** Unicode separators and control characters dropped between, before and inside tokens. */
function separatorSoup(r: Random): string {
  const pieces: string[] = [];
  const count = 1 + r.int(20);
  for (let i = 0; i < count; i++) {
    const roll = r.next();
    if (roll < 0.4) pieces.push(settingLine(r));
    else if (roll < 0.7) pieces.push(pick(r, SEPARATORS));
    else if (roll < 0.85) pieces.push(pick(r, KEYS).replace('.', pick(r, SEPARATORS)));
    else pieces.push(pick(r, ['=', '#', ';', '-', ' ', '\t', '\uFEFF', 'é', '😀', '\uFFFD']));
  }
  return pieces.join('');
}

function randomBytes(r: Random, max: number): Buffer {
  const bytes = Buffer.alloc(r.int(max + 1));
  for (let i = 0; i < bytes.length; i++) bytes[i] = r.int(256);
  return bytes;
}

/** Byte-level damage: NUL, invalid UTF-8, stray bytes and separators at random offsets. */
function mutate(r: Random, bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  const count = 1 + r.int(6);
  const cuts = Array.from({ length: count }, () => r.int(bytes.length + 1)).sort((a, b) => a - b);
  for (const cut of cuts) {
    parts.push(bytes.subarray(at, cut));
    at = cut;
    const roll = r.next();
    if (roll < 0.3) parts.push(Buffer.from([0]));
    else if (roll < 0.65) parts.push(Buffer.from(pick(r, INVALID_UTF8)));
    else if (roll < 0.85) parts.push(Buffer.from(pick(r, SEPARATORS), 'utf8'));
    else parts.push(Buffer.from([r.int(256)]));
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/** One generated file; `kind` says what it was, for failure messages. */
function generate(r: Random): { kind: string; bytes: Buffer } {
  const roll = r.next();
  if (roll < 0.1) return { kind: 'random bytes', bytes: randomBytes(r, 600) };
  if (roll < 0.45) return { kind: 'damaged sysctl text', bytes: mutate(r, Buffer.from(sysctlText(r), 'utf8')) };
  if (roll < 0.7) return { kind: 'separator soup', bytes: Buffer.from(separatorSoup(r), 'utf8') };
  return { kind: 'sysctl text', bytes: Buffer.from(sysctlText(r), 'utf8') };
}

const SETTINGS: EngineSettings[] = [
  { rules: {}, sizing: {} },
  { rules: { 'duplicate-key': 'error', 'unknown-key': 'off' }, sizing: { memTotal: '8GiB', architecture: 'x86_64' }, kernelVersion: '3.10' },
  { rules: {}, sizing: { memTotal: '99999999999999999999999 kB', architecture: 'sparc' }, kernelVersion: 'banana' },
  { rules: { 'syntax-error': 'info' }, sizing: { memTotal: '1', architecture: '' }, kernelVersion: '99999999999999999999.1' },
  { rules: {}, sizing: {}, kernelVersion: '2.6.18-8.el5' },
];

// ---------------------------------------------------------------- checks

function editorLineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

/** Findings in range: every position on an existing line, at most one past its text (a lone CR). */
function assertInside(text: string, findings: readonly Finding[], where: string): void {
  const lengths = editorLineLengths(text);
  for (const f of findings) {
    for (const p of [f.range.start, f.range.end]) {
      assert.ok(
        p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= lengths[p.line] + 2,
        `${where}: ${f.ruleId} at ${JSON.stringify(f.range)} is outside the document`,
      );
    }
    assert.ok((RULE_IDS as readonly string[]).includes(f.ruleId), `${where}: unknown rule ${f.ruleId}`);
  }
}

function runEngine(text: string, settings: EngineSettings, where: string, fix: boolean): Finding[] {
  const document = parseDocument(text);
  assert.equal(document.lines.length, editorLineLengths(text).length, `${where}: line count`);
  const findings = analyze(document, settings);
  assertInside(text, findings, where);
  if (fix) applySafeFixes(text, settings);
  return findings;
}

// ---------------------------------------------------------------- the CLI as a process

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes?: Array<{ title: string; safe: boolean; edits: Array<{ line: number; column: number; endLine: number; endColumn: number; newText: string }> }>;
}

const BINARY_MESSAGE = /^sysctl-lint: '(.+)' looks like a binary file, not a sysctl configuration file\n$/;

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [CLI_BIN, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, GITHUB_ACTIONS: '', NO_COLOR: '1' } });
  if (result.error) throw result.error;
  return result;
}

/** The documented JSON shape, and exit 1 exactly when some finding is an error. */
function assertJsonReport(stdout: string, status: number | null, files: readonly string[], where: string): Array<{ file: string; findings: JsonFinding[] }> {
  let report: unknown;
  try {
    report = JSON.parse(stdout);
  } catch (error) {
    assert.fail(`${where}: --format json printed invalid JSON (${String(error)}): ${stdout.slice(0, 300)}`);
  }
  assert.ok(Array.isArray(report), `${where}: not an array`);
  assert.deepEqual(
    report.map((entry: { file?: unknown }) => entry.file),
    files,
    `${where}: one entry per file, in order, named as given`,
  );
  let errors = 0;
  for (const entry of report as Array<Record<string, unknown>>) {
    assert.deepEqual(Object.keys(entry).sort(), ['file', 'findings']);
    assert.ok(Array.isArray(entry.findings));
    for (const f of entry.findings as JsonFinding[]) {
      const keys = ['column', 'endColumn', 'endLine', 'line', 'message', 'ruleId', 'severity'];
      assert.deepEqual(Object.keys(f).sort(), 'fixes' in f ? [...keys.slice(0, 3), 'fixes', ...keys.slice(3)] : keys, `${where}: keys of ${JSON.stringify(f)}`);
      for (const fix of f.fixes ?? []) {
        assert.ok(typeof fix.title === 'string' && typeof fix.safe === 'boolean' && fix.edits.length > 0, `${where}: fix ${JSON.stringify(fix)}`);
        for (const e of fix.edits) {
          assert.ok([e.line, e.column, e.endLine, e.endColumn].every((n) => Number.isInteger(n) && n >= 1) && typeof e.newText === 'string', `${where}: edit ${JSON.stringify(e)}`);
        }
      }
      assert.ok(RULE_IDS.includes(f.ruleId as (typeof RULE_IDS)[number]), `${where}: rule ${f.ruleId}`);
      assert.ok(['error', 'warning', 'info'].includes(f.severity), `${where}: severity ${f.severity}`);
      assert.ok(typeof f.message === 'string' && f.message.length > 0, `${where}: message`);
      for (const n of [f.line, f.column, f.endLine, f.endColumn]) assert.ok(Number.isInteger(n) && n >= 1, `${where}: position ${JSON.stringify(f)}`);
      assert.ok(f.line < f.endLine || (f.line === f.endLine && f.column <= f.endColumn), `${where}: inverted range ${JSON.stringify(f)}`);
      if (f.severity === 'error') errors++;
    }
  }
  assert.equal(status, errors > 0 ? 1 : 0, `${where}: exit status with ${errors} errors`);
  return report as Array<{ file: string; findings: JsonFinding[] }>;
}

/**
 * Lints `files` in one process. A file refused as binary ends the run with exit 2 and one line
 * naming it; it is then dropped and the rest run again, so every text file is still checked.
 */
function lintBatch(files: string[], where: string): { report: Array<{ file: string; findings: JsonFinding[] }>; refused: string[] } {
  const refused: string[] = [];
  let remaining = [...files];
  for (;;) {
    if (remaining.length === 0) return { report: [], refused };
    const result = cli(['--format', 'json', ...remaining]);
    if (result.status === 2) {
      const match = BINARY_MESSAGE.exec(result.stderr);
      assert.ok(match, `${where}: exit 2 must be a file refused as binary, with one line; stderr: ${result.stderr.slice(0, 500)}`);
      assert.equal(result.stdout, '', `${where}: nothing on stdout with exit 2`);
      assert.ok(remaining.includes(match[1]), `${where}: the refused file ${match[1]} is one of ours`);
      refused.push(match[1]);
      remaining = remaining.filter((f) => f !== match[1]);
      continue;
    }
    assert.equal(result.stderr, '', `${where}: stderr must be empty, got ${result.stderr.slice(0, 500)}`);
    return { report: assertJsonReport(result.stdout, result.status, remaining, where), refused };
  }
}

// ---------------------------------------------------------------- the run

describe(`fuzz: generated files through the engine and the CLI (seed ${SEED}; replay with FUZZ_SEED=${SEED})`, function () {
  this.timeout(120_000);
  const dir = useTempDir('sysctl-fuzz');

  it(`${ENGINE_CASES} generated files through parse, analyze and (every 5th) --fix logic, with varied settings`, () => {
    const r = createRandom(SEED);
    const kinds = new Map<string, number>();
    for (let i = 0; i < ENGINE_CASES; i++) {
      const { kind, bytes } = generate(r);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const text = decoder.decode(bytes);
      const where = `seed ${SEED} case ${i} (${kind}): ${JSON.stringify(text.slice(0, 200))}`;
      try {
        runEngine(text, SETTINGS[i % SETTINGS.length], where, i % 5 === 0);
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        throw new Error(`${where}: the engine threw: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
    for (const kind of ['random bytes', 'damaged sysctl text', 'separator soup', 'sysctl text']) assert.ok((kinds.get(kind) ?? 0) > 100, `too few '${kind}' cases`);
  });

  it('every line separator and control character, alone and inside keys, values and comments', () => {
    for (const sep of SEPARATORS) {
      const texts = [
        sep,
        sep.repeat(1000),
        `vm.swappiness = 1${sep}vm.swappiness = 2${sep}`,
        `vm.swap${sep}piness = 1`,
        `vm.swappiness = 1${sep}0`,
        `# comment${sep}vm.swappiness = 1`,
        `${sep}-vm.swappiness${sep}`,
        `\uFEFF${sep}net.ipv4.ip_forward = 1\r\n`,
        `net.ipv4.ip_local_port_range = 60000${sep}1024\n`,
      ];
      for (const text of texts) {
        const where = `separator U+${sep.charCodeAt(0).toString(16).padStart(4, '0')} in ${JSON.stringify(text.slice(0, 80))}`;
        for (const settings of SETTINGS) runEngine(text, settings, where, true);
      }
    }
  });

  it('huge numbers for every documented key', () => {
    const lines: string[] = [];
    for (const key of KEYS) for (const value of HUGE) lines.push(`${key} = ${value}`, `${key} = ${value} ${value} ${value}`);
    const text = lines.join('\n') + '\n';
    for (const settings of SETTINGS.slice(0, 2)) runEngine(text, settings, 'huge numbers', false);
  });

  it('a 1 MiB line and a 200,000-line document', () => {
    const long = `kernel.domainname = ${'x'.repeat(1024 * 1024)}\nvm.swappiness = 10\n`;
    const findings = runEngine(long, SETTINGS[0], '1 MiB line', true);
    assert.ok(
      findings.some((f) => f.range.start.line === 0 && f.ruleId === 'tool-divergence'),
      'the long line is reported',
    );
    const wide = `# ${'é😀'.repeat(300_000)}\n`;
    runEngine(wide, SETTINGS[0], '1 MiB of wide characters', false);

    const r = createRandom(SEED ^ 0x200000);
    const lines: string[] = [];
    for (let i = 0; i < 200_000; i++) lines.push(reportedLine(r));
    const started = Date.now();
    const big = runEngine(lines.join('\n') + '\n', SETTINGS[0], '200,000 lines', false);
    assert.ok(big.length > 1000, `only ${big.length} findings in 200,000 generated lines`);
    assert.ok(Date.now() - started < 30_000, `200,000 lines took ${Date.now() - started} ms`);
  });

  it(`${CLI_FILES} generated files through the CLI (--format json, ${CLI_BATCH} files per process)`, () => {
    const r = createRandom(SEED ^ 0xc11);
    const files: string[] = [];
    const texts = new Map<string, string>();
    for (let i = 0; i < CLI_FILES; i++) {
      // A few random-byte files, so the binary refusal is exercised without dominating the run.
      const { bytes } = i % 25 === 0 ? { bytes: randomBytes(r, 400) } : i % 10 === 1 ? { bytes: Buffer.from(separatorSoup(r), 'utf8') } : generate(r);
      const path = join(dir(), `fuzz-${String(i).padStart(3, '0')}.conf`);
      writeFileSync(path, bytes);
      files.push(path);
      texts.set(path, decoder.decode(bytes));
    }
    let checked = 0;
    let refusedCount = 0;
    for (let b = 0; b < files.length; b += CLI_BATCH) {
      const batch = files.slice(b, b + CLI_BATCH);
      const { report, refused } = lintBatch(batch, `seed ${SEED}, files ${b}..${b + batch.length - 1}`);
      refusedCount += refused.length;
      // The CLI reports exactly what the engine finds in the same bytes.
      for (const entry of report) {
        const expected = analyze(parseDocument(texts.get(entry.file)!), SETTINGS[0]).map((f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}`);
        assert.deepEqual(
          entry.findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`),
          expected,
          `findings of ${entry.file}`,
        );
        checked++;
      }
    }
    assert.ok(checked >= CLI_FILES * 0.9, `only ${checked} files were linted (${refusedCount} refused as binary)`);
  });

  it('the CLI on a 1 MiB line, a 200,000-line file and every separator, in one process', () => {
    const paths: string[] = [];
    const add = (name: string, text: string | Buffer) => {
      const path = join(dir(), name);
      writeFileSync(path, text);
      paths.push(path);
    };
    add('long.conf', `kernel.domainname = ${'x'.repeat(1024 * 1024 + 10)}\nvm.swappiness = 10\n`);
    const r = createRandom(SEED ^ 0x2c11);
    // Mostly comments and blank lines: the process should parse 200,000 lines, not print 90 MB of JSON.
    add('big.conf', Array.from({ length: 200_000 }, (_, i) => (i % 50 === 0 ? reportedLine(r) : i % 2 ? `# comment ${i}` : '')).join('\n') + '\n');
    SEPARATORS.forEach((sep, i) => add(`sep-${i}.conf`, `vm.swappiness = 1${sep}vm.swappiness = 2${sep}# c${sep}${sep}-vm.swappiness${sep}`));
    add('invalid-utf8.conf', Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9, 0xff, 0xc0, 0xaf]), Buffer.from('\nvm.swappiness = 1\0 2\n')]));
    const { report, refused } = lintBatch(paths, 'large and separator files');
    assert.deepEqual(refused, []);
    assert.equal(report.length, paths.length);
    assert.ok(
      report[0].findings.some((f) => f.line === 1 && f.ruleId === 'tool-divergence'),
      'the 1 MiB line is reported',
    );
    assert.ok(report[1].findings.length > 500, 'the 200,000-line file is reported');
  });
});
