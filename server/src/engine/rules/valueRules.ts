import { keySummary } from '../keys/summaries';
import { defineRule } from './defineRule';
import { undocumentedValueFindings } from './documentedValues';
import { compareKernelVersions, parseKernelVersion } from '../kernelVersion';
import type { Bound, BoundsEra, EnumValue, IntegerValue, KeySpec, ValueNote, VectorField } from '../keys';
import { INT_MAX, widthRange } from '../values/widths';
import type { ValueTarget } from '../values/factValueSpec';
import { valueTargetFromFacts } from '../values/factValueSpec';
import { keyFacts, presentOnKernel } from '../keys/kernelFacts';
import { textValueProblem } from '../values/textValues';
import { findNameValueSpec } from '../keys/nameValues';
import { resolveBound } from '../keys';
import type { Span } from '../text/position';
import { spanToRange } from '../text/position';
import type { KernelNumber } from '../values/kernelNumber';
import { leadingNumbers, parseNumberList } from '../values/kernelNumber';
import { lineStartColumn, wholeLineEdit } from '../actions/lineEdits';
import type { RuleContext, SettingRef } from './context';
import { specOf, viaOf } from './context';
import { absentOnTarget, kernelLabel, versionAtLeast } from './keyRules';
import { findNoEffectKey } from '../keys/keyHistory';
import type { CheckedField } from '../values/checkedFields';
import { checkedFieldOf } from '../values/checkedFields';
import { findActionKey } from '../keys/actionKeys';
import type { Finding, Fix } from './types';

interface Bounds {
  min?: bigint;
  max?: bigint;
  outOfRange: 'einval' | 'accepted' | 'ignored';
  note?: string;
}

/** Bounds for the target kernel: the oldest history era that still covers it, else the current ones. */
export function boundsFor(rules: Pick<IntegerValue, 'min' | 'max' | 'outOfRange' | 'history'>, context: RuleContext, bits: 32 | 64, hz: number): Bounds {
  let era: BoundsEra | undefined;
  for (const candidate of rules.history ?? []) {
    if (!candidate.before) continue;
    const before = parseKernelVersion(candidate.before);
    if (before.ok && compareKernelVersions(context.kernel, before.value) < 0) era = candidate;
  }
  const source = era ?? rules;
  const resolve = (bound: Bound | undefined) => (bound === undefined ? undefined : resolveBound(bound, { bits, hz }));
  // An era that names no bounds changed only what happens outside them (e.g. ulong-minmax before 5.2).
  return { min: resolve(source.min ?? rules.min), max: resolve(source.max ?? rules.max), outOfRange: source.outOfRange, note: era?.note };
}

function replaceSpanFix(lineNumber: number, span: Span, newText: string, title: string, safe: boolean): Fix {
  return { title, edits: [{ range: spanToRange(lineNumber, span), newText }], isPreferred: true, safe };
}

/** Absolute span of a number inside the value. */
function numberSpan(ref: SettingRef, number: KernelNumber): Span {
  const base = ref.line.value.span.start;
  return { start: base + number.start, end: base + number.end };
}

interface Emit {
  (finding: Omit<Finding, 'range'> & { span: Span }): void;
}

/** Whether the key's numbers name modes or policies (documented values, unit "mode") rather than amounts. */
function takesModes(name: string): boolean {
  const summary = keySummary(name);
  return summary !== undefined && (summary.unit === 'mode' || (summary.values !== undefined && summary.unit !== 'boolean'));
}

/**
 * Checks one number against its storage width and the kernel's bounds. Reports at most one
 * finding; returns whether the number is within what the kernel accepts.
 */
