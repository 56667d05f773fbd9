import { strict as assert } from 'node:assert';
import { findingsOf, fixTable, ruleTable } from './helpers';
import { analyze, LineFindingsCache } from '../../../server/src/engine';
import type { Finding } from '../../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';
import { EditableDocument } from '../../../server/src/engine/model/editableDocument';

const KEY = 'net.ipv4.tcp_fin_timeout';

describe('rule duplicate-key', () => {
  ruleTable('duplicate-key', [
    {
      name: 'a key set twice with different values: reported on the earlier line',
      text: `${KEY} = 30\nvm.swappiness = 10\n${KEY} = 20\n`,
      expect: [
        {
          severity: 'warning',
          line: 0,
          at: KEY,
          tag: 'unnecessary',
          message: [`'${KEY}' is set again on line 3 to '20', which wins`, "this value '30' never stays in effect"],
          related: [{ line: 2, at: KEY, message: 'The assignment that takes effect' }],
        },
      ],
    },
    {
      name: 'a fallback: the later value names a module the kernel may not have (procps keeps the earlier one then)',
      text: '# fall back to htcp where bbr is missing\nnet.ipv4.tcp_congestion_control = htcp\nnet.ipv4.tcp_congestion_control = bbr\n',
      expect: [
        {
          severity: 'info',
          line: 1,
          at: 'net.ipv4.tcp_congestion_control',
          message: [
            "to 'bbr', which the kernel refuses where it does not have it",
            "procps writes this value 'htcp' first, and it stays when that write fails",
            'systemd-sysctl writes only the last assignment',
          ],
          related: [{ line: 2, at: 'net.ipv4.tcp_congestion_control', message: 'The assignment this one is a fallback for' }],
        },
      ],
    },
    {
      name: 'a fallback for a name no mainline kernel has (an out-of-tree module)',
      text: 'net.ipv4.tcp_congestion_control = bbr\nnet.ipv4.tcp_congestion_control = tsunami\n',
      expect: [{ severity: 'info', line: 0, at: 'net.ipv4.tcp_congestion_control', message: "procps writes this value 'bbr' first" }],
    },
    {
      name: 'overridden by a built-in congestion control: not a fallback',
      text: 'net.ipv4.tcp_congestion_control = bbr\nnet.ipv4.tcp_congestion_control = cubic\n',
      expect: [{ severity: 'warning', line: 0, at: 'net.ipv4.tcp_congestion_control', tag: 'unnecessary', message: "this value 'bbr' never stays in effect" }],
    },
    {
      name: 'dirty_bytes then dirty_ratio: the ratio write sets the bytes limit back to 0',
      text: 'vm.dirty_bytes = 268435456\nvm.dirty_background_bytes = 67108864\n# later, a copied ratio block\nvm.dirty_ratio = 10\nvm.dirty_background_ratio = 5\n',
      expect: [
        {
          severity: 'warning',
          line: 0,
          at: 'vm.dirty_bytes',
          tag: 'unnecessary',
          message: ["writing vm.dirty_ratio = 10 on line 4 sets vm.dirty_bytes back to 0, so this value '268435456' never stays in effect", 'Keep one of the two lines'],
          related: [{ line: 3, at: 'vm.dirty_ratio', message: 'The assignment that takes effect' }],
        },
        { severity: 'warning', line: 1, at: 'vm.dirty_background_bytes', message: 'writing vm.dirty_background_ratio = 5 on line 5 sets vm.dirty_background_bytes back to 0' },
      ],
    },
    {
      name: 'dirty_background_ratio then dirty_background_bytes: the bytes write wins',
      text: 'vm.dirty_background_ratio = 5\nvm.dirty_background_bytes = 67108864\n',
      expect: [{ severity: 'warning', line: 0, at: 'vm.dirty_background_ratio', message: 'sets vm.dirty_background_ratio back to 0' }],
    },
    {
      name: 'a key set twice with the same value: information, since nothing is lost',
      text: `${KEY} = 30\n${KEY} = 30\n`,
      expect: [
        {
          severity: 'info',
          line: 0,
          at: KEY,
          tag: 'unnecessary',
          message: 'is set again with the same value on line 2; this line is redundant',
          related: [{ line: 1, at: KEY }],
        },
      ],
    },
    {
      name: 'three assignments: both earlier ones point at the last',
      text: `${KEY} = 10\n${KEY} = 20\n${KEY} = 30\n`,
      expect: [
        { severity: 'warning', line: 0, at: KEY, message: "on line 3 to '30'", related: [{ line: 2, at: KEY }] },
        { severity: 'warning', line: 1, at: KEY, message: "on line 3 to '30'", related: [{ line: 2, at: KEY }] },
      ],
    },
    {
      name: 'dotted and slash spelling of the same key',
      text: `${KEY} = 30\nnet/ipv4/tcp_fin_timeout = 20\n`,
      expect: [
        { severity: 'warning', line: 0, at: KEY, message: "set again on line 2 (as 'net/ipv4/tcp_fin_timeout') to '20'", related: [{ line: 1, at: 'net/ipv4/tcp_fin_timeout' }] },
      ],
    },
    {
      name: 'the alias and the current name of nf_conntrack_max are one variable',
      text: 'net.nf_conntrack_max = 1048576\nnet.netfilter.nf_conntrack_max = 262144\n',
      expect: [
        {
          severity: 'warning',
          line: 0,
          at: 'net.nf_conntrack_max',
          message: ["(as 'net.netfilter.nf_conntrack_max') to '262144'", 'procps and systemd-sysctl both write it briefly first'],
          related: [{ line: 1, at: 'net.netfilter.nf_conntrack_max' }],
        },
      ],
    },
    {
      name: 'the current name first, the alias last',
      text: 'net.netfilter.nf_conntrack_max = 262144\nnet.nf_conntrack_max = 262144\n',
      expect: [{ severity: 'info', line: 0, at: 'net.netfilter.nf_conntrack_max', message: 'with the same value on line 2', related: [{ line: 1, at: 'net.nf_conntrack_max' }] }],
    },
    {
      name: 'an ignore-errors assignment overridden later (range without the dash)',
      text: `-${KEY} = 30\n${KEY} = 20\n`,
      expect: [{ severity: 'warning', line: 0, at: KEY, message: 'set again on line 2' }],
    },
    {
      name: 'repeated separators spell the same key',
      text: `net..ipv4.tcp_fin_timeout = 30\n${KEY} = 20\n`,
      expect: [{ severity: 'warning', line: 0, at: 'net..ipv4.tcp_fin_timeout', message: 'set again on line 2' }],
    },
    {
      name: 'a VLAN key in slash form and in path form',
      text: 'net.ipv4.conf.eth0/100.rp_filter = 1\nnet/ipv4/conf/eth0.100/rp_filter = 2\n',
      expect: [{ severity: 'warning', line: 0, at: 'net.ipv4.conf.eth0/100.rp_filter', message: "(as 'net/ipv4/conf/eth0.100/rp_filter')" }],
    },
    {
      name: 'keys the database does not document',
      text: 'vm.swappiness = 10\nvm.swappiness = 60\n',
      expect: [{ severity: 'warning', line: 0, at: 'vm.swappiness', message: "to '60'" }],
    },
  ]);

  ruleTable('duplicate-key', [
    { name: 'different keys', text: `${KEY} = 30\nnet.ipv4.tcp_keepalive_time = 600\n`, expect: [] },
    { name: 'different interfaces', text: 'net.ipv4.conf.eth0.rp_filter = 1\nnet.ipv4.conf.eth1.rp_filter = 1\n', expect: [] },
    { name: 'a glob and an explicit key it covers (explicit wins in both tools)', text: 'net.ipv4.conf.*.rp_filter = 2\nnet.ipv4.conf.all.rp_filter = 1\n', expect: [] },
    { name: 'an exclusion and an assignment', text: `-${KEY}\n${KEY} = 30\n`, expect: [] },
    { name: 'keys differing only in case', text: `${KEY} = 30\nNET.IPV4.TCP_FIN_TIMEOUT = 30\n`, expect: [] },
    { name: 'a broken pasted command and the real key', text: `sysctl -w ${KEY}=30\n${KEY} = 30\n`, expect: [] },
    { name: 'a commented-out earlier value', text: `# ${KEY} = 60\n${KEY} = 30\n`, expect: [] },
    { name: 'a removed key set twice: both lines fail (removed-key reports them)', text: 'net.ipv4.tcp_tw_recycle = 1\nnet.ipv4.tcp_tw_recycle = 0\n', expect: [] },
    { name: 'two values the kernel refuses (invalid-value reports them)', text: 'kernel.panic = 5;\nkernel.panic = 0;\n', expect: [] },
    {
      name: 'a legacy name current kernels lack, then the current name (legacy-key reports it)',
      text: 'net.ipv4.netfilter.ip_conntrack_max = 65536\nnet.netfilter.nf_conntrack_max = 262144\n',
      expect: [],
    },
  ]);

  ruleTable('duplicate-key', [
    {
      name: 'a last value the kernel refuses wins nothing: the one before it is what stays',
      text: 'vm.swappiness = 1\nvm.swappiness = 2\nvm.swappiness = abc\n',
      expect: [{ severity: 'warning', line: 0, at: 'vm.swappiness', message: "set again on line 2 to '2', which wins" }],
    },
    {
      name: 'a removed key set twice on a kernel that still has it',
      text: 'net.ipv4.tcp_tw_recycle = 1\nnet.ipv4.tcp_tw_recycle = 0\n',
      settings: { kernelVersion: '4.9' },
      expect: [{ severity: 'warning', line: 0, at: 'net.ipv4.tcp_tw_recycle', message: "set again on line 2 to '0'" }],
    },
  ]);

  it('the dead line is not reported twice when several later lines override it', () => {
    const findings = findingsOf(`${KEY} = 1\n${KEY} = 2\n${KEY} = 3\n`, 'duplicate-key');
    assert.deepEqual(
      findings.map((f) => f.range.start.line),
      [0, 1],
    );
  });

  it('leaves twin limits alone where the later write changes nothing or is refused', () => {
    // dirty_ratio = 0 after dirty_bytes: the ratio is already 0, and only a change resets the bytes.
    assert.deepEqual(findingsOf('vm.dirty_bytes = 268435456\nvm.dirty_ratio = 0\n', 'duplicate-key'), []);
    // dirty_bytes below two pages is refused (out-of-range says so), so the ratio stays.
    assert.deepEqual(findingsOf('vm.dirty_ratio = 10\nvm.dirty_bytes = 4096\n', 'duplicate-key'), []);
    assert.deepEqual(findingsOf('vm.dirty_ratio = 10\nvm.dirty_background_bytes = 67108864\n', 'duplicate-key'), []);
    assert.deepEqual(findingsOf('vm.dirty_bytes = 268435456\n-vm.dirty_ratio = 10\n', 'duplicate-key'), []);
    // An earlier 0 ("use the ratio") or a refused earlier value loses nothing (out-of-range speaks of it).
    assert.deepEqual(findingsOf('vm.dirty_background_bytes = 0\nvm.dirty_bytes = 0\nvm.dirty_ratio = 30\nvm.dirty_background_ratio = 20\n', 'duplicate-key'), []);
    assert.deepEqual(findingsOf('vm.dirty_ratio = 300\nvm.dirty_bytes = 268435456\n', 'duplicate-key'), []);
  });

  it('offers no fix that deletes a fallback', () => {
    const [finding] = findingsOf('net.ipv4.tcp_congestion_control = htcp\nnet.ipv4.tcp_congestion_control = bbr\n', 'duplicate-key');
    assert.equal(finding.severity, 'info');
    assert.equal(finding.fixes, undefined);
  });

  fixTable([
    {
      name: 'remove the overridden line',
      text: `${KEY} = 30\nvm.swappiness = 10\n${KEY} = 20\n`,
      ruleId: 'duplicate-key',
      fix: 'Remove this overridden assignment',
      result: `vm.swappiness = 10\n${KEY} = 20\n`,
      safe: true,
    },
    {
      name: 'remove the overridden line of a CRLF file',
      text: `# buffers\r\n${KEY} = 30\r\n${KEY} = 20\r\n`,
      ruleId: 'duplicate-key',
      fix: 'Remove this overridden assignment',
      result: `# buffers\r\n${KEY} = 20\r\n`,
      safe: true,
    },
    {
      name: 'remove the overridden line when the winner ends the file without a newline',
      text: `${KEY} = 30\n${KEY} = 20`,
      ruleId: 'duplicate-key',
      fix: 'Remove this overridden assignment',
      result: `${KEY} = 20`,
      safe: true,
    },
    {
      name: 'remove the alias line, keep the current name',
      text: 'net.nf_conntrack_max = 1048576\nnet.netfilter.nf_conntrack_max = 262144\n',
      ruleId: 'duplicate-key',
      fix: 'Remove this overridden assignment',
      result: 'net.netfilter.nf_conntrack_max = 262144\n',
      safe: true,
    },
    {
      name: 'remove the middle one of three',
      text: `${KEY} = 10\n${KEY} = 20\n${KEY} = 30\n`,
      ruleId: 'duplicate-key',
      line: 1,
      fix: 'Remove this overridden assignment',
      result: `${KEY} = 10\n${KEY} = 30\n`,
      safe: true,
    },
  ]);
});

