/**
 * Markdown descriptions of keys for hover and completion documentation: documented keys from the
 * key database, aliases and legacy names, and real kernel keys the database does not describe.
 * Every text comes from our own database summaries, never from kernel documentation.
 */

import { findLegacy, resolveKey } from '../keys/database';
import { matchKnownName } from '../keys/knownNames';
import { keySummary, type KeySummary, type SummaryUnit } from '../keys/summaries';
import { keyFacts } from '../keys/kernelFacts';
import { factLines } from './describeFacts';
import type { DefaultEra, DefaultSpec, KeySpec, LegacyKeySpec, Requirement, Scope, UnverifiedField, ValueSpec } from '../keys/types';
import { REFERENCE_MACHINE } from '../keys/types';
import type { ParsedDocument } from '../parser/types';
import type { EngineSettings } from '../settings';
import { architectureFromUname, type PointerBits } from '../sizing/architecture';
import { formatBytes } from '../sizing/size';
import { CONNTRACK_BUCKETS_KEY, CONNTRACK_MAX_KEY } from '../actions/conntrackSizing';
import { conntrackMemoryLines, sizingFacts } from './conntrack';
import { formatRange, linkLabel, outOfRangePhrase, unitPhrase, widthName } from './format';
import { eraFor, isBefore, keyAvailability, legacyAvailability, targetKernel, type Availability, type TargetKernel } from './versions';
import { elided } from '../findings/messageLength';

export interface DescribeOptions {
  /** The value written on the hovered line: drives the nf_conntrack_max memory line. */
  valueText?: string;
  /** The whole file: an nf_conntrack_buckets line in it refines the memory estimate. */
  document?: ParsedDocument;
}

const UNVERIFIED = ' *(unverified)*';

function unverified(spec: { unverified?: readonly UnverifiedField[] }, ...fields: UnverifiedField[]): string {
  return fields.some((field) => spec.unverified?.includes(field)) ? UNVERIFIED : '';
}

function targetText(target: TargetKernel): string {
  return target.configured ? `target ${target.label}` : `target ${target.label}, the newest documented; set \`sysctl.kernelVersion\` to change`;
}

/** Pointer width for symbolic bounds: the configured architecture's, else 64. */
function boundBits(settings: EngineSettings): PointerBits {
  const arch = settings.sizing.architecture ? architectureFromUname(settings.sizing.architecture) : undefined;
  return arch?.ok ? arch.value.bits : 64;
}

export function scopePhrase(scope: Scope): string {
  switch (scope) {
    case 'netns':
      return 'per network namespace';
    case 'init-netns-only':
      return 'global; only the initial network namespace may write it';
    case 'global':
      return 'system-wide, not per network namespace';
  }
}

function scopeLine(spec: KeySpec): string {
  const note = spec.scopeNote ?? (spec.scope === 'netns' ? 'A new namespace (container, pod) starts from the compiled-in default, not from the host value.' : '');
  return `- **Scope:** ${scopePhrase(spec.scope)}${unverified(spec, 'scope')}.${note ? ` ${note}` : ''}`;
}

function typeLines(value: ValueSpec, bits: PointerBits): string[] {
  switch (value.kind) {
    case 'integer':
      return [`- **Type:** integer (${widthName(value.width)}): ${unitPhrase(value.unit)}`];
    case 'boolean':
      return [`- **Type:** switch (${widthName(value.width)}): \`0\` off, \`1\` on`];
    case 'enum':
      return [`- **Type:** choice (${widthName(value.width)}):`, ...value.values.map((member) => `  - \`${member.value}\` ${member.label}: ${member.meaning}`)];
    case 'vector':
      return [
        `- **Type:** ${value.fields.length} numbers separated by blanks, \`${value.fields.map((f) => f.name).join(' ')}\`:`,
        ...value.fields.map((field) => `  - \`${field.name}\`: ${field.summary} In ${unitPhrase(field.unit)}; ${formatRange(field.min, field.max, field.width, bits)}.`),
      ];
    case 'string':
      return ['- **Type:** text'];
  }
}

