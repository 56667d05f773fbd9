import { strict as assert } from 'node:assert';
import { fullCollection, IdleCollection } from '../../../server/src/lsp/idleCollection';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done()` holds, polling, for at most `limitMs` (generous: the machine may be busy). */
async function waitFor(done: () => boolean, limitMs = 5000): Promise<void> {
  const until = performance.now() + limitMs;
  while (!done() && performance.now() < until) await sleep(10);
}

describe('IdleCollection (a full collection in idle time after a large check)', () => {
  let collection: IdleCollection | undefined;
  afterEach(() => collection?.dispose());

  it('collects once, after the idle time, and not before', async () => {
    let collected = 0;
    collection = new IdleCollection(() => collected++, 150);
    const armed = performance.now();
    collection.afterLargeCheck();
    await waitFor(() => collected > 0);
    assert.equal(collected, 1);
    assert.ok(performance.now() - armed >= 145, 'not before the idle time');
    await sleep(400);
    assert.equal(collected, 1, 'once per large check');
  });

  it('waits while edits keep arriving, then collects once they pause', async () => {
    let collectedAt: number | undefined;
    collection = new IdleCollection(() => (collectedAt = performance.now()), 150);
    collection.afterLargeCheck();
    let lastEdit = 0;
    const typingUntil = performance.now() + 500;
    while (performance.now() < typingUntil) {
      collection.edited();
      lastEdit = performance.now();
      await sleep(20);
      assert.equal(collectedAt, undefined, 'no collection while edits arrive');
    }
    await waitFor(() => collectedAt !== undefined);
    assert.ok(collectedAt !== undefined && collectedAt - lastEdit >= 145, 'the idle time counts from the last edit');
  });

  it('does nothing where no collection is available, and edits alone never collect', async () => {
    collection = new IdleCollection(undefined, 10);
    collection.afterLargeCheck();
    let collected = 0;
    const other = new IdleCollection(() => collected++, 10);
    other.edited();
    await sleep(100);
    other.dispose();
    assert.equal(collected, 0);
  });

  it('gets V8 full collection at run time in this Node, and it frees what nothing holds', () => {
    const collect = fullCollection();
    assert.ok(collect, 'no full collection');
    let garbage: number[][] | undefined = Array.from({ length: 200 }, () => new Array<number>(20_000).fill(1));
    const before = process.memoryUsage().heapUsed;
    garbage = undefined;
    collect();
    assert.equal(garbage, undefined);
    assert.ok(process.memoryUsage().heapUsed < before - 16 * 1024 * 1024, 'the 32 MB of arrays were collected');
  });
});