function checkNumber(
  ref: SettingRef,
  context: RuleContext,
  number: KernelNumber,
  rules: Pick<IntegerValue, 'width' | 'handler' | 'min' | 'max' | 'outOfRange' | 'history'>,
  what: string,
  emit: Emit,
): boolean {
  const bits = context.machine?.bits ?? 64;
  const span = numberSpan(ref, number);
  if (rules.handler === 'ms-jiffies' || rules.handler === 'userhz-jiffies')
    return checkTickConversion(number, span, emit, what, bits, rules.handler, rules.min === undefined ? undefined : resolveBound(rules.min, { bits }));
  const [widthMin, widthMax] = widthRange(rules.width, bits);
  // Unsigned handlers refuse any minus sign, even on zero ("-0").
  if (widthMin === 0n && number.value === 0n && number.text.startsWith('-')) {
    emit({
      ruleId: 'out-of-range',
      severity: 'error',
      span,
      message: `${what} ${number.text}: the kernel's ${rules.width} field takes no minus sign, not even on zero, so the write is refused (EINVAL).`,
      fixes: [replaceSpanFix(ref.lineNumber, span, '0', 'Change to 0', true)],
    });
    return false;
  }
  if (number.value < widthMin || number.value > widthMax) {
    const nearest = number.value < widthMin ? widthMin : widthMax;
    emit({
      ruleId: 'out-of-range',
      severity: 'error',
      span,
      message: `${what} ${number.text} does not fit the kernel's ${rules.width} field (${widthMin}..${widthMax}): the write is refused (EINVAL) and the old value stays.`,
      fixes: [replaceSpanFix(ref.lineNumber, span, nearest.toString(), `Change to ${nearest}`, true)],
    });
    return false;
  }
  if (rules.handler === 'jiffies') return checkJiffies(ref, number, span, emit, what);
  const bounds = boundsFor(rules, context, bits, 1000);
  const below = bounds.min !== undefined && number.value < bounds.min;
  const above = bounds.max !== undefined && number.value > bounds.max;
  if (!below && !above) return true;
  const range = `${bounds.min ?? widthMin}..${bounds.max ?? widthMax}`;
  const nearest = below ? bounds.min! : bounds.max!;
  // 0 is often written to turn a feature off (dirty_background_bytes = 0 once meant "use the
  // ratio"), and the smallest accepted value may do the opposite: offered, never applied unasked.
  // A key of modes is no place for the nearest number either (overcommit_memory 3 -> 2 is strict
  // overcommit): offered, never applied unasked.
  const safe = !(below && number.value <= 0n && nearest > 0n) && !takesModes(ref.target);
  const fix = replaceSpanFix(ref.lineNumber, span, nearest.toString(), `Change to ${nearest} (nearest accepted value)`, safe);
  if (bounds.outOfRange === 'einval') {
    emit({
      ruleId: 'out-of-range',
      severity: 'error',
      span,
      message: `${what} ${number.text} is outside ${range}: the kernel refuses the write (EINVAL) and keeps the old value.`,
      fixes: [fix],
    });
  } else if (bounds.outOfRange === 'ignored') {
    emit({
      ruleId: 'out-of-range',
      severity: 'error',
      span,
      message: `${what} ${number.text} is outside ${range}: on the target kernel the write is silently dropped although sysctl reports success.${bounds.note ? ' ' + bounds.note : ''}`,
      fixes: [fix],
    });
  } else {
    return true;
  }
  return false;
}

/**
 * Milliseconds or USER_HZ ticks converted to timer ticks. The handler reads an unsigned long and a
 * sign; for milliseconds it then takes the low 32 bits, and a result above INT_MAX is refused, so
 * whether a number is refused does not depend on HZ. USER_HZ ticks are limited only near LONG_MAX.
 */
function checkTickConversion(
  number: KernelNumber,
  span: Span,
  emit: Emit,
  what: string,
  bits: 32 | 64,
  handler: 'ms-jiffies' | 'userhz-jiffies',
  min: bigint | undefined,
): boolean {
  const magnitude = number.value < 0n ? -number.value : number.value;
  const [, ulongMax] = widthRange('ulong', bits);
  if (magnitude > ulongMax) {
    emit({ ruleId: 'out-of-range', severity: 'error', span, message: `${what} ${number.text} is larger than the kernel can read (${ulongMax}): the write is refused (EINVAL).` });
    return false;
  }
  const low32 = ((number.value % 2n ** 32n) + 2n ** 32n) % 2n ** 32n;
  if (handler === 'ms-jiffies' && low32 > INT_MAX) {
    emit({
      ruleId: 'out-of-range',
      severity: 'error',
      span,
      message: `${what} ${number.text} milliseconds is refused (EINVAL): the kernel keeps the low 32 bits of the number, and as a signed int they are negative. Use 0..${INT_MAX}.`,
    });
    return false;
  }
  // The bound applies to ticks; 0 and 1 tick are 0 and 1 ms at every HZ up to 1000 (rounded up).
  if (handler === 'ms-jiffies' && (min === 0n || min === 1n) && low32 < min) {
    emit({
      ruleId: 'out-of-range',
      severity: 'error',
      span,
      message: `${what} ${number.text} milliseconds is below the minimum of ${min}: the kernel refuses the write (EINVAL).`,
    });
    return false;
  }
  return true;
}

