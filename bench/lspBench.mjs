// @ts-check
// Language-server figures: open a large file (time to first publishDiagnostics, RSS), single-
// character incremental edits (edit to the publishDiagnostics of that version), hover and
// completion latency. The same plan runs against the real server and the floor server.
import { performance } from 'node:perf_hooks';
import { LspDriver } from './lspDriver.mjs';

const SETTING = /^([A-Za-z][\w.\-/]*) = (.+)$/;

/** Line indexes spread evenly over [0, n), each moved forward to an unused line `accept` takes. */
function spreadLines(lines, count, used, accept) {
  const picked = [];
  for (let k = 0; k < count; k++) {
    let i = Math.floor(((k + 0.5) * lines.length) / count);
    while (i < lines.length && (used.has(i) || !accept(lines[i]))) i++;
    if (i >= lines.length) continue;
    used.add(i);
    picked.push(i);
  }
  return picked;
}

/** An order in which every prefix is spread over the whole file: k -> (k * stride) mod n. */
function spreadOrder(n) {
  const gcd = (a, b) => (b ? gcd(b, a % b) : a);
  let stride = Math.max(1, Math.round(n * 0.386));
  while (n > 1 && gcd(stride, n) !== 1) stride++;
  return Array.from({ length: n }, (_, k) => (k * stride) % n);
}

/**
 * The requests both servers get. Edits touch lines no hover or completion uses, and every edit its
 * own line, so positions stay valid however many edits a server got through.
 */
export function makePlan(text, { edits: editCount, hovers: hoverCount, completions: completionCount }) {
  const lines = text.split('\n');
  const used = new Set();
  const editLines = spreadLines(lines, editCount, used, (l) => SETTING.test(l) && /\d/.test(l));
  const order = spreadOrder(editLines.length);
  const edits = order.map((k, j) => {
    const line = editLines[k];
    const [, key, value] = /** @type {RegExpExecArray} */ (SETTING.exec(lines[line]));
    const valueStart = key.length + 3;
    const lastDot = key.lastIndexOf('.');
    const keyMid = lastDot + 1 + Math.max(1, Math.floor((key.length - lastDot - 1) / 2));
    const at = (start, end, newText, kind) => ({
      kind,
      line,
      change: { range: { start: { line, character: start }, end: { line, character: end } }, text: newText },
    });
    switch (j % 4) {
      case 0: {
        const d = value.search(/\d/);
        if (d < 0) return at(valueStart + value.length, valueStart + value.length, '1', 'insert into value');
        return at(valueStart + d, valueStart + d + 1, String((Number(value[d]) + 1) % 10), 'change a digit of the value');
      }
      case 1:
        return at(keyMid, keyMid, 'x', 'insert into key');
      case 2: {
        const mid = valueStart + Math.floor(value.length / 2);
        return at(mid, mid + 1, '', 'delete from value');
      }
      default:
        return at(keyMid, keyMid + 1, '', 'delete from key');
    }
  });
  const keyLines = (count) => spreadLines(lines, count, used, (l) => SETTING.test(l) && l.indexOf('.') > 0);
  const hovers = keyLines(hoverCount).map((line) => {
    const key = /** @type {RegExpExecArray} */ (SETTING.exec(lines[line]))[1];
    return { line, character: Math.floor(key.length / 2) };
  });
  const completions = keyLines(completionCount).map((line, k) => {
    const key = /** @type {RegExpExecArray} */ (SETTING.exec(lines[line]))[1];
    // Half just after typing the first '.', half invoked at the end of the key.
    if (k % 2 === 0) return { line, character: key.indexOf('.') + 1, context: { triggerKind: 2, triggerCharacter: '.' } };
    return { line, character: key.length, context: { triggerKind: 1 } };
  });
  return { edits, hovers, completions, lineCount: lines.length - (lines.at(-1) === '' ? 1 : 0) };
}

/** How long no further publish of the opened version must come for the last one to count as complete. */
const OPEN_QUIET_MS = 1500;

const isDiagnosticsFor = (uri, version, sent) => (n) =>
  n.method === 'textDocument/publishDiagnostics' &&
  n.params?.uri === uri &&
  (n.params.version === undefined || n.params.version === null ? n.arrival >= sent : n.params.version === version);

/**
 * Runs the plan against one server. `spawnServer()` returns a fresh LspDriver; `drivers` is the
 * caller's set of live drivers, for cleanup on any exit.
 */
