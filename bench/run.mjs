#!/usr/bin/env node
// `npm run bench`: measurements of the language server, the CLI and the extension, each as median
// and p99 over repeated runs, next to a floor (the same job done by something that does no real
// work) and the project's targets. Prints a table; `--out FILE` writes the same data as JSON.
// See bench/README.md for what each figure measures.
//
//   npm run bench                       # the full run (< 5 min)
//   npm run bench -- --quick            # small inputs and few runs, for a smoke test
//   npm run bench -- --out bench-results.json --only lsp,cli
//
// Options:
//   --quick            10,000-line LSP file, 100,000-line CLI file, few runs
//   --out FILE         write the results as JSON
//   --only LIST        sections to run: lsp, cli, ext (default all)
//   --shapes LIST      shapes of the LSP file: dump, interfaces, containers, comments, bad, sysctld (default all)
//   --no-build         use server/out and client/out as they are (default: node scripts/build.mjs)
//   --no-vscode        skip the activation measurement (code-server + Chromium)
//   --lines N          lines of the LSP file (default 100000)
//   --cli-lines N      lines of the large CLI file (default 1000000)
//   --edits N          edits per shape (default 500 for one shape, 200 each for several)
//   --requests N       hovers, completions and code actions each, per shape (default 200: a p99 of fewer than 100 samples is their maximum)
//   --edit-budget S    stop measuring edits on a server after S seconds (default 60; 20 per shape for several)
//   --cpu-prof         profile the real server (figures then include the profiler's cost) and one
//                      extra lint and dump of the large file, into /tmp/sysctl-bench-prof
// @ts-check
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureColdStart, measureLargeFile, procpsUnavailable } from './cliBench.mjs';
import { killActivationResourcesSync, measureActivation, measureVsix, stopActivationResources } from './extBench.mjs';
import { baseDump, dumpDocument, procpsDocument, SHAPES, smallDocument, TREE_NEIGHBOURS, writableSettings } from './generate.mjs';
import { LspDriver, makePlan, measureRequests, measureServer } from './lspBench.mjs';
import { summarize } from './stats.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = path.join(repoRoot, 'server', 'out', 'server.js');
const CLI = path.join(repoRoot, 'server', 'out', 'cli.js');
const FLOOR_SERVER = path.join(repoRoot, 'bench', 'floorServer.cjs');
const PROFILE_DIR = '/tmp/sysctl-bench-prof';