/** Seconds kept as timer ticks: the limit depends on the kernel's HZ, so only certain overflows are errors. */
function checkJiffies(ref: SettingRef, number: KernelNumber, span: Span, emit: Emit, what: string): boolean {
  const magnitude = number.value < 0n ? -number.value : number.value;
  const limitHz100 = INT_MAX / 100n;
  const limitHz1000 = INT_MAX / 1000n;
  if (magnitude > limitHz100) {
    emit({
      ruleId: 'out-of-range',
      severity: 'error',
      span,
      message: `${what} ${number.text} seconds is more than any kernel accepts (${limitHz100} at HZ=100, less at higher HZ): the write is refused (EINVAL).`,
      fixes: [replaceSpanFix(ref.lineNumber, span, limitHz1000.toString(), `Change to ${limitHz1000} (accepted at every HZ)`, true)],
    });
    return false;
  }
  if (magnitude > limitHz1000) {
    emit({
      ruleId: 'out-of-range',
      severity: 'warning',
      span,
      message: `${what} ${number.text} seconds is refused (EINVAL) by kernels built with HZ=1000 (limit ${limitHz1000}); HZ=250 allows 8589934 and HZ=100 allows ${limitHz100}.`,
    });
    return false;
  }
  return true;
}

function noteFor(notes: readonly ValueNote[] | undefined, number: KernelNumber): ValueNote | undefined {
  return notes?.find((n) => n.severity === 'warning' && (n.value === number.text || n.value === number.value.toString()));
}

/** Findings about the way a number is written rather than its size: octal, negative timeouts. */
function checkSpelling(ref: SettingRef, spec: ValueTarget, number: KernelNumber, handler: string, emit: Emit): void {
  const span = numberSpan(ref, number);
  const decimal = number.base === 8 ? number.text.replace(/^(-?)0+/, '$1') : '';
  // 07 is 7 either way: only a leading zero that changes the number is worth a word (past 24 digits it
  // always does, and BigInt of a pasted million digits would cost quadratic time).
  const sameEitherWay = decimal.length <= 24 && /^-?\d*$/.test(decimal) && number.value === BigInt(decimal || '0');
  if (number.base === 8 && number.value !== 0n && !sameEitherWay) {
    emit({
      ruleId: 'suspicious-value',
      severity: 'warning',
      span,
      message: `${number.text} has a leading zero, so the kernel reads it as octal: it stores ${number.value}, not ${decimal}.`,
      fixes: [replaceSpanFix(ref.lineNumber, span, decimal, `Change to ${decimal} (decimal)`, false)],
    });
  }
  const note = noteFor(spec.valueNotes, number);
  if (note) {
    emit({ ruleId: 'suspicious-value', severity: 'warning', span, message: `${spec.name} = ${number.text}: ${lowerFirst(note.meaning)}` });
  } else if (handler === 'jiffies' && number.value < 0n) {
    emit({
      ruleId: 'suspicious-value',
      severity: 'warning',
      span,
      message: `A negative timeout (${number.text} s) is accepted without complaint but makes no sense; use a positive number of seconds.`,
    });
  }
}

/** Text after the last number the kernel reads: ignored by the kernel, but rarely what was meant. */
function checkTrailingText(ref: SettingRef, context: RuleContext, restStart: number, read: string, uses: string, emit: Emit): void {
  const valueSpan = ref.line.value.span;
  const rest = ref.line.value.text.slice(restStart).trim();
  if (rest === '') return;
  const restSpan = { start: valueSpan.start + ref.line.value.text.indexOf(rest, restStart), end: valueSpan.end };
  const isComment = rest.startsWith('#') || rest.startsWith(';');
  emit(
    isComment
      ? {
          ruleId: 'suspicious-value',
          severity: 'info',
          span: restSpan,
          message: `'${rest}' is not a comment: it is part of the value. The kernel happens to ignore text after ${read} here, but move the comment to its own line.`,
          fixes: [{ title: 'Move the comment to the line above', edits: moveCommentEdits(ref, context, restSpan, rest), safe: true }],
        }
      : { ruleId: 'suspicious-value', severity: 'warning', span: restSpan, message: `${uses} and ignores '${rest}'.` },
  );
}

