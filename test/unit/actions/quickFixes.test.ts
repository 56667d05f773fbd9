import { strict as assert } from 'node:assert';
import { analyze, parseDocument, quickFixGroups } from '../../../server/src/engine';
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
});