// ------------------------------------------------------------------ options
function parseArgs(argv) {
  /** @type {{ quick: boolean, build: boolean, vscode: boolean, only: Set<string>, shapes: string[], cpuProf: boolean, out?: string, lines?: number, cliLines?: number, edits?: number, requests?: number, editBudgetS?: number }} */
  const opts = { quick: false, build: true, vscode: true, only: new Set(['lsp', 'cli', 'ext']), shapes: Object.keys(SHAPES), cpuProf: false };
  const num = (i) => {
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${argv[i]} needs a positive number`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--no-build') opts.build = false;
    else if (a === '--no-vscode') opts.vscode = false;
    else if (a === '--cpu-prof') opts.cpuProf = true;
    else if (a === '--out') opts.out = argv[++i];
    else if (a === '--only') opts.only = new Set(String(argv[++i]).split(','));
    else if (a === '--shapes') opts.shapes = String(argv[++i]).split(',');
    else if (a === '--lines') opts.lines = num(i++);
    else if (a === '--cli-lines') opts.cliLines = num(i++);
    else if (a === '--edits') opts.edits = num(i++);
    else if (a === '--requests') opts.requests = num(i++);
    else if (a === '--edit-budget') opts.editBudgetS = num(i++);
    else if (a === '-h' || a === '--help') {
      process.stdout.write(
        fs
          .readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\n')
          .slice(1, 22)
          .map((l) => l.replace(/^\/\/ ?/, ''))
          .join('\n') + '\n',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  for (const s of opts.only) if (!['lsp', 'cli', 'ext'].includes(s)) throw new Error(`--only: unknown section ${s}`);
  for (const s of opts.shapes) if (!(s in SHAPES)) throw new Error(`--shapes: unknown shape ${s} (known: ${Object.keys(SHAPES).join(', ')})`);
  const q = opts.quick;
  // Several shapes share the time one shape had, so each gets fewer edits (requests take well under a second).
  const several = opts.shapes.length > 1;
  return {
    ...opts,
    lines: opts.lines ?? (q ? 10_000 : 100_000),
    cliLines: opts.cliLines ?? (q ? 100_000 : 1_000_000),
    edits: opts.edits ?? (q ? 40 : several ? 200 : 500),
    requests: opts.requests ?? (q ? 40 : 200),
    openRuns: q ? 2 : several ? 4 : 5,
    openBudgetMs: q ? 5_000 : 25_000,
    editBudgetMs: (opts.editBudgetS ?? (q ? 10 : several ? 20 : 60)) * 1000,
    warmup: q ? { edits: 2, requests: 5 } : { edits: 3, requests: 10 },
    largeRounds: q ? 1 : 5,
    largeBudgetMs: q ? 1 : 90_000,
    coldRuns: q ? 5 : 20,
    activationRuns: q ? 1 : 5,
    activationBudgetMs: q ? 90_000 : 120_000,
  };
}

// ------------------------------------------------------------------ cleanup of everything started
const drivers = new Set();
const activationResources = {};
let tmpDir;
let cleanedUp = false;

async function cleanup() {
  if (cleanedUp) return;
  for (const d of drivers) d.kill();
  drivers.clear();
  await stopActivationResources(activationResources);
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  cleanedUp = true;
}
process.on('exit', () => {
  if (cleanedUp) return;
  for (const d of drivers) d.kill();
  killActivationResourcesSync(activationResources);
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    process.stderr.write(`\n${sig}: stopping everything the bench started\n`);
    void cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  });
}

// ------------------------------------------------------------------ helpers
const t0 = performance.now();
const say = (msg) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}\n`);

/** @typedef {{ text: string, check: (fig: any) => { pass: boolean | undefined, detail: string } }} Target */
const figures = [];
const notes = [];
const info = {};

/**
 * One row. `samples`/`floorSamples` in the figure's unit. `target`: { text, check(fig) -> { pass, detail } }.
 * `better`: 'lower' (times, sizes) or 'higher' (throughput); ratios are always "how many times worse
 * than the floor" (>1 is worse), i.e. value/floor for lower-is-better, floor/value for higher.
 * @param {{ section: string, id: string, label: string, unit: string, samples: number[], floorSamples?: number[], floorLabel?: string, target?: Target, better?: 'lower' | 'higher', note?: string }} figure
 */
function addFigure({ section, id, label, unit, samples, floorSamples, floorLabel, target, better = 'lower', note }) {
  const s = summarize(samples.filter((v) => v !== undefined));
  const f = floorSamples ? summarize(floorSamples.filter((v) => v !== undefined)) : undefined;
  const ratioOf = (a, b) => (a === undefined || b === undefined || b === 0 ? undefined : better === 'lower' ? a / b : b / a);
  const ratio = f && f.n ? { median: ratioOf(s.median, f.median), p99: ratioOf(s.p99, f.p99) } : undefined;
  const fig = {
    section,
    id,
    label,
    unit,
    n: s.n,
    median: s.median,
    p99: s.p99,
    min: s.min,
    max: s.max,
    floor: f ? { label: floorLabel, n: f.n, median: f.median, p99: f.p99 } : undefined,
    ratio,
    note,
    samples,
    floorSamples,
  };
  if (target) {
    const verdict = s.n ? target.check(fig) : { pass: undefined, detail: 'not measured' };
    fig.target = { text: target.text, pass: verdict.pass, detail: verdict.detail };
  }
  figures.push(fig);
  return fig;
}

/** @param {{ section: string, id: string, label: string, unit: string, why: string, target?: Target }} row */
function unavailable({ section, id, label, unit, why, target }) {
  figures.push({ section, id, label, unit, n: 0, unavailable: why, target: target ? { text: target.text, pass: undefined, detail: `not measured: ${why}` } : undefined });
  notes.push(`${label}: not measured: ${why}`);
}

const ratioTarget = (which, max) => ({
  text: `${which} ≤ ${max}x floor`,
  check: (fig) => {
    const r = fig.ratio?.[which];
    return { pass: r !== undefined && r <= max, detail: r === undefined ? 'no floor' : `${which} ${r.toFixed(2)}x vs ≤ ${max}x` };
  },
});
const bothRatios = (maxMedian, maxP99) => ({
  text: `median ≤ ${maxMedian}x, p99 ≤ ${maxP99}x floor`,
  check: (fig) => {
    const m = fig.ratio?.median;
    const p = fig.ratio?.p99;
    const pass = m !== undefined && p !== undefined && m <= maxMedian && p <= maxP99;
    return { pass, detail: `median ${m?.toFixed(2)}x vs ≤ ${maxMedian}x; p99 ${p?.toFixed(2)}x vs ≤ ${maxP99}x` };
  },
});
const absoluteTarget = (text, max, fmt) => ({
  text,
  check: (fig) => ({ pass: fig.median < max, detail: `median ${fmt(fig.median)} vs < ${fmt(max)}` }),
});

const MB = 1024 * 1024;

function machineInfo() {
  const cpus = os.cpus();
  const procps = spawnSync('sysctl', ['--version'], { encoding: 'utf8', timeout: 5000 });
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cpuCount: cpus.length,
    memoryGiB: +(os.totalmem() / 1024 ** 3).toFixed(1),
    loadAverage: os.loadavg().map((l) => +l.toFixed(2)),
    procps: procps.status === 0 ? procps.stdout.trim() : undefined,
  };
}