function checkScalar(ref: SettingRef, spec: ValueTarget, context: RuleContext, emit: Emit): void {
  const valueSpec = spec.value as Exclude<KeySpec['value'], { kind: 'vector' } | { kind: 'string' }>;
  const parsed = parseNumberList(ref.line.value.text);
  const valueSpan = ref.line.value.span;
  if (!parsed.ok && parsed.start === 0) {
    emit({
      ruleId: 'invalid-value',
      severity: 'error',
      span: { start: valueSpan.start + parsed.start, end: valueSpan.start + parsed.end },
      message: `'${ref.line.value.text}' is not a value ${spec.name} takes: ${parsed.reason}. The kernel refuses the write (EINVAL). ${expectedText(valueSpec)}`,
    });
    return;
  }
  // For a scalar the kernel reads the first number and ignores the rest, junk included.
  const leading = parsed.ok ? parsed : parseNumberList(ref.line.value.text.slice(0, parsed.start));
  const numbers = leading.ok ? leading.numbers : [];
  const first = numbers[0];
  if (!first) return;
  checkTrailingText(ref, context, first.end, 'the first number', `${spec.name} takes one number; the kernel uses ${first.text}`, emit);
  if (valueSpec.kind === 'boolean') {
    if (first.value === 0n || first.value === 1n) return checkSpelling(ref, spec, first, valueSpec.handler, emit);
    const span = numberSpan(ref, first);
    // Refused values go to the nearest accepted one; accepted ones act as 1 (any non-zero is on).
    const target = valueSpec.otherValues === 'einval' && first.value < 0n ? 0 : 1;
    const fix = replaceSpanFix(ref.lineNumber, span, String(target), `Change to ${target}`, valueSpec.otherValues === 'einval');
    if (valueSpec.otherValues === 'einval') {
      emit({
        ruleId: 'out-of-range',
        severity: 'error',
        span,
        message: `${spec.name} is a switch: only 0 and 1 are accepted, so ${first.text} is refused (EINVAL).`,
        fixes: [fix],
      });
    } else if (valueSpec.otherValues === 'accepted') {
      emit({
        ruleId: 'suspicious-value',
        severity: 'warning',
        span,
        message: `${spec.name} is a switch (0 or 1); ${first.text} is accepted and acts as 1. Write 1.`,
        fixes: [fix],
      });
    } else {
      emit({
        ruleId: 'suspicious-value',
        severity: 'warning',
        span,
        message: `${spec.name} is a switch (0 or 1); the kernel may refuse ${first.text} (EINVAL) or treat it as 1. Write 0 or 1.`,
        fixes: [fix],
      });
    }
    return;
  }
  if (!checkNumber(ref, context, first, valueSpec, 'Value', emit)) return;
  if (valueSpec.kind === 'enum') checkEnumMember(ref, spec, valueSpec, first, emit);
  checkSpelling(ref, spec, first, valueSpec.handler, emit);
}

function checkEnumMember(ref: SettingRef, spec: ValueTarget, valueSpec: EnumValue, number: KernelNumber, emit: Emit): void {
  if (valueSpec.values.some((m) => BigInt(m.value) === number.value)) return;
  const members = valueSpec.values.map((m) => `${m.value} (${m.label})`).join(', ');
  const span = numberSpan(ref, number);
  if (valueSpec.unlisted === 'einval') {
    emit({ ruleId: 'out-of-range', severity: 'error', span, message: `${spec.name} = ${number.text} is not a mode the kernel accepts (EINVAL). Modes: ${members}.` });
  } else {
    emit({
      ruleId: 'suspicious-value',
      severity: 'warning',
      span,
      message: `${spec.name} = ${number.text} is not one of its modes (${members}); the kernel accepts it${valueSpec.unlistedNote ? ': ' + valueSpec.unlistedNote.replace(/\.$/, '') : ''}.`,
    });
  }
}

/**
 * Vectors whose leading fields alone are commonly set on purpose: `kernel.printk = 3` sets only
 * the console log level (hardening guides do it), so a short one is information, not a warning.
 */
const LEADING_FIELDS_ON_PURPOSE: ReadonlySet<string> = new Set(['kernel.printk']);

