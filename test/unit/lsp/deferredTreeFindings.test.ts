import { strict as assert } from 'node:assert';
import type { Finding } from '../../../server/src/engine';
import { EditableDocument } from '../../../server/src/engine/model/editableDocument';
import { DeferredTreeFindings } from '../../../server/src/lsp/deferredTreeFindings';

const finding = (line: number, message: string): Finding => ({
  ruleId: 'overridden',
  severity: 'info',
  range: { start: { line, character: 0 }, end: { line, character: 5 } },
  message,
});

/** A clock the test moves: each computation "takes" `cost` ms. */
function fakeClock() {
  let time = 0;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('deferred machine-tree findings', () => {
  it('computes a cheap tree on every check', () => {
    const clock = fakeClock();
    let computed = 0;
    const deferred = new DeferredTreeFindings(() => assert.fail('no recheck for a cheap tree'), { now: clock.now, slowMs: 25 });
    const doc = new EditableDocument('a.b = 1\nc.d = 2\n');
    for (let version = 1; version <= 3; version++) {
      const found = deferred.get('file:///t', version, doc.toParsed().lines, () => (computed++, clock.advance(1), [finding(1, 'x')]));
      assert.deepEqual(found, [finding(1, 'x')]);
    }
    // Once more for the same version: the other files may have changed.
    deferred.get('file:///t', 3, doc.toParsed().lines, () => (computed++, []));
    assert.equal(computed, 4);
  });

  it('carries a slow tree across edits (findings of edited lines dropped) and rechecks once edits pause', async () => {
    const clock = fakeClock();
    const rechecked: string[] = [];
    const deferred = new DeferredTreeFindings((uri) => rechecked.push(uri), { now: clock.now, slowMs: 25, delayMs: 30 });
    const doc = new EditableDocument('a.b = 1\nc.d = 2\ne.f = 3\ng.h = 4\n');
    let computed = 0;
    const slow = (result: Finding[]) => () => (computed++, clock.advance(100), result);
    deferred.get('file:///t', 1, doc.toParsed().lines, slow([finding(1, 'c.d'), finding(3, 'g.h')]));
    // A line typed after line 0 (the edit touches line 0 only): c.d moves to line 2, g.h to line 4.
    doc.applyChanges([{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, text: '\nx.y = 0' }]);
    const carried = deferred.get('file:///t', 2, doc.toParsed().lines, slow([]));
    assert.deepEqual(carried, [finding(2, 'c.d'), finding(4, 'g.h')]);
    // Editing c.d's line drops its finding until the tree is read again.
    doc.applyChanges([{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } }, text: 'q.r' }]);
    assert.deepEqual(deferred.get('file:///t', 3, doc.toParsed().lines, slow([])), [finding(4, 'g.h')]);
    assert.equal(computed, 1);
    assert.equal(deferred.isDeferred('file:///t'), true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.deepEqual(rechecked, ['file:///t']);
    // The recheck computes for real.
    assert.deepEqual(deferred.get('file:///t', 3, doc.toParsed().lines, slow([finding(2, 'q.r')])), [finding(2, 'q.r')]);
    assert.equal(computed, 2);
    assert.equal(deferred.isDeferred('file:///t'), false);
    deferred.forget('file:///t');
  });

  it('publishes a large document without tree findings first, then rechecks at once', async () => {
    const rechecked: string[] = [];
    const deferred = new DeferredTreeFindings((uri) => rechecked.push(uri), { deferAboveLines: 3, delayMs: 10 });
    const doc = new EditableDocument('a.b = 1\nc.d = 2\ne.f = 3\ng.h = 4\n');
    let computed = 0;
    assert.deepEqual(
      deferred.get('file:///big', 1, doc.toParsed().lines, () => (computed++, [finding(0, 'a.b')])),
      [],
    );
    assert.equal(computed, 0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(rechecked, ['file:///big']);
    assert.deepEqual(
      deferred.get('file:///big', 1, doc.toParsed().lines, () => (computed++, [finding(0, 'a.b')])),
      [finding(0, 'a.b')],
    );
    assert.equal(computed, 1);
    deferred.forget('file:///big');
  });
});
