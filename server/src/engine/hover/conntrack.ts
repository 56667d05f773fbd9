/**
 * The memory side of nf_conntrack_max and nf_conntrack_buckets for hover: what a full table costs
 * at the written value, the kernel's default for the configured RAM, and the formula value.
 */

import { CONNTRACK_BUCKETS_KEY, CONNTRACK_MAX_KEY } from '../actions/conntrackSizing';
import { resolveKey } from '../keys/database';
import type { ParsedDocument } from '../parser/types';
import type { EngineSettings } from '../settings';
import { architectureFromUname, pointerBytes, type PointerBits } from '../sizing/architecture';
import { CONNTRACK_BYTES_PER_ENTRY, tableMemory, type ConntrackRecommendation } from '../sizing/conntrack';
import { recommendationFromSettings } from '../sizing/fromSettings';
import { formatBytes } from '../sizing/size';
import { readNumbers } from './format';

export type HoverSizingFacts = { kind: 'known'; recommendation: ConntrackRecommendation } | { kind: 'error'; error: string } | { kind: 'unknown' };

/** The recommendation for the configured RAM and architecture, if the settings give both. */
export function sizingFacts(settings: EngineSettings): HoverSizingFacts {
  const result = recommendationFromSettings(settings.sizing, settings.kernelVersion);
  if (!result) return { kind: 'unknown' };
  return result.ok ? { kind: 'known', recommendation: result.value } : { kind: 'error', error: result.error };
}

/** Pointer width from the settings (recommendation first, then the architecture alone), else 64. */
function pointerBits(settings: EngineSettings, facts: HoverSizingFacts): { bits: PointerBits; assumed: boolean } {
  if (facts.kind === 'known') return { bits: facts.recommendation.architecture.bits, assumed: false };
  const arch = settings.sizing.architecture ? architectureFromUname(settings.sizing.architecture) : undefined;
  return arch?.ok ? { bits: arch.value.bits, assumed: false } : { bits: 64, assumed: true };
}

/** The last positive whole number this document assigns to nf_conntrack_buckets (or one of its other names). */
export function documentBuckets(document: ParsedDocument | undefined): number | undefined {
  let found: number | undefined;
  for (const line of document?.lines ?? []) {
    if (line.kind !== 'setting' || resolveKey(line.key.canonical)?.spec.name !== CONNTRACK_BUCKETS_KEY) continue;
    const read = readNumbers(line.value.text);
    const first = read.ok ? read.numbers[0]?.value : undefined;
    if (first !== undefined && first > 0n && first <= BigInt(Number.MAX_SAFE_INTEGER)) found = Number(first);
  }
  return found;
}

function ramShare(bytes: number, memBytes: number): string {
  const value = (bytes / memBytes) * 100;
  return `${value < 0.1 ? value.toFixed(2) : value.toFixed(1)}% of RAM`;
}

/** "47.2 GiB RAM, x86_64" */
function machine(rec: ConntrackRecommendation): string {
  return `${formatBytes(rec.input.memBytes)} RAM (${rec.architecture.name})`;
}

/** The single value written on the line, when it is one whole number the kernel reads. */
export function singleNumber(valueText: string | undefined): bigint | undefined {
  if (valueText === undefined) return undefined;
  const read = readNumbers(valueText);
  return read.ok && read.numbers.length >= 1 ? read.numbers[0].value : undefined;
}

const SETTINGS_HINT = 'Set `sysctl.sizing.memTotal` and `sysctl.sizing.architecture` to see the kernel default and the formula value for your RAM.';

/**
 * Markdown bullet lines about memory for nf_conntrack_max / nf_conntrack_buckets; empty for other
 * keys. `valueText` is the value written on the hovered line, if any.
 */
export function conntrackMemoryLines(keyName: string, valueText: string | undefined, settings: EngineSettings, document?: ParsedDocument): string[] {
  if (keyName !== CONNTRACK_MAX_KEY && keyName !== CONNTRACK_BUCKETS_KEY) return [];
  const facts = sizingFacts(settings);
  const { bits, assumed } = pointerBits(settings, facts);
  const bucketBytes = pointerBytes(bits);
  const widthNote = assumed ? `${bits}-bit assumed` : `${bits}-bit`;
  const lines: string[] = [];
  const value = singleNumber(valueText);

  if (keyName === CONNTRACK_MAX_KEY) {
    if (value === 0n) {
      lines.push('`0` sets no limit at all, so a full table has no size bound.');
    } else if (value !== undefined && value > 0n && value <= 2147483647n) {
      const entries = Number(value);
      const fromFile = documentBuckets(document);
      const ramBuckets = facts.kind === 'known' ? facts.recommendation.kernelDefault?.buckets : undefined;
      const buckets = fromFile ?? ramBuckets ?? entries;
      const source =
        fromFile !== undefined ? 'nf_conntrack_buckets from this file' : ramBuckets !== undefined ? 'the default bucket count for this RAM' : 'assuming one bucket per entry';
      const bytes = tableMemory(entries, buckets, bits);
      const share = facts.kind === 'known' ? `, ${ramShare(bytes, facts.recommendation.input.memBytes)}` : '';
      lines.push(
        `At \`${entries}\` entries a full table uses about **${formatBytes(bytes)}**${share}: ${entries} × ${CONNTRACK_BYTES_PER_ENTRY} B per entry + ` +
          `${buckets} buckets × ${bucketBytes} B (${source}; ${widthNote}). The limit counts per network namespace: each one that tracks connections may hold that many.`,
      );
    }
  } else if (value !== undefined && value > 0n && value <= 4294967295n) {
    const buckets = Number(value);
    lines.push(
      `At \`${buckets}\` buckets the hash table itself takes ${formatBytes(buckets * bucketBytes)} (${bucketBytes} B per bucket, ${widthNote}); entries are counted separately.`,
    );
  }

  if (facts.kind === 'known') {
    const rec = facts.recommendation;
    const kd = rec.kernelDefault;
    if (kd) {
      lines.push(
        keyName === CONNTRACK_MAX_KEY
          ? `Kernel ${rec.input.kernelVersion} default for ${machine(rec)}: \`${kd.conntrackMax}\` entries with ${kd.buckets} buckets; a full table takes about ${formatBytes(kd.fullTable.bytes)}.`
          : `Kernel ${rec.input.kernelVersion} default for ${machine(rec)}: \`${kd.buckets}\` buckets (nf_conntrack_max then defaults to ${kd.conntrackMax}).`,
      );
    }
    lines.push(
      keyName === CONNTRACK_MAX_KEY
        ? `Formula RAM / 16384 / (${rec.architecture.bits} / 32): \`${rec.formula.conntrackMax}\` entries; a full table takes about ${formatBytes(rec.formula.fullTable.bytes)} (${ramShare(rec.formula.fullTable.bytes, rec.input.memBytes)}).`
        : `For the formula's nf_conntrack_max = ${rec.formula.conntrackMax}: \`${rec.formula.buckets}\` buckets, ${rec.formula.reason}.`,
    );
    for (const warning of rec.warnings) lines.push(`Note: ${warning}`);
  } else if (facts.kind === 'error') {
    lines.push(`Sizing settings not usable: ${facts.error}`);
  } else {
    lines.push(SETTINGS_HINT);
  }
  return lines;
}