/** `a`, `a and b`, `a, b and c`. */
function joinAnd(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function checkVector(ref: SettingRef, spec: ValueTarget & { value: { kind: 'vector' } }, context: RuleContext, emit: Emit): void {
  const fields: readonly VectorField[] = spec.value.fields;
  // Fields known only by their place are not listed by name.
  const positional = fields.every((field) => field.positional);
  const named = positional ? '' : ` (${fields.map((f) => f.name).join(', ')})`;
  const text = ref.line.value.text;
  let parsed = parseNumberList(text);
  const valueSpan = ref.line.value.span;
  if (!parsed.ok) {
    // The kernel stops reading once every field has a number: what follows is never parsed.
    const leading = parseNumberList(text.slice(0, parsed.start));
    if (leading.ok && leading.numbers.length >= fields.length) {
      const read = leading.numbers.slice(0, fields.length);
      const last = read[read.length - 1];
      checkTrailingText(
        ref,
        context,
        last.end,
        `the ${fields.length} numbers it reads`,
        `${spec.name} takes ${fields.length} numbers; the kernel uses '${text.slice(0, last.end)}'`,
        emit,
      );
      parsed = { ok: true, numbers: read };
    }
  }
  if (!parsed.ok) {
    emit({
      ruleId: 'invalid-value',
      severity: 'error',
      span: { start: valueSpan.start + parsed.start, end: valueSpan.start + parsed.end },
      message: `${spec.name} takes ${fields.length} numbers${named}; ${parsed.reason}, so the kernel refuses the write (EINVAL).`,
    });
    return;
  }
  const { numbers } = parsed;
  if (numbers.length < fields.length) {
    const left = fields.slice(numbers.length);
    const kept = left.length === 1 ? 'keeps the value it had' : 'keep the values they had';
    const missing = positional ? (left.length === 1 ? 'the last one' : `the other ${left.length}`) : joinAnd(left.map((f) => f.name));
    emit({
      ruleId: 'invalid-value',
      severity: LEADING_FIELDS_ON_PURPOSE.has(spec.name) ? 'info' : 'warning',
      span: valueSpan,
      message: `${spec.name} takes ${fields.length} numbers${named} but ${numbers.length} ${numbers.length === 1 ? 'is' : 'are'} given: only the first ${numbers.length === 1 ? 'field is' : numbers.length + ' fields are'} written, and ${missing} ${kept}.`,
    });
  } else if (numbers.length > fields.length) {
    const extra = numbers[fields.length];
    emit({
      ruleId: 'invalid-value',
      severity: 'warning',
      span: { start: valueSpan.start + extra.start, end: valueSpan.end },
      message: `${spec.name} takes ${fields.length} numbers${named}; the kernel ignores the extra ones.`,
    });
  }
  numbers.slice(0, fields.length).forEach((number, index) => {
    const field = fields[index];
    const what = field.positional ? `Field ${index + 1} =` : `The ${field.name} value`;
    if (checkNumber(ref, context, number, { ...field, handler: spec.value.handler }, what, emit)) {
      checkSpelling(ref, spec, number, spec.value.handler, emit);
    }
  });
}

function expectedText(valueSpec: Exclude<KeySpec['value'], { kind: 'vector' } | { kind: 'string' }>): string {
  if (valueSpec.kind === 'boolean') return 'Write 0 or 1.';
  if (valueSpec.kind === 'enum') return `Write one of ${valueSpec.values.map((m) => m.value).join(', ')}.`;
  return `Write a whole number${valueSpec.unit === 'seconds' ? ' of seconds' : valueSpec.unit === 'bytes' ? ' of bytes' : ''}, without quotes or units.`;
}

/** Moves `# text` from the end of the value to a comment line of its own above the setting. */
function moveCommentEdits(ref: SettingRef, context: RuleContext, restSpan: Span, rest: string) {
  const line = ref.line;
  const comment = rest.startsWith(';') ? '#' + rest.slice(1) : rest;
  const valueEnd = line.value.span.start + line.value.text.slice(0, restSpan.start - line.value.span.start).trimEnd().length;
  return [
    {
      range: spanToRange(ref.lineNumber, { start: lineStartColumn(context.document, ref.lineNumber), end: lineStartColumn(context.document, ref.lineNumber) }),
      newText: comment + context.document.eol,
    },
    // Up to the end of the text the tools read: bytes after a NUL are not part of the comment.
    { range: spanToRange(ref.lineNumber, { start: valueEnd, end: line.issues.find((issue) => issue.code === 'nul')?.span.start ?? line.length }), newText: '' },
  ];
}

/** somaxconn above 65535 on old kernels has its own rule with the effective value; avoid a second finding. */
function coveredBySomaxconnRule(spec: ValueTarget, finding: Omit<Finding, 'range'>, text: string): boolean {
  if (spec.name !== 'net.core.somaxconn' || finding.ruleId !== 'out-of-range') return false;
  const parsed = parseNumberList(text);
  const value = parsed.ok ? parsed.numbers[0]?.value : undefined;
  return value !== undefined && value > 65535n && value <= 2147483647n;
}

/** The shape the kernel facts give the key on the target kernel; none when absent there (removed-key reports that) or unknown. */
function derivedTarget(ref: SettingRef, context: RuleContext): ValueTarget | undefined {
  const name = viaOf(ref) ? ref.target : ref.line.key.canonical;
  const facts = keyFacts(name, context.kernel);
  if (!facts || presentOnKernel(facts, context.kernel) === false) return undefined;
  return valueTargetFromFacts(name, facts);
}

/**
 * Where curated data and the kernel's tables disagree (stable backports change bounds), the
 * tables win only for keys the kernel oracle test writes: net.* keys writable in a network
 * namespace, on targets the 6.12 tables describe.
 */
function oracleChecked(ref: SettingRef, context: RuleContext): boolean {
  const facts = keyFacts(ref.target, context.kernel);
  const nsMode = facts?.machine?.ns;
  return facts?.tree === '6.12' && typeof nsMode === 'string' && (parseInt(nsMode, 8) & 0o200) !== 0;
}

/**
 * invalid-value, out-of-range and suspicious-value for every key the file sets whose value shape
 * is known: curated keys with their own rules, every other key with the shape the kernel facts
 * give. A curated key's line also gets the facts' errors when its own rules found none and the
 * oracle covers the key (the kernel's tables may enforce a bound the curated data does not list).
 */
export function valueRules(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const ref of context.settingsInOrder) {
    const ignored = findNoEffectKey(ref.target);
    if (ignored && versionAtLeast(context, ignored.ignoredBy)) {
      findings.push({
        ruleId: 'suspicious-value',
        severity: 'info',
        range: spanToRange(ref.lineNumber, ref.line.key.span),
        tag: 'unnecessary',
        message: `${ref.target} has no effect on ${kernelLabel(context)}: ${ignored.why} Remove the line.`,
      });
    }
    const action = findActionKey(ref.target);
    if (action) {
      findings.push({
        ruleId: 'suspicious-value',
        severity: 'info',
        range: spanToRange(ref.lineNumber, ref.line.key.span),
        message: `${ref.target} is an action, not a setting: each time the file is applied (usually once at boot) the write ${action.action}, and no value stays set. Remove the line, or run the write from a script or timer if that one-off action is what you want.`,
      });
    }
    const checked = checkedFieldOf(ref.target);
    if (checked) checkCheckedField(ref, checked, findings);
    const targets = valueTargetsOf(ref, context);
    if (!targets) continue;
    const { curated, derived } = targets;
    if (!curated) {
      if (derived) checkSetting(ref, derived, context, findings);
      continue;
    }
    const own: Finding[] = [];
    checkSetting(ref, curated, context, own);
    findings.push(...own);
    if (derived && oracleChecked(ref, context) && !own.some((f) => f.severity === 'error')) {
      const extra: Finding[] = [];
      checkSetting(ref, derived, context, extra);
      findings.push(...extra.filter((f) => f.severity === 'error'));
    }
  }
  return findings;
}

