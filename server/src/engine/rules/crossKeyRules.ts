import { defineRule } from './defineRule';
import { compareKernelVersions, formatKernelVersion, parseKernelVersion } from '../kernelVersion';
import { CONNTRACK_BYTES_PER_ENTRY, formulaMax, tableMemory } from '../sizing/conntrack';
import { formatBytes } from '../sizing/size';
import { spanToRange } from '../text/position';
import { leadingNumbers } from '../values/kernelNumber';
import type { RuleContext, SettingRef } from './context';
import { winning } from './context';
import type { Finding } from './types';
import { pushAll } from '../arrays';
import { kernelRefusesValue } from './valueRules';

const MAX = 'net.netfilter.nf_conntrack_max';
const BUCKETS = 'net.netfilter.nf_conntrack_buckets';

/** The numbers of the winning assignment, when every one of them parses. */
function numbersOf(ref: SettingRef | undefined): bigint[] | undefined {
  if (!ref) return undefined;
  const numbers = leadingNumbers(ref.line.value.text);
  return numbers.length === 0 ? undefined : numbers.map((n) => n.value);
}

/** Every assignment of the given variables, in file order: what the kernel sees, one write at a time. */
function writesInOrder(context: RuleContext, ...targets: readonly string[]): SettingRef[] {
  return targets.flatMap((target) => context.byTarget.get(target) ?? []).sort((a, b) => a.lineNumber - b.lineNumber);
}

function valueRange(ref: SettingRef) {
  return spanToRange(ref.lineNumber, ref.line.value.span);
}

/** Where the numbers the kernel reads end: a fix rewrites them and keeps a `# comment` after them. */
function numbersRange(ref: SettingRef) {
  const numbers = leadingNumbers(ref.line.value.text);
  const start = ref.line.value.span.start;
  return spanToRange(ref.lineNumber, { start, end: numbers.length > 0 ? start + numbers[numbers.length - 1].end : ref.line.value.span.end });
}

function kernelBefore(context: RuleContext, release: string): boolean {
  const parsed = parseKernelVersion(release);
  return parsed.ok && compareKernelVersions(context.kernel, parsed.value) < 0;
}

export function conntrackBucketsRatioRule(context: RuleContext): Finding[] {
  const maxRef = winning(context, MAX);
  const bucketsRef = winning(context, BUCKETS);
  const max = numbersOf(maxRef)?.[0];
  const buckets = numbersOf(bucketsRef)?.[0];
  if (!maxRef || !bucketsRef || max === undefined || buckets === undefined || max <= 0n || buckets <= 0n) return [];
  if (max > 8n * buckets) {
    const chain = Number(max) / Number(buckets);
    return [
      {
        ruleId: 'conntrack-buckets-ratio',
        severity: 'warning',
        range: valueRange(bucketsRef),
        message: `${buckets} buckets for up to ${max} entries: a full table chains about ${chain.toFixed(1)} entries per bucket, which slows every packet's lookup. Use at least nf_conntrack_max / 8 = ${(max + 7n) / 8n} buckets (5.15+ kernels default to one bucket per entry).`,
        related: [{ range: valueRange(maxRef), message: 'nf_conntrack_max' }],
      },
    ];
  }
  // Each connection sits in the hash twice (original and reply direction), so up to 2 x max buckets can fill.
  if (buckets > 2n * max) {
    return [
      {
        ruleId: 'conntrack-buckets-ratio',
        severity: 'info',
        range: valueRange(bucketsRef),
        message: `${buckets} buckets for at most ${max} entries: each connection occupies two hash slots (original and reply), so more than ${2n * max} buckets can never fill, and each costs ${context.machine?.bits === 32 ? 4 : 8} bytes.`,
        related: [{ range: valueRange(maxRef), message: 'nf_conntrack_max' }],
      },
    ];
  }
  return [];
}

/** When RAM is known: what a full table costs, against the machine's memory. */
export function conntrackMemoryRule(context: RuleContext): Finding[] {
  const machine = context.machine;
  const maxRef = winning(context, MAX);
  const max = numbersOf(maxRef)?.[0];
  if (!machine || !maxRef || max === undefined || max <= 0n || max > BigInt(Number.MAX_SAFE_INTEGER)) return [];
  // A bucket count no kernel accepts (negative, or past 2^53 where Number() loses it) says nothing about memory.
  const written = numbersOf(winning(context, BUCKETS))?.[0];
  const buckets = written !== undefined && written >= 0n && written <= BigInt(Number.MAX_SAFE_INTEGER) ? written : max;
  const bytes = tableMemory(Number(max), Number(buckets), machine.bits);
  const share = bytes / machine.memBytes;
  if (share <= 0.1) return [];
  const formula = formulaMax(machine.memBytes, machine.bits).conntrackMax;
  return [
    {
      ruleId: 'conntrack-memory',
      severity: 'warning',
      range: valueRange(maxRef),
      message: `A full table at ${max} entries needs about ${formatBytes(bytes)} of kernel memory (~${CONNTRACK_BYTES_PER_ENTRY} bytes per entry), ${(share * 100).toFixed(0)}% of this machine's ${formatBytes(machine.memBytes)} (${machine.arch}), and each network namespace that tracks connections may fill one. The classic formula gives ${formula}.`,
    },
  ];
}

