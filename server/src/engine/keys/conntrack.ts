/**
 * net.netfilter.* keys: connection tracking (nf_conntrack_*) plus the flowtable and lwtunnel
 * switches that live in the same directory. Facts from docs/reference/kernel-keys.md §0, §2 and
 * §3; texts are our own summaries.
 */

import { JIFFIES_SECONDS, U8_COUNT, U8_SWITCH, U8_SWITCH_WAS_INT, ULONG_MINMAX_BEFORE_5_2 } from './shapes';
import type { KeySpec, Requirement, ValueNote } from './types';

const DOC = 'https://docs.kernel.org/networking/nf_conntrack-sysctl.html#proc-sys-net-netfilter-nf-conntrack-variables';

const CONNTRACK: Requirement = {
  module: 'nf_conntrack',
  note: 'The key appears only once nf_conntrack is loaded (or built in); at boot that is often after systemd-sysctl has run.',
};

/** TCP, UDP and ICMP tracker keys: on older kernels nf_conntrack_ipv4 registered them. */
const CONNTRACK_L4_IPV4: Requirement = {
  ...CONNTRACK,
  legacyModule: { module: 'nf_conntrack_ipv4', before: '4.19', beforeUnverified: true },
};

const CONNTRACK_ICMPV6: Requirement = {
  ...CONNTRACK,
  legacyModule: { module: 'nf_conntrack_ipv6', before: '4.19', beforeUnverified: true },
};

const ZERO_TIMEOUT: ValueNote = {
  value: '0',
  meaning: 'Accepted by the kernel, but a zero timeout lets matching entries expire at once; almost certainly a mistake.',
  severity: 'warning',
};

const TIMEOUT_BASE = {
  subsystem: 'conntrack',
  value: JIFFIES_SECONDS,
  scope: 'netns',
  valueNotes: [ZERO_TIMEOUT],
  docUrl: DOC,
} as const;

interface TimeoutFacts {
  readonly summary: string;
  readonly description: string;
  readonly defaultValue: string;
  readonly requires: Requirement;
  readonly extra?: Partial<KeySpec>;
}

function timeout(name: string, facts: TimeoutFacts): KeySpec {
  return {
    ...TIMEOUT_BASE,
    name: `net.netfilter.${name}`,
    summary: facts.summary,
    description: facts.description,
    default: { value: facts.defaultValue },
    requires: facts.requires,
    ...facts.extra,
  };
}

const TCP_STATE_NOTE =
  'Seconds a tracked TCP connection may stay idle in this state before its entry is dropped. ' + 'Per network namespace; negative and zero values are accepted without complaint.';

function tcpTimeout(state: string, defaultValue: string, what: string, extra?: Partial<KeySpec>): KeySpec {
  return timeout(`nf_conntrack_tcp_timeout_${state}`, {
    summary: `Idle timeout for tracked TCP connections ${what}.`,
    description: TCP_STATE_NOTE,
    defaultValue,
    requires: CONNTRACK_L4_IPV4,
    extra,
  });
}

const SCTP: Requirement = { ...CONNTRACK, config: 'CONFIG_NF_CT_PROTO_SCTP' };

function sctpTimeout(state: string, defaultValue: string, what: string, extra?: Partial<KeySpec>): KeySpec {
  return timeout(`nf_conntrack_sctp_timeout_${state}`, {
    summary: `Idle timeout for tracked SCTP associations ${what}.`,
    description:
      'Seconds a tracked SCTP association may stay idle in this state. Exists only when SCTP ' +
      'tracking is built (CONFIG_NF_CT_PROTO_SCTP). Before the 2023 SCTP rework the kernel ' +
      'documentation listed different numbers; the values here are what current code uses.',
    defaultValue,
    requires: SCTP,
    extra,
  });
}

/** The SCTP rework (a44b7651489f) that removed heartbeat_acked; the new defaults probably came with it. */
const SCTP_REWORK_DEFAULTS_NOTE = 'The old value was probably changed by the same 2023 series that reached 6.2, but that is not verified.';

