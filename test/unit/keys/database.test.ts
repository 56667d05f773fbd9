import { strict as assert } from 'node:assert';
import { allDocumentedKeys, allLegacyKeys, findKey, findLegacy, resolveBound, resolveKey } from '../../../server/src/engine/keys/database';
import { isKnownKeyName } from '../../../server/src/engine/keys/knownNames';
import type { Bound, KeySpec, ValueSpec } from '../../../server/src/engine/keys/types';

const CANONICAL = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/;
const RELEASE = /^\d+\.\d+(\.\d+)?$/;

/** Every net.netfilter key docs/reference/kernel-keys.md lists, current and removed. */
const REFERENCE_CONNTRACK_KEYS = [
  'nf_conntrack_max',
  'nf_conntrack_buckets',
  'nf_conntrack_count',
  'nf_conntrack_expect_max',
  'nf_conntrack_checksum',
  'nf_conntrack_log_invalid',
  'nf_conntrack_acct',
  'nf_conntrack_timestamp',
  'nf_conntrack_events',
  'nf_conntrack_events_retry_timeout',
  'nf_conntrack_helper',
  'nf_conntrack_tcp_loose',
  'nf_conntrack_tcp_be_liberal',
  'nf_conntrack_tcp_ignore_invalid_rst',
  'nf_conntrack_tcp_max_retrans',
  'nf_conntrack_tcp_timeout_syn_sent',
  'nf_conntrack_tcp_timeout_syn_recv',
  'nf_conntrack_tcp_timeout_established',
  'nf_conntrack_tcp_timeout_fin_wait',
  'nf_conntrack_tcp_timeout_close_wait',
  'nf_conntrack_tcp_timeout_last_ack',
  'nf_conntrack_tcp_timeout_time_wait',
  'nf_conntrack_tcp_timeout_close',
  'nf_conntrack_tcp_timeout_max_retrans',
  'nf_conntrack_tcp_timeout_unacknowledged',
  'nf_conntrack_udp_timeout',
  'nf_conntrack_udp_timeout_stream',
  'nf_conntrack_icmp_timeout',
  'nf_conntrack_icmpv6_timeout',
  'nf_conntrack_generic_timeout',
  'nf_conntrack_gre_timeout',
  'nf_conntrack_gre_timeout_stream',
  'nf_conntrack_sctp_timeout_closed',
  'nf_conntrack_sctp_timeout_cookie_wait',
  'nf_conntrack_sctp_timeout_cookie_echoed',
  'nf_conntrack_sctp_timeout_established',
  'nf_conntrack_sctp_timeout_shutdown_sent',
  'nf_conntrack_sctp_timeout_shutdown_recd',
  'nf_conntrack_sctp_timeout_shutdown_ack_sent',
  'nf_conntrack_sctp_timeout_heartbeat_sent',
  'nf_conntrack_sctp_timeout_heartbeat_acked',
  'nf_conntrack_dccp_timeout_request',
  'nf_conntrack_dccp_timeout_respond',
  'nf_conntrack_dccp_timeout_partopen',
  'nf_conntrack_dccp_timeout_open',
  'nf_conntrack_dccp_timeout_closereq',
  'nf_conntrack_dccp_timeout_closing',
  'nf_conntrack_dccp_timeout_timewait',
  'nf_conntrack_dccp_loose',
  'nf_conntrack_frag6_timeout',
  'nf_conntrack_frag6_low_thresh',
  'nf_conntrack_frag6_high_thresh',
  'nf_flowtable_tcp_timeout',
  'nf_flowtable_udp_timeout',
  'nf_hooks_lwtunnel',
].map((suffix) => `net.netfilter.${suffix}`);

const REFERENCE_OTHER_KEYS = [
  'net.core.somaxconn',
  'net.core.netdev_max_backlog',
  'net.core.rmem_max',
  'net.core.wmem_max',
  'net.core.rmem_default',
  'net.core.wmem_default',
  'net.ipv4.tcp_max_syn_backlog',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_tw_reuse',
  'net.ipv4.tcp_tw_reuse_delay',
  'net.ipv4.tcp_tw_recycle',
  'net.ipv4.tcp_max_tw_buckets',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'fs.file-max',
  'fs.nr_open',
];

