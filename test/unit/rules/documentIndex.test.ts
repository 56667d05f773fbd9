import { strict as assert } from 'node:assert';
import { analyze, LineFindingsCache, parseDocument } from '../../../server/src/engine';
import { EditableDocument } from '../../../server/src/engine/model/editableDocument';
import { buildIndex } from '../../../server/src/engine/rules/documentIndex';

describe('the index of where each variable is set', () => {
  const text = 'net.core.somaxconn = 1\n# c\nnet.nf_conntrack_max = 2\nvm.swappiness = 3\nnet.core.somaxconn = 4\n';

  it("in a document's own index a setting line is its own entry, an alias has one of its own", () => {
    const cache = new LineFindingsCache();
    const document = parseDocument(text);
    analyze(document, undefined, cache);
    const index = cache.index!;
    assert.deepEqual(
      index.settingsInOrder.map((ref) => [ref.lineNumber, ref.target, ref === ref.line]),
      [
        [0, 'net.core.somaxconn', true],
        [2, 'net.netfilter.nf_conntrack_max', false],
        [3, 'vm.swappiness', true],
        [4, 'net.core.somaxconn', true],
      ],
    );
    assert.deepEqual(
      index.byTarget.get('net.core.somaxconn')?.map((ref) => ref.lineNumber),
      [0, 4],
    );
  });

  it('an index of other lines (a batch checked apart) leaves the line numbers of the lines alone', () => {
    const document = parseDocument(text);
    analyze(document, undefined, new LineFindingsCache());
    const batch = buildIndex([document.lines[3], document.lines[4]]);
    assert.deepEqual(
      batch.settingsInOrder.map((ref) => [ref.lineNumber, ref === ref.line]),
      [
        [0, false],
        [1, false],
      ],
    );
    assert.deepEqual(
      [3, 4].map((n) => (document.lines[n] as { lineNumber: number }).lineNumber),
      [3, 4],
    );
  });

  it('an edit moves the line numbers of the lines after it', () => {
    const editable = new EditableDocument(text);
    const cache = new LineFindingsCache();
    analyze(editable.toParsed(), undefined, cache);
    editable.applyChanges([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'kernel.sysrq = 1\n\n' }]);
    analyze(editable.toParsed(), undefined, cache);
    assert.deepEqual(
      cache.index!.settingsInOrder.map((ref) => [ref.lineNumber, ref.line.key.text]),
      [
        [0, 'net.core.somaxconn'],
        [1, 'kernel.sysrq'],
        [4, 'net.nf_conntrack_max'],
        [5, 'vm.swappiness'],
        [6, 'net.core.somaxconn'],
      ],
    );
  });
});