export function somaxconnTruncatedRule(context: RuleContext): Finding[] {
  const ref = winning(context, 'net.core.somaxconn');
  const value = numbersOf(ref)?.[0];
  if (!ref || value === undefined || value <= 65535n || value > 2147483647n || !kernelBefore(context, '4.1')) return [];
  const kernel = formatKernelVersion(context.kernel);
  const fix = { title: 'Change to 65535', edits: [{ range: numbersRange(ref), newText: '65535' }], isPreferred: true, safe: true };
  if (kernelBefore(context, '3.11')) {
    return [
      {
        ruleId: 'somaxconn-truncated',
        severity: 'error',
        range: valueRange(ref),
        message: `On kernel ${kernel} the listen backlog is 16 bits wide: somaxconn ${value} is accepted but acts as ${value % 65536n}, far below what you meant. Use at most 65535.`,
        fixes: [fix],
      },
    ];
  }
  return [
    {
      ruleId: 'somaxconn-truncated',
      severity: 'error',
      range: valueRange(ref),
      message: `Kernels 3.11 to 4.0 refuse somaxconn above 65535 (EINVAL), so on ${kernel} the value stays at its default. Use at most 65535, or target 4.1 or later.`,
      fixes: [fix],
    },
  ];
}

/**
 * With SYN cookies off, TCP drops a SYN from a peer it has no history with once a listener holds
 * more than `syn - syn / 4` half-open handshakes (tcp_conn_request, 6.1 and 6.12); the backlog
 * itself (at most somaxconn) bounds the queue. The threshold for a tcp_max_syn_backlog value.
 */
function earlyDropThreshold(syn: bigint): bigint {
  return syn - (syn >> 2n);
}

/** The smallest tcp_max_syn_backlog whose early drop starts no sooner than a full backlog. */
function synBacklogFor(backlog: bigint): bigint {
  let syn = (backlog * 4n) / 3n;
  while (earlyDropThreshold(syn) < backlog) syn++;
  while (syn > 0n && earlyDropThreshold(syn - 1n) >= backlog) syn--;
  return syn;
}

export function synBacklogRule(context: RuleContext): Finding[] {
  const somaxRef = winning(context, 'net.core.somaxconn');
  const synRef = winning(context, 'net.ipv4.tcp_max_syn_backlog');
  const somaxconn = numbersOf(somaxRef)?.[0];
  const syn = numbersOf(synRef)?.[0];
  if (!somaxRef || !synRef || somaxconn === undefined || syn === undefined || somaxconn <= 0n) return [];
  const threshold = earlyDropThreshold(syn);
  if (threshold >= somaxconn) return [];
  const cookies = numbersOf(winning(context, 'net.ipv4.tcp_syncookies'))?.[0];
  if (cookies !== 0n) return [];
  return [
    {
      ruleId: 'syn-backlog-vs-somaxconn',
      severity: 'warning',
      range: valueRange(synRef),
      message: `With tcp_syncookies = 0 a listener drops SYNs from peers it has no history with once more than ${threshold < 0n ? 0n : threshold} handshakes are half-open (three quarters of tcp_max_syn_backlog ${syn}), before its backlog (up to somaxconn ${somaxconn}) is full. Raise tcp_max_syn_backlog to at least ${synBacklogFor(somaxconn)}, or enable syncookies.`,
      related: [{ range: valueRange(somaxRef), message: 'net.core.somaxconn' }],
    },
  ];
}

