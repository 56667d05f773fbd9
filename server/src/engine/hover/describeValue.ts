/**
 * Markdown for the value side of a setting: what the number means for this key (enum member,
 * switch state, value notes), unit conversions, vector fields, and how the kernel reads it.
 */

import { CONNTRACK_MAX_KEY } from '../actions/conntrackSizing';
import { resolveBound } from '../keys/database';
import type { Bound, EnumValue, IntegerValue, KeySpec, ValueNote, ValueUnit, VectorValue } from '../keys/types';
import type { ParsedDocument } from '../parser/types';
import type { EngineSettings } from '../settings';
import { architectureFromUname, type PointerBits } from '../sizing/architecture';
import { conntrackMemoryLines, sizingFacts } from './conntrack';
import { formatByteCount, formatDuration, formatMilliseconds, readNumbers, unitWord, type ReadNumber } from './format';
import { pushAll } from '../arrays';
import { elided } from '../findings/messageLength';

export interface DescribeValueOptions {
  document?: ParsedDocument;
  /** The key as the line names it, when that is an alias or legacy name of `spec`. */
  writtenName?: string;
}

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function bitsOf(settings: EngineSettings): PointerBits {
  const arch = settings.sizing.architecture ? architectureFromUname(settings.sizing.architecture) : undefined;
  return arch?.ok ? arch.value.bits : 64;
}