export async function measureServer({ spawnServer, drivers, text, plan, openRuns, openBudgetMs, warmup, editBudgetMs, log, uri = 'file:///tmp/sysctl-bench/99-bench.conf' }) {
  /** @type {{ open: number[], openComplete: number[], rss: number[], initialize: number[], edits: number[], hover: number[], completion: number[], codeAction: number[], notes: string[], [more: string]: any }} */
  const out = { open: [], openComplete: [], rss: [], initialize: [], edits: [], hover: [], completion: [], codeAction: [], notes: [] };
  const start = async () => {
    const spawned = performance.now();
    const driver = spawnServer();
    drivers.add(driver);
    // Default settings, as users get them: the server's own pause after an edit is part of the figure.
    out.capabilities = await driver.initialize({});
    out.initialize.push(performance.now() - spawned);
    return driver;
  };
  const stop = async (driver) => {
    await driver.stop();
    drivers.delete(driver);
  };

  // Open: a fresh server each run; from writing didOpen to the first publishDiagnostics of v1, and to
  // the last one (none after it for OPEN_QUIET_MS).
  let driver;
  const openStart = performance.now();
  for (let run = 0; run < openRuns; run++) {
    // Past the budget, the next run is the last one (at least one always runs).
    const last = run === openRuns - 1 || performance.now() - openStart > openBudgetMs;
    driver = await start();
    const sent = driver.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sysctl', version: 1, text } });
    const first = await driver.waitForNotification(isDiagnosticsFor(uri, 1, sent), 60_000, 'diagnostics after didOpen');
    // The server may publish a first look at the top of the file before the whole file's findings.
    // RSS as each publish arrives (the quiet wait after the last leaves time for idle collection).
    let rss = driver.rssBytes();
    const isOpenPublish = isDiagnosticsFor(uri, 1, sent);
    const complete = await driver.lastNotification(
      (n) => {
        if (!isOpenPublish(n)) return false;
        rss = driver.rssBytes();
        return true;
      },
      first,
      OPEN_QUIET_MS,
    );
    out.rss.push(rss);
    out.open.push(first.arrival - sent);
    out.openComplete.push(complete.arrival - sent);
    if (last) {
      if (run < openRuns - 1) out.notes.push(`opens stopped at the time budget: ${run + 1} of ${openRuns}`);
      out.diagnosticsOnFirstPublish = first.full().params.diagnostics.length;
      out.diagnosticsOnOpen = complete.full().params.diagnostics.length;
      out.publishBytesOnOpen = complete.bytes;
      // Every publish of the opened version is work the editor pays for too: count them.
      const v1 = () => driver.notificationLog.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.uri === uri && n.version === 1).length;
      const deadline = performance.now() + 3000 - OPEN_QUIET_MS;
      while (v1() < 3 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      out.publishesOnOpen = v1();
      if (out.publishesOnOpen > 2) out.notes.push(`published diagnostics ${out.publishesOnOpen} times for the opened version`);
      out.rssSettled = driver.rssBytes();
      break;
    } else {
      await stop(driver);
    }
  }
  log(`open: first ${out.open.map((t) => t.toFixed(1)).join(', ')} ms; complete ${out.openComplete.map((t) => t.toFixed(1)).join(', ')} ms`);

  // Edits: one at a time, each waits for the diagnostics of its version.
  let version = 1;
  const edit = async (e) => {
    version++;
    const sent = driver.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [e.change] });
    const published = await driver.waitForNotification(isDiagnosticsFor(uri, version, sent), 60_000, `diagnostics for v${version}`);
    return published.arrival - sent;
  };
  const editStart = performance.now();
  const warm = plan.edits.slice(0, warmup.edits);
  for (const e of warm) await edit(e);
  for (const e of plan.edits.slice(warm.length)) {
    if (performance.now() - editStart > editBudgetMs) {
      out.notes.push(`edits stopped at the time budget (${(editBudgetMs / 1000).toFixed(0)} s): ${out.edits.length} of ${plan.edits.length - warm.length} measured`);
      break;
    }
    out.edits.push(await edit(e));
  }
  out.editsPlanned = plan.edits.length - warm.length;
  log(`edits: ${out.edits.length} in ${((performance.now() - editStart) / 1000).toFixed(1)} s`);

  out.driver = driver; // still open: hover and completion are measured with both servers up
  out.uri = uri;
  return out;
}

/**
 * Hover and completion, one request at a time, alternating between the two servers (floor, real,
 * floor, real, ...) so that both see the same machine state; load from elsewhere on the machine
 * then moves both figures together instead of skewing their ratio.
 */
export async function measureRequests({ servers, plan, warmup, log }) {
  const methods = [
    { key: 'hover', method: 'textDocument/hover', provider: 'hoverProvider', positions: plan.hovers, extra: () => ({}) },
    { key: 'completion', method: 'textDocument/completion', provider: 'completionProvider', positions: plan.completions, extra: (p) => ({ context: p.context }) },
    // The editor asks for the light bulb's actions whenever the cursor moves: an empty range at the hover positions.
    {
      key: 'codeAction',
      method: 'textDocument/codeAction',
      provider: 'codeActionProvider',
      positions: plan.hovers,
      extra: (p) => ({ range: { start: { line: p.line, character: p.character }, end: { line: p.line, character: p.character } }, context: { diagnostics: [], triggerKind: 2 } }),
    },
  ];
  for (const s of servers) {
    s.out.hover ??= [];
    s.out.completion ??= [];
    s.out.codeAction ??= [];
  }
  for (const { key, method, provider, positions, extra } of methods) {
    const active = servers.filter((s) => s.out.capabilities?.[provider]);
    for (const s of servers) if (!active.includes(s)) s.out.notes.push(`does not advertise ${provider}: ${key} not measured`);
    const bytes = new Map(active.map((s) => [s, []]));
    for (let i = 0; i < positions.length + warmup.requests; i++) {
      const measured = i >= warmup.requests;
      const p = positions[measured ? i - warmup.requests : i % positions.length];
      for (const s of active) {
        const params = { textDocument: { uri: s.out.uri }, position: { line: p.line, character: p.character }, ...extra(p) };
        const r = await s.out.driver.request(method, params, 30_000);
        if (measured) {
          s.out[key].push(r.arrival - r.sent);
          bytes.get(s).push(r.bytes);
        }
      }
    }
    for (const s of active) s.out[`${key}Bytes`] = bytes.get(s);
  }
  log(
    `hover: ${servers.map((s) => s.out.hover.length).join('/')}, completion: ${servers.map((s) => s.out.completion.length).join('/')}, code actions: ${servers.map((s) => s.out.codeAction.length).join('/')} (alternating between servers)`,
  );
}

export { LspDriver };
