import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze, FindingsPolicy, leadingLineFindings, parseDocument } from '../../../server/src/engine';
import type { EngineSettings, Finding } from '../../../server/src/engine';
import { checkLines } from '../../../server/src/engine/analyze';
import { mayDisableWholeFile } from '../../../server/src/engine/rules/suppression';

const SETTINGS: EngineSettings[] = [
  { rules: {}, sizing: {} },
  { rules: { 'unknown-key': 'error', 'removed-key': 'off' }, sizing: { memTotal: '8GiB', architecture: 'x86_64' }, kernelVersion: '4.9' },
];

/** Lines with findings of every kind: of the line alone, of two lines (duplicates, order), directives. */
const FRAGMENTS = [
  'net.netfilter.nf_conntrack_max = 65536\n',
  'net.netfilter.nf_conntrack_buckets = 1024\n',
  'net.core.somaxconn = 70000\n',
  'net.ipv4.tcp_syncookies = "1"\n',
  'net.ipv4.tcp_max_syn_backlog = 128\n',
  'net.ipv4.ip_local_port_range = 60000 1024\n',
  'net.ipv4.tcp_tw_recycle = 1\n',
  'kernel.panic = 010 # ten\n',
  'vm.swapiness = 1\n',
  'kernel.sysrq = 1\r\n',
  '# sysctl-lint-disable-next-line unknown-key\n',
  '-net.netfilter.nf_conntrack_max\n',
  'bad line\n',
  '\n',
  '\r',
  '=',
];

/** The whole analysis's findings that line checks make, on lines before `lineCount`, under the whole text's policy. */
function wholeLineFindings(text: string, settings: EngineSettings, lineCount: number): Finding[] {
  const document = parseDocument(text);
  // Every line checked (no grouping): the reference the incremental tests compare with too.
  const found = checkLines(document, settings, 0, document.lines.length, false);
  return FindingsPolicy.of(document, settings)
    .applyAll(found)
    .filter((f) => f.range.start.line < lineCount);
}

describe('leadingLineFindings (the first look at a large file)', () => {
  it('gives the line findings of the first lines, and none that compare lines', () => {
    const text = 'vm.swapiness = 1\nnet.core.somaxconn = 4096\nnet.core.somaxconn = 8192\nbad line\nkernel.panic = x\n';
    const found = leadingLineFindings(text, SETTINGS[0], 3);
    assert.ok(found);
    assert.deepEqual(
      found.map((f) => [f.range.start.line, f.ruleId]),
      [[0, 'unknown-key']],
    );
    // The whole analysis adds the duplicate on line 1 and the findings of lines 3 and 4.
    const whole = analyze(parseDocument(text), SETTINGS[0]).map((f) => [f.range.start.line, f.ruleId]);
    assert.ok(whole.some(([line, rule]) => line === 1 && rule === 'duplicate-key'));
    assert.ok(whole.some(([line]) => line === 3));
  });

  it('is undefined for a text of no more lines than asked for, and under a whole-file directive further down', () => {
    assert.equal(leadingLineFindings('vm.swapiness = 1\nbad line\n', SETTINGS[0], 2), undefined);
    assert.ok(leadingLineFindings('vm.swapiness = 1\nbad line\nx\n', SETTINGS[0], 2));
    const directive = 'vm.swapiness = 1\nbad line\n' + 'kernel.panic = 1\n'.repeat(5) + '# sysctl-lint-disable unknown-key\n';
    assert.equal(leadingLineFindings(directive, SETTINGS[0], 2), undefined);
    const nextLine = directive.replace('sysctl-lint-disable', 'sysctl-lint-disable-next-line');
    assert.ok(leadingLineFindings(nextLine, SETTINGS[0], 2), 'a next-line directive below the first lines cannot silence them');
  });

  it('mayDisableWholeFile says yes to a whole-file directive only', () => {
    assert.equal(mayDisableWholeFile('# sysctl-lint-disable-next-line\n# sysctl-lint-disable-next-line x\n'), false);
    assert.equal(mayDisableWholeFile('# sysctl-lint-disable-next-line\n# sysctl-lint-disable\n'), true);
    assert.equal(mayDisableWholeFile('# sysctl-lint-disable x\nvm.swappiness = 1\n', 5), false, 'before the start it is not read');
  });

  it('equals the whole analysis on those lines, fixes included, and adds nothing it lacks (property)', () => {
    const text = fc.tuple(fc.boolean(), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 })).map(([bom, parts]) => (bom ? '\uFEFF' : '') + parts.join(''));
    fc.assert(
      fc.property(text, fc.nat({ max: 32 }), fc.constantFrom(...SETTINGS), (input, lineCount, settings) => {
        const found = leadingLineFindings(input, settings, lineCount);
        const lines = parseDocument(input).lines.length;
        if (lineCount + 1 >= lines || mayDisableWholeFile(input)) {
          // Too short, or a directive that may silence them (one in the first lines never stops it).
          if (lineCount + 1 >= lines) assert.equal(found, undefined);
          return;
        }
        assert.ok(found);
        assert.deepEqual(found, wholeLineFindings(input, settings, lineCount));
        const whole = JSON.stringify(analyze(parseDocument(input), settings));
        for (const finding of found) assert.ok(whole.includes(JSON.stringify(finding)), `${finding.ruleId} on line ${finding.range.start.line} is in the whole analysis`);
      }),
      { numRuns: 600, seed: 20261205 },
    );
  });
});