function sctpShutdown(state: string, what: string): KeySpec {
  return sctpTimeout(state, '3', what, {
    default: {
      value: '3',
      history: [
        {
          before: '6.2',
          beforeUnverified: true,
          value: '0',
          note: `Older kernels used 300 ms, which reads back as 0 because the file shows whole seconds. ${SCTP_REWORK_DEFAULTS_NOTE}`,
        },
      ],
    },
    unverified: ['defaultHistory'],
  });
}

const DCCP_DEFAULT_NOTE = 'DCCP tracking was removed in 6.17 (fd72f265bb00); use of DCCP itself is rare.';

function dccpTimeout(state: string, defaultValue: string, what: string): KeySpec {
  return timeout(`nf_conntrack_dccp_timeout_${state}`, {
    summary: `Idle timeout for tracked DCCP connections ${what} (removed in 6.17).`,
    description:
      'Seconds a tracked DCCP connection may stay idle in this state. ' + `${DCCP_DEFAULT_NOTE} On 6.17 and later the key does not exist and sysctl reports it as missing.`,
    defaultValue,
    requires: { ...CONNTRACK, config: 'CONFIG_NF_CT_PROTO_DCCP' },
    extra: {
      removedIn: '6.17',
      replacedBy: 'Nothing: delete the line (DCCP connection tracking no longer exists).',
      unverified: ['default'],
    },
  });
}