// ------------------------------------------------------------------ sections
async function lspSection(opts) {
  for (const shape of opts.shapes) await lspShape(opts, shape);
}

/** The language-server figures on one shape of file, against the floor server on the same file. */
async function lspShape(opts, shape) {
  const section = `Language server: ${SHAPES[shape].title}`;
  const text = SHAPES[shape].make(opts.lines);
  const plan = makePlan(text, { edits: opts.edits, hovers: opts.requests, completions: opts.requests });
  const file = {
    lines: plan.lineCount,
    bytes: Buffer.byteLength(text),
    source: baseDump().source,
    edits: plan.edits.length,
    hovers: plan.hovers.length,
    completions: plan.completions.length,
  };
  (info.lspFiles ??= {})[shape] = file;
  say(
    `LSP ${shape}: ${plan.lineCount} lines (${(file.bytes / MB).toFixed(1)} MB), ${plan.edits.length} edits, ${plan.hovers.length} hovers, ${plan.completions.length} completions`,
  );
  const serverArgv = opts.cpuProf ? [process.execPath, '--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, SERVER, '--stdio'] : [process.execPath, SERVER, '--stdio'];
  const common = {
    drivers,
    text,
    plan,
    openRuns: opts.openRuns,
    openBudgetMs: opts.openBudgetMs,
    warmup: opts.warmup,
    editBudgetMs: opts.editBudgetMs,
    uri: /** @type {string | undefined} */ (undefined),
  };
  if (SHAPES[shape].tree) {
    // A machine tree in the temp dir: <tmp>/tree/etc/sysctl.d with the file between two neighbours.
    const dir = path.join(tmpDir, 'tree', 'etc', 'sysctl.d');
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(TREE_NEIGHBOURS)) fs.writeFileSync(path.join(dir, name), content);
    const file = path.join(dir, '50-bench.conf');
    fs.writeFileSync(file, text);
    common.uri = pathToFileURL(file).href;
  }
  say(`LSP ${shape}: floor server`);
  const floor = await measureServer({
    ...common,
    spawnServer: () => new LspDriver([process.execPath, FLOOR_SERVER, '--stdio'], { name: 'floor server' }),
    log: (m) => say(`LSP ${shape} floor: ${m}`),
  });
  say(`LSP ${shape}: sysctl language server`);
  const real = await measureServer({ ...common, spawnServer: () => new LspDriver(serverArgv, { name: 'sysctl language server' }), log: (m) => say(`LSP ${shape} server: ${m}`) });
  await measureRequests({ servers: [{ out: floor }, { out: real }], plan, warmup: opts.warmup, log: (m) => say(`LSP ${shape}: ${m}`) });
  for (const d of [floor.driver, real.driver]) {
    await d.stop();
    drivers.delete(d);
  }
  const floorLabel = 'floor server';
  const lines = plan.lineCount.toLocaleString('en-US');
  const id = (figure) => `lsp.${shape}.${figure}`;
  addFigure({
    section,
    id: id('open'),
    label: `open ${lines}-line file → first diagnostics`,
    unit: 'ms',
    samples: real.open,
    floorSamples: floor.open,
    floorLabel,
    target: absoluteTarget('median < 150 ms', 150, (v) => `${v.toFixed(0)} ms`),
  });
  // No target of its own: the figure a user waits for past the first screens of the file.
  addFigure({
    section,
    id: id('openComplete'),
    label: `open ${lines}-line file → diagnostics of the whole file`,
    unit: 'ms',
    samples: real.openComplete,
    floorSamples: floor.openComplete,
    floorLabel,
  });
  addFigure({
    section,
    id: id('edit'),
    label: 'edit → diagnostics of that version',
    unit: 'ms',
    samples: real.edits,
    floorSamples: floor.edits,
    floorLabel,
    target: bothRatios(3, 5),
  });
  for (const [key, name] of [
    ['hover', 'hover'],
    ['completion', 'completion'],
    ['codeAction', 'code action'],
  ]) {
    if (real[key].length) {
      addFigure({ section, id: id(key), label: `${name} latency`, unit: 'ms', samples: real[key], floorSamples: floor[key], floorLabel, target: ratioTarget('p99', 2) });
    } else {
      unavailable({ section, id: id(key), label: `${name} latency`, unit: 'ms', why: `the server does not advertise ${key}Provider`, target: ratioTarget('p99', 2) });
    }
  }
  addFigure({
    section,
    id: id('rss'),
    label: 'server RSS with the file open',
    unit: 'MB',
    samples: real.rss.map((b) => b / MB),
    floorSamples: floor.rss.map((b) => b / MB),
    floorLabel,
    target: absoluteTarget('median < 120 MB', 120, (v) => `${v.toFixed(0)} MB`),
  });
  addFigure({ section, id: id('initialize'), label: 'spawn → initialize result', unit: 'ms', samples: real.initialize, floorSamples: floor.initialize, floorLabel });
  (info.lsp ??= {})[shape] = {
    diagnosticsOnFirstPublish: real.diagnosticsOnFirstPublish,
    diagnosticsOnOpen: real.diagnosticsOnOpen,
    publishBytesOnOpen: real.publishBytesOnOpen,
    publishesOnOpen: real.publishesOnOpen,
    rssAfterSettleMB: real.rssSettled / MB,
    floorRssAfterSettleMB: floor.rssSettled / MB,
    hoverResponseBytes: summarize(real.hoverBytes ?? []),
    completionResponseBytes: summarize(real.completionBytes ?? []),
    editsPlanned: real.editsPlanned,
    editsMeasured: real.edits.length,
    floorEditsMeasured: floor.edits.length,
  };
  for (const n of real.notes) notes.push(`${shape}: sysctl language server: ${n}`);
  for (const n of floor.notes) notes.push(`${shape}: floor server: ${n}`);
}