export function portRangeOrderRule(context: RuleContext): Finding[] {
  const ref = winning(context, 'net.ipv4.ip_local_port_range');
  const values = numbersOf(ref);
  if (!ref || !values || values.length < 2) return [];
  const [low, high] = values;
  if (low > high) {
    return [
      {
        ruleId: 'port-range-order',
        severity: 'error',
        range: valueRange(ref),
        message: `The low end (${low}) is above the high end (${high}): the kernel refuses the range (EINVAL) and keeps the old one. Write '${high} ${low}'.`,
        fixes: [{ title: `Swap to '${high} ${low}'`, edits: [{ range: numbersRange(ref), newText: `${high} ${low}` }], isPreferred: true, safe: true }],
      },
    ];
  }
  const refused = low < 1n || high > 65535n;
  if (!refused && low % 2n === high % 2n && low !== high) {
    return [
      {
        ruleId: 'port-range-order',
        severity: 'info',
        range: valueRange(ref),
        message: `Both ends are ${low % 2n === 0n ? 'even' : 'odd'}: connect() splits the range into even and odd halves, and the kernel logs "prefer different parity for start/end values". Make the high end ${high % 2n === 0n ? 'odd' : 'even'} (e.g. ${high % 2n === 0n ? high - 1n : high + 1n > 65535n ? high - 1n : high + 1n}).`,
      },
    ];
  }
  return [];
}

/** A three-number value the kernel stores without checking its order. */
interface Ordered {
  key: string;
  names: readonly string[];
  /** What goes wrong when the numbers are out of order, for the message. */
  consequence: string;
}

const VECTOR_ORDERS: readonly Ordered[] = [
  { key: 'net.ipv4.tcp_rmem', names: ['min', 'default', 'max'], consequence: 'socket buffers then behave oddly' },
  { key: 'net.ipv4.tcp_wmem', names: ['min', 'default', 'max'], consequence: 'socket buffers then behave oddly' },
  // Pages: below min no pressure, above pressure moderate, max the hard limit (not checked either).
  { key: 'net.ipv4.tcp_mem', names: ['min', 'pressure', 'max'], consequence: 'memory pressure then behaves oddly' },
  { key: 'net.ipv4.udp_mem', names: ['min', 'pressure', 'max'], consequence: 'memory pressure then behaves oddly' },
];

export function thresholdOrderRule(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const order of VECTOR_ORDERS) {
    const ref = winning(context, order.key);
    const values = numbersOf(ref);
    if (!ref || !values || values.length < 3) continue;
    const [min, def, max] = values;
    if (min <= def && def <= max) continue;
    findings.push({
      ruleId: 'threshold-order',
      severity: 'warning',
      range: valueRange(ref),
      message: `${order.key} must read ${order.names.join(' <= ')}, but is ${min} ${def} ${max}. The kernel does not check it and ${order.consequence}; sort the three numbers.`,
      fixes: [
        {
          title: 'Sort the three numbers',
          edits: [{ range: numbersRange(ref), newText: [...values.slice(0, 3)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(' ') }],
          safe: true,
        },
      ],
    });
  }
  for (const pair of FRAGMENT_THRESHOLDS) pushAll(findings, fragmentThresholdFindings(context, pair));
  for (const pair of DIRTY_LIMITS) pushAll(findings, dirtyLimitFindings(context, pair));
  pushAll(findings, zeroDirtyLimitFindings(context));
  return findings;
}

/**
 * The background writeback limit and the dirty limit, as ratios or in bytes. The kernel does not
 * refuse a background limit at or above the other: it uses half of the dirty limit instead
 * (domain_dirty_limits in mm/page-writeback.c, 6.1 and 6.12).
 */
const DIRTY_LIMITS = [
  { background: 'vm.dirty_background_ratio', limit: 'vm.dirty_ratio', unit: '%' },
  { background: 'vm.dirty_background_bytes', limit: 'vm.dirty_bytes', unit: ' bytes' },
] as const;
const DIRTY_LIMIT_KEYS = DIRTY_LIMITS.flatMap((pair) => [pair.background, pair.limit]);

function dirtyLimitFindings(context: RuleContext, pair: (typeof DIRTY_LIMITS)[number]): Finding[] {
  // Writing one form of a limit zeroes the other: compare only when the file uses one form for both.
  if (DIRTY_LIMIT_KEYS.some((key) => key !== pair.background && key !== pair.limit && context.byTarget.last(key))) return [];
  const backgroundRef = winning(context, pair.background);
  const limitRef = winning(context, pair.limit);
  const background = numbersOf(backgroundRef)?.[0];
  const limit = numbersOf(limitRef)?.[0];
  // 0 hands the limit to the other form, which the file does not set.
  if (!backgroundRef || !limitRef || background === undefined || limit === undefined || background <= 0n || limit <= 0n || background < limit) return [];
  return [
    {
      ruleId: 'threshold-order',
      severity: 'warning',
      range: valueRange(backgroundRef),
      message: `${shortName(pair.background)} (${background}${pair.unit}) is not below ${shortName(pair.limit)} (${limit}${pair.unit}): the kernel accepts it, but then starts background writeback at half of ${shortName(pair.limit)} instead. Keep ${shortName(pair.background)} below ${shortName(pair.limit)}.`,
      related: [{ range: valueRange(limitRef), message: `The ${shortName(pair.limit)} it must stay below` }],
    },
  ];
}

