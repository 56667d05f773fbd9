/**
 * net.ipv4.* TCP keys (backlog, TIME_WAIT, keepalive, buffers) and ip_local_port_range.
 * Facts from docs/reference/kernel-keys.md §0 and §4.2–§4.12; texts are our own summaries.
 */

import { JIFFIES_SECONDS, U8_COUNT } from './shapes';
import type { KeySpec, VectorField } from './types';

const TCP_DOC = 'https://docs.kernel.org/networking/ip-sysctl.html#tcp-variables';
const IP_DOC = 'https://docs.kernel.org/networking/ip-sysctl.html#ip-variables';

function bufferField(name: string, summary: string, min: number): VectorField {
  return { name, summary, unit: 'bytes', width: 'int', min, max: 'INT_MAX', outOfRange: 'einval' };
}

/**
 * tcp_rmem's lower bound is tcp_min_rcvbuf (4096) in the 6.1 and 6.12 sources, and the 6.18
 * kernel refuses 4095 in a network namespace; tcp_wmem's stays SYSCTL_ONE.
 */
const TCP_RMEM_MIN = 4096;
const TCP_WMEM_MIN = 1;

const BUFFER_ORDER_NOTE = 'The kernel does not check the order of the three numbers; a reversed triple is accepted as written.';

export const TCP_KEYS: readonly KeySpec[] = [
  {
    name: 'net.ipv4.tcp_max_syn_backlog',
    subsystem: 'tcp',
    summary: 'With SYN cookies off, when a listener starts turning away new peers during a flood.',
    description:
      'Read only while tcp_syncookies is 0: once a listener holds more than about three quarters of ' +
      'this many half-open handshakes, SYNs from peers TCP has no history with are dropped. It does ' +
      'not size the queue of half-open handshakes: that queue, like the accept queue, is bounded by ' +
      "the listener's listen() backlog, which net.core.somaxconn caps. With cookies on (the default) " +
      'the kernel never reads it. No range check: 0 and negatives are accepted.',
    value: { kind: 'integer', unit: 'requests', width: 'int', handler: 'int', outOfRange: 'accepted' },
    default: {
      computed:
        'max(128, TCP established-hash entries / 128). Since 6.1 a child namespace may have its own ' + 'hash (tcp_child_ehash_entries) and then the default follows that table.',
      observed: '2048',
      history: [{ before: '5.4', computed: 'max(128, TCP established-hash entries / 256), so at most 2048.' }],
    },
    scope: 'netns',
    scopeNote: 'Per namespace in current kernels; older kernels (4.4 era) had one global value. The release that moved it is not known.',
    relations: [
      {
        kind: 'related',
        key: 'net.core.somaxconn',
        enforcement: 'none',
        note: "somaxconn caps a listener's backlog, which bounds both its half-open and its accept queue; this key only adds an earlier drop for unknown peers while cookies are off.",
      },
    ],
    docUrl: TCP_DOC,
  },
  {
    name: 'net.ipv4.tcp_syncookies',
    subsystem: 'tcp',
    summary: 'Answer SYN floods with SYN cookies.',
    description:
      '0 never sends cookies, 1 sends them only when the SYN queue overflows, 2 always sends ' +
      'them. Needs CONFIG_SYN_COOKIES. Any number up to 255 is accepted; only 0 and 2 have a ' +
      'special meaning, others act like 1.',
    advice: 'Leave it at 1. Turning it off exposes listeners to SYN floods.',
    value: {
      kind: 'enum',
      width: 'u8',
      handler: 'u8-minmax',
      min: 0,
      max: 255,
      outOfRange: 'einval',
      unlisted: 'accepted',
      unlistedNote: 'Values 3..255 are stored and behave like 1 (cookies only on overflow).',
      values: [
        { value: 0, label: 'off', meaning: 'Never send SYN cookies.' },
        { value: 1, label: 'on overflow', meaning: 'Send cookies only when the SYN queue is full.' },
        { value: 2, label: 'always', meaning: 'Send cookies for every connection request.' },
      ],
    },
    default: { value: '1' },
    scope: 'netns',
    requires: { config: 'CONFIG_SYN_COOKIES' },
    valueNotes: [{ value: '0', meaning: 'Cookies off: a SYN flood can fill the SYN queue and block new connections.', severity: 'warning' }],
    unverified: ['behaviour'],
    docUrl: TCP_DOC,
  },
  {
    name: 'net.ipv4.ip_local_port_range',
    subsystem: 'ipv4',
    summary: 'Range of local ports picked for outgoing connections: "low high".',
    description:
      'Two numbers, low then high, from which TCP and UDP choose ephemeral source ports. Each ' +
      'must be 1..65535, high must not be below low, and on current kernels low must not be ' +
      'below ip_unprivileged_port_start; otherwise the write is refused. Low and high with the ' +
      'same parity make the kernel log a hint once, because connect() splits the range into ' +
      'even and odd halves. Writing one number changes only the low end.',
    advice: 'Widen it (for example 1024 65535 or 10000 65535) for proxies with many outgoing ' + 'connections, and keep listening ports out of it with ip_local_reserved_ports.',
    value: {
      kind: 'vector',
      handler: 'custom',
      separator: 'whitespace',
      partialWrite: 'leading-fields-only',
      fields: [
        { name: 'low', summary: 'First port of the range.', unit: 'port', width: 'int', min: 1, max: 65535, outOfRange: 'einval' },
        { name: 'high', summary: 'Last port of the range.', unit: 'port', width: 'int', min: 1, max: 65535, outOfRange: 'einval' },
      ],
      order: [{ lower: 'low', upper: 'high', enforcement: 'einval', note: 'A high end below the low end is refused; equal ends are accepted.' }],
    },
    default: {
      value: '32768 60999',
      history: [{ value: '32768 61000', note: 'Older kernels used 61000 as the high end; the release that changed it is not known.' }],
    },
    scope: 'netns',
    relations: [
      {
        kind: 'at-least',
        key: 'net.ipv4.ip_unprivileged_port_start',
        field: 'low',
        enforcement: 'einval',
        note: 'Current kernels refuse a low end below ip_unprivileged_port_start (1024 by default).',
      },
    ],
    unverified: ['defaultHistory'],
    docUrl: IP_DOC,
  },
  {
    name: 'net.ipv4.tcp_fin_timeout',
    subsystem: 'tcp',
    summary: 'How long an orphaned connection may stay in FIN_WAIT_2.',
    description:
      "Seconds a socket that the application already closed waits for the peer's FIN. It is not " +
      'the TIME_WAIT length, which is fixed at 60 s at compile time. Negative and zero values are accepted.',
    advice: 'Typical tuning is 15–30 s on servers with many short connections.',
    value: JIFFIES_SECONDS,
    default: { value: '60' },
    scope: 'netns',
    docUrl: TCP_DOC,
  },
  {
    name: 'net.ipv4.tcp_tw_reuse',
    subsystem: 'tcp',
    summary: 'Reuse TIME_WAIT sockets for new outgoing connections.',
    description:
      '0 never reuses, 1 reuses a TIME_WAIT socket for a new outgoing connection when TCP ' +
      'timestamps make it safe, 2 does so only for loopback traffic. It affects outgoing ' +
      'connections only. Values above 2 are refused on current kernels; older kernels stored any number.',
    value: {
      kind: 'enum',
      width: 'u8',
      handler: 'u8-minmax',
      min: 0,
      max: 2,
      outOfRange: 'einval',
      unlisted: 'einval',
      values: [
        { value: 0, label: 'off', meaning: 'Never reuse TIME_WAIT sockets.' },
        { value: 1, label: 'on', meaning: 'Reuse for outgoing connections when timestamps make it safe.' },
        { value: 2, label: 'loopback only', meaning: 'Reuse only for loopback traffic.' },
      ],
      history: [{ outOfRange: 'accepted', note: 'Older kernels used a plain int: any number was stored.' }],
    },
    default: {
      value: '2',
      history: [{ note: 'The loopback-only mode and its use as default arrived around 4.19–5.0.' }],
    },
    scope: 'netns',
    unverified: ['defaultHistory', 'boundsHistory'],
    docUrl: TCP_DOC,
  },
  {
    name: 'net.ipv4.tcp_tw_reuse_delay',
    subsystem: 'tcp',
    summary: 'Minimum age in milliseconds before a TIME_WAIT socket may be reused.',
    description: 'With tcp_tw_reuse enabled, a TIME_WAIT socket becomes reusable only after this many ' + 'milliseconds. Range 1..60000. Recent kernels only (about 6.13/6.14).',
    value: {
      kind: 'integer',
      unit: 'milliseconds',
      width: 'uint',
      handler: 'uint-minmax',
      min: 1,
      max: 60000,
      outOfRange: 'einval',
    },
    default: { value: '1000' },
    scope: 'netns',
    since: '6.13',
    unverified: ['since'],
    docUrl: TCP_DOC,
  },
  {
    name: 'net.ipv4.tcp_tw_recycle',
    subsystem: 'tcp',
    summary: 'Fast recycling of TIME_WAIT sockets (removed in 4.12).',
    description:
      'Relied on per-destination timestamps and silently dropped SYNs from clients behind NAT; ' +
      'once timestamps became randomised per connection it broke for everyone. Removed in 4.12, ' +
      'where the line fails with "cannot stat".',
    value: { kind: 'boolean', width: 'int', handler: 'int', otherValues: 'accepted' },
    default: { value: '0' },
    scope: 'netns',
    removedIn: '4.12',
    replacedBy: 'There is no replacement: delete the line (net.ipv4.tcp_tw_reuse covers the safe part, for outgoing connections only).',
    valueNotes: [{ value: '1', meaning: 'Drops connections from clients behind NAT.', severity: 'warning' }],
    unverified: ['scope'],
    docUrl: 'https://kernelnewbies.org/Linux_4.12',
  },
  {
    name: 'net.ipv4.tcp_max_tw_buckets',
    subsystem: 'tcp',
    summary: 'Maximum number of sockets in TIME_WAIT per namespace.',
    description:
      'Past this limit a closing connection skips TIME_WAIT and is freed at once. Current kernels log ' +
      'nothing when that happens; the TcpExtTCPTimeWaitOverflow counter (nstat, netstat -s) counts it. ' +
      'No range check: negative values are accepted.',
    value: { kind: 'integer', unit: 'sockets', width: 'int', handler: 'int', outOfRange: 'accepted' },
    default: {
      computed: 'Half the number of TCP established-hash entries (a child namespace may have its own hash since 6.1).',
      observed: '131072',
    },
    scope: 'netns',
    docUrl: TCP_DOC,
  },
  {
    name: 'net.ipv4.tcp_keepalive_time',
    subsystem: 'tcp',
    summary: 'Idle seconds before TCP sends the first keepalive probe.',
    description:
      'Applies only to sockets with SO_KEEPALIVE, and applications can override it per socket ' +
      '(TCP_KEEPIDLE). Dead peers are detected after time + intvl × probes (2 h 11 min by default).',
    advice: 'Set it below the idle timeouts of NAT devices, firewalls and conntrack so long-idle connections survive.',
    value: JIFFIES_SECONDS,
    default: { value: '7200' },
    scope: 'netns',
    relations: [
      {
        kind: 'related',
        key: 'net.netfilter.nf_conntrack_tcp_timeout_established',
        enforcement: 'none',
        note: 'Keepalives keep conntrack/NAT entries alive only when they come before that timeout.',
      },
    ],
    docUrl: TCP_DOC,
  },
  {
    name: 'net.ipv4.tcp_keepalive_intvl',
    subsystem: 'tcp',
    summary: 'Seconds between TCP keepalive probes.',
    description: 'Interval between unanswered keepalive probes; applications can override it per socket (TCP_KEEPINTVL).',
    value: JIFFIES_SECONDS,
    default: { value: '75' },
    scope: 'netns',
    docUrl: TCP_DOC,
  },
  {
    name: 'net.ipv4.tcp_keepalive_probes',
    subsystem: 'tcp',
    summary: 'Unanswered keepalive probes before the connection is dropped.',
    description: 'Number of probes sent without reply before TCP gives up; applications can override it (TCP_KEEPCNT). Range 0..255.',
    value: { ...U8_COUNT, unit: 'probes' },
    default: { value: '9' },
    scope: 'netns',
    docUrl: TCP_DOC,
  },
  {
    name: 'net.ipv4.tcp_rmem',
    subsystem: 'tcp',
    summary: 'TCP receive buffer sizes: "min default max" in bytes.',
    description:
      'Minimum buffer guaranteed under memory pressure, initial buffer of a new socket, and the ' +
      'ceiling for receive autotuning. Each number must be at least 4096. net.core.rmem_max does ' +
      'not limit autotuning, only explicit SO_RCVBUF requests.',
    value: {
      kind: 'vector',
      handler: 'int-minmax',
      separator: 'whitespace',
      partialWrite: 'leading-fields-only',
      fields: [
        bufferField('min', 'Buffer each socket keeps even under memory pressure.', TCP_RMEM_MIN),
        bufferField('default', 'Initial receive buffer of a new TCP socket.', TCP_RMEM_MIN),
        bufferField('max', 'Ceiling for receive-buffer autotuning.', TCP_RMEM_MIN),
      ],
      order: [
        { lower: 'min', upper: 'default', enforcement: 'none', note: BUFFER_ORDER_NOTE },
        { lower: 'default', upper: 'max', enforcement: 'none', note: BUFFER_ORDER_NOTE },
      ],
    },
    default: {
      computed: '4096 131072 max(131072, min(32 MiB, 1/128 of the TCP memory pressure threshold)), set at boot from memory size.',
      observed: '4096 131072 33554432',
      history: [
        { before: '6.16', computed: 'Same, but the max was capped at 6 MiB.' },
        { before: '4.20', beforeUnverified: true, computed: 'The middle value was 87380 (some 4.19.y stable kernels have 131072).' },
      ],
    },
    scope: 'netns',
    scopeNote: 'Per namespace in current kernels; the release that moved it is not known.',
    unverified: ['defaultHistory'],
    docUrl: TCP_DOC,
  },
  {
    name: 'net.ipv4.tcp_wmem',
    subsystem: 'tcp',
    summary: 'TCP send buffer sizes: "min default max" in bytes.',
    description:
      'Minimum buffer guaranteed under memory pressure, initial send buffer of a new socket, and ' +
      'the ceiling for send autotuning. Each number must be at least 1. net.core.wmem_max does ' +
      'not limit autotuning, only explicit SO_SNDBUF requests.',
    value: {
      kind: 'vector',
      handler: 'int-minmax',
      separator: 'whitespace',
      partialWrite: 'leading-fields-only',
      fields: [
        bufferField('min', 'Buffer each socket keeps even under memory pressure.', TCP_WMEM_MIN),
        bufferField('default', 'Initial send buffer of a new TCP socket.', TCP_WMEM_MIN),
        bufferField('max', 'Ceiling for send-buffer autotuning.', TCP_WMEM_MIN),
      ],
      order: [
        { lower: 'min', upper: 'default', enforcement: 'none', note: BUFFER_ORDER_NOTE },
        { lower: 'default', upper: 'max', enforcement: 'none', note: BUFFER_ORDER_NOTE },
      ],
    },
    default: {
      computed: '4096 16384 max(64 KiB, min(4 MiB, 1/128 of the TCP memory pressure threshold)), set at boot from memory size.',
      observed: '4096 16384 4194304',
    },
    scope: 'netns',
    scopeNote: 'Per namespace in current kernels; the release that moved it is not known.',
    docUrl: TCP_DOC,
  },
];