export const CONNTRACK_KEYS: readonly KeySpec[] = [
  {
    name: 'net.netfilter.nf_conntrack_max',
    subsystem: 'conntrack',
    summary: 'Most connections each network namespace may track (one value for all, set from the host).',
    description:
      'Upper limit on tracked connections (one entry per connection, even though each is hashed ' +
      "twice), checked against the count of the packet's network namespace (nf_conntrack_count): " +
      'every namespace that tracks connections, such as a container with its own firewall rules, ' +
      'may hold this many, and all of them share one hash table. At the limit the kernel first tries ' +
      'to evict an entry that is not yet assured; if that fails the new packet is dropped and ' +
      '"nf_conntrack: table full, dropping packet" is logged. New connections then fail at random ' +
      'while established ones keep working. One value for the whole host: only the initial network ' +
      'namespace may change it, others see it read-only.',
    advice:
      'Raise it together with nf_conntrack_buckets and budget roughly 384 bytes per entry (plus 8 ' +
      'bytes per bucket on 64-bit); where many namespaces track connections, budget for the sum of ' +
      'their counts. Typical candidates: NAT gateways, Kubernetes nodes, busy DNS resolvers.',
    value: {
      kind: 'integer',
      unit: 'entries',
      width: 'int',
      handler: 'int-minmax',
      min: 0,
      max: 'INT_MAX',
      outOfRange: 'einval',
      history: [
        {
          before: '6.15',
          outOfRange: 'accepted',
          negativeWraps: true,
          note: 'Before 6.15 (and the 2025 stable backports, 5.4.y included) any int was accepted; ' + 'a negative number such as -1 was stored as 4294967295.',
        },
      ],
    },
    default: {
      computed:
        'Computed once when conntrack initialises. Since 5.15 it equals the auto-sized ' +
        'nf_conntrack_buckets; when the bucket count is given explicitly (hashsize= module ' +
        'parameter) it is 8 × that count instead.',
      observed: '262144',
      history: [
        {
          before: '5.15',
          computed:
            '4 × the auto-sized bucket count (8 × when hashsize is given): 262144 above 4 GiB of ' +
            "RAM, 65536 between 1 and 4 GiB, and four times today's value at or below 1 GiB.",
        },
        {
          computed: 'In the original ip_conntrack code (2.4 / early 2.6): 8 × buckets, which gave 65536 ' + 'above 1 GiB.',
        },
      ],
    },
    scope: 'init-netns-only',
    scopeNote:
      "One value for the whole host, compared with each namespace's own count. Other namespaces see it " +
      'read-only (writes fail with permission denied); a separate value per namespace was proposed in ' +
      '2025 but is not in 6.18.',
    aliases: ['net.nf_conntrack_max'],
    requires: CONNTRACK,
    valueNotes: [
      {
        value: '0',
        meaning: 'No limit at all: the kernel only checks the limit when it is non-zero.',
        severity: 'warning',
      },
    ],
    relations: [
      {
        kind: 'related',
        key: 'net.netfilter.nf_conntrack_buckets',
        enforcement: 'none',
        note: 'Size the hash together with the limit: since 5.15 the kernel aims at one bucket per entry.',
      },
    ],
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_buckets',
    subsystem: 'conntrack',
    summary: 'Size of the conntrack hash table (number of buckets).',
    description:
      'Number of hash buckets for tracked connections; same value as the nf_conntrack hashsize ' +
      'module parameter. Writing it resizes the table live. Changing it does not change ' +
      'nf_conntrack_max. Older kernels made it read-only; it became writable from the initial ' +
      'namespace by 4.14 at the latest (probably 4.7). Above 268,435,455 on 64-bit (a negative ' +
      'number counts as huge), or when the memory cannot be allocated, the write fails with ENOMEM ' +
      'and the old table stays.',
    advice:
      'More buckets give shorter chains at 8 bytes each on 64-bit. In sysctl.conf it only takes ' +
      'effect once the module is loaded; the portable route is "options nf_conntrack hashsize=N" ' +
      'in modprobe.d (or nf_conntrack.hashsize=N on the kernel command line when built in), which ' +
      'also makes the default nf_conntrack_max 8 × N.',
    value: {
      kind: 'integer',
      unit: 'buckets',
      width: 'uint',
      handler: 'custom',
      min: 1,
      outOfRange: 'einval',
      adjustment: 'Rounded up to fill whole pages of bucket heads: a multiple of 512 on 64-bit kernels with ' + '4 KiB pages (1000 becomes 1024, 262145 becomes 262656).',
    },
    default: {
      computed:
        'RAM / 16384 / pointer size (MemTotal in KiB / 128 on 64-bit), then since 5.15: 262144 on ' +
        '64-bit above 4 GiB, 65536 above 1 GiB, at least 1024; finally rounded up to the page multiple.',
      observed: '262144',
      history: [
        {
          before: '5.15',
          computed: 'Same formula, capped at 65536 above 4 GiB and 16384 above 1 GiB, at least 32.',
        },
        {
          before: '4.0',
          beforeUnverified: true,
          computed: 'Capped at 16384 above 1 GiB, at least 32 (the 4 GiB step arrived in 3.19 or 4.0).',
        },
      ],
    },
    scope: 'init-netns-only',
    scopeNote: 'Writable only from the initial namespace; elsewhere writes fail with permission denied.',
    writableSince: '4.7',
    requires: CONNTRACK,
    valueNotes: [{ value: '0', meaning: 'Refused by the kernel (EINVAL).', severity: 'warning' }],
    relations: [
      {
        kind: 'related',
        key: 'net.netfilter.nf_conntrack_max',
        enforcement: 'none',
        note: 'Resizing the hash leaves the connection limit unchanged.',
      },
    ],
    unverified: ['writableSince'],
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_count',
    subsystem: 'conntrack',
    summary: 'Current number of tracked connections (read-only).',
    description: 'Shows how many entries the table holds right now in this namespace. It is a counter, not ' + 'a setting: any assignment in a sysctl file fails.',
    value: { kind: 'integer', unit: 'entries', width: 'int', handler: 'int', outOfRange: 'accepted' },
    default: {},
    scope: 'netns',
    readOnly: true,
    requires: CONNTRACK,
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_expect_max',
    subsystem: 'conntrack',
    summary: 'Most expectations (related-connection slots used by helpers) each network namespace may hold.',
    description:
      'Limits how many expected related connections (FTP data, SIP media, ...) conntrack helpers may ' +
      'hold, counted per network namespace; past it new ones fail and "nf_conntrack: expectation table ' +
      'full" is logged. One value for all namespaces; only the initial namespace may change it.',
    value: {
      kind: 'integer',
      unit: 'expectations',
      width: 'int',
      handler: 'int-minmax',
      min: 1,
      max: 'INT_MAX',
      outOfRange: 'einval',
      history: [
        {
          before: '6.15',
          outOfRange: 'accepted',
          negativeWraps: true,
          note: 'Before 6.15 (and the 2025 stable backports) any int was accepted, including 0 and negatives.',
        },
      ],
    },
    default: {
      computed:
        '4 × the expectation hash size, which is nf_conntrack_buckets / 256 (at least 1) unless the ' +
        'expect_hashsize module parameter is set. The kernel documentation gives the hash size ' +
        'formula as if it were the limit, which is 4 × too small.',
      observed: '4096',
    },
    scope: 'init-netns-only',
    requires: CONNTRACK,
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_checksum',
    subsystem: 'conntrack',
    summary: 'Verify layer-4 checksums of tracked packets.',
    description: 'When on, packets with a bad TCP/UDP/ICMP checksum are classified INVALID instead of ' + 'being tracked. Per namespace.',
    value: U8_SWITCH_WAS_INT,
    default: { value: '1' },
    scope: 'netns',
    requires: CONNTRACK,
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_log_invalid',
    subsystem: 'conntrack',
    summary: 'Log packets that conntrack considers INVALID, for one IP protocol number.',
    description:
      'The value is an IP protocol number whose invalid packets get logged (255 logs every ' +
      'protocol, 0 disables). Up to at least 6.12 a logger must already be loaded (nf_log_syslog, ' +
      'or nfnetlink_log bound), or nothing is printed; kernels from about 6.17 load nf_log_syslog ' +
      'when the key is set non-zero.',
    value: { ...U8_COUNT, unit: 'protocol-number', handler: 'u8-minmax' },
    default: { value: '0' },
    scope: 'netns',
    requires: CONNTRACK,
    valueNotes: [
      { value: '0', meaning: 'Logging off.', severity: 'info' },
      { value: '1', meaning: 'ICMP.', severity: 'info' },
      { value: '6', meaning: 'TCP.', severity: 'info' },
      { value: '17', meaning: 'UDP.', severity: 'info' },
      { value: '33', meaning: 'DCCP.', severity: 'info' },
      { value: '41', meaning: 'ICMPv6.', severity: 'info' },
      { value: '136', meaning: 'UDP-Lite.', severity: 'info' },
      { value: '255', meaning: 'Every protocol.', severity: 'info' },
    ],
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_acct',
    subsystem: 'conntrack',
    summary: 'Keep per-connection byte and packet counters.',
    description: 'Adds an accounting extension to new entries (costs memory per connection). The default ' + 'follows the nf_conntrack module parameter acct.',
    value: U8_SWITCH,
    default: { value: '0' },
    scope: 'netns',
    requires: CONNTRACK,
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_timestamp',
    subsystem: 'conntrack',
    summary: 'Record start and stop timestamps of tracked connections.',
    description: 'Adds a timestamp extension to new entries. The default follows the module parameter ' + 'tstamp; needs CONFIG_NF_CONNTRACK_TIMESTAMP.',
    value: U8_SWITCH,
    default: { value: '0' },
    scope: 'netns',
    requires: { ...CONNTRACK, config: 'CONFIG_NF_CONNTRACK_TIMESTAMP' },
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_events',
    subsystem: 'conntrack',
    summary: 'Generate connection tracking events for ctnetlink listeners.',
    description: '0 disables events, 1 always allocates the event extension, 2 (auto) allocates it only ' + 'when a ctnetlink listener exists. Values above 2 are refused.',
    value: {
      kind: 'enum',
      width: 'u8',
      handler: 'u8-minmax',
      min: 0,
      max: 2,
      outOfRange: 'einval',
      unlisted: 'einval',
      values: [
        { value: 0, label: 'off', meaning: 'No events, except for connections the ruleset asks them for (nft ct event set, iptables CT --ctevents).' },
        { value: 1, label: 'on', meaning: 'Events for every connection.' },
        { value: 2, label: 'auto', meaning: 'Events for connections created while a ctnetlink event listener exists; older ones never report, not even their end.' },
      ],
    },
    default: {
      value: '2',
      history: [
        {
          value: '1',
          note: 'Older kernels offered only 0 and 1 and defaulted to 1; the switch to "auto" came around 5.15/5.16.',
        },
      ],
    },
    scope: 'netns',
    requires: CONNTRACK,
    unverified: ['defaultHistory'],
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_events_retry_timeout',
    subsystem: 'conntrack',
    summary: 'Retry interval for re-delivering conntrack events (removed).',
    description:
      'Seconds between attempts to re-deliver events that a ctnetlink listener missed. It ' +
      'existed in the 3.x/4.x series and is absent from current kernels; the release that ' +
      'dropped it is not known.',
    value: JIFFIES_SECONDS,
    default: { value: '15' },
    scope: 'netns',
    absentBy: '6.18',
    replacedBy: 'Nothing: delete the line.',
    requires: CONNTRACK,
    unverified: ['removedIn', 'bounds'],
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_helper',
    subsystem: 'conntrack',
    summary: 'Assign conntrack helpers automatically by port (removed in 6.0).',
    description:
      'Let helpers such as FTP or SIP attach to connections by port number without an explicit ' +
      'rule. Turned off by default in 4.7 for security reasons; the sysctl and the matching ' +
      'module parameter were removed in 6.0, so the line fails with "cannot stat" there.',
    value: { kind: 'boolean', width: 'u8', handler: 'custom', otherValues: 'unknown' },
    default: { value: '0', history: [{ before: '4.7', value: '1' }] },
    scope: 'netns',
    since: '3.5',
    removedIn: '6.0',
    replacedBy: 'Attach helpers explicitly: iptables -j CT --helper, or an nft "ct helper" object and rule.',
    requires: CONNTRACK,
    unverified: ['since'],
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_tcp_loose',
    subsystem: 'conntrack',
    summary: 'Pick up TCP connections already in progress.',
    description:
      'When on, conntrack starts tracking TCP flows it sees mid-stream (after a reboot or ' + 'failover). When off, such flows are not picked up and their packets end up INVALID.',
    value: U8_SWITCH,
    default: { value: '1' },
    scope: 'netns',
    requires: CONNTRACK_L4_IPV4,
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_tcp_be_liberal',
    subsystem: 'conntrack',
    summary: 'Relax TCP window tracking.',
    description:
      'When on, only out-of-window RST segments are marked INVALID; other out-of-window ' + 'packets pass. A common workaround for drops behind asymmetric routing or offload.',
    value: U8_SWITCH,
    default: { value: '0' },
    scope: 'netns',
    requires: CONNTRACK_L4_IPV4,
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_tcp_ignore_invalid_rst',
    subsystem: 'conntrack',
    summary: 'Do not mark out-of-window TCP RST segments INVALID.',
    description: 'When on, RST segments outside the tracked window are not classified INVALID. Added around 5.14.',
    value: U8_SWITCH,
    default: { value: '0' },
    scope: 'netns',
    since: '5.14',
    requires: CONNTRACK,
    unverified: ['since'],
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_tcp_max_retrans',
    subsystem: 'conntrack',
    summary: 'Retransmissions without an ACK before the shorter max_retrans timeout applies.',
    description:
      'After this many retransmissions of the same data without an acknowledgement, the entry ' + 'switches to nf_conntrack_tcp_timeout_max_retrans. Any 0..255 is accepted.',
    value: { ...U8_COUNT, unit: 'packets' },
    default: { value: '3' },
    scope: 'netns',
    requires: CONNTRACK_L4_IPV4,
    docUrl: DOC,
  },

  // TCP state timeouts.
  tcpTimeout('syn_sent', '120', 'after a SYN was seen'),
  tcpTimeout('syn_recv', '60', 'after a SYN-ACK was seen'),
  tcpTimeout('established', '432000', 'in the established state (5 days)', {
    advice:
      'Often shortened (86400 or 7200) so idle or half-dead flows stop pinning the table. Too ' +
      'short breaks long-idle TCP through NAT (SSH, database pools): the entry is forgotten and ' +
      'the next packet is INVALID or leaves un-NATed. Keep it above tcp_keepalive_time.',
    relations: [
      {
        kind: 'related',
        key: 'net.ipv4.tcp_keepalive_time',
        enforcement: 'none',
        note: 'Keepalives only keep NAT entries alive when they fire before this timeout.',
      },
    ],
  }),
  tcpTimeout('fin_wait', '120', 'after the first FIN'),
  tcpTimeout('close_wait', '60', 'after a FIN from the other side'),
  tcpTimeout('last_ack', '30', 'while waiting for the last ACK'),
  tcpTimeout('time_wait', '120', 'in TIME_WAIT'),
  tcpTimeout('close', '10', 'after an RST (closed)'),
  tcpTimeout('max_retrans', '300', 'once nf_conntrack_tcp_max_retrans retransmissions went unanswered'),
  tcpTimeout('unacknowledged', '300', 'while data stays unacknowledged'),

  // UDP, ICMP, generic, GRE.
  timeout('nf_conntrack_udp_timeout', {
    summary: 'Idle timeout for UDP flows seen in one direction only.',
    description: 'Seconds an unreplied UDP flow stays tracked. Per namespace.',
    defaultValue: '30',
    requires: CONNTRACK_L4_IPV4,
  }),
  timeout('nf_conntrack_udp_timeout_stream', {
    summary: 'Idle timeout for UDP flows that saw traffic both ways.',
    description: 'Seconds a bidirectional ("stream") UDP flow stays tracked after its last packet. Per namespace.',
    defaultValue: '120',
    requires: CONNTRACK_L4_IPV4,
    extra: {
      default: {
        value: '120',
        history: [{ value: '180', note: 'Older kernels (3.0.8 for example) used 180 s; the release that changed it is not known.' }],
      },
      unverified: ['defaultHistory'],
    },
  }),
  timeout('nf_conntrack_icmp_timeout', {
    summary: 'Idle timeout for tracked ICMP flows.',
    description: 'Seconds an ICMP flow (echo request/reply and similar) stays tracked.',
    defaultValue: '30',
    requires: CONNTRACK_L4_IPV4,
  }),
  timeout('nf_conntrack_icmpv6_timeout', {
    summary: 'Idle timeout for tracked ICMPv6 flows.',
    description: 'Seconds an ICMPv6 flow stays tracked.',
    defaultValue: '30',
    requires: CONNTRACK_ICMPV6,
  }),
  timeout('nf_conntrack_generic_timeout', {
    summary: 'Idle timeout for layer-4 protocols without a dedicated tracker.',
    description: 'Seconds a flow of an otherwise unknown transport protocol stays tracked.',
    defaultValue: '600',
    requires: CONNTRACK,
  }),
  timeout('nf_conntrack_gre_timeout', {
    summary: 'Idle timeout for GRE flows seen in one direction only.',
    description: 'Seconds an unreplied GRE flow stays tracked. Needs CONFIG_NF_CT_PROTO_GRE.',
    defaultValue: '30',
    requires: { ...CONNTRACK, config: 'CONFIG_NF_CT_PROTO_GRE' },
  }),
  timeout('nf_conntrack_gre_timeout_stream', {
    summary: 'Idle timeout for GRE flows that saw traffic both ways.',
    description: 'Seconds a bidirectional GRE flow stays tracked. Needs CONFIG_NF_CT_PROTO_GRE.',
    defaultValue: '180',
    requires: { ...CONNTRACK, config: 'CONFIG_NF_CT_PROTO_GRE' },
  }),

  // SCTP.
  sctpTimeout('closed', '10', 'in the CLOSED state'),
  sctpTimeout('cookie_wait', '3', 'in COOKIE_WAIT'),
  sctpTimeout('cookie_echoed', '3', 'in COOKIE_ECHOED'),
  sctpTimeout('established', '210', 'in the established state', {
    default: {
      value: '210',
      history: [{ before: '6.2', beforeUnverified: true, value: '432000', note: SCTP_REWORK_DEFAULTS_NOTE }],
    },
    unverified: ['defaultHistory'],
  }),
  sctpShutdown('shutdown_sent', 'after SHUTDOWN was sent'),
  sctpShutdown('shutdown_recd', 'after SHUTDOWN was received'),
  sctpShutdown('shutdown_ack_sent', 'after SHUTDOWN_ACK was sent'),
  sctpTimeout('heartbeat_sent', '30', 'after a HEARTBEAT was sent'),
  sctpTimeout('heartbeat_acked', '210', 'after a HEARTBEAT was acknowledged (removed in 6.2)', {
    description:
      'Seconds a tracked SCTP association could stay idle after an acknowledged heartbeat. The ' +
      '2023 rework (a44b7651489f, in 6.2 and several stable branches) folded this state into ' +
      'the established state, so the key no longer exists.',
    removedIn: '6.2',
    replacedBy: 'net.netfilter.nf_conntrack_sctp_timeout_established',
  }),

  // DCCP (removed in 6.17).
  dccpTimeout('request', '240', 'in REQUEST'),
  dccpTimeout('respond', '480', 'in RESPOND'),
  dccpTimeout('partopen', '480', 'in PARTOPEN'),
  dccpTimeout('open', '43200', 'in OPEN'),
  dccpTimeout('closereq', '64', 'in CLOSEREQ'),
  dccpTimeout('closing', '64', 'in CLOSING'),
  dccpTimeout('timewait', '240', 'in TIMEWAIT'),
  {
    name: 'net.netfilter.nf_conntrack_dccp_loose',
    subsystem: 'conntrack',
    summary: 'Pick up DCCP connections already in progress (removed in 6.17).',
    description: `When on, DCCP flows seen mid-stream are tracked. ${DCCP_DEFAULT_NOTE}`,
    value: U8_SWITCH,
    default: { value: '1' },
    scope: 'netns',
    removedIn: '6.17',
    replacedBy: 'Nothing: delete the line (DCCP connection tracking no longer exists).',
    requires: { ...CONNTRACK, config: 'CONFIG_NF_CT_PROTO_DCCP' },
    docUrl: DOC,
  },

  // IPv6 reassembly inside conntrack.
  timeout('nf_conntrack_frag6_timeout', {
    summary: 'How long conntrack keeps IPv6 fragments waiting for reassembly.',
    description: 'Seconds an incomplete IPv6 fragment queue is kept before it is dropped. Needs IPv6 defragmentation in conntrack.',
    defaultValue: '60',
    requires: CONNTRACK,
  }),
  {
    name: 'net.netfilter.nf_conntrack_frag6_low_thresh',
    subsystem: 'conntrack',
    summary: 'Lower bound of nf_conntrack_frag6_high_thresh; current kernels use it for nothing else.',
    description:
      'Since the 4.17 fragment rework nothing prunes reassembly memory down to this level: it only ' +
      'bounds the high threshold from below. The kernel refuses a low threshold above the high one.',
    value: {
      kind: 'integer',
      unit: 'bytes',
      width: 'ulong',
      handler: 'ulong-minmax',
      min: 0,
      outOfRange: 'einval',
      history: [ULONG_MINMAX_BEFORE_5_2],
    },
    default: {
      value: '3145728',
      history: [
        {
          before: '4.17',
          beforeUnverified: true,
          value: '196608',
          note: 'Value from before the 2018 fragment rework; the kernel documentation still quotes it.',
        },
      ],
    },
    scope: 'netns',
    requires: CONNTRACK,
    relations: [
      {
        kind: 'at-most',
        key: 'net.netfilter.nf_conntrack_frag6_high_thresh',
        enforcement: 'einval',
        note: 'A low threshold above the current high threshold is refused.',
      },
    ],
    unverified: ['defaultHistory'],
    docUrl: DOC,
  },
  {
    name: 'net.netfilter.nf_conntrack_frag6_high_thresh',
    subsystem: 'conntrack',
    summary: 'Maximum memory for IPv6 fragments awaiting reassembly in conntrack.',
    description:
      'Bytes of fragment memory allowed; above it every arriving fragment is dropped until expiring or ' +
      'completed datagrams free memory. The kernel refuses a high threshold below the low one.',
    value: {
      kind: 'integer',
      unit: 'bytes',
      width: 'ulong',
      handler: 'ulong-minmax',
      min: 0,
      outOfRange: 'einval',
      history: [ULONG_MINMAX_BEFORE_5_2],
    },
    default: {
      value: '4194304',
      history: [
        {
          before: '4.17',
          beforeUnverified: true,
          value: '262144',
          note: 'Value from before the 2018 fragment rework; the kernel documentation still quotes it.',
        },
      ],
    },
    scope: 'netns',
    requires: CONNTRACK,
    relations: [
      {
        kind: 'at-least',
        key: 'net.netfilter.nf_conntrack_frag6_low_thresh',
        enforcement: 'einval',
        note: 'A high threshold below the current low threshold is refused.',
      },
    ],
    unverified: ['defaultHistory'],
    docUrl: DOC,
  },

  // Flowtable offload and lwtunnel hooks (same directory, not conntrack proper).
  timeout('nf_flowtable_tcp_timeout', {
    summary: 'Idle timeout for TCP flows in a netfilter flowtable.',
    description: 'Seconds an offloaded TCP flow stays in the flowtable without traffic. Needs CONFIG_NF_FLOW_TABLE.',
    defaultValue: '30',
    requires: { module: 'nf_conntrack', config: 'CONFIG_NF_FLOW_TABLE' },
    extra: { subsystem: 'netfilter' },
  }),
  timeout('nf_flowtable_udp_timeout', {
    summary: 'Idle timeout for UDP flows in a netfilter flowtable.',
    description: 'Seconds an offloaded UDP flow stays in the flowtable without traffic. Needs CONFIG_NF_FLOW_TABLE.',
    defaultValue: '30',
    requires: { module: 'nf_conntrack', config: 'CONFIG_NF_FLOW_TABLE' },
    extra: { subsystem: 'netfilter' },
  }),
  {
    name: 'net.netfilter.nf_hooks_lwtunnel',
    subsystem: 'netfilter',
    summary: 'Run netfilter hooks for lightweight-tunnel traffic (cannot be switched back off).',
    description:
      'Enables netfilter hooks on lightweight tunnels. It is a one-way switch: once set to 1, writing 0 ' +
      'fails with EBUSY. Added around 5.15; on 6.1 it is part of the nf_conntrack table, so it exists ' +
      'once that module is loaded.',
    value: { kind: 'boolean', width: 'int', handler: 'custom', otherValues: 'einval' },
    default: { value: '0' },
    scope: 'global',
    scopeNote: 'One switch for the whole kernel, although every network namespace shows the file and may write ' + 'it: a container with CAP_NET_ADMIN turns it on for the host.',
    since: '5.15',
    unverified: ['since'],
    docUrl: DOC,
  },
];
