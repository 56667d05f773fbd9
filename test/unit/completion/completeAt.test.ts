import { strict as assert } from 'node:assert';
import { completeAt, type EngineCompletionItem } from '../../../server/src/engine/completion';
import { keyAvailability, targetKernel } from '../../../server/src/engine/hover';
import { allDocumentedKeys, findKey } from '../../../server/src/engine/keys/database';
import { parseDocument } from '../../../server/src/engine/parser';
import type { EngineSettings } from '../../../server/src/engine/settings';

const NO_FACTS: EngineSettings = { rules: {}, sizing: {} };
const WORKED: EngineSettings = { rules: {}, kernelVersion: '6.8', sizing: { memTotal: '49521980 kB', architecture: 'x86_64' } };

/**
 * Completion on a one-line file with the cursor at `|` (removed from the text). The line text is
 * passed like the language server does, unless `withLineText` is false.
 */
function complete(marked: string, settings: EngineSettings = NO_FACTS, withLineText = true): EngineCompletionItem[] {
  const character = marked.indexOf('|');
  assert.ok(character >= 0, 'the case needs a | for the cursor');
  const text = marked.slice(0, character) + marked.slice(character + 1);
  return completeAt(parseDocument(text), { line: 0, character }, settings, withLineText ? text : undefined);
}

function labels(items: EngineCompletionItem[], kind?: EngineCompletionItem['kind']): string[] {
  return items.filter((i) => kind === undefined || i.kind === kind).map((i) => i.label);
}

function item(items: EngineCompletionItem[], label: string, kind?: EngineCompletionItem['kind']): EngineCompletionItem {
  const found = items.find((i) => i.label === label && (kind === undefined || i.kind === kind));
  assert.ok(found, `no ${kind ?? ''} item ${JSON.stringify(label)} among ${items.length}`);
  return found;
}

function range(start: number, end: number, line = 0) {
  return { start: { line, character: start }, end: { line, character: end } };
}

