import { CONNTRACK_BUCKETS_KEY, CONNTRACK_MAX_KEY } from '../actions/conntrackSizing';
import type { ConntrackRecommendation } from './conntrack';
import { CONNTRACK_BYTES_PER_ENTRY } from './conntrack';
import { formatBytes } from './size';

function percent(share: number): string {
  const value = share * 100;
  return `${value < 0.1 ? value.toFixed(2) : value.toFixed(1)}% of RAM`;
}

/** The inputs, the formula, the kernel default and the memory cost, one fact per line. */
export function explainRecommendation(rec: ConntrackRecommendation): string[] {
  const { formula, kernelDefault, architecture, input } = rec;
  const kib = input.memBytes / 1024;
  const memText = Number.isInteger(kib) ? `${kib} kB (${formatBytes(input.memBytes)})` : `${input.memBytes} bytes (${formatBytes(input.memBytes)})`;
  const lines = [
    `MemTotal: ${memText}`,
    `Architecture: ${architecture.name} (${architecture.bits}-bit pointers)`,
    `Formula: nf_conntrack_max = RAM_bytes / 16384 / (${architecture.bits} / 32) = ${formula.conntrackMax}`,
    `Buckets: ${formula.buckets}, ${formula.reason}`,
    `A full table at ${formula.conntrackMax} entries uses about ${formatBytes(formula.fullTable.bytes)} (${percent(formula.fullTable.ramShare)}; ~${CONNTRACK_BYTES_PER_ENTRY} bytes per entry + ${rec.pointerBytes} per bucket)`,
  ];
  if (kernelDefault) {
    lines.push(
      `Kernel ${input.kernelVersion} default: nf_conntrack_max = ${kernelDefault.conntrackMax}, nf_conntrack_buckets = ${kernelDefault.buckets} (full table about ${formatBytes(kernelDefault.fullTable.bytes)})`,
    );
  } else {
    lines.push('Kernel default: unknown (no kernel version given; pass --kernel to compare)');
  }
  for (const warning of rec.warnings) lines.push(`Warning: ${warning}`);
  return lines;
}

/** Lines ready to paste into a sysctl file: the explanation as comments, then the two settings. */
export function recommendationBlock(rec: ConntrackRecommendation, heading: string): string[] {
  return [
    `# ${heading}`,
    ...explainRecommendation(rec).map((line) => `# ${line}`),
    `${CONNTRACK_MAX_KEY} = ${rec.formula.conntrackMax}`,
    `${CONNTRACK_BUCKETS_KEY} = ${rec.formula.buckets}`,
  ];
}