function cliSection(opts) {
  const section = 'CLI';
  const settings = writableSettings();
  const procpsWhy = procpsUnavailable() ?? (settings.length < 50 ? `only ${settings.length} writable keys found` : undefined);
  const large = path.join(tmpDir, 'large.conf');
  // procps needs keys that exist here; without procps the dump sample stands in.
  fs.writeFileSync(large, settings.length >= 50 ? procpsDocument(opts.cliLines, settings) : dumpDocument(opts.cliLines, 3));
  const small = path.join(tmpDir, 'small.conf');
  fs.writeFileSync(small, smallDocument());
  const lines = opts.cliLines;
  const label = lines.toLocaleString('en-US');
  info.cliFile = { lines, bytes: fs.statSync(large).size, keys: settings.length };
  say(`CLI: ${label}-line file (${(info.cliFile.bytes / MB).toFixed(1)} MB, ${settings.length} writable keys of this machine)`);

  const { times, sandboxOverhead } = measureLargeFile({ file: large, cli: CLI, rounds: opts.largeRounds, budgetMs: opts.largeBudgetMs, withProcps: !procpsWhy, log: say });
  const s = (ms) => ms.map((v) => v / 1000);
  if (procpsWhy) {
    unavailable({ section, id: 'cli.dump-vs-procps', label: `dump ${label} lines vs procps --dry-run -p`, unit: 's', why: procpsWhy, target: ratioTarget('median', 1.0) });
    unavailable({ section, id: 'cli.lint-vs-procps', label: `lint ${label} lines vs procps --dry-run -p`, unit: 's', why: procpsWhy });
  } else {
    addFigure({
      section,
      id: 'cli.dump-vs-procps',
      label: `dump ${label} lines (floor: procps --dry-run -p)`,
      unit: 's',
      samples: s(times.dump),
      floorSamples: s(times.procps),
      floorLabel: 'procps sysctl --dry-run -p',
      target: ratioTarget('median', 1.0),
    });
    addFigure({
      section,
      id: 'cli.lint-vs-procps',
      label: `lint ${label} lines (floor: procps --dry-run -p)`,
      unit: 's',
      samples: s(times.lint),
      floorSamples: s(times.procps),
      floorLabel: 'procps sysctl --dry-run -p',
    });
    info.procpsSandboxOverheadMs = summarize(sandboxOverhead);
  }
  const tput = (ms) => ms.map((v) => lines / (v / 1000));
  addFigure({
    section,
    id: 'cli.lint-throughput',
    label: 'lint throughput (floor: read + split)',
    unit: 'lines/s',
    better: 'higher',
    samples: tput(times.lint),
    floorSamples: tput(times.split),
    floorLabel: 'node: readFileSync + split',
  });
  addFigure({
    section,
    id: 'cli.dump-throughput',
    label: 'dump throughput (floor: read + split)',
    unit: 'lines/s',
    better: 'higher',
    samples: tput(times.dump),
    floorSamples: tput(times.split),
    floorLabel: 'node: readFileSync + split',
    target: ratioTarget('median', 2),
  });

  say(`CLI: cold start, ${opts.coldRuns} runs each`);
  const cold = measureColdStart({ file: small, cli: CLI, runs: opts.coldRuns });
  addFigure({
    section,
    id: 'cli.cold-start',
    label: 'cold start, 30-line file (floor: node -e 0)',
    unit: 'ms',
    samples: cold.cli,
    floorSamples: cold.node,
    floorLabel: 'node -e 0',
    target: ratioTarget('median', 1.5),
  });
  if (opts.cpuProf) {
    say(`CLI: one profiled lint and dump of the large file into ${PROFILE_DIR}`);
    for (const args of [[large], ['dump', large]]) {
      spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, CLI, ...args], { stdio: 'ignore', timeout: 240_000, killSignal: 'SIGKILL' });
    }
  }
}