/** A number with its unit and, where it helps, a conversion: "`432000` seconds = 5 days". */
export function describeQuantity(value: bigint, unit: ValueUnit): string {
  const number = `\`${value}\``;
  const word = unitWord(unit, value);
  const safe = value >= BigInt(-Number.MAX_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
  switch (unit) {
    case 'seconds':
      return safe && (value >= 60n || value <= -60n) ? `${number} ${word} = ${formatDuration(Number(value))}` : `${number} ${word}`;
    case 'milliseconds':
      return safe && (value >= 1000n || value <= -1000n) ? `${number} ms = ${formatMilliseconds(Number(value))}` : `${number} ms`;
    case 'bytes':
      return value >= 1024n || value <= -1024n ? `${number} ${word} = ${formatByteCount(value)}` : `${number} ${word}`;
    case 'entries':
    case 'buckets':
    case 'expectations':
      return `${number} ${word} (a count, not bytes)`;
    case 'count':
      return number;
    default:
      return `${number} ${word}`;
  }
}

function sameNumber(a: string, b: bigint): boolean {
  const read = readNumbers(a);
  return read.ok && read.numbers.length === 1 && read.numbers[0].value === b;
}

function notesFor(spec: KeySpec, value: bigint): ValueNote[] {
  return (spec.valueNotes ?? []).filter((note) => sameNumber(note.value, value));
}

function noteLine(note: ValueNote): string {
  return note.severity === 'warning' ? `**Warning:** ${note.meaning}` : note.meaning;
}

/** At most this many numbers of a value are named one by one (a pasted value can hold thousands). */
const NUMBERS_NAMED = 8;

/** The numbers as code spans, the first NUMBERS_NAMED of them and how many more. */
function namedNumbers(numbers: readonly ReadNumber[]): string {
  const named = numbers
    .slice(0, NUMBERS_NAMED)
    .map((n) => `\`${elided(n.text)}\``)
    .join(' ');
  return numbers.length > NUMBERS_NAMED ? `${named} and ${numbers.length - NUMBERS_NAMED} more` : named;
}

/** How the kernel reads the digits, when that is not plain decimal. */
function baseNotes(numbers: readonly ReadNumber[]): string[] {
  const notes = numbers.filter((n) => n.base !== 10);
  const lines = notes
    .slice(0, NUMBERS_NAMED)
    .map((n) => (n.base === 8 ? `\`${elided(n.text)}\` starts with 0, so the kernel reads it as octal: **${n.value}**.` : `\`${elided(n.text)}\` is hexadecimal: ${n.value}.`));
  if (notes.length > NUMBERS_NAMED) lines.push(`${notes.length - NUMBERS_NAMED} more numbers are octal or hexadecimal.`);
  return lines;
}

function defaultNumbers(spec: KeySpec): bigint[] | undefined {
  if (spec.default.value === undefined) return undefined;
  const read = readNumbers(spec.default.value);
  return read.ok ? read.numbers.map((n) => n.value) : undefined;
}

function defaultComparison(spec: KeySpec, written: readonly bigint[], settings: EngineSettings): string | undefined {
  const defaults = defaultNumbers(spec);
  if (defaults) {
    const same = defaults.length === written.length && defaults.every((d, i) => d === written[i]);
    return same ? 'This is the default.' : `Default: \`${spec.default.value}\`.`;
  }
  if (spec.name === CONNTRACK_MAX_KEY) {
    const facts = sizingFacts(settings);
    const kd = facts.kind === 'known' ? facts.recommendation.kernelDefault : null;
    if (kd) return kd.conntrackMax === Number(written[0]) ? 'This is the kernel default for the configured RAM.' : undefined;
  }
  return undefined;
}

function rangeProblem(value: bigint, min: Bound | undefined, max: Bound | undefined, bits: PointerBits, refused: boolean): string | undefined {
  if (max === 'INT_MAX/HZ') {
    const abs = value < 0n ? -value : value;
    if (abs > resolveBound('INT_MAX/HZ', { hz: 100 })) return `Beyond INT_MAX/HZ for every usual HZ: the write is refused (EINVAL).`;
    if (abs > resolveBound('INT_MAX/HZ', { hz: 1000 }))
      return `Beyond INT_MAX/HZ on kernels with HZ=1000 (${resolveBound('INT_MAX/HZ', { hz: 1000 })}): refused there, accepted with a lower HZ.`;
    return undefined;
  }
  const low = min === undefined ? undefined : resolveBound(min, { bits });
  const high = max === undefined ? undefined : resolveBound(max, { bits });
  if ((low !== undefined && value < low) || (high !== undefined && value > high)) {
    const range = `${low ?? '…'} to ${high ?? '…'}`;
    return refused ? `Outside ${range}: current kernels refuse the write (EINVAL).` : `Outside ${range}; current kernels store it anyway.`;
  }
  return undefined;
}

function integerLines(value: IntegerValue, n: bigint, bits: PointerBits): string[] {
  const lines = [describeQuantity(n, value.unit) + '.'];
  const problem = rangeProblem(n, value.min, value.max, bits, value.outOfRange === 'einval');
  if (problem) lines.push(problem);
  if (n < 0n && value.negativeWraps) lines.push('A negative number is stored and read back as a huge unsigned value.');
  if (value.adjustment) lines.push(value.adjustment);
  return lines;
}

function choicesLine(members: ReadonlyArray<{ value: number; label: string }>, defaultValue: string | undefined): string {
  const choices = members.map((m) => `\`${m.value}\` ${m.label}${defaultValue !== undefined && sameNumber(defaultValue, BigInt(m.value)) ? ' (default)' : ''}`);
  return `Choices: ${choices.join(', ')}.`;
}

function enumLines(spec: KeySpec, value: EnumValue, n: bigint, bits: PointerBits): { heading?: string; lines: string[] } {
  const member = value.values.find((m) => BigInt(m.value) === n);
  const lines: string[] = [];
  if (member) lines.push(member.meaning);
  else {
    const problem = rangeProblem(n, value.min, value.max, bits, value.outOfRange === 'einval');
    if (problem) lines.push(problem);
    else if (value.unlisted === 'accepted') lines.push(value.unlistedNote ?? 'Not a listed choice, but stored.');
    else lines.push('Not a listed choice: current kernels refuse the write (EINVAL).');
  }
  lines.push(choicesLine(value.values, spec.default.value));
  return { heading: member?.label, lines };
}

function vectorLines(value: VectorValue, numbers: readonly ReadNumber[]): string[] {
  const lines: string[] = [];
  value.fields.forEach((field, i) => {
    const n = numbers[i];
    lines.push(n === undefined ? `- \`${field.name}\`: not written, keeps its current value.` : `- \`${field.name}\` = ${describeQuantity(n.value, field.unit)}: ${field.summary}`);
  });
  if (numbers.length > value.fields.length) {
    lines.push(`- ${namedNumbers(numbers.slice(value.fields.length))}: extra, ignored by the kernel.`);
  }
  const index = (name: string) => value.fields.findIndex((f) => f.name === name);
  for (const order of value.order ?? []) {
    const lower = numbers[index(order.lower)];
    const upper = numbers[index(order.upper)];
    if (lower && upper && lower.value > upper.value) {
      lines.push(`- \`${order.lower}\` is above \`${order.upper}\`: ${order.note}`);
    }
  }
  const low = numbers[index('low')];
  const high = numbers[index('high')];
  if (value.fields.some((f) => f.unit === 'port') && low && high && high.value >= low.value) {
    lines.push(`- ${high.value - low.value + 1n} ports in the range.`);
  }
  return lines;
}

/**
 * Hover markdown for the value written for a documented key, or null when there is nothing to
 * say (empty value).
 */
export function describeValue(spec: KeySpec, valueText: string, settings: EngineSettings, options: DescribeValueOptions = {}): string | null {
  const text = valueText.trim();
  if (text === '') return null;
  const name = options.writtenName ?? spec.name;
  // A pasted value of megabytes is quoted by its ends.
  const shown = elided(text);
  const title = `**${code(`${name} = ${shown}`)}**${shown === text ? '' : ` (${text.length} characters)`}`;
  const read = readNumbers(text);
  if (!read.ok) {
    return [title, `The kernel cannot read ${code(elided(read.token))} as a number, so the write fails (EINVAL).`].join('\n\n');
  }
  const numbers = read.numbers;
  const bits = bitsOf(settings);
  const value = spec.value;
  const blocks: string[] = [];
  let heading: string | undefined;
  const first = numbers[0].value;

  switch (value.kind) {
    case 'integer':
      pushAll(blocks, integerLines(value, first, bits));
      break;
    case 'boolean': {
      if (first === 0n || first === 1n) {
        heading = first === 1n ? 'on' : 'off';
        blocks.push(`${first === 1n ? 'Turns on' : 'Turns off'}: ${spec.summary}`);
      } else {
        blocks.push(
          value.otherValues === 'einval'
            ? 'Only `0` and `1` are accepted; current kernels refuse the write (EINVAL).'
            : value.otherValues === 'accepted'
              ? 'Stored as written; any non-zero value acts as on.'
              : 'Not `0` or `1`; what the kernel does with it is not established.',
        );
      }
      blocks.push(
        choicesLine(
          [
            { value: 0, label: 'off' },
            { value: 1, label: 'on' },
          ],
          spec.default.value,
        ),
      );
      break;
    }
    case 'enum': {
      const described = enumLines(spec, value, first, bits);
      heading = described.heading;
      pushAll(blocks, described.lines);
      break;
    }
    case 'vector':
      blocks.push(vectorLines(value, numbers).join('\n'));
      break;
    case 'string':
      break;
  }

  if (value.kind !== 'vector' && numbers.length > 1) {
    blocks.push(`Only the first number counts; the kernel ignores ${namedNumbers(numbers.slice(1))}.`);
  }
  pushAll(blocks, baseNotes(numbers));
  for (const note of notesFor(spec, first)) if (value.kind !== 'vector') blocks.push(noteLine(note));
  const comparison = defaultComparison(spec, value.kind === 'vector' ? numbers.map((n) => n.value) : [first], settings);
  if (comparison) blocks.push(comparison);
  if (spec.readOnly) blocks.push('**Warning:** the key is read-only; this assignment fails.');

  const memory = conntrackMemoryLines(spec.name, text, settings, options.document);
  if (memory.length > 0) blocks.push(memory.map((line) => `- ${line}`).join('\n'));

  return [heading ? `${title}: ${heading}` : title, ...blocks].join('\n\n');
}