/**
 * The value shapes a line is checked against: the curated data's and the kernel facts'. None when
 * the curated key is absent on the target (removed-key speaks then).
 */
function valueTargetsOf(ref: SettingRef, context: RuleContext): { curated?: ValueTarget; derived?: ValueTarget } | undefined {
  const spec = specOf(ref);
  if (spec && absentOnTarget(context, spec)) return undefined;
  return { curated: spec, derived: derivedTarget(ref, context) };
}

/**
 * How the kernel stores a key's value: one number, several, or not as numbers (a text key, or a
 * key whose shape is unknown). Every line of one variable shares it.
 */
export type StoredShape = 'number' | 'numbers' | undefined;

/** The one shape a line's value is judged by when a single answer is asked for: the curated data's, else the facts'. */
function mainTargetOf(ref: SettingRef, context: RuleContext): ValueTarget | undefined {
  const targets = valueTargetsOf(ref, context);
  return targets?.curated ?? targets?.derived;
}

export function storedShape(ref: SettingRef, context: RuleContext): StoredShape {
  const target = mainTargetOf(ref, context);
  if (!target || target.readOnly || target.value.kind === 'string') return undefined;
  return target.value.kind === 'vector' ? 'numbers' : 'number';
}

/**
 * The numbers the kernel stores from a value of that shape: leading zeros, an octal or hex
 * spelling and text after the numbers make no difference, and a key of one number keeps the first.
 */
