import { strict as assert } from 'node:assert';
import { parseDocument, parseLine } from '../../../server/src/engine';
import type { LineIssueCode, LineKind, ParsedLine } from '../../../server/src/engine';

/**
 * The parser test vectors of the syntax reference (docs/reference/sysctl-syntax.md §9). `path` uses systemd's
 * normalisation; `issues` are the tool differences and syntax errors the parser must record.
 */
interface Vector {
  id: string;
  input: string;
  kind: LineKind;
  ignore?: boolean;
  key?: string;
  path?: string;
  value?: string;
  issues?: LineIssueCode[];
}

const VECTORS: Vector[] = [
  { id: 'V01', input: 'net.ipv4.ip_forward = 1', kind: 'setting', ignore: false, key: 'net.ipv4.ip_forward', path: 'net/ipv4/ip_forward', value: '1' },
  { id: 'V02', input: 'net.ipv4.ip_forward=1', kind: 'setting', key: 'net.ipv4.ip_forward', path: 'net/ipv4/ip_forward', value: '1' },
  { id: 'V03', input: '   net.ipv4.ip_forward   =   1   ', kind: 'setting', key: 'net.ipv4.ip_forward', path: 'net/ipv4/ip_forward', value: '1' },
  { id: 'V04', input: '\tnet.ipv4.tcp_rmem\t=\t4096\t87380\t6291456\t', kind: 'setting', key: 'net.ipv4.tcp_rmem', path: 'net/ipv4/tcp_rmem', value: '4096\t87380\t6291456' },
  { id: 'V05', input: 'net.ipv4.ip_local_port_range = 1024 65000', kind: 'setting', path: 'net/ipv4/ip_local_port_range', value: '1024 65000' },
  { id: 'V06', input: 'net.ipv4.ip_local_port_range = 1024    65000', kind: 'setting', value: '1024    65000' },
  { id: 'V07', input: 'kernel.domainname = foo # comment', kind: 'setting', key: 'kernel.domainname', path: 'kernel/domainname', value: 'foo # comment' },
  { id: 'V08', input: 'kernel.domainname = foo ; comment', kind: 'setting', value: 'foo ; comment' },
  { id: 'V09', input: 'kernel.domainname = foo#bar', kind: 'setting', value: 'foo#bar' },
  { id: 'V10', input: 'kernel.domainname = #foo', kind: 'setting', value: '#foo' },
  { id: 'V11', input: 'kernel.domainname = "example.com"', kind: 'setting', value: '"example.com"' },
  { id: 'V12', input: "kernel.domainname = 'example.com'", kind: 'setting', value: "'example.com'" },
  { id: 'V13', input: 'kernel.core_pattern = |/usr/lib/foo %p a=b', kind: 'setting', key: 'kernel.core_pattern', path: 'kernel/core_pattern', value: '|/usr/lib/foo %p a=b' },
  { id: 'V14', input: 'kernel.domainname==foo', kind: 'setting', key: 'kernel.domainname', path: 'kernel/domainname', value: '=foo' },
  { id: 'V15', input: 'kernel.domainname =', kind: 'setting', value: '' },
  { id: 'V16', input: 'kernel.domainname =  \t ', kind: 'setting', value: '' },
  { id: 'V17', input: 'vm.swappiness = 10\r\n', kind: 'setting', key: 'vm.swappiness', path: 'vm/swappiness', value: '10' },
  { id: 'V18', input: 'vm.swappiness = 44', kind: 'setting', value: '44' },
  { id: 'V19', input: '', kind: 'blank' },
  { id: 'V20', input: '   \t  ', kind: 'blank' },
  { id: 'V21', input: '# comment', kind: 'comment' },
  { id: 'V22', input: '    # indented comment', kind: 'comment' },
  { id: 'V23', input: '; comment', kind: 'comment', issues: ['semicolon-comment'] },
  { id: 'V24', input: ';net.ipv4.ip_forward=1', kind: 'comment', issues: ['semicolon-comment'] },
  { id: 'V25', input: '#net.ipv4.ip_forward=1', kind: 'comment' },
  { id: 'V26', input: 'net.ipv4.ip_forward', kind: 'invalid', issues: ['missing-equals'] },
  { id: 'V27', input: 'include /etc/other.conf', kind: 'invalid', issues: ['missing-equals'] },
  { id: 'V28', input: '-vm.swappiness = 20', kind: 'setting', ignore: true, key: 'vm.swappiness', path: 'vm/swappiness', value: '20' },
  { id: 'V29', input: '  -vm.swappiness = 20', kind: 'setting', ignore: true, key: 'vm.swappiness', value: '20' },
  { id: 'V30', input: '- vm.swappiness = 20', kind: 'setting', ignore: true, key: 'vm.swappiness', path: 'vm/swappiness', value: '20', issues: ['space-after-dash'] },
  { id: 'V31', input: '--vm.swappiness = 5', kind: 'setting', ignore: true, key: '-vm.swappiness', path: '-vm/swappiness', value: '5', issues: ['double-dash'] },
  { id: 'V32', input: '-net.ipv4.conf.all.rp_filter', kind: 'exclusion', key: 'net.ipv4.conf.all.rp_filter', path: 'net/ipv4/conf/all/rp_filter' },
  { id: 'V33', input: '-net.ipv4.conf.eth*.rp_filter', kind: 'exclusion', path: 'net/ipv4/conf/eth*/rp_filter', issues: ['glob-exclusion'] },
  { id: 'V34', input: '-', kind: 'exclusion', key: '', path: '', issues: ['empty-key'] },
  { id: 'V35', input: '-;x', kind: 'exclusion', key: ';x', path: ';x' },
  { id: 'V36', input: 'net/ipv4/ip_forward = 1', kind: 'setting', key: 'net/ipv4/ip_forward', path: 'net/ipv4/ip_forward', value: '1' },
  { id: 'V37', input: 'net/ipv4/conf/enp3s0.200/forwarding = 1', kind: 'setting', path: 'net/ipv4/conf/enp3s0.200/forwarding', value: '1' },
  { id: 'V38', input: 'net.ipv4.conf.enp3s0/200.forwarding = 1', kind: 'setting', path: 'net/ipv4/conf/enp3s0.200/forwarding', value: '1' },
  { id: 'V39', input: 'net.ipv4.conf.enp3s0.200.forwarding = 1', kind: 'setting', path: 'net/ipv4/conf/enp3s0/200/forwarding', value: '1' },
  { id: 'V40', input: 'key/middle.part.with.dots/foo = 123', kind: 'setting', path: 'key/middle.part.with.dots/foo', value: '123' },
  { id: 'V41', input: 'key.middle/part/with/dots.foo = 123', kind: 'setting', path: 'key/middle.part.with.dots/foo', value: '123' },
  { id: 'V42', input: '/net/ipv4/ip_forward = 1', kind: 'setting', path: 'net/ipv4/ip_forward', value: '1' },
  { id: 'V43', input: '.net.ipv4.ip_forward = 1', kind: 'setting', path: 'net/ipv4/ip_forward', value: '1' },
  { id: 'V44', input: 'net..ipv4.ip_forward = 1', kind: 'setting', path: 'net/ipv4/ip_forward', value: '1', issues: ['repeated-separator'] },
  { id: 'V45', input: 'a...b...c = 1', kind: 'setting', path: 'a/b/c', value: '1', issues: ['repeated-separator'] },
  { id: 'V46', input: 'a///b///c = 1', kind: 'setting', path: 'a/b/c', value: '1', issues: ['repeated-separator'] },
  { id: 'V47', input: 'net/ipv4/../ipv4/ip_forward = 1', kind: 'setting', path: 'net/ipv4/../ipv4/ip_forward', value: '1', issues: ['parent-component'] },
  { id: 'V48', input: 'net.ipv4 .ip_forward = 1', kind: 'setting', key: 'net.ipv4 .ip_forward', path: 'net/ipv4 /ip_forward', value: '1', issues: ['whitespace-in-key'] },
  { id: 'V49', input: 'NET.IPV4.IP_FORWARD = 1', kind: 'setting', path: 'NET/IPV4/IP_FORWARD', value: '1' },
  { id: 'V50', input: '= 1', kind: 'setting', key: '', path: '', value: '1', issues: ['empty-key'] },
  { id: 'V51', input: 'net.ipv4.conf.*.rp_filter = 2', kind: 'setting', path: 'net/ipv4/conf/*/rp_filter', value: '2' },
  { id: 'V52', input: 'net.ipv4.conf.eth?.rp_filter = 7', kind: 'setting', path: 'net/ipv4/conf/eth?/rp_filter', value: '7' },
  { id: 'V53', input: 'net.ipv4.conf.[eh]*.forwarding = 1', kind: 'setting', path: 'net/ipv4/conf/[eh]*/forwarding', value: '1' },
  { id: 'V54', input: 'kernel.domainname = foo\\', kind: 'setting', path: 'kernel/domainname', value: 'foo\\' },
  { id: 'V56', input: '\f', kind: 'blank', issues: ['form-feed-line'] },
];