describe('completeAt: key names', () => {
  it('replaces the whole partly typed key token, dots included', () => {
    const items = complete('net.netfilter.nf_conntr|');
    const max = item(items, 'net.netfilter.nf_conntrack_max', 'key');
    assert.deepEqual(max.range, range(0, 23));
    assert.equal(max.insertText, 'net.netfilter.nf_conntrack_max');
    assert.equal(max.isSnippet, false);
    assert.equal(max.detail, 'Most connections each network namespace may track (one value for all, set from the host).');
    assert.ok(max.documentation?.startsWith('**net.netfilter.nf_conntrack_max**'));
    assert.ok(max.documentation?.includes('not bytes'));
    assert.ok(
      items.every((i) => i.range.start.character === 0 && i.range.end.character === 23),
      'every item replaces the same token',
    );
  });

  it('replaces the key token around a cursor in its middle, up to the blank before =', () => {
    const items = complete('net.netfilter.nf_con|ntrack_mx = 5');
    assert.deepEqual(item(items, 'net.netfilter.nf_conntrack_max').range, range(0, 29));
  });

  it('replaces only the token under the cursor when the line has more than a key', () => {
    const items = complete('net.core.somax| 4096');
    assert.deepEqual(item(items, 'net.core.somaxconn', 'key').range, range(0, 14));
    assert.deepEqual(labels(items, 'snippet'), [], 'no whole-line snippet when text follows the key');
  });

  it('keeps a path-form spelling with slashes', () => {
    const items = complete('net/netfilter/nf_conntr|');
    const max = item(items, 'net/netfilter/nf_conntrack_max', 'key');
    assert.deepEqual(max.range, range(0, 23));
    assert.equal(item(items, 'net/netfilter/nf_conntrack_max = 262144', 'snippet').insertText, 'net/netfilter/nf_conntrack_max = ${1:262144}');
  });

  it('starts after the dash of an exclusion line', () => {
    const items = complete('-net.core.somax|');
    assert.deepEqual(item(items, 'net.core.somaxconn', 'key').range, range(1, 15));
  });

  it('falls back to the parsed key span without the line text', () => {
    const items = complete('net.core.somax| = 10', NO_FACTS, false);
    assert.deepEqual(item(items, 'net.core.somaxconn').range, range(0, 14));
  });

  it('lists documented keys before other known names, and filters by what was typed', () => {
    const items = complete('net.ipv4.tcp_|');
    const sorted = [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
    const firstUndocumented = sorted.findIndex((i) => findKey(i.filterText) === undefined);
    assert.ok(firstUndocumented > 0);
    assert.ok(
      sorted.slice(firstUndocumented).every((i) => findKey(i.filterText) === undefined),
      'no documented key after an undocumented one',
    );
    assert.ok(labels(items).includes('net.ipv4.tcp_sack'), 'known but undocumented names are offered');
    assert.match(item(items, 'net.ipv4.tcp_sack').detail ?? '', /selective acknowledgements/, 'the detail is the key summary');
    assert.ok(!labels(items).includes('vm.swappiness'), 'names that cannot match the typed text are left out');
  });

  it('offers the leaves of a per-interface key under the typed interface', () => {
    assert.ok(labels(complete('net.ipv4.conf.eth0.rp_f|')).includes('net.ipv4.conf.eth0.rp_filter'));
  });

  it('offers a current alias with what it maps to', () => {
    const alias = item(complete('net.nf_conn|'), 'net.nf_conntrack_max', 'key');
    assert.equal(alias.detail, 'Alias of net.netfilter.nf_conntrack_max');
  });

  it('offers nothing on a comment line or in leading blanks', () => {
    assert.deepEqual(complete('# net.core.som|'), []);
    assert.deepEqual(complete(' | net.core.som'), []);
  });

  describe('removed, future and read-only keys are not suggested', () => {
    const cases: Array<[string, EngineSettings, string[], string[]]> = [
      [
        'newest documented kernel',
        NO_FACTS,
        [
          'net.ipv4.tcp_tw_recycle',
          'net.netfilter.nf_conntrack_helper',
          'net.netfilter.nf_conntrack_dccp_loose',
          'net.netfilter.nf_conntrack_sctp_timeout_heartbeat_acked',
          'net.netfilter.nf_conntrack_events_retry_timeout',
          'net.ipv4.netfilter.ip_conntrack_max',
          'net.ipv4.ip_conntrack_max',
          'net.netfilter.nf_conntrack_count',
        ],
        ['net.ipv4.tcp_tw_reuse_delay', 'net.netfilter.nf_conntrack_max'],
      ],
      [
        'kernel 4.4',
        { rules: {}, kernelVersion: '4.4', sizing: {} },
        ['net.ipv4.tcp_tw_reuse_delay', 'net.netfilter.nf_hooks_lwtunnel'],
        ['net.ipv4.tcp_tw_recycle', 'net.netfilter.nf_conntrack_helper'],
      ],
      [
        'kernel 6.1',
        { rules: {}, kernelVersion: '6.1', sizing: {} },
        ['net.netfilter.nf_conntrack_helper'],
        ['net.netfilter.nf_conntrack_sctp_timeout_heartbeat_acked', 'net.netfilter.nf_conntrack_dccp_loose'],
      ],
    ];
    for (const [what, settings, absent, present] of cases) {
      it(what, () => {
        const offered = labels(complete('|', settings));
        for (const name of absent) assert.ok(!offered.includes(name), `${name} must not be suggested`);
        for (const name of present) assert.ok(offered.includes(name), `${name} must be suggested`);
      });
    }

    it('no documented key missing from the target kernel is ever offered', () => {
      for (const version of ['3.10', '4.4', '5.4', '6.0', '6.8', '6.18']) {
        const settings: EngineSettings = { rules: {}, kernelVersion: version, sizing: {} };
        const target = targetKernel(settings).version;
        const offered = new Set(complete('|', settings).map((i) => i.filterText));
        for (const spec of allDocumentedKeys()) {
          if (offered.has(spec.name)) assert.equal(keyAvailability(spec, target).kind, 'present', `${spec.name} on ${version}`);
        }
      }
    });
  });
});

describe('completeAt: whole-line snippets', () => {
  const cases: Array<[string, string, EngineSettings, string, string]> = [
    ['nf_conntrack_max without RAM facts', 'net.netfilter.nf_conntr|', NO_FACTS, 'net.netfilter.nf_conntrack_max = 262144', 'net.netfilter.nf_conntrack_max = ${1:262144}'],
    ['nf_conntrack_max for 49521980 kB on 6.8', '|', WORKED, 'net.netfilter.nf_conntrack_max = 262144', 'net.netfilter.nf_conntrack_max = ${1:262144}'],
    [
      'nf_conntrack_max for 2 GiB on 6.8 (kernel default 65536)',
      '|',
      { rules: {}, kernelVersion: '6.8', sizing: { memTotal: '2GiB', architecture: 'x86_64' } },
      'net.netfilter.nf_conntrack_max = 65536',
      'net.netfilter.nf_conntrack_max = ${1:65536}',
    ],
    ['tcp_fin_timeout', 'net.ipv4.tcp_fin|', NO_FACTS, 'net.ipv4.tcp_fin_timeout = 60', 'net.ipv4.tcp_fin_timeout = ${1:60}'],
    ['ip_local_port_range', 'net.ipv4.ip_local|', NO_FACTS, 'net.ipv4.ip_local_port_range = 32768 60999', 'net.ipv4.ip_local_port_range = ${1:32768 60999}'],
  ];
  for (const [what, marked, settings, label, insertText] of cases) {
    it(what, () => {
      const snippet = item(complete(marked, settings), label, 'snippet');
      assert.equal(snippet.insertText, insertText);
      assert.equal(snippet.isSnippet, true);
      assert.equal(snippet.filterText, label.slice(0, label.indexOf(' = ')));
    });
  }

  it('puts the snippet just before its key item', () => {
    const items = complete('net.ipv4.tcp_fin|');
    const snippet = item(items, 'net.ipv4.tcp_fin_timeout = 60', 'snippet');
    const key = item(items, 'net.ipv4.tcp_fin_timeout', 'key');
    assert.ok(snippet.sortText < key.sortText);
  });

  it('completes only the key name when the line already has =', () => {
    const items = complete('net.ipv4.tcp_fin| = 30');
    assert.deepEqual(labels(items, 'snippet'), []);
    assert.equal(item(items, 'net.ipv4.tcp_fin_timeout').insertText, 'net.ipv4.tcp_fin_timeout');
  });
});

describe('completeAt: values', () => {
  const enumCases: Array<[string, string, Array<[string, string]>, string]> = [
    [
      'tcp_syncookies members',
      'net.ipv4.tcp_syncookies = |',
      [
        ['0', 'off'],
        ['1', 'on overflow (default)'],
        ['2', 'always'],
      ],
      '1',
    ],
    [
      'tcp_tw_reuse members',
      'net.ipv4.tcp_tw_reuse = |',
      [
        ['0', 'off'],
        ['1', 'on'],
        ['2', 'loopback only (default)'],
      ],
      '2',
    ],
    [
      'nf_conntrack_events members',
      'net.netfilter.nf_conntrack_events = |',
      [
        ['0', 'off'],
        ['1', 'on'],
        ['2', 'auto (default)'],
      ],
      '2',
    ],
    [
      'a boolean',
      'net.netfilter.nf_conntrack_checksum = |',
      [
        ['0', 'off'],
        ['1', 'on (default)'],
      ],
      '1',
    ],
    ['a plain integer offers its default', 'net.ipv4.tcp_fin_timeout = |', [['60', 'default']], '60'],
  ];
  for (const [what, marked, expected, preselected] of enumCases) {
    it(what, () => {
      const items = complete(marked);
      assert.deepEqual(
        items.map((i) => [i.label, i.detail]),
        expected,
      );
      assert.ok(items.every((i) => i.kind === 'value'));
      assert.deepEqual(
        items.filter((i) => i.preselect).map((i) => i.label),
        [preselected],
      );
    });
  }

  it('documents each member with its meaning', () => {
    const items = complete('net.ipv4.tcp_syncookies = |');
    assert.ok(item(items, '2').documentation?.includes('Send cookies for every connection request.'));
    assert.ok(item(items, '0').documentation?.includes('**Warning:** Cookies off'));
  });

  it('replaces the whole existing value', () => {
    const items = complete('net.ipv4.tcp_tw_reuse = 1|');
    assert.deepEqual(item(items, '2').range, range(24, 25));
  });

  it('adds a blank after a bare =', () => {
    assert.equal(item(complete('net.ipv4.tcp_tw_reuse =|'), '2').insertText, ' 2');
    assert.equal(item(complete('net.ipv4.tcp_tw_reuse = |'), '2').insertText, '2');
  });

  it('offers the kernel default and the formula for nf_conntrack_max with RAM facts', () => {
    const items = complete('net.netfilter.nf_conntrack_max = |', WORKED);
    assert.deepEqual(
      items.map((i) => [i.label, i.detail]),
      [
        ['262144', 'kernel 6.8 default for 47.2 GiB RAM, x86_64'],
        ['1547561', 'formula for 47.2 GiB RAM, x86_64'],
      ],
    );
  });

  it('offers the listed protocol numbers of nf_conntrack_log_invalid', () => {
    const items = complete('net.netfilter.nf_conntrack_log_invalid = |');
    assert.deepEqual(labels(items), ['0', '1', '6', '17', '33', '41', '136', '255']);
    assert.equal(item(items, '0').detail, 'Logging off (default)');
    assert.equal(item(items, '6').detail, 'TCP');
  });

  it('offers nothing for unknown keys or after the value', () => {
    assert.deepEqual(complete('net.ipv4.no_such_key = |'), []);
    assert.deepEqual(complete('net.ipv4.tcp_tw_reuse = 1 |'), []);
  });
});