/**
 * A dirty limit of zero. Writing a new dirty_ratio zeroes dirty_bytes, and a new dirty_bytes
 * zeroes dirty_ratio (dirty_ratio_handler and dirty_bytes_handler, 6.1 and 6.12); with both at 0,
 * domain_dirty_limits gives a limit of 0 pages. The writes are replayed in file order from the
 * boot defaults (ratio 20, bytes 0), those the kernel refuses (a ratio over 100, bytes below two
 * pages) changing nothing, so a `sysctl -a` of a machine limited by bytes (dirty_bytes, then
 * dirty_ratio = 0) is left alone.
 */
function zeroDirtyLimitFindings(context: RuleContext): Finding[] {
  let ratio = 20n;
  let bytes = 0n;
  let zeroedBy: SettingRef | undefined;
  for (const ref of writesInOrder(context, 'vm.dirty_ratio', 'vm.dirty_bytes')) {
    const value = numbersOf(ref)?.[0];
    if (value === undefined || kernelRefusesValue(ref, context)) continue;
    if (ref.target === 'vm.dirty_ratio') {
      if (value === ratio) continue;
      ratio = value;
      bytes = 0n;
      zeroedBy = value === 0n ? ref : undefined;
    } else {
      if (value === bytes) continue;
      bytes = value;
      ratio = 0n;
      zeroedBy = undefined;
    }
  }
  if (!zeroedBy || ratio !== 0n || bytes !== 0n) return [];
  return [
    {
      ruleId: 'threshold-order',
      severity: 'warning',
      range: valueRange(zeroedBy),
      message:
        'vm.dirty_ratio = 0 leaves no dirty limit: on a machine limited by ratio (the default), writing 0 also sets vm.dirty_bytes to 0, and with both at 0 no page may stay dirty, so every buffered write is throttled until writeback catches up. To limit by bytes, set vm.dirty_bytes instead (it sets dirty_ratio to 0 itself).',
    },
  ];
}

/**
 * Reassembly memory thresholds whose bounds are each other (the low one's maximum is the running
 * high one, and the high one's minimum the running low one), with the defaults every namespace
 * starts with: 4 MiB and 3 MiB (IPV6_FRAG_HIGH_THRESH / _LOW_THRESH, ip_fragment.c), the same in
 * 6.1 and 6.12.
 */
const FRAGMENT_THRESHOLDS = [
  { low: 'net.ipv4.ipfrag_low_thresh', high: 'net.ipv4.ipfrag_high_thresh' },
  { low: 'net.ipv6.ip6frag_low_thresh', high: 'net.ipv6.ip6frag_high_thresh' },
  { low: 'net.netfilter.nf_conntrack_frag6_low_thresh', high: 'net.netfilter.nf_conntrack_frag6_high_thresh' },
] as const;
const FRAGMENT_LOW_DEFAULT = 3n * 1024n * 1024n;
const FRAGMENT_HIGH_DEFAULT = 4n * 1024n * 1024n;