function boundsLine(spec: KeySpec, bits: PointerBits): string | undefined {
  const value = spec.value;
  const mark = unverified(spec, 'bounds');
  switch (value.kind) {
    case 'integer': {
      const parts = [formatRange(value.min, value.max, value.width, bits)];
      if (value.min !== undefined || value.max !== undefined) {
        if (value.handler !== 'jiffies') parts.push(outOfRangePhrase(value.outOfRange));
      }
      if (value.negativeWraps) parts.push('a negative number is read back as a huge unsigned value');
      if (value.boundsArchDependent) parts.push(`the limits depend on the architecture (x86_64 shown)`);
      let line = `- **Bounds:** ${parts.join('; ')}${mark}.`;
      if (value.adjustment) line += ` ${value.adjustment}`;
      return line;
    }
    case 'enum': {
      const range = formatRange(value.min, value.max, value.width, bits);
      const unlisted = value.unlisted === 'accepted' ? ` ${value.unlistedNote ?? 'Unlisted numbers in range are stored.'}` : '';
      return `- **Bounds:** ${range}; ${outOfRangePhrase(value.outOfRange)}${mark}.${unlisted}`;
    }
    case 'boolean': {
      const other =
        value.otherValues === 'einval'
          ? 'any other number is refused (EINVAL)'
          : value.otherValues === 'accepted'
            ? 'any other number is stored and non-zero acts as on'
            : 'what other numbers do is not established';
      return `- **Bounds:** \`0\` or \`1\`; ${other}${mark}.`;
    }
    case 'vector': {
      const notes = (value.order ?? []).map((order) => order.note);
      const unique = [...new Set(notes)];
      const partial = 'Writing fewer numbers changes only the leading fields; extra numbers are ignored.';
      return `- **Bounds:** per field as above${mark}. ${[...unique, partial].join(' ')}`;
    }
    case 'string':
      return undefined;
  }
}

function defaultText(entry: DefaultSpec | DefaultEra): string {
  const parts: string[] = [];
  if (entry.value !== undefined) parts.push(`\`${entry.value}\``);
  if (entry.computed) parts.push(entry.computed);
  if ('note' in entry && entry.note) parts.push(entry.note);
  return parts.join(': ');
}

function sentence(text: string): string {
  return text === '' || text.endsWith('.') ? text : `${text}.`;
}

function defaultLine(spec: KeySpec, settings: EngineSettings, target: TargetKernel): string | undefined {
  const spec_default = spec.default;
  const mark = unverified(spec, 'default');
  const era = eraFor(spec_default.history, target.version);
  if (era) {
    const then = sentence(defaultText(era));
    return `- **Default on kernel ${target.label}:** ${then}${unverified(spec, 'defaultHistory')} Current kernels: ${sentence(defaultText(spec_default))}${mark}`;
  }
  const parts: string[] = [];
  const facts = spec.name === CONNTRACK_MAX_KEY || spec.name === CONNTRACK_BUCKETS_KEY ? sizingFacts(settings) : undefined;
  const ramDefault = facts?.kind === 'known' ? facts.recommendation.kernelDefault : undefined;
  if (facts?.kind === 'known' && ramDefault) {
    const rec = facts.recommendation;
    const value = spec.name === CONNTRACK_MAX_KEY ? ramDefault.conntrackMax : ramDefault.buckets;
    parts.push(`\`${value}\` for ${formatBytes(rec.input.memBytes)} RAM (${rec.architecture.name}) on kernel ${rec.input.kernelVersion}.`);
  }
  const current = defaultText(spec_default);
  if (current) parts.push(sentence(current));
  if (spec_default.value === undefined && spec_default.observed && !ramDefault) {
    const ram = formatBytes(REFERENCE_MACHINE.memTotalKiB * 1024);
    parts.push(`\`${spec_default.observed}\` on a ${ram} ${REFERENCE_MACHINE.arch} machine running 6.18.`);
  } else if (spec_default.archDependent) {
    parts.push('The value depends on the architecture.');
  }
  const older: string[] = [];
  for (const era of spec_default.history ?? []) {
    if (era.value !== undefined) older.push(`\`${era.value}\` ${era.before ? `before ${era.before}` : 'in some older releases'}`);
    else if (!era.before && !era.computed && era.note) older.push(era.note.replace(/\.$/, ''));
  }
  if (older.length > 0) parts.push(`Older kernels: ${older.join('; ')}${unverified(spec, 'defaultHistory')}.`);
  if (parts.length === 0) return spec.readOnly ? undefined : '- **Default:** not documented.';
  return `- **Default:** ${parts.join(' ')}${mark}`;
}

function requirementLine(requires: Requirement | undefined): string | undefined {
  if (!requires) return undefined;
  const parts: string[] = [];
  if (requires.module) {
    let module = `module \`${requires.module}\` (or built in)`;
    if (requires.legacyModule) {
      const legacy = requires.legacyModule;
      module += `; before ${legacy.before}${legacy.beforeUnverified ? ' (approximately)' : ''} \`${legacy.module}\` registered it`;
    }
    parts.push(module);
  }
  if (requires.config) parts.push(`\`${requires.config}\``);
  const text = [sentence(parts.join(', ')), requires.note ?? ''].filter((t) => t !== '').join(' ');
  return text === '' ? undefined : `- **Needs:** ${text}`;
}