describe('rule duplicate-key compares what the kernel stores', () => {
  const duplicates = (text: string) => findingsOf(text, 'duplicate-key').map((f) => f.message);
  it('an empty last value wins nothing: the kernel refuses it, and the value before it stays', () => {
    assert.deepEqual(duplicates('net.ipv4.tcp_fin_timeout = 31\nnet.ipv4.tcp_fin_timeout =\n'), []);
  });
  it('the same number written differently is redundant, not overridden', () => {
    // The kernel reads 1 from '1  # comment' and from '1 2 3' for a key of one number, and 010 as octal 8.
    assert.match(duplicates('vm.swappiness = 1  # avoid swap\nvm.swappiness = 1\n')[0], /set again with the same value on line 2; this line is redundant/);
    assert.match(duplicates('kernel.yama.ptrace_scope = 1\nkernel.yama.ptrace_scope = 1 2 3\n')[0], /same value/);
    assert.match(duplicates('vm.swappiness = 010\nvm.swappiness = 8\n')[0], /same value/);
  });
  it('a vector written shorter, and text values, still differ', () => {
    assert.match(duplicates('net.ipv4.tcp_rmem = 4096 87380\nnet.ipv4.tcp_rmem = 4096 87380 6291456\n')[0], /never stays in effect/);
    assert.match(duplicates('kernel.hostname = a\nkernel.hostname = a # x\n')[0], /never stays in effect/);
  });
});

