import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { analyze, parseDocument } from '../../server/src/engine';
import { keyFacts } from '../../server/src/engine/keys/kernelFacts';
import { commandExists, requireOrSkip } from '../helpers/environment';

/**
 * The running kernel as oracle for the value checker. In a private network namespace
 * (`unshare -n`) every writable net.* key gets a set of values (text, negative, huge, fractional,
 * the current value, values around its bounds, too few and too many fields); the kernel's verdict
 * on each write is compared with the checker's error / no error on the same line for kernel 6.18.
 * The 99% target applies to keys the 6.12 sources describe; keys added after 6.12 have no facts
 * (no newer source package), and their share is reported.
 * Each accepted write is followed by writing the old value back. Nothing outside the namespace is
 * written: the child lists and writes only /proc/sys/net inside it, and skips
 * net.netfilter.nf_hooks_lwtunnel (a one-way switch).
 */

const SKIPPED = new Set(['net.netfilter.nf_hooks_lwtunnel']);

/** Lists the writable net.* keys and their values inside a fresh network namespace. */
const LIST = String.raw`
const fs = require('fs'), path = require('path');
const out = [];
(function walk(dir, name) {
  for (const entry of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, entry), key = name + '.' + entry.replace(/\./g, '/');
    const st = fs.statSync(p);
    if (st.isDirectory()) { walk(p, key); continue; }
    if (!(st.mode & 0o200) || !(st.mode & 0o400)) continue;
    let value; try { value = fs.readFileSync(p, 'utf8').trim(); } catch { continue; }
    out.push([key, value]);
  }
})('/proc/sys/net', 'net');
process.stdout.write(JSON.stringify(out));`;

/** Writes each planned value, records the errno (or "ok"), and restores the old value after an accepted write. */
const WRITE = String.raw`
const fs = require('fs');
const plan = JSON.parse(fs.readFileSync(0, 'utf8'));
const write = (file, text) => { try { fs.writeFileSync(file, text); return 'ok'; } catch (e) { return e.code || String(e); } };
const out = plan.map(([key, original, values]) => {
  const file = '/proc/sys/' + key.replace(/\./g, '!').replace(/\//g, '.').replace(/!/g, '/');
  return values.map((value) => { const verdict = write(file, value); if (verdict === 'ok') write(file, original); return verdict; });
});
process.stdout.write(JSON.stringify(out));`;

function inNamespace(script: string, input?: string): string {
  const result = spawnSync('unshare', ['-n', process.execPath, '-e', script], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`unshare -n failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** Values to try for a key whose current value is `current`. */
function candidates(name: string, current: string): string[] {
  const fields = current.split(/\s+/);
  const numeric = current !== '' && fields.every((f) => /^-?\d+$/.test(f));
  const values = new Set<string>([
    'abc',
    '-1',
    '1.5',
    '99999999999999999999999',
    '4294967296',
    '2147483648',
    '1abc',
    '"1"',
    '0x10',
    '0',
    '1',
    '+1',
    '-0',
    '010',
    '09',
    '1e3',
    '1,2',
    current,
  ]);
  if (numeric) {
    values.add([...fields, '7'].join(' '));
    if (fields.length > 1) values.add(fields.slice(0, -1).join(' '));
    values.add(fields.map((f) => String(BigInt(f) + 1n)).join(' '));
  }
  const fact = keyFacts(name)?.fact;
  for (const bound of [fact?.lo, fact?.hi]) {
    if (bound === undefined || bound === 'unknown') continue;
    for (const delta of [-1n, 0n, 1n]) {
      const value = String(BigInt(bound) + delta);
      values.add(numeric && fields.length > 1 ? fields.map(() => value).join(' ') : value);
    }
  }
  return [...values];
}

/** Whether the checker reports an error on the line `name = value` for kernel 6.18. */
function checkerErrors(name: string, value: string): boolean {
  const findings = analyze(parseDocument(`${name} = ${value}\n`), { rules: {}, sizing: {}, kernelVersion: '6.18' });
  return findings.some((f) => f.severity === 'error');
}

describe('kernel oracle: the running kernel judges the value checker (net.* in a private network namespace)', function () {
  this.timeout(120_000);

  it('reports >= 99% of refused writes as errors and no error on any accepted write', function () {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    requireOrSkip(this, root && commandExists('unshare', ['--version']), 'root and unshare');
    const keys = (JSON.parse(inNamespace(LIST)) as [string, string][]).filter(([key]) => !SKIPPED.has(key));
    assert.ok(keys.length > 100, `only ${keys.length} writable net.* keys found`);
    const plan = keys.map(([key, value]) => [key, value, candidates(key, value)] as const);
    const verdicts = JSON.parse(inNamespace(WRITE, JSON.stringify(plan))) as string[][];

    let writes = 0;
    let refused = 0;
    let refusedFlagged = 0;
    // Keys the 6.12 sources describe; keys added after 6.12 have no source facts to check against.
    let sourcedRefused = 0;
    let sourcedFlagged = 0;
    const falseErrors: string[] = [];
    const missed: string[] = [];
    plan.forEach(([key, , values], i) => {
      values.forEach((value, j) => {
        const verdict = verdicts[i][j];
        const error = checkerErrors(key, value);
        writes++;
        if (verdict === 'ok') {
          if (error) falseErrors.push(`${key} = ${value}`);
        } else {
          const sourced = Boolean(keyFacts(key)?.fact);
          refused++;
          if (sourced) sourcedRefused++;
          if (error) {
            refusedFlagged++;
            if (sourced) sourcedFlagged++;
          } else missed.push(`${key} = ${value} (${verdict})${sourced ? '' : ' [no source facts]'}`);
        }
      });
    });
    const share = refused === 0 ? 1 : refusedFlagged / refused;
    const sourcedShare = sourcedRefused === 0 ? 1 : sourcedFlagged / sourcedRefused;
    console.log(
      `      kernel oracle: ${keys.length} writable net.* keys, ${writes} writes, ${refused} refused, ${refusedFlagged} of them reported as errors (${(100 * share).toFixed(1)}%); ` +
        `keys in the 6.12 sources: ${sourcedFlagged} of ${sourcedRefused} (${(100 * sourcedShare).toFixed(2)}%); ${falseErrors.length} errors on accepted writes`,
    );
    if (process.env.SYSCTL_ORACLE_VERBOSE) {
      for (const line of missed) console.log(`      missed: ${line}`);
      for (const line of falseErrors) console.log(`      false error: ${line}`);
    }
    assert.deepEqual(falseErrors, [], 'the checker reports errors on writes the kernel accepts');
    assert.ok(
      sourcedShare >= 0.99,
      `only ${(100 * sourcedShare).toFixed(2)}% of refused writes to keys with source facts are reported as errors; missed: ${missed.slice(0, 20).join('; ')}`,
    );
    // Keys added after 6.12 (no Debian source package yet) are checked from curated table facts.
    assert.ok(share >= 0.99, `only ${(100 * share).toFixed(1)}% of all refused writes are reported as errors; missed: ${missed.slice(0, 20).join('; ')}`);
  });
});