async function extSection(opts) {
  const section = 'Extension';
  say('extension: packaging the VSIX (production build in a temp copy)');
  let extensionDir;
  let build = 'the development build in client/out and server/out';
  try {
    const vsix = measureVsix({ repoRoot, tmp: tmpDir, log: say });
    extensionDir = vsix.dir;
    build = 'the production build that goes into the VSIX';
    addFigure({ section, id: 'ext.vsix', label: 'VSIX size', unit: 'KB', samples: [vsix.bytes / 1024], target: absoluteTarget('< 300 KB', 300, (v) => `${v.toFixed(0)} KB`) });
    info.vsixFiles = vsix.files;
    if (vsix.packagingError) notes.push(`VSIX: \`npm run package\` fails here (${vsix.packagingError}); the size is of the same package made with --no-rewrite-relative-links`);
  } catch (err) {
    unavailable({
      section,
      id: 'ext.vsix',
      label: 'VSIX size',
      unit: 'KB',
      why: `packaging failed: ${err.message.slice(0, 300)}`,
      target: absoluteTarget('< 300 KB', 300, String),
    });
  }
  const activationTarget = absoluteTarget('median < 50 ms', 50, (v) => `${v.toFixed(0)} ms`);
  if (!opts.vscode) {
    unavailable({ section, id: 'ext.activation', label: 'activation in the extension host', unit: 'ms', why: '--no-vscode', target: activationTarget });
    return;
  }
  say(`extension: activation in code-server's extension host, ${opts.activationRuns} window(s)`);
  try {
    const act = await measureActivation({
      repoRoot,
      extensionDir,
      tmp: tmpDir,
      runs: opts.activationRuns,
      timeoutMs: opts.activationBudgetMs,
      log: say,
      resources: activationResources,
    });
    addFigure({
      section,
      id: 'ext.activation',
      label: `activation in the extension host (VS Code ${act.vscodeVersion})`,
      unit: 'ms',
      samples: act.samples,
      target: activationTarget,
    });
    for (const n of act.notes) notes.push(`activation: ${n}`);
    notes.push(`activation: measured on ${build}; activate() returns once commands are registered; the language server starts in the background`);
  } catch (err) {
    unavailable({ section, id: 'ext.activation', label: 'activation in the extension host', unit: 'ms', why: err.message.split('\n')[0].slice(0, 300), target: activationTarget });
  } finally {
    await stopActivationResources(activationResources);
  }
}