const REMOVED: Record<string, string> = {
  'net.netfilter.nf_conntrack_helper': '6.0',
  'net.netfilter.nf_conntrack_sctp_timeout_heartbeat_acked': '6.2',
  'net.netfilter.nf_conntrack_dccp_timeout_request': '6.17',
  'net.netfilter.nf_conntrack_dccp_timeout_timewait': '6.17',
  'net.netfilter.nf_conntrack_dccp_loose': '6.17',
  'net.ipv4.tcp_tw_recycle': '4.12',
};

function key(name: string): KeySpec {
  const spec = findKey(name);
  assert.ok(spec, `${name} is documented`);
  return spec;
}

function compareReleases(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Checks a number against optional bounds for several target systems. */
function assertWithin(label: string, value: bigint, min: Bound | undefined, max: Bound | undefined): void {
  for (const context of [
    { bits: 64 as const, hz: 1000 },
    { bits: 64 as const, hz: 100 },
    { bits: 32 as const, hz: 250 },
  ]) {
    if (min !== undefined) assert.ok(value >= resolveBound(min, context), `${label}: ${value} >= ${String(min)}`);
    if (max !== undefined) assert.ok(value <= resolveBound(max, context), `${label}: ${value} <= ${String(max)}`);
  }
}

function assertDefaultFits(spec: KeySpec, value: ValueSpec, text: string): void {
  const label = `${spec.name} default "${text}"`;
  switch (value.kind) {
    case 'integer':
      assert.match(text, /^-?\d+$/, label);
      assertWithin(label, BigInt(text), value.min, value.max);
      break;
    case 'boolean':
      assert.ok(text === '0' || text === '1', label);
      break;
    case 'enum': {
      assert.match(text, /^\d+$/, label);
      assert.ok(
        value.values.some((member) => member.value === Number(text)),
        `${label} is an enum member`,
      );
      assertWithin(label, BigInt(text), value.min, value.max);
      break;
    }
    case 'vector': {
      const parts = text.split(/\s+/);
      assert.equal(parts.length, value.fields.length, label);
      value.fields.forEach((field, index) => assertWithin(`${label} ${field.name}`, BigInt(parts[index]), field.min, field.max));
      for (const order of value.order ?? []) {
        const lower = value.fields.findIndex((f) => f.name === order.lower);
        const upper = value.fields.findIndex((f) => f.name === order.upper);
        if (order.enforcement === 'einval') assert.ok(BigInt(parts[lower]) <= BigInt(parts[upper]), `${label} keeps ${order.lower} <= ${order.upper}`);
      }
      break;
    }
    case 'string':
      break;
  }
}

describe('key database', () => {
  const keys = allDocumentedKeys();

  it('uses canonical dotted names, each once', () => {
    const seen = new Set<string>();
    for (const spec of keys) {
      assert.match(spec.name, CANONICAL, spec.name);
      assert.ok(!seen.has(spec.name), `${spec.name} is listed twice`);
      seen.add(spec.name);
      assert.equal(findKey(spec.name), spec);
    }
  });

  it('documents every conntrack key of the reference', () => {
    for (const name of REFERENCE_CONNTRACK_KEYS) {
      const spec = key(name);
      assert.ok(spec.subsystem === 'conntrack' || spec.subsystem === 'netfilter', name);
    }
    const documented = keys.filter((spec) => spec.name.startsWith('net.netfilter.')).map((spec) => spec.name);
    assert.deepEqual([...documented].sort(), [...REFERENCE_CONNTRACK_KEYS].sort());
  });

  it('documents the core, TCP and fs keys of the reference', () => {
    for (const name of REFERENCE_OTHER_KEYS) key(name);
  });

  it('gives removed keys a removal release (or a release known not to have them)', () => {
    for (const [name, release] of Object.entries(REMOVED)) assert.equal(key(name).removedIn, release, name);
    for (const spec of keys) {
      if (spec.removedIn || spec.absentBy || spec.replacedBy) {
        assert.ok(spec.removedIn || spec.absentBy, `${spec.name} has removedIn or absentBy`);
        assert.ok(spec.replacedBy, `${spec.name} says what replaces it`);
      }
      if (spec.absentBy && !spec.removedIn) assert.ok(spec.unverified?.includes('removedIn'), `${spec.name} flags the unknown removal`);
    }
    assert.equal(key('net.netfilter.nf_conntrack_events_retry_timeout').absentBy, '6.18');
  });

  it('writes releases as major.minor[.patch] and never removes a key before adding it', () => {
    for (const spec of keys) {
      for (const release of [spec.since, spec.removedIn, spec.absentBy, spec.writableSince]) {
        if (release !== undefined) assert.match(release, RELEASE, spec.name);
      }
      if (spec.since && spec.removedIn) assert.ok(compareReleases(spec.since, spec.removedIn) < 0, spec.name);
      for (const era of [...(spec.default.history ?? []), ...('history' in spec.value ? (spec.value.history ?? []) : [])]) {
        if (era.before !== undefined) assert.match(era.before, RELEASE, spec.name);
      }
    }
  });

  it('keeps defaults within the current bounds and enum defaults among the members', () => {
    for (const spec of keys) {
      const { value } = spec;
      if (spec.default.value !== undefined) assertDefaultFits(spec, value, spec.default.value);
      if (spec.default.observed !== undefined && value.kind !== 'string') assertDefaultFits(spec, value, spec.default.observed);
      if (value.kind === 'enum') {
        for (const member of value.values) assertWithin(`${spec.name} member ${member.value}`, BigInt(member.value), value.min, value.max);
      }
    }
  });

  it('gives every key either a fixed or a computed default, except read-only counters', () => {
    for (const spec of keys) {
      if (spec.readOnly) continue;
      assert.ok(spec.default.value !== undefined || spec.default.computed !== undefined, spec.name);
    }
  });

  it('has a one-line summary, a description and an https documentation link', () => {
    for (const spec of keys) {
      assert.ok(spec.summary.length > 10 && !spec.summary.includes('\n'), spec.name);
      assert.ok(spec.description.length > 20, spec.name);
      assert.match(spec.docUrl, /^https:\/\/[^\s]+$/, spec.name);
    }
    assert.match(key('net.netfilter.nf_conntrack_max').docUrl, /^https:\/\/docs\.kernel\.org\/networking\/nf_conntrack-sysctl\.html/);
  });

  it('points relations at known keys and existing vector fields', () => {
    for (const spec of keys) {
      for (const relation of spec.relations ?? []) {
        assert.ok(isKnownKeyName(relation.key), `${spec.name} → ${relation.key}`);
        if (relation.field) {
          assert.equal(spec.value.kind, 'vector', spec.name);
          if (spec.value.kind === 'vector')
            assert.ok(
              spec.value.fields.some((f) => f.name === relation.field),
              spec.name,
            );
        }
        const other = findKey(relation.key);
        if (relation.otherField && other) {
          assert.equal(other.value.kind, 'vector', relation.key);
          if (other.value.kind === 'vector')
            assert.ok(
              other.value.fields.some((f) => f.name === relation.otherField),
              relation.key,
            );
        }
      }
    }
  });

  it('cross-links the frag6 thresholds both ways, enforced by the kernel', () => {
    const low = key('net.netfilter.nf_conntrack_frag6_low_thresh');
    const high = key('net.netfilter.nf_conntrack_frag6_high_thresh');
    assert.deepEqual(
      low.relations?.map((r) => [r.kind, r.key, r.enforcement]),
      [['at-most', high.name, 'einval']],
    );
    assert.deepEqual(
      high.relations?.map((r) => [r.kind, r.key, r.enforcement]),
      [['at-least', low.name, 'einval']],
    );
    assert.ok(BigInt(low.default.value ?? '') <= BigInt(high.default.value ?? ''));
  });

  it('encodes the headline facts of the reference', () => {
    const max = key('net.netfilter.nf_conntrack_max');
    assert.equal(max.scope, 'init-netns-only');
    assert.ok(max.value.kind === 'integer' && max.value.min === 0 && max.value.max === 'INT_MAX' && max.value.outOfRange === 'einval');
    assert.ok(max.value.kind === 'integer' && max.value.history?.[0]?.before === '6.15' && max.value.history[0].negativeWraps);
    assert.equal(max.valueNotes?.find((n) => n.value === '0')?.severity, 'warning');

    const buckets = key('net.netfilter.nf_conntrack_buckets');
    assert.equal(buckets.scope, 'init-netns-only');
    assert.ok(buckets.unverified?.includes('writableSince'));
    assert.equal(key('net.netfilter.nf_conntrack_count').readOnly, true);
    assert.equal(key('net.netfilter.nf_conntrack_expect_max').scope, 'init-netns-only');

    const somaxconn = key('net.core.somaxconn');
    assert.equal(somaxconn.default.value, '4096');
    assert.deepEqual(somaxconn.default.history, [{ before: '5.4', value: '128' }]);
    assert.ok(somaxconn.value.kind === 'integer' && somaxconn.value.history?.[0]?.max === 65535);

    const reuse = key('net.ipv4.tcp_tw_reuse');
    assert.ok(reuse.value.kind === 'enum');
    if (reuse.value.kind === 'enum')
      assert.deepEqual(
        reuse.value.values.map((m) => m.value),
        [0, 1, 2],
      );
    assert.equal(reuse.default.value, '2');

    const syncookies = key('net.ipv4.tcp_syncookies');
    assert.ok(syncookies.value.kind === 'enum' && syncookies.value.unlisted === 'accepted' && syncookies.value.max === 255);

    const ports = key('net.ipv4.ip_local_port_range');
    assert.equal(ports.default.value, '32768 60999');
    assert.ok(ports.value.kind === 'vector' && ports.value.order?.[0]?.enforcement === 'einval');

    const rmem = key('net.ipv4.tcp_rmem');
    assert.ok(rmem.value.kind === 'vector' && rmem.value.order?.every((o) => o.enforcement === 'none'));

    const fileMax = key('fs.file-max');
    assert.ok(fileMax.value.kind === 'integer' && fileMax.value.history?.[0]?.outOfRange === 'ignored');
    assert.equal(key('fs.nr_open').default.value, '1048576');

    assert.equal(key('net.netfilter.nf_conntrack_tcp_timeout_established').default.value, '432000');
    assert.equal(key('net.netfilter.nf_conntrack_sctp_timeout_established').default.value, '210');
  });

  it('resolves symbolic bounds for the target system', () => {
    assert.equal(resolveBound('INT_MAX/HZ', { hz: 1000 }), 2147483n);
    assert.equal(resolveBound('INT_MAX/HZ', { hz: 250 }), 8589934n);
    assert.equal(resolveBound('INT_MAX/HZ', { hz: 100 }), 21474836n);
    assert.equal(resolveBound('-INT_MAX/HZ', { hz: 250 }), -8589934n);
    assert.equal(resolveBound('NR_OPEN_MAX'), 2147483584n);
    assert.equal(resolveBound('BITS_PER_LONG', { bits: 32 }), 32n);
    assert.equal(resolveBound('LONG_MAX'), 9223372036854775807n);
    assert.equal(resolveBound('ULONG_MAX', { bits: 32 }), 4294967295n);
    assert.equal(resolveBound(65535), 65535n);
  });
});

describe('aliases and legacy names', () => {
  it('map to documented keys', () => {
    for (const legacy of allLegacyKeys()) {
      assert.match(legacy.name, CANONICAL, legacy.name);
      assert.ok(findKey(legacy.target), `${legacy.name} → ${legacy.target}`);
      assert.equal(findKey(legacy.name), undefined, `${legacy.name} is not also a documented key`);
      assert.equal(findLegacy(legacy.name), legacy);
      assert.equal(resolveKey(legacy.name)?.spec.name, legacy.target);
    }
  });

  it('list net.nf_conntrack_max as a current alias of nf_conntrack_max', () => {
    const alias = findLegacy('net.nf_conntrack_max');
    assert.equal(alias?.kind, 'alias');
    assert.equal(alias?.target, 'net.netfilter.nf_conntrack_max');
    assert.deepEqual(findKey('net.netfilter.nf_conntrack_max')?.aliases, ['net.nf_conntrack_max']);
  });

  it('list the ip_conntrack_* names as legacy, with an unverified removal', () => {
    const legacy = findLegacy('net.ipv4.netfilter.ip_conntrack_max');
    assert.equal(legacy?.kind, 'legacy');
    assert.ok(legacy?.unverified?.includes('removedIn'));
    assert.equal(findLegacy('net.ipv4.netfilter.ip_conntrack_tcp_timeout_established')?.target, 'net.netfilter.nf_conntrack_tcp_timeout_established');
    assert.equal(findLegacy('net.ipv4.ip_conntrack_max')?.target, 'net.netfilter.nf_conntrack_max');
  });

  it('agree with the aliases listed on the keys', () => {
    for (const spec of allDocumentedKeys()) {
      for (const alias of spec.aliases ?? []) assert.equal(findLegacy(alias)?.target, spec.name, alias);
    }
  });

  it('resolve documented names directly', () => {
    const resolved = resolveKey('net.core.somaxconn');
    assert.equal(resolved?.spec.name, 'net.core.somaxconn');
    assert.equal(resolved?.via, undefined);
    assert.equal(resolveKey('net.core.somaxconnn'), undefined);
  });
});