describe('rule duplicate-key across edits', () => {
  const duplicates = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId === 'duplicate-key');

  it('keeps the findings of variables an edit did not touch, and rebuilds those it did', () => {
    const text = [`${KEY} = 1`, 'vm.swappiness = 1', `${KEY} = 2`, 'vm.swappiness = 2', `${KEY} = 3`, ''].join('\n');
    const document = new EditableDocument(text);
    const cache = new LineFindingsCache();
    const before = duplicates(analyze(document.toParsed(), DEFAULT_SETTINGS, cache));
    assert.equal(before.length, 3);
    // Change the swappiness winner: the fin_timeout findings stay the same objects.
    document.applyChanges([{ range: { start: { line: 3, character: 16 }, end: { line: 3, character: 17 } }, text: '5' }]);
    const after = duplicates(analyze(document.toParsed(), DEFAULT_SETTINGS, cache));
    assert.deepEqual(
      after.map((f) => before.includes(f)),
      [true, false, true],
    );
    assert.match(after[1].message, /to '5', which wins/);
  });

  it('numbers the winning line anew when lines above it move', () => {
    const document = new EditableDocument(`${KEY} = 1\n${KEY} = 2\n`);
    const cache = new LineFindingsCache();
    analyze(document.toParsed(), DEFAULT_SETTINGS, cache);
    document.applyChanges([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# moved\n' }]);
    const [finding] = duplicates(analyze(document.toParsed(), DEFAULT_SETTINGS, cache));
    assert.match(finding.message, /set again on line 3 /);
    assert.equal(finding.related?.[0].range.start.line, 2);
  });
});
