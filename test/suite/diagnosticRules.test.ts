import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeEditorsAndDelete, describeDiagnostic, describeRange, diagnosticCode, showNewFileAndWait } from './helpers';

// A drop-in with one known mistake per line. Every diagnostic the editor shows is listed below,
// with its rule id, severity and exact range: nothing missing, nothing extra.
const DIR = 'diagnostic-rules';
const LINES = [
  '# known mistakes, one per line', //                                    0
  'net.ipv4.ip_forward', //                                               1 syntax-error (no '=')
  'net.netfilter.nf_conntrack_mux = 65536', //                            2 unknown-key (typo)
  'net.core.somaxconn = 99999999999', //                                  3 out-of-range (int)
  'net.ipv4.tcp_tw_recycle = 1', //                                       4 removed-key (gone in 4.12)
  'net.ipv4.tcp_syncookies = 1', //                                       5 duplicate-key (line 8 wins)
  'net.ipv4.ip_local_port_range = 60000 1024', //                         6 port-range-order
  'net.ipv4.tcp_syncookies = 3', //                                       7 suspicious-value
  'net.nf_conntrack_max = 131072', //                                     8 legacy-key + module-boot-order
  'net.ipv4.tcp_rmem = 4096 131072 87380', //                             9 threshold-order
  'kernel.pid_max = 65536', //                                           10 fine
  '',
];
const CONTENT = LINES.join('\n');

const { Error: E, Warning: W, Information: I } = vscode.DiagnosticSeverity;
type Expected = { code: string; severity: vscode.DiagnosticSeverity; range: [number, number, number, number]; text: string };
const EXPECTED: Expected[] = [
  { code: 'syntax-error', severity: E, range: [1, 0, 1, 19], text: 'net.ipv4.ip_forward' },
  { code: 'unknown-key', severity: W, range: [2, 0, 2, 30], text: 'net.netfilter.nf_conntrack_mux' },
  { code: 'out-of-range', severity: E, range: [3, 21, 3, 32], text: '99999999999' },
  { code: 'removed-key', severity: E, range: [4, 0, 4, 23], text: 'net.ipv4.tcp_tw_recycle' },
  { code: 'duplicate-key', severity: W, range: [5, 0, 5, 23], text: 'net.ipv4.tcp_syncookies' },
  { code: 'port-range-order', severity: E, range: [6, 31, 6, 41], text: '60000 1024' },
  { code: 'suspicious-value', severity: W, range: [7, 26, 7, 27], text: '3' },
  { code: 'legacy-key', severity: I, range: [8, 0, 8, 20], text: 'net.nf_conntrack_max' },
  { code: 'module-boot-order', severity: I, range: [8, 0, 8, 20], text: 'net.nf_conntrack_max' },
  { code: 'threshold-order', severity: W, range: [9, 20, 9, 37], text: '4096 131072 87380' },
];

const byPosition = (a: { line: number; code: string }, b: { line: number; code: string }) => a.line - b.line || a.code.localeCompare(b.code);

suite('diagnostics for a file of known mistakes', () => {
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;
  let diagnostics: vscode.Diagnostic[];

  suiteSetup(async () => {
    ({ uri, doc, diagnostics } = await showNewFileAndWait(
      `${DIR}/sysctl.d/50-mistakes.conf`,
      CONTENT,
      `all ${EXPECTED.length} diagnostics of the mistakes file`,
      (ds) => ds.filter((d) => d.source === 'sysctl').length >= EXPECTED.length,
    ));
  });

  suiteTeardown(async () => {
    await closeEditorsAndDelete(DIR);
  });

  test('every rule id, severity and range is exactly as expected', () => {
    assert.equal(doc.languageId, 'sysctl');
    const seen = diagnostics
      .map((d) => ({ line: d.range.start.line, code: String(diagnosticCode(d)), severity: vscode.DiagnosticSeverity[d.severity], range: describeRange(d.range), source: d.source }))
      .sort(byPosition);
    const expected = EXPECTED.map((e) => ({
      line: e.range[0],
      code: e.code,
      severity: vscode.DiagnosticSeverity[e.severity],
      range: describeRange(new vscode.Range(...e.range)),
      source: 'sysctl',
    })).sort(byPosition);
    assert.deepEqual(seen, expected);
  });

  test('each range covers exactly the offending text', () => {
    for (const e of EXPECTED) {
      const d = diagnostics.find((x) => diagnosticCode(x) === e.code && x.range.start.line === e.range[0]);
      assert.ok(d, `no ${e.code} on line ${e.range[0]}`);
      assert.equal(doc.getText(d.range), e.text, `${e.code} covers ${JSON.stringify(doc.getText(d.range))}`);
    }
  });

  test('messages say what happens and what to write instead', () => {
    const message = (code: string) => diagnostics.find((d) => diagnosticCode(d) === code)?.message ?? '';
    assert.match(message('unknown-key'), /Did you mean 'net\.netfilter\.nf_conntrack_max'\?/);
    assert.match(message('removed-key'), /removed in Linux 4\.12/);
    assert.match(message('out-of-range'), /-2147483648\.\.2147483647/);
    assert.match(message('port-range-order'), /Write '1024 60000'/);
    assert.match(message('duplicate-key'), /set again on line 8 to '3'/);
  });

  test('the overridden assignment links to the one that wins and is marked unnecessary; the removed key is deprecated', () => {
    const duplicate = diagnostics.find((d) => diagnosticCode(d) === 'duplicate-key');
    assert.ok(duplicate);
    assert.deepEqual(duplicate.tags, [vscode.DiagnosticTag.Unnecessary]);
    const related = duplicate.relatedInformation ?? [];
    assert.equal(related.length, 1, JSON.stringify(related));
    assert.equal(related[0].location.uri.toString(), uri.toString());
    assert.equal(related[0].location.range.start.line, 7, `related range ${describeRange(related[0].location.range)}`);

    const removed = diagnostics.find((d) => diagnosticCode(d) === 'removed-key');
    assert.ok(removed);
    assert.deepEqual(removed.tags, [vscode.DiagnosticTag.Deprecated], JSON.stringify(describeDiagnostic(removed)));
  });
});
