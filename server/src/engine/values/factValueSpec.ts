/**
 * The value shape of a key the curated database does not describe, derived from the kernel facts
 * (handler, field count, enforced bounds, mode), in the same form the value checker reads for
 * curated keys. Where the facts do not say how the kernel parses a write, no shape is returned and
 * the value is not checked: an error must mean the kernel refuses the write.
 */

import type { KeyFacts, SourceFact } from '../keys/kernelFacts';
import type { TextFormat } from './textValues';
import { textFormatOf } from './textValues';
import type { Bound, IntegerWidth, ProcHandler, ValueNote, ValueSpec, VectorField } from '../keys/types';

/** What the value checker needs to know about a key. Curated KeySpecs satisfy it. */
export interface ValueTarget {
  readonly name: string;
  readonly value: ValueSpec;
  readonly valueNotes?: readonly ValueNote[];
  readonly readOnly?: boolean;
  /** Syntax of a text value the kernel checks. */
  readonly textFormat?: TextFormat;
}

const WIDTH_OF: Readonly<Partial<Record<SourceFact['k'], IntegerWidth>>> = { int: 'int', bool: 'int', uint: 'uint', ulong: 'ulong', u8: 'u8' };

function handlerOf(fact: SourceFact): ProcHandler {
  if (fact.t) return fact.t === 'jiffies' ? 'jiffies' : fact.t;
  if (fact.lo === undefined && fact.hi === undefined) return 'int';
  return fact.k === 'u8' ? 'u8-minmax' : fact.k === 'uint' ? 'uint-minmax' : fact.k === 'ulong' ? 'ulong-minmax' : 'int-minmax';
}

/** A resolved bound; "unknown" bounds are left out (not checked), never guessed. */
function bound(text: string | undefined): Bound | undefined {
  if (text === undefined || text === 'unknown') return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text === String(2n ** 63n - 1n) ? 'LONG_MAX' : text === String(2n ** 64n - 1n) ? 'ULONG_MAX' : undefined;
}

function writable(mode: string): boolean {
  return mode === 'unknown' || (parseInt(mode, 8) & 0o222) !== 0;
}

export function valueTargetFromFacts(name: string, facts: KeyFacts): ValueTarget | undefined {
  const fact = facts.fact;
  // The source tree's mode, not the development machine's: some modes follow the build
  // configuration (kernel.nmi_watchdog is 0444 without a hard-lockup detector).
  const mode = fact?.m;
  if (mode !== undefined && !writable(mode)) return { name, value: { kind: 'string', handler: 'custom' }, readOnly: true };
  const textFormat = textFormatOf(name, fact?.k, fact?.n);
  if (textFormat) return { name, value: { kind: 'string', handler: 'custom' }, textFormat };
  const width = fact && WIDTH_OF[fact.k];
  if (!fact || !width || fact.n === 0) return undefined;
  const handler = handlerOf(fact);
  const min = bound(fact.lo);
  const max = bound(fact.hi);
  const fields = fact.n ?? 1;
  if (fields === 1) return { name, value: { kind: 'integer', unit: fact.t === 'jiffies' ? 'seconds' : 'count', width, handler, min, max, outOfRange: 'einval' } };
  const vectorFields: VectorField[] = Array.from({ length: fields }, (_, i) => ({
    name: `field ${i + 1}`,
    positional: true,
    summary: '',
    unit: 'count',
    width,
    min,
    max,
    outOfRange: 'einval',
  }));
  return { name, value: { kind: 'vector', handler, fields: vectorFields, separator: 'whitespace', partialWrite: 'leading-fields-only' } };
}