/** Parses a one-line input the way the editor sees it and returns its first line. */
function firstLine(input: string): ParsedLine {
  return parseDocument(input).lines[0];
}

describe('parser: syntax reference test vectors (§9)', () => {
  for (const v of VECTORS) {
    it(`${v.id}: ${JSON.stringify(v.input)}`, () => {
      const line = firstLine(v.input);
      assert.equal(line.kind, v.kind);
      if (line.kind === 'setting' || line.kind === 'exclusion') {
        if (v.key !== undefined) assert.equal(line.key.text, v.key);
        if (v.path !== undefined) assert.equal(line.key.path, v.path);
      }
      if (line.kind === 'setting') {
        if (v.ignore !== undefined) assert.equal(line.ignoreErrors, v.ignore);
        if (v.value !== undefined) assert.equal(line.value.text, v.value);
      }
      assert.deepEqual(
        line.issues.map((i) => i.code),
        v.issues ?? [],
      );
    });
  }

  it('V51-V53: glob keys are flagged as globs, plain keys are not', () => {
    for (const input of ['net.ipv4.conf.*.rp_filter = 2', 'net.ipv4.conf.eth?.rp_filter = 7', 'net.ipv4.conf.[eh]*.forwarding = 1']) {
      const line = firstLine(input);
      assert.ok(line.kind === 'setting' && line.key.isGlob, input);
    }
    const plain = firstLine('net.ipv4.ip_forward = 1');
    assert.ok(plain.kind === 'setting' && !plain.key.isGlob);
  });

  it('V55: a BOM is reported and parsed past, so the key is still readable', () => {
    const line = firstLine('\uFEFFvm.swappiness = 12\n');
    assert.equal(line.kind, 'setting');
    assert.ok(line.kind === 'setting');
    assert.equal(line.key.text, 'vm.swappiness');
    assert.deepEqual(line.key.span, { start: 1, end: 14 });
    assert.deepEqual(line.issues, [{ code: 'bom', span: { start: 0, end: 1 } }]);
  });

  it('V55b: a BOM before blanks is reported on that line only; other blank lines stay without issues', () => {
    const doc = parseDocument('\uFEFF  \n   \n  \n# x\n');
    assert.deepEqual(doc.lines[0].issues, [{ code: 'bom', span: { start: 0, end: 1 } }]);
    assert.equal(doc.lines[0].kind, 'blank');
    for (const line of doc.lines.slice(1)) assert.deepEqual(line.issues, [], line.kind);
    assert.deepEqual(parseDocument('   \n').lines[0].issues, [], 'a blank line of the same length parsed afterwards');
    const comment = doc.lines[3];
    assert.ok(comment.kind === 'comment');
    assert.deepEqual([comment.marker, comment.body, comment.span], ['#', 'x', { start: 0, end: 3 }]);
  });

  it('V57: a lone CR splits the line for the editor and is recorded as a divergence', () => {
    const doc = parseDocument('vm.swappiness = 11\rkernel.domainname = x');
    assert.equal(doc.lines.length, 2);
    const [first, second] = doc.lines;
    assert.ok(first.kind === 'setting' && first.value.text === '11');
    assert.deepEqual(
      first.issues.map((i) => i.code),
      ['bare-cr'],
    );
    assert.ok(second.kind === 'setting' && second.key.text === 'kernel.domainname' && second.value.text === 'x');
  });

  it('V58: a NUL ends the line as procps reads it, and is recorded', () => {
    const line = firstLine('kernel.domainname = ab\0cd');
    assert.ok(line.kind === 'setting');
    assert.equal(line.value.text, 'ab');
    assert.deepEqual(line.issues, [{ code: 'nul', span: { start: 22, end: 25 } }]);
  });

  it('V59: a line over 1 MiB is recorded; one of exactly 1 MiB is not', () => {
    const long = firstLine('kernel.domainname = ' + 'x'.repeat(1024 * 1024));
    assert.ok(long.issues.some((i) => i.code === 'line-too-long'));
    const limit = firstLine('k=' + 'x'.repeat(1024 * 1024 - 2));
    assert.ok(!limit.issues.some((i) => i.code === 'line-too-long'));
    const multibyte = firstLine('k=' + 'é'.repeat(600 * 1024));
    assert.ok(
      multibyte.issues.some((i) => i.code === 'line-too-long'),
      'counts UTF-8 bytes, not characters',
    );
  });
});