function availabilityBanner(availability: Availability, target: TargetKernel, replacedBy?: string): string | undefined {
  switch (availability.kind) {
    case 'present':
      return undefined;
    case 'not-yet':
      return `> **Not in kernel ${target.label}:** added in ${availability.since}; sysctl reports the key as missing on older kernels.`;
    case 'removed': {
      const when = availability.exact ? `removed in ${availability.release}` : `gone by ${availability.release} (the removing release is not known)`;
      return `> **Not in kernel ${target.label}:** ${when}; sysctl reports the key as missing.${replacedBy ? ` Instead: ${replacedBy}` : ''}`;
    }
  }
}

function versionLines(spec: KeySpec, target: TargetKernel, bannerShown: boolean): string[] {
  const lines: string[] = [];
  if (spec.since) lines.push(`- Added in ${spec.since}${unverified(spec, 'since')}.`);
  if (spec.writableSince) {
    const readOnlyNow = isBefore(target.version, spec.writableSince) === true;
    lines.push(`- Read-only before ${spec.writableSince}${unverified(spec, 'writableSince')}${readOnlyNow ? `, so read-only on kernel ${target.label}` : ''}.`);
  }
  if (spec.removedIn) lines.push(`- Removed in ${spec.removedIn}${unverified(spec, 'removedIn')}.`);
  if (spec.absentBy) lines.push(`- Absent by ${spec.absentBy}; the release that removed it is not known.`);
  if (spec.replacedBy && !bannerShown) lines.push(`- Instead: ${spec.replacedBy}`);
  const value = spec.value;
  const history = value.kind === 'integer' || value.kind === 'enum' || value.kind === 'boolean' ? value.history : undefined;
  const era = eraFor(history, target.version);
  if (era) lines.push(`- On kernel ${target.label}: ${era.note}${unverified(spec, 'boundsHistory')}`);
  return lines;
}

/** A hover for a documented key. */
export function describeKey(spec: KeySpec, settings: EngineSettings, options: DescribeOptions = {}): string {
  const target = targetKernel(settings);
  const bits = boundBits(settings);
  const blocks: string[] = [`**${spec.name}**`, spec.summary];
  const banner = availabilityBanner(keyAvailability(spec, target.version), target, spec.replacedBy);
  if (banner) blocks.push(banner);
  blocks.push(spec.description);

  const facts: string[] = [...typeLines(spec.value, bits)];
  const def = defaultLine(spec, settings, target);
  if (def) facts.push(def);
  if (spec.readOnly) facts.push('- **Read-only:** the file is mode 0444, so any assignment fails.');
  else {
    const bounds = boundsLine(spec, bits);
    if (bounds) facts.push(bounds);
  }
  facts.push(scopeLine(spec));
  const needs = requirementLine(spec.requires);
  if (needs) facts.push(needs);
  if (spec.aliases?.length) facts.push(`- **Also written as:** ${spec.aliases.map((a) => `\`${a}\``).join(', ')} (same value).`);
  for (const relation of spec.relations ?? []) {
    const enforced = relation.enforcement === 'einval' ? ' (enforced: a violating write is refused)' : '';
    facts.push(`- **Related:** \`${relation.key}\`: ${relation.note}${enforced}`);
  }
  blocks.push(facts.join('\n'));

  const memory = conntrackMemoryLines(spec.name, options.valueText, settings, options.document);
  if (memory.length > 0) blocks.push(['**Memory**', ...memory.map((line) => `- ${line}`)].join('\n'));

  const versions = versionLines(spec, target, banner !== undefined);
  if (versions.length > 0) blocks.push([`**Kernel versions** (${targetText(target)})`, ...versions].join('\n'));
  if (spec.advice) blocks.push(`**Advice:** ${spec.advice}`);
  blocks.push(`[${linkLabel(spec.docUrl)}](${spec.docUrl})`);
  return blocks.join('\n\n');
}

/** A hover for an alias or legacy name: what it maps to, then (for an alias) the key itself. */
export function describeLegacy(legacy: LegacyKeySpec, spec: KeySpec, settings: EngineSettings, options: DescribeOptions = {}): string {
  const target = targetKernel(settings);
  const kind = legacy.kind === 'alias' ? 'Alias' : 'Legacy name';
  const blocks: string[] = [`**${legacy.name}**`, `${kind} of \`${spec.name}\`: ${spec.summary}`];
  const availability = legacyAvailability(legacy, target.version);
  if (availability.kind !== 'present') {
    blocks.push(
      legacy.kind === 'legacy' && !legacy.removedIn
        ? `> **Not in current kernels:** write \`${spec.name}\` instead.`
        : (availabilityBanner(availability, target, `write \`${spec.name}\`.`) ?? ''),
    );
  }
  blocks.push(legacy.note);
  const facts = [`- **Existed in:** ${legacy.existedIn}${unverified(legacy, 'since', 'removedIn')}`];
  if (legacy.scope) facts.push(`- **Scope:** ${scopePhrase(legacy.scope)}.`);
  blocks.push(facts.join('\n'));
  if (legacy.kind === 'alias') {
    blocks.push('---', describeKey(spec, settings, options));
  } else {
    blocks.push(`[${linkLabel(spec.docUrl)}](${spec.docUrl})`);
  }
  return blocks.join('\n\n');
}