// ------------------------------------------------------------------ output
function fmt(v, unit) {
  if (v === undefined || Number.isNaN(v)) return '—';
  switch (unit) {
    case 'ms':
      return v < 1 ? `${v.toFixed(3)} ms` : v < 100 ? `${v.toFixed(2)} ms` : `${v.toFixed(0)} ms`;
    case 's':
      return `${v.toFixed(2)} s`;
    case 'MB':
      return `${v.toFixed(1)} MB`;
    case 'KB':
      return `${v.toFixed(1)} KB`;
    case 'lines/s':
      return v >= 1e6 ? `${(v / 1e6).toFixed(2)} M/s` : `${(v / 1e3).toFixed(0)} k/s`;
    default:
      return String(v);
  }
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.filter(Boolean).map((r) => [...String(r[c])].length)));
  const line = (r) => r.map((cell, c) => String(cell).padEnd(widths[c] + (String(cell).length - [...String(cell)].length))).join(' │ ');
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [line(rows[0]), rule, ...rows.slice(1).map((r) => (r === null ? rule : line(r)))].join('\n');
}

function render(result) {
  const m = result.machine;
  const out = [];
  out.push(`sysctl-tools bench — Node ${m.node} (V8 ${m.v8}), ${m.platform}`);
  out.push(`machine: ${m.cpu} × ${m.cpuCount}, ${m.memoryGiB} GiB RAM, load average at start ${m.loadAverage.join(' ')}${m.procps ? `, ${m.procps}` : ''}`);
  out.push(`run: ${result.quick ? 'QUICK (smoke test: small inputs, few runs) — ' : ''}${(result.durationMs / 1000).toFixed(0)} s, ${result.startedAt}`);
  out.push('');
  /** @type {(string[] | null)[]} */
  const rows = [['figure', 'n', 'median', 'p99', 'floor median / p99', 'ratio median / p99', 'target', 'pass/fail']];
  let section;
  for (const f of result.figures) {
    if (section !== undefined && f.section !== section) rows.push(null);
    if (f.section !== section) rows.push([`${f.section}`.toUpperCase(), '', '', '', '', '', '', '']);
    section = f.section;
    const floor = f.floor ? `${fmt(f.floor.median, f.unit)} / ${fmt(f.floor.p99, f.unit)}` : '—';
    const ratio = f.ratio ? `${f.ratio.median?.toFixed(2)}x / ${f.ratio.p99?.toFixed(2)}x` : '—';
    const verdict = !f.target ? '' : f.target.pass === undefined ? 'n/a' : f.target.pass ? 'pass' : 'FAIL';
    if (f.unavailable) rows.push([`  ${f.label}`, 0, 'unavailable', '', '', '', f.target?.text ?? '', verdict]);
    else rows.push([`  ${f.label}`, f.n, fmt(f.median, f.unit), fmt(f.p99, f.unit), floor, ratio, f.target?.text ?? '(info)', verdict]);
  }
  out.push(table(rows));
  out.push('');
  out.push('ratio = figure / floor (for throughput floor / figure): how many times worse than the floor.');
  const floors = [...new Set(result.figures.filter((f) => f.floor).map((f) => `${f.floor.label}`))];
  if (floors.length) out.push(`floors: ${floors.join('; ')}`);
  const failed = result.figures.filter((f) => f.target?.pass === false);
  if (failed.length) {
    out.push('');
    out.push('targets missed:');
    for (const f of failed) out.push(`  - ${f.label}: ${f.target.detail}`);
  }
  const i = result.info;
  out.push('');
  out.push('details:');
  for (const [shape, file] of Object.entries(i.lspFiles ?? {})) {
    out.push(`  LSP ${shape}: ${file.lines} lines, ${(file.bytes / MB).toFixed(1)} MB, from ${file.source}`);
    const l = i.lsp?.[shape];
    if (!l) continue;
    out.push(
      `    on open the server published ${l.diagnosticsOnOpen} diagnostics in ${(l.publishBytesOnOpen / MB).toFixed(1)} MB of JSON (${l.publishesOnOpen} publish(es) for version 1, the first with ${l.diagnosticsOnFirstPublish}); RSS ${l.rssAfterSettleMB.toFixed(0)} MB 3 s later (floor ${l.floorRssAfterSettleMB.toFixed(0)} MB)`,
    );
    out.push(
      `    edits measured: ${l.editsMeasured} of ${l.editsPlanned} (floor: ${l.floorEditsMeasured}); hover response median ${l.hoverResponseBytes.median ?? '—'} B, completion response median ${l.completionResponseBytes.median ?? '—'} B (max ${l.completionResponseBytes.max ?? '—'} B)`,
    );
  }
  if (i.cliFile) out.push(`  CLI file: ${i.cliFile.lines} lines, ${(i.cliFile.bytes / MB).toFixed(1)} MB, ${i.cliFile.keys} keys that exist and are writable here`);
  if (i.procpsSandboxOverheadMs)
    out.push(`  procps runs in unshare + read-only /proc/sys; that sandbox alone takes ${i.procpsSandboxOverheadMs.median.toFixed(1)} ms (included in procps' time)`);
  if (result.notes.length) {
    out.push('');
    out.push('notes:');
    for (const n of result.notes) out.push(`  - ${n}`);
  }
  return out.join('\n') + '\n';
}

