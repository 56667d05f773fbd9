import { strict as assert } from 'node:assert';
import { RestartBudget } from '../../../client/src/restartBudget';

describe('RestartBudget (when a crashed language server is started again)', () => {
  it('allows five restarts within three minutes, refuses the sixth', () => {
    let now = 0;
    const budget = new RestartBudget(5, 180_000, () => now);
    const answers = Array.from({ length: 6 }, () => {
      now += 1000;
      return budget.allowRestart();
    });
    assert.deepEqual(answers, [true, true, true, true, true, false]);
  });

  it('forgets crashes older than the window', () => {
    let now = 0;
    const budget = new RestartBudget(2, 10_000, () => now);
    assert.equal(budget.allowRestart(), true);
    assert.equal(budget.allowRestart(), true);
    assert.equal(budget.allowRestart(), false);
    now = 10_000;
    assert.equal(budget.allowRestart(), true, 'the first three crashes are out of the window');
  });
});