export function storedNumbers(text: string, shape: StoredShape): readonly bigint[] | undefined {
  if (shape === undefined) return undefined;
  const numbers = leadingNumbers(text);
  if (numbers.length === 0) return undefined;
  return shape === 'numbers' ? numbers.map((n) => n.value) : [numbers[0].value];
}

/** Whether the kernel refuses the line's value (the errors of its own shape: the curated one, else the facts'), as far as the data says. */
export function kernelRefusesValue(ref: SettingRef, context: RuleContext): boolean {
  const target = mainTargetOf(ref, context);
  if (!target) return false;
  const found: Finding[] = [];
  checkSetting(ref, target, context, found);
  return found.some((f) => f.severity === 'error' && (f.ruleId === 'invalid-value' || f.ruleId === 'out-of-range'));
}

/**
 * A field a custom handler checks after the parse (kernel.sem's semmni: out of range fails the
 * write half-way), or a number whose bound is set at boot (kernel.shmmni).
 */
function checkCheckedField(ref: SettingRef, field: CheckedField, findings: Finding[]): void {
  const parsed = parseNumberList(ref.line.value.text);
  const number = parsed.ok ? parsed.numbers[field.index ?? 0] : undefined;
  if (!number || ((field.min === undefined || number.value >= field.min) && number.value <= field.max)) return;
  const base = ref.line.value.span.start;
  // Above the maximum, a boot option may have raised it; below the minimum nothing does.
  const above = number.value > field.max;
  const bound = above ? `above ${field.max}, the most the kernel accepts${field.unless ? ` unless ${field.unless}` : ''}` : `below ${field.min}`;
  findings.push({
    ruleId: 'out-of-range',
    severity: above && field.unless ? 'warning' : 'error',
    range: spanToRange(ref.lineNumber, { start: base + number.start, end: base + number.end }),
    message:
      field.index === undefined
        ? `${field.name} = ${number.text} is ${bound}: the write fails (${field.errno}) and ${field.applied}.`
        : `${field.name} (number ${field.index + 1}) = ${number.text} is ${bound}: the write fails (${field.errno}) after ${field.applied}.`,
  });
}