// ------------------------------------------------------------------ main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const machine = machineInfo();
  const startedAt = new Date().toISOString();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sysctl-bench-'));
  if (opts.cpuProf) fs.mkdirSync(PROFILE_DIR, { recursive: true });
  if (opts.build) {
    say('building (node scripts/build.mjs)');
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], timeout: 120_000 });
    if (r.status !== 0) throw new Error(`build failed (${r.status ?? r.signal})`);
  }
  for (const f of [SERVER, CLI]) if (!fs.existsSync(f)) throw new Error(`${f} is missing: run npm run build (or drop --no-build)`);
  let failedSections = 0;
  /** @type {[string, () => unknown][]} */
  const sections = [
    ['lsp', () => lspSection(opts)],
    ['cli', () => cliSection(opts)],
    ['ext', () => extSection(opts)],
  ];
  for (const [name, run] of sections) {
    if (!opts.only.has(name)) continue;
    try {
      await run();
    } catch (err) {
      failedSections++;
      notes.push(`section ${name} failed: ${err?.stack ?? err}`);
      say(`section ${name} failed: ${err?.message ?? err}`);
      for (const d of drivers) d.kill();
      drivers.clear();
    }
  }
  const result = {
    bench: 'sysctl-tools',
    startedAt,
    durationMs: performance.now() - t0,
    quick: opts.quick,
    machine,
    options: {
      shapes: opts.shapes,
      lines: opts.lines,
      cliLines: opts.cliLines,
      edits: opts.edits,
      requests: opts.requests,
      editBudgetMs: opts.editBudgetMs,
      build: opts.build,
      sections: [...opts.only],
    },
    figures,
    info,
    notes,
  };
  process.stdout.write(render(result));
  if (opts.out) {
    fs.writeFileSync(opts.out, JSON.stringify(result, null, 2) + '\n');
    say(`wrote ${opts.out}`);
  }
  if (opts.cpuProf) say(`CPU profiles in ${PROFILE_DIR}`);
  return failedSections ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  process.stderr.write(`bench: ${err?.stack ?? err}\n`);
} finally {
  await cleanup();
}
process.exit(code);
