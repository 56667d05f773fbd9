import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isKnownKeyName, matchKnownName } from '../../../server/src/engine/keys/knownNames';
import { SUMMARY_UNITS } from '../../../server/src/engine/keys/summaries';

const ROOT = join(__dirname, '..', '..', '..');
const DATA_FILE = join(ROOT, 'server/src/engine/keys/data/summaries/net-ip.json');
/** This machine's folded net.ipv4/net.ipv6 names; the file header says how it was made. */
const MACHINE_NAMES_FILE = join(ROOT, 'test/fixtures/keys/net-ip-names-linux-6.18.txt');

/** Units the summaries contract allows. */
const UNITS: ReadonlySet<string> = new Set(SUMMARY_UNITS);
const ENTRY_FIELDS = new Set(['summary', 'unit', 'values', 'valuesExhaustive']);
const MAX_SUMMARY = 160;
/** A decimal (possibly negative) or hexadecimal value, as sysctl accepts it. */
const VALUE_KEY = /^(-?\d+|0x[0-9a-f]+)$/i;

interface Entry {
  summary: string;
  unit?: string;
  values?: Record<string, string>;
  valuesExhaustive?: boolean;
}

const text = readFileSync(DATA_FILE, 'utf8');
const data = JSON.parse(text) as { $comment: string; keys: Record<string, Entry> };
const names = Object.keys(data.keys);

function machineNames(): string[] {
  return readFileSync(MACHINE_NAMES_FILE, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** True when the text reads as one sentence: capitalised, one final stop, no inner sentence break. */
function isSingleSentence(summary: string): boolean {
  return /^[A-Z0-9]/.test(summary) && /[.)]$/.test(summary) && !/[.!?]\s+[A-Z]/.test(summary) && !/\n/.test(summary);
}

describe('net-ip key summaries (data/summaries/net-ip.json)', () => {
  it('has the contract shape with a provenance comment', () => {
    assert.deepEqual(Object.keys(data), ['$comment', 'keys']);
    assert.match(data.$comment, /^provenance: /);
    assert.ok(names.length > 0);
  });

  it('is canonical 2-space JSON with keys sorted, so regenerating it gives no diff', () => {
    assert.equal(text, JSON.stringify(data, null, 2) + '\n');
    const sorted = [...names].sort();
    assert.deepEqual(names, sorted);
    assert.equal(new Set(names).size, names.length);
  });

  it('covers only net.ipv4 and net.ipv6 names that kernels have, per-interface ones as <ifname> patterns', () => {
    for (const name of names) {
      assert.match(name, /^net\.ipv[46]\./, name);
      assert.ok(!name.startsWith('net.ipv4.vs.'), `${name}: IPVS keys are summarised in net-other.json`);
      if (name.includes('<ifname>')) {
        const match = matchKnownName(name.replace('<ifname>', 'eth0'));
        assert.deepEqual(match && match.kind === 'per-interface' ? match.pattern : match, name, name);
      } else {
        assert.ok(isKnownKeyName(name), `${name} is not a known kernel name`);
      }
    }
  });

  it('gives every entry a short single-sentence summary and only contract fields', () => {
    for (const [name, entry] of Object.entries(data.keys)) {
      for (const field of Object.keys(entry)) assert.ok(ENTRY_FIELDS.has(field), `${name}: unexpected field ${field}`);
      assert.equal(typeof entry.summary, 'string', name);
      assert.ok(entry.summary.trim().length > 0, `${name}: empty summary`);
      assert.ok(entry.summary.length <= MAX_SUMMARY, `${name}: summary has ${entry.summary.length} characters`);
      assert.ok(isSingleSentence(entry.summary), `${name}: not a single sentence: ${entry.summary}`);
    }
  });

  it('uses only the allowed units', () => {
    for (const [name, entry] of Object.entries(data.keys)) {
      if (entry.unit !== undefined) assert.ok(UNITS.has(entry.unit), `${name}: unit ${entry.unit}`);
    }
  });

  it('lists discrete values as value → non-empty meaning, and marks exhaustive lists only where values exist', () => {
    for (const [name, entry] of Object.entries(data.keys)) {
      if (entry.values !== undefined) {
        const keys = Object.keys(entry.values);
        assert.ok(keys.length > 0, `${name}: empty values`);
        for (const key of keys) {
          assert.match(key, VALUE_KEY, `${name}: value ${key}`);
          assert.ok(entry.values[key].trim().length > 0, `${name}: value ${key} has no meaning`);
        }
      }
      if (entry.valuesExhaustive !== undefined) {
        assert.equal(entry.valuesExhaustive, true, `${name}: valuesExhaustive is only ever true`);
        assert.ok(entry.values, `${name}: valuesExhaustive without values`);
      }
    }
  });

  it('has an entry for every net.ipv4/net.ipv6 name of the recorded 6.18 machine', () => {
    const wanted = machineNames();
    assert.ok(wanted.length > 300, 'fixture looks truncated');
    const missing = wanted.filter((name) => !(name in data.keys));
    assert.deepEqual(missing, []);
  });

  it('keeps value sets consistent: rp_filter has exactly its three modes, boolean keys list only 0 and 1', () => {
    const rpFilter = data.keys['net.ipv4.conf.<ifname>.rp_filter'];
    assert.deepEqual(Object.keys(rpFilter.values ?? {}), ['0', '1', '2']);
    assert.equal(rpFilter.valuesExhaustive, true);
    for (const [name, entry] of Object.entries(data.keys)) {
      if (entry.unit === 'boolean' && entry.values) assert.deepEqual(Object.keys(entry.values), ['0', '1'], name);
    }
  });
});