function checkSetting(ref: SettingRef, spec: ValueTarget, context: RuleContext, findings: Finding[]): void {
  if (spec.readOnly) {
    findings.push({
      ruleId: 'invalid-value',
      severity: 'error',
      range: spanToRange(ref.lineNumber, ref.line.key.span),
      message: `${spec.name} is read-only (it reports a value, it cannot be set): every write fails. Remove the line.`,
      fixes: [{ title: 'Remove the line', edits: [wholeLineEdit(ref.lineNumber)], safe: false }],
    });
    return;
  }
  const emit: Emit = ({ span, ...rest }) => {
    if (!coveredBySomaxconnRule(spec, rest, ref.line.value.text)) findings.push({ ...rest, range: spanToRange(ref.lineNumber, span) });
  };
  const text = ref.line.value.text;
  if (spec.value.kind === 'string') return checkTextValue(ref, spec, context, emit);
  if (text === '') {
    // Seen on 6.18 in a private network namespace: procps 4 and systemd-sysctl 252 both fail the write.
    emit({
      ruleId: 'invalid-value',
      severity: 'error',
      span: { start: ref.line.equals, end: ref.line.equals + 1 },
      message: `${spec.name} has an empty value: the kernel refuses it (EINVAL), so sysctl -p and systemd-sysctl report a failure and the old value stays. Give a value or remove the line.`,
    });
    return;
  }
  if (/^["']/.test(text)) {
    // Only a value that is wholly one quoted string loses its quotes safely; `'1 2';` would keep the `';`.
    const closing = text.indexOf(text[0], 1);
    const wholly = closing === text.length - 1;
    emit({
      ruleId: 'invalid-value',
      severity: 'error',
      span: ref.line.value.span,
      message: `Quotes are not syntax in sysctl files: they are written to the kernel literally, which refuses ${text} (EINVAL). Remove the quotes.`,
      ...(wholly ? { fixes: [replaceSpanFix(ref.lineNumber, ref.line.value.span, text.slice(1, -1), 'Remove the quotes', true)] } : {}),
    });
    return;
  }
  if (spec.value.kind === 'vector') checkVector(ref, spec as ValueTarget & { value: { kind: 'vector' } }, context, emit);
  else checkScalar(ref, spec, context, emit);
}

/** Text values with a known syntax: registered names, bitmaps, Fast Open keys. */
function checkTextValue(ref: SettingRef, spec: ValueTarget, context: RuleContext, emit: Emit): void {
  const text = ref.line.value.text;
  // Free text takes a '# comment' in as it does everything else (procps keeps it, the kernel stores it).
  const comment = spec.textFormat?.kind === 'names' ? -1 : text.search(/\s#/);
  if (comment >= 0) {
    const rest = text.slice(comment).trim();
    const restSpan = { start: ref.line.value.span.start + text.indexOf(rest, comment), end: ref.line.value.span.end };
    emit({
      ruleId: 'suspicious-value',
      severity: 'warning',
      span: restSpan,
      message: `'${rest}' is not a comment: ${spec.name} stores it with the rest, as '${text}'. Move the comment to its own line.`,
      fixes: [{ title: 'Move the comment to the line above', edits: moveCommentEdits(ref, context, restSpan, rest), safe: false }],
    });
  }
  // A quoted name is refused as a name (below); free text takes the quotes in, and works differently.
  if (spec.textFormat?.kind !== 'names' && /^(["']).*\1$/s.test(text)) {
    return emit({
      ruleId: 'suspicious-value',
      severity: 'warning',
      span: ref.line.value.span,
      message: `Quotes are not syntax in sysctl files: ${spec.name} is set to ${text}, quotes included, which is almost surely not what was meant. Remove the quotes.`,
      fixes: [replaceSpanFix(ref.lineNumber, ref.line.value.span, text.slice(1, -1), 'Remove the quotes', false)],
    });
  }
  // A quoted name: say the quotes are the problem when the name inside them is fine.
  if (spec.textFormat?.kind === 'names' && /^(["']).+\1$/s.test(text) && !textValueProblem(spec.name, spec.textFormat, text.slice(1, -1))) {
    return emit({
      ruleId: 'invalid-value',
      severity: 'error',
      span: ref.line.value.span,
      message: `Quotes are not syntax in sysctl files: the kernel looks for a name ${text}, quotes included, and refuses the write. Remove the quotes.`,
      fixes: [replaceSpanFix(ref.lineNumber, ref.line.value.span, text.slice(1, -1), 'Remove the quotes', true)],
    });
  }
  const problem = spec.textFormat && textValueProblem(spec.name, spec.textFormat, text);
  if (!problem) return;
  // A cut value is accepted: the write succeeds with less than was written.
  if (spec.textFormat?.kind === 'bounded') return emit({ ruleId: 'suspicious-value', severity: 'warning', span: ref.line.value.span, message: `${spec.name}: ${problem}` });
  // A name something outside mainline can register works where that is loaded: not a certain failure.
  const elsewhere = spec.textFormat?.kind === 'names' && findNameValueSpec(spec.name)?.registrableElsewhere?.names.test(ref.line.value.text.trim());
  emit({ ruleId: 'invalid-value', severity: elsewhere ? 'warning' : 'error', span: ref.line.value.span, message: `${spec.name}: ${problem}` });
}

/** Database notes are sentences; after a colon they continue ours. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

/** Its check is the value checker, which also reports `out-of-range` and `suspicious-value`. */
export const invalidValue = defineRule({
  id: 'invalid-value',
  defaultSeverity: 'error',
  summary: 'The value is not of the form the key takes.',
  description:
    'Not a number, quotes, units or a decimal point in a numeric value (the kernel refuses the write with EINVAL), or the wrong number of fields for a vector key such as tcp_rmem or ip_local_port_range.',
  check: { scope: 'line', run: valueRules },
});

/** Reported by the value checker of `invalid-value`. */
export const outOfRange = defineRule({
  id: 'out-of-range',
  defaultSeverity: 'error',
  summary: 'The kernel refuses the value.',
  description:
    "The number is outside the bounds the kernel enforces for the key on the target kernel (or outside its storage width): the write fails with EINVAL and the old value stays. Timeouts in seconds are limited by the kernel's HZ.",
});

/** Also reported by the value checker of `invalid-value`; its own check covers documented value sets. */
export const suspiciousValue = defineRule({
  id: 'suspicious-value',
  defaultSeverity: 'warning',
  summary: 'The kernel accepts the value, but it is almost surely a mistake.',
  description:
    'Zero or negative timeouts, a leading zero that makes the number octal, a switch set to something other than 0 or 1, an undocumented mode such as tcp_syncookies = 3 or rp_filter = 7, nf_conntrack_max = 0 (no limit), text after the number, and empty values.',
  check: { scope: 'line', run: undocumentedValueFindings },
});
