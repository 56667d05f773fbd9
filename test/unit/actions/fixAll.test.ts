import { strict as assert } from 'node:assert';
import { analyze, applySafeFixes, DEFAULT_SETTINGS, fixAllEdits, parseDocument } from '../../../server/src/engine';
import { applyEdits } from '../../helpers/applyEdits';
import { generateSysctlFile, SAMPLE_KEYS } from '../../helpers/generatedSysctl';

describe('fix-all (source.fixAll.sysctl)', () => {
  it('is one edit of whole lines that yields exactly what --fix writes, CRLF and missing final newline kept', () => {
    const text = 'vm.swappiness = 5\r\nnet.core.somaxconn = "4096"\r\nkernel.domainname = x\r\nnet.ipv4.ip_local_port_range = 60999 32768';
    const edits = fixAllEdits(text, DEFAULT_SETTINGS);
    assert.equal(edits.length, 1);
    assert.deepEqual(edits[0].range, { start: { line: 1, character: 0 }, end: { line: 3, character: 42 } });
    assert.equal(applyEdits(text, edits), applySafeFixes(text, DEFAULT_SETTINGS).text);
  });

  it('returns no edit when nothing is safely fixable', () => {
    assert.deepEqual(fixAllEdits('net.core.somaxconn = 4096\n', DEFAULT_SETTINGS), []);
  });

  it('agrees with --fix on generated files', () => {
    let changed = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const text = generateSysctlFile(SAMPLE_KEYS, seed, 60, { hostile: seed % 3 === 0 });
      const expected = applySafeFixes(text, DEFAULT_SETTINGS).text;
      if (expected !== text) changed++;
      assert.equal(applyEdits(text, fixAllEdits(text, DEFAULT_SETTINGS)), expected, `seed ${seed}`);
    }
    assert.ok(changed > 10, `only ${changed} generated files had fixes`);
  });

  it('gives the same edit from the editor findings as from its own analysis, and the findings of the fixed text', () => {
    for (let seed = 41; seed <= 70; seed++) {
      const text = generateSysctlFile(SAMPLE_KEYS, seed, 60, { hostile: seed % 2 === 0 }).replace(/\n/g, seed % 3 === 0 ? '\r\n' : '\n');
      const known = analyze(parseDocument(text), DEFAULT_SETTINGS);
      assert.deepEqual(fixAllEdits(text, DEFAULT_SETTINGS, known), fixAllEdits(text, DEFAULT_SETTINGS), `seed ${seed}`);
      const fixed = applySafeFixes(text, DEFAULT_SETTINGS, known);
      assert.deepEqual(fixed.findings, analyze(parseDocument(fixed.text), DEFAULT_SETTINGS), `seed ${seed}: findings of the fixed text`);
    }
    // A clean file with its findings known is not analysed again.
    const clean = 'net.core.somaxconn = 4096\n';
    assert.deepEqual(applySafeFixes(clean, DEFAULT_SETTINGS, []), { text: clean, applied: 0, findings: [] });
  });
});
