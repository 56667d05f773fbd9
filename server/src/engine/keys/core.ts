/**
 * net.core.* keys: listen backlog cap, input queue, socket buffer limits. Facts from
 * docs/reference/kernel-keys.md §0, §4.1, §4.3 and §4.11; texts are our own summaries.
 */

import type { IntegerValue, KeySpec } from './types';

const NET_DOC = 'https://docs.kernel.org/admin-guide/sysctl/net.html';
const TCP_DOC = 'https://docs.kernel.org/networking/ip-sysctl.html#tcp-variables';

const SKB_TRUESIZE_DEFAULT = '256 × SKB_TRUESIZE(256), which depends on struct sizes: 212992 on x86_64 with current kernels.';

/** Socket buffer caps: at least the per-socket minimum buffer, at most INT_MAX. */
function socketBufferValue(min: number): IntegerValue {
  return {
    kind: 'integer',
    unit: 'bytes',
    width: 'int',
    handler: 'int-minmax',
    min,
    max: 'INT_MAX',
    outOfRange: 'einval',
    boundsArchDependent: true,
  };
}

export const CORE_KEYS: readonly KeySpec[] = [
  {
    name: 'net.core.somaxconn',
    subsystem: 'core',
    summary: 'Upper cap on the backlog a listening socket may request.',
    description:
      'listen() backlogs larger than this are silently reduced to it, so the effective backlog is ' +
      'min(application backlog, somaxconn). It bounds both the accept queue and the queue of ' +
      'half-open handshakes. Overflow shows up as ListenOverflows / ' +
      'ListenDrops and as clients retrying SYNs. Per network namespace: a new namespace (a ' +
      'container or pod) starts from the compiled-in default, not from the host value.',
    advice:
      'Since 5.4 the default is already 4096. Raising it only helps applications that pass a ' +
      'larger backlog to listen() (nginx uses 511 unless configured). Values above 65535 are ' +
      'refused on 3.11–4.0 and silently wrap on older kernels.',
    value: {
      kind: 'integer',
      unit: 'connections',
      width: 'int',
      handler: 'int-minmax',
      min: 0,
      max: 'INT_MAX',
      outOfRange: 'einval',
      history: [
        {
          before: '4.1',
          min: 0,
          max: 65535,
          outOfRange: 'einval',
          note:
            'Range [0, 65535] from the 2013 check until the backlog fields were widened to 32 bits ' + 'in 4.1 (whether the cap went away in exactly that commit is not verified).',
        },
        {
          before: '3.11',
          beforeUnverified: true,
          outOfRange: 'accepted',
          note: 'No range check. The backlog was stored in 16 bits, so a value above 65535 was accepted ' + 'but the effective backlog wrapped modulo 65536 (65536 became 0).',
        },
      ],
    },
    default: { value: '4096', history: [{ before: '5.4', value: '128' }] },
    scope: 'netns',
    scopeNote: 'Each namespace starts from the compiled-in default.',
    relations: [
      {
        kind: 'related',
        key: 'net.ipv4.tcp_max_syn_backlog',
        enforcement: 'none',
        note: 'The listen() backlog, capped by somaxconn, bounds both the queue of half-open handshakes and the accept queue; tcp_max_syn_backlog matters only while SYN cookies are off.',
      },
    ],
    unverified: ['boundsHistory'],
    docUrl: TCP_DOC,
  },
  {
    name: 'net.core.netdev_max_backlog',
    subsystem: 'core',
    summary: 'Per-CPU input queue length for packets handed to the backlog.',
    description:
      'Maximum packets queued per CPU when packets go through the backlog (RPS, non-NAPI ' +
      'drivers, loopback). Overflow is counted in the "dropped" column of ' +
      '/proc/net/softnet_stat. Global: the key does not exist inside child network namespaces.',
    advice: 'A few thousand is common on 10G+ hosts. There is no kernel range check, so negative values are not refused.',
    value: { kind: 'integer', unit: 'packets', width: 'int', handler: 'int', outOfRange: 'accepted' },
    default: { value: '1000' },
    scope: 'global',
    scopeNote: 'Registered only in the initial namespace; containers see no such file.',
    docUrl: `${NET_DOC}#netdev-max-backlog`,
  },
  {
    name: 'net.core.rmem_max',
    subsystem: 'core',
    summary: 'Largest receive buffer an application may request with SO_RCVBUF.',
    description:
      'Caps SO_RCVBUF requests (the kernel doubles the requested size; privileged processes can ' +
      'bypass the cap with SO_RCVBUFFORCE). It does not limit TCP receive autotuning, which ' +
      'tcp_rmem governs. Values below the minimum socket buffer (2304 bytes on x86_64) are refused.',
    value: socketBufferValue(2304),
    default: { value: '212992', computed: SKB_TRUESIZE_DEFAULT, archDependent: true, observed: '4194304' },
    scope: 'init-netns-only',
    scopeNote: 'One global value written from the initial namespace; recent kernels show a read-only copy in other namespaces.',
    relations: [
      {
        kind: 'related',
        key: 'net.ipv4.tcp_rmem',
        otherField: 'max',
        enforcement: 'none',
        note: 'TCP autotuning grows buffers up to tcp_rmem max regardless of rmem_max.',
      },
    ],
    docUrl: `${NET_DOC}#rmem-max`,
  },
  {
    name: 'net.core.wmem_max',
    subsystem: 'core',
    summary: 'Largest send buffer an application may request with SO_SNDBUF.',
    description:
      'Caps SO_SNDBUF requests (the kernel doubles the requested size; privileged processes can ' +
      'bypass the cap with SO_SNDBUFFORCE). It does not limit TCP send autotuning, which ' +
      'tcp_wmem governs. Values below the minimum socket buffer (4608 bytes on x86_64) are refused.',
    value: socketBufferValue(4608),
    default: { value: '212992', computed: SKB_TRUESIZE_DEFAULT, archDependent: true, observed: '4194304' },
    scope: 'init-netns-only',
    scopeNote: 'One global value written from the initial namespace; recent kernels show a read-only copy in other namespaces.',
    relations: [
      {
        kind: 'related',
        key: 'net.ipv4.tcp_wmem',
        otherField: 'max',
        enforcement: 'none',
        note: 'TCP autotuning grows buffers up to tcp_wmem max regardless of wmem_max.',
      },
    ],
    docUrl: `${NET_DOC}#wmem-max`,
  },
  {
    name: 'net.core.rmem_default',
    subsystem: 'core',
    summary: 'Initial receive buffer size of non-TCP sockets.',
    description: 'Receive buffer a new socket starts with unless the protocol sets its own (TCP uses the ' + 'middle value of tcp_rmem instead). Keep it at or below rmem_max.',
    value: socketBufferValue(2304),
    default: { value: '212992', computed: SKB_TRUESIZE_DEFAULT, archDependent: true, observed: '212992' },
    scope: 'init-netns-only',
    relations: [
      {
        kind: 'at-most',
        key: 'net.core.rmem_max',
        enforcement: 'none',
        note: 'Advice only: a default above the cap is unusual.',
      },
    ],
    unverified: ['bounds', 'scope'],
    docUrl: `${NET_DOC}#rmem-default`,
  },
  {
    name: 'net.core.wmem_default',
    subsystem: 'core',
    summary: 'Initial send buffer size of non-TCP sockets.',
    description: 'Send buffer a new socket starts with unless the protocol sets its own (TCP uses the ' + 'middle value of tcp_wmem instead). Keep it at or below wmem_max.',
    value: socketBufferValue(4608),
    default: { value: '212992', computed: SKB_TRUESIZE_DEFAULT, archDependent: true, observed: '212992' },
    scope: 'init-netns-only',
    relations: [
      {
        kind: 'at-most',
        key: 'net.core.wmem_max',
        enforcement: 'none',
        note: 'Advice only: a default above the cap is unusual.',
      },
    ],
    unverified: ['bounds', 'scope'],
    docUrl: `${NET_DOC}#wmem-default`,
  },
];
