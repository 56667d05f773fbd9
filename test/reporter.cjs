// Mocha's spec output for people, plus a JSON count file for scripts/test.mjs to add up.
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const target = process.env.SYSCTL_LAYER_RESULTS;
      if (!target) return;
      const { passes, failures, pending } = runner.stats;
      writeFileSync(target, JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
    });
  }
}

module.exports = CountingReporter;
