import { keyFacts } from '../keys/kernelFacts';
import { keySummary } from '../keys/summaries';
import { spanToRange } from '../text/position';
import { parseNumberList } from '../values/kernelNumber';
import type { RuleContext } from './context';
import { specOf } from './context';
import type { Finding } from './types';

/**
 * A number the kernel accepts but that means nothing: the key's documentation lists every
 * meaningful value (summaries with `valuesExhaustive`) and this is not one of them, e.g.
 * `rp_filter = 7`. Keys described in depth have their own checks; numbers the kernel refuses are
 * the value checker's errors.
 */
export function undocumentedValueFindings(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const ref of context.settingsInOrder) {
    if (specOf(ref)) continue;
    const summary = keySummary(ref.target);
    if (!summary?.valuesExhaustive || !summary.values) continue;
    const parsed = parseNumberList(ref.line.value.text);
    if (!parsed.ok || parsed.numbers.length !== 1) continue;
    const [number] = parsed.numbers;
    const meanings = Object.entries(summary.values);
    if (meanings.some(([value]) => /^-?\d+$/.test(value) && BigInt(value) === number.value)) continue;
    // Outside the bounds the kernel enforces, the value checker already reports an error.
    const fact = keyFacts(ref.target, context.kernel)?.fact;
    if (fact?.lo !== undefined && fact.lo !== 'unknown' && number.value < BigInt(fact.lo)) continue;
    if (fact?.hi !== undefined && fact.hi !== 'unknown' && number.value > BigInt(fact.hi)) continue;
    if (fact?.lo === 'unknown' || fact?.hi === 'unknown') continue;
    const start = ref.line.value.span.start + number.start;
    findings.push({
      ruleId: 'suspicious-value',
      severity: 'warning',
      range: spanToRange(ref.lineNumber, { start, end: ref.line.value.span.start + number.end }),
      message: `${ref.line.key.text} = ${number.text} is accepted by the kernel but is none of the documented values: ${meanings.map(([value, meaning]) => `${value} (${meaning})`).join(', ')}.`,
    });
  }
  return findings;
}
