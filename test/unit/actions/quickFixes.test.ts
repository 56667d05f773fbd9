import { strict as assert } from 'node:assert';
import { analyze, parseDocument, quickFixGroups } from '../../../server/src/engine';
import type { Finding } from '../../../server/src/engine';
import { QUICK_FIX_FINDINGS } from '../../../server/src/engine/actions/codeActions';

describe('quick fixes of a selection', () => {
  const text = Array.from({ length: 300 }, (_, i) => `net.ipv4.no_such_key_${i} = 1\n`).join('');
  const document = parseDocument(text);
  const findings = analyze(document);

  it('cover the first 100 findings of a large selection, in document order', () => {
    const { fixes, suppressions } = quickFixGroups(findings, { start: { line: 0, character: 0 }, end: { line: 300, character: 0 } }, document);
    const lines = new Set([...fixes, ...suppressions].flatMap((action) => action.findings ?? []).map((finding) => finding.range.start.line));
    assert.equal(lines.size, QUICK_FIX_FINDINGS);
    assert.ok(lines.has(0) && lines.has(QUICK_FIX_FINDINGS - 1) && !lines.has(QUICK_FIX_FINDINGS));
  });

  it('cover every finding under the cursor, however far down the file', () => {
    const { suppressions } = quickFixGroups(findings, { start: { line: 250, character: 3 }, end: { line: 250, character: 3 } }, document);
    assert.deepEqual(
      suppressions.flatMap((action) => action.findings ?? []).map((finding) => finding.range.start.line),
      suppressions.map(() => 250),
    );
    assert.ok(suppressions.length > 0);
  });

  it('include a finding that starts lines above the cursor and reaches it', () => {
    // No rule reports over several lines today; the search for the first finding must not assume it.
    const tall: Finding = {
      ruleId: 'unknown-key',
      severity: 'warning',
      message: 'spans lines 10 to 260',
      range: { start: { line: 10, character: 0 }, end: { line: 260, character: 1 } },
    };
    const withTall = [...findings.slice(0, 10), tall, ...findings.slice(10)];
    const { suppressions } = quickFixGroups(withTall, { start: { line: 250, character: 3 }, end: { line: 250, character: 3 } }, document);
    assert.ok(suppressions.some((action) => action.findings?.includes(tall)));
  });
});