function shortName(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

function fragmentThresholdFindings(context: RuleContext, pair: (typeof FRAGMENT_THRESHOLDS)[number]): Finding[] {
  const lowRef = winning(context, pair.low);
  const highRef = winning(context, pair.high);
  const low = numbersOf(lowRef)?.[0];
  const high = numbersOf(highRef)?.[0];
  if (lowRef && highRef && low !== undefined && high !== undefined && low > high) {
    const later = lowRef.lineNumber > highRef.lineNumber ? lowRef : highRef;
    return [
      {
        ruleId: 'threshold-order',
        severity: 'error',
        range: valueRange(later),
        message: `${shortName(pair.low)} (${low}) is above ${shortName(pair.high)} (${high}): the kernel refuses whichever write breaks the order (EINVAL), so one of them keeps its old value. Keep low <= high.`,
        related: [{ range: valueRange(later === lowRef ? highRef : lowRef), message: 'The other threshold' }],
      },
    ];
  }
  // In order at the end, but written one at a time: each write is checked against the other's
  // running value, from the defaults on (as at boot, unless an earlier file changed them).
  const writes = writesInOrder(context, pair.low, pair.high);
  let runningLow = FRAGMENT_LOW_DEFAULT;
  let runningHigh = FRAGMENT_HIGH_DEFAULT;
  const findings: Finding[] = [];
  for (const ref of writes) {
    const value = numbersOf(ref)?.[0];
    if (value === undefined || ref.line.ignoreErrors) continue;
    const isLow = ref.target === pair.low;
    const refused = isLow ? value > runningHigh : value < runningLow;
    if (!refused) {
      if (isLow) runningLow = value;
      else runningHigh = value;
      continue;
    }
    const other = isLow ? pair.high : pair.low;
    const otherNow = isLow ? runningHigh : runningLow;
    const otherIsDefault = otherNow === (isLow ? FRAGMENT_HIGH_DEFAULT : FRAGMENT_LOW_DEFAULT);
    const otherLine = writes.find((w) => w.target === other && w.lineNumber > ref.lineNumber);
    findings.push({
      ruleId: 'threshold-order',
      // Refused for certain when the file itself set the other threshold; against the default, an earlier file may have moved it.
      severity: otherIsDefault ? 'warning' : 'error',
      range: valueRange(ref),
      message:
        `${shortName(ref.target)} = ${value} is ${isLow ? 'above' : 'below'} ${shortName(other)} as it stands when this line is written (${otherNow}${otherIsDefault ? ', the default' : ''}): the kernel refuses the write (EINVAL) and keeps the old value.` +
        (otherLine ? ` Set ${shortName(other)} first: move line ${otherLine.lineNumber + 1} above this one.` : ` Set ${shortName(other)} ${isLow ? 'above' : 'below'} it first.`),
      related: otherLine ? [{ range: valueRange(otherLine), message: `The ${shortName(other)} this write needs first` }] : [],
    });
  }
  return findings;
}

export const conntrackBucketsRatio = defineRule({
  id: 'conntrack-buckets-ratio',
  defaultSeverity: 'warning',
  summary: 'nf_conntrack_buckets does not suit nf_conntrack_max.',
  description: 'Too few buckets make a full table chain many entries per bucket and slow every lookup; more buckets than entries waste memory.',
  check: { scope: 'document', run: conntrackBucketsRatioRule },
});

export const conntrackMemory = defineRule({
  id: 'conntrack-memory',
  defaultSeverity: 'warning',
  summary: "A full conntrack table would take a large share of the machine's RAM.",
  description: 'With RAM and architecture known (sysctl.sizing.* or --mem-total/--arch/--host), a full table is estimated at about 384 bytes per entry plus a pointer per bucket.',
  check: { scope: 'document', run: conntrackMemoryRule },
});

export const somaxconnTruncated = defineRule({
  id: 'somaxconn-truncated',
  defaultSeverity: 'error',
  summary: 'somaxconn above 65535 on a kernel older than 4.1.',
  description: 'Kernels before 3.11 silently truncate the backlog to 16 bits (65536 becomes 0); 3.11 to 4.0 refuse values above 65535.',
  check: { scope: 'document', run: somaxconnTruncatedRule },
});

export const synBacklogVsSomaxconn = defineRule({
  id: 'syn-backlog-vs-somaxconn',
  defaultSeverity: 'warning',
  summary: 'With syncookies off, tcp_max_syn_backlog makes listeners drop new peers before their backlog is full.',
  description:
    'Without syncookies, a listener drops SYNs from peers it has no history with once more than three quarters of tcp_max_syn_backlog handshakes are half-open. When that is below somaxconn, a burst of new clients is turned away before the backlog somaxconn allows can fill.',
  check: { scope: 'document', run: synBacklogRule },
});

export const portRangeOrder = defineRule({
  id: 'port-range-order',
  defaultSeverity: 'error',
  summary: 'ip_local_port_range ends are out of order or of the same parity.',
  description:
    'A low end above the high end is refused (EINVAL). Ends of the same parity work but the kernel logs a warning, since connect() splits the range into even and odd halves.',
  check: { scope: 'document', run: portRangeOrderRule },
});

export const thresholdOrder = defineRule({
  id: 'threshold-order',
  defaultSeverity: 'warning',
  summary: 'Thresholds that must be ordered are not, or the dirty limit is zero.',
  description:
    'tcp_rmem and tcp_wmem must read min <= default <= max, tcp_mem and udp_mem min <= pressure <= max (the kernel does not check). The low and high fragment reassembly thresholds (ipfrag, ip6frag, nf_conntrack_frag6) bound each other: the kernel refuses a low one above the running high one, and a high one below the running low one, so their order in the file matters too. A dirty_background_ratio (or _bytes) at or above dirty_ratio (or _bytes) is accepted, but the kernel then uses half of the dirty limit for background writeback. A new dirty_ratio of 0 also zeroes dirty_bytes, leaving a dirty limit of 0: every buffered write is throttled.',
  check: { scope: 'document', run: thresholdOrderRule },
});