describe('parser: token ranges', () => {
  it('gives exact spans for dash, key, equals and value', () => {
    const line = parseLine('  -net.core.somaxconn\t=  4096  ');
    assert.ok(line.kind === 'setting');
    assert.deepEqual(line.dash, { start: 2, end: 3 });
    assert.deepEqual(line.key.span, { start: 3, end: 21 });
    assert.equal(line.equals, 22);
    assert.deepEqual(line.value.span, { start: 25, end: 29 });
  });

  it('gives an empty value span right after the equals sign region', () => {
    const line = parseLine('kernel.domainname =   ');
    assert.ok(line.kind === 'setting');
    assert.equal(line.value.text, '');
    assert.equal(line.value.span.start, line.value.span.end);
  });

  it('spans the trimmed text of an invalid line', () => {
    const line = parseLine('  net.ipv4.ip_forward  ');
    assert.ok(line.kind === 'invalid');
    assert.deepEqual(line.span, { start: 2, end: 21 });
  });

  it('reports canonical dotted names for both spellings of a VLAN key', () => {
    const slash = parseLine('net/ipv4/conf/enp3s0.200/forwarding = 1');
    const dotted = parseLine('net.ipv4.conf.enp3s0/200.forwarding = 1');
    assert.ok(slash.kind === 'setting' && dotted.kind === 'setting');
    assert.equal(slash.key.canonical, 'net.ipv4.conf.enp3s0/200.forwarding');
    assert.equal(dotted.key.canonical, 'net.ipv4.conf.enp3s0/200.forwarding');
  });

  it('keeps procps key differences for a dash followed by a space or a second dash', () => {
    const spaced = parseLine('- vm.swappiness = 5');
    const doubled = parseLine('--vm.swappiness = 5');
    assert.ok(spaced.kind === 'setting' && doubled.kind === 'setting');
    assert.equal(spaced.procpsKey, ' vm.swappiness');
    assert.equal(doubled.procpsKey, 'vm.swappiness');
  });

  it('numbers lines like an editor: CRLF, CR and LF each end one line', () => {
    const doc = parseDocument('a = 1\r\nb = 2\rc = 3\nd = 4');
    assert.deepEqual(
      doc.lines.map((l) => (l.kind === 'setting' ? l.key.text : l.kind)),
      ['a', 'b', 'c', 'd'],
    );
    const trailing = parseDocument('a = 1\n');
    assert.equal(trailing.lines.length, 2);
    assert.equal(trailing.lines[1].kind, 'blank');
  });
});

describe('parser: canonical names', () => {
  const cases: Array<[string, string]> = [
    ['net/ipv4/ip_forward', 'net.ipv4.ip_forward'],
    ['net.ipv4.ip_forward', 'net.ipv4.ip_forward'],
    ['/net/ipv4/ip_forward', 'net.ipv4.ip_forward'],
    ['net..ipv4.ip_forward', 'net.ipv4.ip_forward'],
    ['kernel', 'kernel'],
    ['net/ipv4/./ip_forward', 'net.ipv4.ip_forward'],
  ];
  for (const [written, canonical] of cases) {
    it(`${written} -> ${canonical}`, () => {
      const line = parseLine(`${written} = 1`);
      assert.ok(line.kind === 'setting');
      assert.equal(line.key.canonical, canonical);
    });
  }
});
