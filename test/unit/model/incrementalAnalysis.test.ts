import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, LineFindingsCache, parseDocument } from '../../../server/src/engine';
import type { EngineSettings } from '../../../server/src/engine';
import { EditableDocument } from '../../../server/src/engine/model/editableDocument';

const FRAGMENTS = [
  'net.netfilter.nf_conntrack_max = 65536\n',
  'net.netfilter.nf_conntrack_buckets = 1024\n',
  'net.nf_conntrack_max = 5\n',
  'net.core.somaxconn = 70000\n',
  'net.ipv4.tcp_syncookies = 0\n',
  'net.ipv4.tcp_max_syn_backlog = 128\n',
  'net.ipv4.ip_local_port_range = 60000 1024\n',
  'net.ipv4.tcp_rmem = 8192 4096 1024\n',
  'net.ipv4.tcp_tw_recycle = 1\n',
  'net.netfilter.nf_conntrack_tcp_timeout_established = 010 # five\n',
  '-net.netfilter.nf_conntrack_max\n',
  '# sysctl-lint-disable-next-line unknown-key\n',
  'vm.swapiness = 1\n',
  '; old\n',
  'bad line\n',
  '\r\n',
  '\n',
  '=',
  '1',
  ' ',
  '\r',
];

/** Applies edit (a, b, insert) to both documents, as the first property test reads it; returns the new reference. */
function applyEdit(editable: EditableDocument, reference: TextDocument, version: number, { a, b, insert }: { a: number; b: number; insert: string }): TextDocument {
  const current = reference.getText();
  const start = current.length === 0 ? 0 : a % (current.length + 1);
  const end = Math.min(current.length, start + b);
  const range = { start: reference.positionAt(start), end: reference.positionAt(end) };
  editable.applyChanges([{ range, text: insert }]);
  return TextDocument.update(reference, [{ range, text: insert }], version);
}

const SETTINGS: EngineSettings[] = [
  { rules: {}, sizing: {} },
  { rules: { 'duplicate-key': 'error' }, sizing: { memTotal: '8GiB', architecture: 'x86_64' }, kernelVersion: '3.10' },
];

type Step = 'analyze' | 'view' | 'none';

/**
 * Random edit sequences; after each edit the document is analysed, only viewed (as hover does) or
 * left alone, as `steps` allows; every analysis, and the one at the end, must equal a full one.
 */
function assertIncrementalEqualsFull(settings: EngineSettings, steps: Step[], inserts: string[], seed: number, numRuns: number): void {
  const piece = fc.constantFrom(...FRAGMENTS);
  const text = fc.array(piece, { maxLength: 25 }).map((parts) => parts.join(''));
  const edit = fc.record({ a: fc.nat(), b: fc.nat({ max: 40 }), insert: fc.oneof(piece, fc.constantFrom(...inserts)), step: fc.constantFrom(...steps) });
  fc.assert(
    fc.property(text, fc.array(edit, { minLength: 1, maxLength: 15 }), (initial, edits) => {
      const editable = new EditableDocument(initial);
      const cache = new LineFindingsCache();
      analyze(editable.toParsed(), settings, cache);
      let reference = TextDocument.create('file:///x.conf', 'sysctl', 0, initial);
      // The reference checks every line (no equivalent lines skipped).
      const full = () => analyze(parseDocument(reference.getText()), settings, new LineFindingsCache(false));
      for (const [version, edit] of edits.entries()) {
        reference = applyEdit(editable, reference, version + 1, edit);
        if (edit.step === 'view') editable.toParsed();
        if (edit.step === 'analyze') assert.deepEqual(analyze(editable.toParsed(), settings, cache), full());
      }
      assert.deepEqual(analyze(editable.toParsed(), settings, cache), full());
    }),
    { numRuns, seed },
  );
}

describe('incremental analysis equals a full analysis', () => {
  for (const [index, settings] of SETTINGS.entries()) {
    it(`after random edit sequences (settings #${index}, seeded)`, () => {
      assertIncrementalEqualsFull(settings, ['analyze'], ['', '0', '9', '.', ' '], 1125 + index, 300);
    });
  }

  it('after several edits between analyses, with views taken in between (seeded)', () => {
    // The document records which lines changed since its last view; analysis trusts that record.
    assertIncrementalEqualsFull(SETTINGS[0], ['analyze', 'view', 'none'], ['', '0', '\n', '.', ' '], 20261204, 400);
  });

  it('after replacing 1,100 lines by 1,500 in one edit (the index splices them in, not by spreading)', () => {
    const settings = SETTINGS[0];
    const line = (i: number, value: number) => [`net.ipv4.conf.eth${i}.rp_filter = ${value}\n`, `vendor.k${i} = 1\n`, `vm.swappiness = ${value}\n`][i % 3];
    const text = Array.from({ length: 12_000 }, (_, i) => line(i, 1)).join('');
    const editable = new EditableDocument(text);
    const cache = new LineFindingsCache();
    analyze(editable.toParsed(), settings, cache);
    const replacement = Array.from({ length: 1_500 }, (_, i) => line(i + 50_000, 2)).join('');
    editable.applyChanges([{ range: { start: { line: 4_000, character: 0 }, end: { line: 5_100, character: 0 } }, text: replacement }]);
    const edited = editable.toParsed();
    assert.equal(edited.lines.length, 12_401);
    assert.deepEqual(analyze(edited, settings, cache), analyze(parseDocument(editable.getText()), settings, new LineFindingsCache(false)));
  });

  it('skipping lines equivalent to ones already checked finds exactly what checking every line finds (property)', () => {
    // Keys of ordinary interfaces fold together; all/default/lo, invalid names and typos must not.
    const ifname = fc.constantFrom('eth0', 'eth1', 'wlan7', 'br-lan', 'all', 'default', 'lo', 'x'.repeat(16), 'a:b', 'veth9', 'eth0.100', 'eth1/7');
    const leaf = fc.constantFrom('rp_filter', 'forwarding', 'accept_ra', 'rp_filtr', 'gc_thresh1', 'mtu', 'disable_ipv6', 'base_reachable_time_ms');
    const family = fc.constantFrom('net.ipv4.conf', 'net.ipv6.conf', 'net.ipv4.neigh', 'net.ipv6.neigh');
    const value = fc.constantFrom('0', '1', '2', '3', '7', '-1', '010', '1 # on', 'yes', '99999999999999999999', '', '1280', '65536');
    // Written dotted or as a path, with or without the ignore-errors dash (and its misspellings).
    const writing = fc.constantFrom('', '-', '- ', '--');
    const asPath = fc.boolean();
    const setting = fc
      .tuple(family, ifname, leaf, value, writing, asPath)
      .map(([f, i, l, v, w, p]) => `${w}${p ? `${f.replaceAll('.', '/')}/${i}/${l}` : `${f}.${i}.${l}`} = ${v}\n`);
    const line = fc.oneof({ weight: 4, arbitrary: setting }, { weight: 1, arbitrary: fc.constantFrom(...FRAGMENTS) });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.constantFrom(...SETTINGS), (lines, settings) => {
        const document = parseDocument(lines.join(''));
        const reference = analyze(document, settings, new LineFindingsCache(false));
        // A fresh copy of the settings starts with nothing known clean; the second run reuses what the first learnt.
        const fresh = { ...settings };
        assert.deepEqual(analyze(document, fresh), reference);
        assert.deepEqual(analyze(document, fresh), reference);
        assert.deepEqual(analyze(document, settings), reference);
      }),
      { numRuns: 300, seed: 1616 },
    );
  });
});
