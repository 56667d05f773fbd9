// @ts-check
// The least work any analysis of every line does, timed on the bench's files: the reference for
// what "open → first diagnostics" can cost on this machine (docs/performance.md).
//
// One pass over the text, with no object per line: find each line, skip comments and blanks, cut
// the key and the value, look the key up in a table of known keys (per-interface keys by the part
// after the interface, so no string is built), record where each key is set, and check each
// (key, value) pair once against a numeric bound. No rule, no finding, no message, no protocol.
// Each shape runs in a fresh process, as the server's first open does (no JIT warm-up).
//
//   node bench/minimalPass.mjs [shape,...]
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SHAPES } from './generate.mjs';

const LINES = 100_000;
const PER_INTERFACE = ['net.ipv4.conf.', 'net.ipv6.conf.', 'net.ipv4.neigh.', 'net.ipv6.neigh.'];

/**
 * @param {string} text
 * @param {Map<string, {max: number}>} byName
 * @param {Map<string, {max: number}>} byLeaf
 */
function minimalPass(text, byName, byLeaf) {
  const where = new Map();
  /** @type {Map<object, Map<string, boolean>>} */
  const verdicts = new Map();
  let problems = 0;
  let lines = 0;
  for (let from = 0; from <= text.length; lines++) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    let start = from;
    while (start < to && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
    const first = text.charCodeAt(start);
    const equals = start < to && first !== 35 && first !== 59 ? text.indexOf('=', start) : -1;
    if (equals >= 0 && equals < to) {
      let keyEnd = equals;
      while (keyEnd > start && text.charCodeAt(keyEnd - 1) === 32) keyEnd--;
      let valueStart = equals + 1;
      while (valueStart < to && text.charCodeAt(valueStart) === 32) valueStart++;
      const key = text.slice(start, keyEnd);
      if (where.has(key)) problems++;
      else where.set(key, lines);
      const prefix = PER_INTERFACE.find((p) => key.startsWith(p));
      const afterInterface = prefix ? key.indexOf('.', prefix.length) : -1;
      const spec = afterInterface > 0 ? byLeaf.get(key.slice(afterInterface + 1)) : byName.get(key);
      if (!spec) problems++;
      else {
        const value = text.slice(valueStart, to);
        let seen = verdicts.get(spec);
        if (!seen) verdicts.set(spec, (seen = new Map()));
        let ok = seen.get(value);
        if (ok === undefined) {
          const n = Number(value);
          seen.set(value, (ok = Number.isInteger(n) && n >= 0 && n <= spec.max));
        }
        if (!ok) problems++;
      }
    }
    from = to + 1;
  }
  return { lines, problems };
}

if (process.argv[2] === '--child') {
  const text = SHAPES[process.argv[3]].make(LINES);
  // The known keys: those of the machine's own dump, per-interface ones by their leaf.
  const byName = new Map();
  const byLeaf = new Map();
  for (const line of SHAPES.dump.make(3000).split('\n')) {
    const equals = line.indexOf('=');
    if (equals < 0) continue;
    const key = line.slice(0, equals).trim();
    const prefix = PER_INTERFACE.find((p) => key.startsWith(p));
    const spec = { max: 2 ** 31 - 1 };
    if (prefix) byLeaf.set(key.slice(key.indexOf('.', prefix.length) + 1), spec);
    else byName.set(key, spec);
  }
  const started = performance.now();
  const { lines, problems } = minimalPass(text, byName, byLeaf);
  process.stdout.write(JSON.stringify({ ms: performance.now() - started, lines, problems }));
} else {
  const shapes = process.argv[2] ? process.argv[2].split(',') : Object.keys(SHAPES).filter((s) => s !== 'sysctld');
  const self = fileURLToPath(import.meta.url);
  for (const shape of shapes) {
    const runs = [1, 2, 3].map(() => JSON.parse(spawnSync(process.execPath, [self, '--child', shape], { encoding: 'utf8' }).stdout));
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    console.log(`${shape.padEnd(11)} minimal pass over ${runs[0].lines} lines: ${times.map((t) => t.toFixed(0)).join(', ')} ms (median ${times[1].toFixed(0)})`);
  }
}
