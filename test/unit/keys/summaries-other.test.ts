import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUMMARY_UNITS } from '../../../server/src/engine/keys/summaries';

/**
 * Checks the hand-written key summaries for net.* outside IPv4/IPv6 (net-other.json) and for every
 * non-net tree (other.json) against the shared data contract, and checks that every name the
 * helper machine's kernel prints in those areas has a summary.
 */

const ROOT = join(__dirname, '..', '..', '..');
const SUMMARIES_DIR = join(ROOT, 'server/src/engine/keys/data/summaries');
/** `sysctl -a -N` of a 6.18 kernel, per-interface names folded; provenance in its header. */
const HOST_NAMES_FIXTURE = join(ROOT, 'test/fixtures/keys/host-sysctl-names.txt');

/** Units the summaries contract allows. */
const UNITS: ReadonlySet<string> = new Set(SUMMARY_UNITS);
const ENTRY_FIELDS: ReadonlySet<string> = new Set(['summary', 'unit', 'values', 'valuesExhaustive']);
/** Dotted name; components may be `<ifname>` placeholders. */
const NAME = /^[a-z0-9][a-z0-9_-]*(\.([a-zA-Z0-9_-]+|<ifname>))+$/;
/** A full stop, question or exclamation mark followed by a new capitalised sentence. */
const SENTENCE_BREAK = /[.!?]\s+[A-Z]/;

interface Area {
  readonly file: string;
  readonly contains: (name: string) => boolean;
}

const isIpName = (name: string): boolean => /^net\.ipv[46]\./.test(name) && !name.startsWith('net.ipv4.vs.');

const AREAS: readonly Area[] = [
  { file: 'net-other.json', contains: (name) => name.startsWith('net.') && !isIpName(name) },
  { file: 'other.json', contains: (name) => !name.startsWith('net.') },
];

function readRaw(area: Area): string {
  return readFileSync(join(SUMMARIES_DIR, area.file), 'utf8');
}

function entriesOf(area: Area): Record<string, Record<string, unknown>> {
  return (JSON.parse(readRaw(area)) as { keys: Record<string, Record<string, unknown>> }).keys;
}

function hostNames(): string[] {
  return readFileSync(HOST_NAMES_FIXTURE, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

for (const area of AREAS) {
  describe(`key summaries: ${area.file}`, () => {
    it('is deterministic 2-space JSON with a provenance comment and nothing else at the top', () => {
      const raw = readRaw(area);
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      assert.deepEqual(Object.keys(parsed), ['$comment', 'keys']);
      assert.match(String(parsed.$comment), /^provenance: written in our own words .*no kernel documentation text\.$/);
      assert.equal(raw, `${JSON.stringify(parsed, null, 2)}\n`);
    });

    it('lists keys in sorted order, all inside its area', () => {
      const names = Object.keys(entriesOf(area));
      assert.ok(names.length > 0);
      assert.deepEqual(names, [...names].sort());
      for (const name of names) {
        assert.match(name, NAME);
        assert.ok(area.contains(name), `${name} belongs to another area`);
      }
    });

    it('gives each key one sentence of at most 160 characters and well-formed optional fields', () => {
      for (const [name, entry] of Object.entries(entriesOf(area))) {
        for (const field of Object.keys(entry)) assert.ok(ENTRY_FIELDS.has(field), `${name}: unexpected field ${field}`);
        const summary = entry.summary;
        assert.equal(typeof summary, 'string', name);
        const text = summary as string;
        assert.ok(text.length >= 20 && text.length <= 160, `${name}: ${text.length} characters`);
        assert.match(text, /^[A-Z0-9].*\.$/, `${name}: starts capitalised and ends with a full stop`);
        assert.doesNotMatch(text, SENTENCE_BREAK, `${name}: more than one sentence`);
        assert.equal(text, text.trim(), name);
        if (entry.unit !== undefined) assert.ok(UNITS.has(entry.unit as string), `${name}: unit ${String(entry.unit)}`);
        if (entry.values !== undefined) {
          const values = entry.values as Record<string, unknown>;
          assert.ok(Object.keys(values).length >= 2, `${name}: a values table lists at least two meanings`);
          for (const [value, meaning] of Object.entries(values)) {
            assert.match(value, /^-?\d+$|^[a-z][a-z0-9_-]*$/, `${name}: value ${value}`);
            assert.ok(typeof meaning === 'string' && meaning.length > 0 && meaning.length <= 120, `${name}=${value}`);
          }
        }
        if (entry.valuesExhaustive !== undefined) {
          assert.equal(entry.valuesExhaustive, true, `${name}: valuesExhaustive is only ever true`);
          assert.ok(entry.values !== undefined, `${name}: valuesExhaustive without values`);
        }
      }
    });

    it("covers every name the fixture machine's kernel has in this area", () => {
      const entries = entriesOf(area);
      const inArea = hostNames().filter((name) => area.contains(name));
      assert.ok(inArea.length > 50, 'fixture lists names for this area');
      const missing = inArea.filter((name) => !(name in entries));
      assert.deepEqual(missing, []);
    });
  });
}