const DOC_PAGES: ReadonlyArray<readonly [string, string]> = [
  ['net.netfilter.', 'https://docs.kernel.org/networking/nf_conntrack-sysctl.html'],
  ['net.ipv4.', 'https://docs.kernel.org/networking/ip-sysctl.html'],
  ['net.ipv6.', 'https://docs.kernel.org/networking/ip-sysctl.html'],
  ['net.', 'https://docs.kernel.org/admin-guide/sysctl/net.html'],
  ['vm.', 'https://docs.kernel.org/admin-guide/sysctl/vm.html'],
  ['kernel.', 'https://docs.kernel.org/admin-guide/sysctl/kernel.html'],
  ['fs.', 'https://docs.kernel.org/admin-guide/sysctl/fs.html'],
  ['abi.', 'https://docs.kernel.org/admin-guide/sysctl/abi.html'],
  ['user.', 'https://docs.kernel.org/admin-guide/sysctl/user.html'],
];

/** The kernel documentation page that covers a subtree, when there is one. */
export function docPageFor(name: string): string | undefined {
  return DOC_PAGES.find(([prefix]) => name.startsWith(prefix))?.[1];
}

const SUMMARY_UNITS: Readonly<Record<SummaryUnit, string>> = {
  seconds: 'seconds',
  milliseconds: 'milliseconds',
  microseconds: 'microseconds',
  nanoseconds: 'nanoseconds',
  centiseconds: 'hundredths of a second',
  jiffies: 'timer ticks',
  bytes: 'bytes',
  kibibytes: 'KiB',
  pages: 'memory pages',
  packets: 'packets',
  entries: 'entries',
  percent: 'percent',
  count: 'a count',
  bitmask: 'a bit mask',
  boolean: 'a switch: `0` off, `1` on',
  mode: 'a mode number',
  path: 'a path',
  text: 'text',
};

/** Summary, unit and documented values of a key the database does not describe in depth. */
function summaryLines(summary: KeySummary): string[] {
  const lines = [summary.summary];
  const facts: string[] = [];
  if (summary.unit) facts.push(`- **Value:** ${SUMMARY_UNITS[summary.unit]}`);
  const values = Object.entries(summary.values ?? {});
  if (values.length > 0) {
    facts.push(`- **Values${summary.valuesExhaustive ? '' : ' (documented)'}:**`, ...values.map(([value, meaning]) => `  - \`${value}\` ${meaning}`));
  }
  if (facts.length > 0) lines.push(facts.join('\n'));
  return lines;
}

/** A hover for a real kernel key the database does not describe in depth, or null for unknown names. */
export function describeKnownName(name: string, settings: EngineSettings = { rules: {}, sizing: {} }): string | null {
  const match = matchKnownName(name);
  const target = targetKernel(settings);
  const facts = keyFacts(name, target.version);
  if (!match && !facts) return null;
  // The name as written, of any length (an interface name of megabytes is still a line of the file).
  const blocks = [`**${elided(name)}**`];
  const summary = keySummary(name);
  if (match?.kind === 'per-interface') {
    blocks.push(`Per-interface key \`${match.pattern}\`, here for interface \`${elided(match.interfaceComponent.replace(/\//g, '.'))}\`.`);
  } else if (match?.kind === 'open-subtree' && !summary && !facts) {
    blocks.push(`Inside \`${match.subtree}\`, whose keys depend on the hardware and modules.`);
  }
  // One list: what the summary says of the value, then what the kernel's tables say.
  const [sentence, valueFacts] = summary ? summaryLines(summary) : ['A real kernel key; this extension has no summary of it yet.'];
  blocks.push(sentence);
  const bullets = [...(valueFacts ? [valueFacts] : []), ...(facts ? factLines(facts, target.version, target.label) : [])];
  if (bullets.length > 0) blocks.push(bullets.join('\n'));
  const page = docPageFor(name);
  if (page) blocks.push(`[${linkLabel(page)}](${page})`);
  return blocks.join('\n\n');
}

/** Hover markdown for any canonical key name: documented, alias / legacy, known, or null. */
export function describeName(name: string, settings: EngineSettings, options: DescribeOptions = {}): string | null {
  const resolved = resolveKey(name);
  if (resolved?.via) return describeLegacy(resolved.via, resolved.spec, settings, options);
  if (resolved) return describeKey(resolved.spec, settings, options);
  if (findLegacy(name)) return null; // a legacy entry whose target is not documented: nothing reliable to say
  return describeKnownName(name, settings);
}
