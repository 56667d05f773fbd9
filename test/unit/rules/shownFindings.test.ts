import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { shownFindings } from '../../../server/src/engine/findings/shownFindings';
import type { Finding, Severity } from '../../../server/src/engine';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function findingAt(line: number, severity: Severity): Finding {
  return { ruleId: 'unknown-key', severity, message: `line ${line}`, range: { start: { line, character: 0 }, end: { line, character: 1 } } };
}

describe('findings shown in an editor', () => {
  it('under the limit or without one, the same list comes back', () => {
    const findings = [findingAt(0, 'info'), findingAt(1, 'error')];
    assert.equal(shownFindings(findings, 2).shown, findings);
    assert.equal(shownFindings(findings, 0).shown, findings);
    assert.equal(shownFindings(findings, 0).omitted, 0);
  });

  it('over the limit, errors first, then warnings, in document order, with room for the notice', () => {
    const findings = [findingAt(0, 'warning'), findingAt(1, 'info'), findingAt(2, 'error'), findingAt(3, 'warning'), findingAt(4, 'error')];
    const { shown, omitted } = shownFindings(findings, 4);
    assert.deepEqual(
      shown.map((f) => f.range.start.line),
      [0, 2, 4],
    );
    assert.equal(omitted, 2);
  });

  it('keeps document order, leaves out none more severe than one it keeps, and counts the rest (property)', () => {
    const severity = fc.constantFrom<Severity>('error', 'warning', 'info');
    fc.assert(
      fc.property(fc.array(severity, { maxLength: 40 }), fc.integer({ min: 0, max: 45 }), (severities, limit) => {
        const findings = severities.map((s, line) => findingAt(line, s));
        const { shown, omitted } = shownFindings(findings, limit);
        assert.equal(shown.length + omitted, findings.length);
        if (limit === 0 || findings.length <= limit) return assert.equal(omitted, 0);
        assert.equal(shown.length, limit - 1, 'one place is left for the notice');
        const kept = new Set(shown);
        for (let i = 1; i < shown.length; i++) assert.ok(shown[i - 1].range.start.line < shown[i].range.start.line, 'document order');
        const leastSevereKept = Math.max(-1, ...shown.map((f) => RANK[f.severity]));
        for (const left of findings.filter((f) => !kept.has(f))) assert.ok(RANK[left.severity] >= leastSevereKept, 'nothing more severe is left out');
      }),
      { numRuns: 500 },
    );
  });
});
