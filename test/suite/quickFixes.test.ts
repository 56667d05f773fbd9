import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  actionTitled,
  applyCodeActionEdit,
  closeEditorsAndDelete,
  codeActionsAt,
  describeDiagnostic,
  hasDiagnostic,
  saveAndReadBack,
  showNewFileAndWait,
  sysctlDiagnostics,
  visible,
  waitForDiagnostics,
} from './helpers';

// Every kind of quick fix, applied the way the light bulb applies it (the code action's workspace
// edit), with the resulting text checked byte for byte: in the editor and on disk after saving.
// Each case runs on an LF file and on a CRLF file (VS Code keeps CRLF as the document's EOL);
// several run on files without a final newline.

const DIR = 'quick-fixes';

interface FixCase {
  name: string;
  /** Rule id of the diagnostic the fix is for, and its (0-based) line. */
  code: string;
  line: number;
  title: string;
  lines: string[];
  expected: string[];
  /** Whether the file ends with a line ending (before and after). */
  finalNewline: boolean;
  preferred?: boolean;
}

const CASES: FixCase[] = [
  {
    name: 'unknown-key: did you mean',
    code: 'unknown-key',
    line: 1,
    title: "Change to 'net.netfilter.nf_conntrack_max'",
    lines: ['kernel.pid_max = 65536', 'net.netfilter.nf_conntrack_mux = 65536'],
    expected: ['kernel.pid_max = 65536', 'net.netfilter.nf_conntrack_max = 65536'],
    finalNewline: true,
    preferred: true,
  },
  {
    name: 'legacy-key: the current name',
    code: 'legacy-key',
    line: 0,
    title: "Use the current name 'net.netfilter.nf_conntrack_max'",
    lines: ['net.nf_conntrack_max = 131072', 'kernel.pid_max = 65536'],
    expected: ['net.netfilter.nf_conntrack_max = 131072', 'kernel.pid_max = 65536'],
    finalNewline: true,
    preferred: true,
  },
  {
    name: 'duplicate-key: remove the overridden assignment',
    code: 'duplicate-key',
    line: 0,
    title: 'Remove this overridden assignment',
    lines: ['net.core.somaxconn = 1024', 'vm.swappiness = 10', 'net.core.somaxconn = 4096'],
    expected: ['vm.swappiness = 10', 'net.core.somaxconn = 4096'],
    finalNewline: true,
  },
  {
    name: 'out-of-range: the nearest accepted value',
    code: 'out-of-range',
    line: 1,
    title: 'Change to 2147483647',
    lines: ['# backlog', 'net.core.somaxconn = 99999999999', 'vm.swappiness = 10'],
    expected: ['# backlog', 'net.core.somaxconn = 2147483647', 'vm.swappiness = 10'],
    finalNewline: true,
    preferred: true,
  },
  {
    name: 'removed-key: remove the line',
    code: 'removed-key',
    line: 1,
    title: 'Remove the line',
    lines: ['kernel.pid_max = 65536', 'net.ipv4.tcp_tw_recycle = 1', 'vm.swappiness = 10'],
    expected: ['kernel.pid_max = 65536', 'vm.swappiness = 10'],
    finalNewline: true,
  },
  {
    name: 'port-range-order: swap the ends',
    code: 'port-range-order',
    line: 1,
    title: "Swap to '1024 60999'",
    lines: ['# ports', 'net.ipv4.ip_local_port_range = 60999 1024'],
    expected: ['# ports', 'net.ipv4.ip_local_port_range = 1024 60999'],
    finalNewline: true,
    preferred: true,
  },
  {
    name: 'suppression of one line',
    code: 'unknown-key',
    line: 1,
    title: 'Suppress unknown-key on this line',
    lines: ['kernel.pid_max = 65536', 'net.netfilter.nf_conntrack_mux = 1', 'vm.swappiness = 10'],
    expected: ['kernel.pid_max = 65536', '# sysctl-lint-disable-next-line unknown-key', 'net.netfilter.nf_conntrack_mux = 1', 'vm.swappiness = 10'],
    finalNewline: true,
  },
  {
    name: 'suppression in the whole file',
    code: 'duplicate-key',
    line: 1,
    title: 'Suppress duplicate-key in this file',
    lines: ['# tuning', 'vm.swappiness = 10', 'vm.swappiness = 20'],
    expected: ['# sysctl-lint-disable duplicate-key', '# tuning', 'vm.swappiness = 10', 'vm.swappiness = 20'],
    finalNewline: true,
  },
  // Without a final newline: the last line is edited, removed or preceded, and no newline appears.
  {
    name: 'no final newline: unknown-key on the last line',
    code: 'unknown-key',
    line: 1,
    title: "Change to 'net.netfilter.nf_conntrack_max'",
    lines: ['kernel.pid_max = 65536', 'net.netfilter.nf_conntrack_mux = 65536'],
    expected: ['kernel.pid_max = 65536', 'net.netfilter.nf_conntrack_max = 65536'],
    finalNewline: false,
  },
  {
    name: 'no final newline: remove the last line',
    code: 'removed-key',
    line: 1,
    title: 'Remove the line',
    lines: ['kernel.pid_max = 65536', 'net.ipv4.tcp_tw_recycle = 1'],
    expected: ['kernel.pid_max = 65536'],
    finalNewline: false,
  },
  {
    name: 'no final newline: remove an overridden assignment above the last line',
    code: 'duplicate-key',
    line: 0,
    title: 'Remove this overridden assignment',
    lines: ['net.ipv4.tcp_syncookies = 1', 'net.ipv4.tcp_syncookies = 2'],
    expected: ['net.ipv4.tcp_syncookies = 2'],
    finalNewline: false,
  },
  {
    name: 'no final newline: out-of-range value on the last line',
    code: 'out-of-range',
    line: 1,
    title: 'Change to 2147483647',
    // (two lines: a one-line file without a line ending has no EOL for VS Code to keep)
    lines: ['# backlog', 'net.core.somaxconn = 99999999999'],
    expected: ['# backlog', 'net.core.somaxconn = 2147483647'],
    finalNewline: false,
  },
  {
    name: 'no final newline: suppress the last line',
    code: 'unknown-key',
    line: 1,
    title: 'Suppress unknown-key on this line',
    lines: ['kernel.pid_max = 65536', 'net.netfilter.nf_conntrack_mux = 1'],
    expected: ['kernel.pid_max = 65536', '# sysctl-lint-disable-next-line unknown-key', 'net.netfilter.nf_conntrack_mux = 1'],
    finalNewline: false,
  },
];

const join = (lines: string[], eol: string, finalNewline: boolean) => lines.join(eol) + (finalNewline ? eol : '');

/** The one diagnostic `code` on `line`, once the server has published it. */
async function diagnosticOn(uri: vscode.Uri, code: string, line: number): Promise<vscode.Diagnostic> {
  const found = sysctlDiagnostics(uri, code, line);
  assert.equal(found.length, 1, `expected one ${code} on line ${line}: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map(describeDiagnostic))}`);
  return found[0];
}

/** Runs the fix titled `title` for the diagnostic `code` on `line`, checking that the action belongs to it. */
async function applyFixFor(uri: vscode.Uri, code: string, line: number, title: string, preferred?: boolean): Promise<void> {
  const diagnostic = await diagnosticOn(uri, code, line);
  const action = actionTitled(await codeActionsAt(uri, diagnostic.range), title);
  assert.ok(action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind), `${title} has kind ${action.kind?.value}`);
  // (vscode.executeCodeActionProvider does not pass CodeAction.diagnostics through, so the link
  // from the fix to its diagnostic is checked by the protocol tests, not here.)
  if (preferred !== undefined) assert.equal(action.isPreferred ?? false, preferred, `isPreferred of ${title}`);
  await applyCodeActionEdit(action);
}

suite('quick fixes', () => {
  suiteTeardown(async () => {
    await closeEditorsAndDelete(DIR);
  });

  for (const [eolName, eol, docEol] of [
    ['LF', '\n', vscode.EndOfLine.LF],
    ['CRLF', '\r\n', vscode.EndOfLine.CRLF],
  ] as const) {
    CASES.forEach((c, index) => {
      test(`${c.name} (${eolName}): "${c.title}"`, async () => {
        const content = join(c.lines, eol, c.finalNewline);
        const expected = join(c.expected, eol, c.finalNewline);
        const { uri, doc } = await showNewFileAndWait(
          `${DIR}/${eolName.toLowerCase()}/sysctl.d/${String(index).padStart(2, '0')}-case.conf`,
          content,
          `${c.code} on line ${c.line}`,
          hasDiagnostic(c.code, c.line),
        );
        assert.equal(doc.eol, docEol, "the document keeps the file's line ending");
        assert.equal(doc.getText(), content, 'the editor shows the file as written');

        await applyFixFor(uri, c.code, c.line, c.title, c.preferred);
        assert.equal(doc.getText(), expected, `editor text ${visible(doc.getText())}, expected ${visible(expected)}`);

        // The diagnostic the fix was for is gone.
        await waitForDiagnostics(`no ${c.code} any more`, uri, (ds) => !hasDiagnostic(c.code)(ds));

        const onDisk = await saveAndReadBack(doc);
        assert.equal(onDisk, expected, `saved bytes ${visible(onDisk)}, expected ${visible(expected)}`);
      });
    });
  }

  test('a CRLF file without a final newline, fixed step by step, keeps every CRLF and its missing final newline', async () => {
    const content = ['net.netfilter.nf_conntrack_mux = 65536', 'net.core.somaxconn = 99999999999', 'net.nf_conntrack_max = 131072'].join('\r\n');
    const { uri, doc } = await showNewFileAndWait(`${DIR}/crlf-steps/sysctl.conf`, content, 'the three mistakes', (ds) =>
      ['unknown-key', 'out-of-range', 'legacy-key'].every((code) => hasDiagnostic(code)(ds)),
    );
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);

    await applyFixFor(uri, 'unknown-key', 0, "Change to 'net.netfilter.nf_conntrack_max'");
    await waitForDiagnostics('unknown-key to go', uri, (ds) => !hasDiagnostic('unknown-key')(ds));
    await applyFixFor(uri, 'out-of-range', 1, 'Change to 2147483647');
    await waitForDiagnostics('out-of-range to go', uri, (ds) => !hasDiagnostic('out-of-range')(ds));
    await applyFixFor(uri, 'legacy-key', 2, "Use the current name 'net.netfilter.nf_conntrack_max'");

    // Now both lines set the same key: the first is dead.
    await waitForDiagnostics('a duplicate-key on line 0', uri, hasDiagnostic('duplicate-key', 0));
    await applyFixFor(uri, 'duplicate-key', 0, 'Remove this overridden assignment');
    await waitForDiagnostics('the module-boot-order note on line 1', uri, (ds) => !hasDiagnostic('duplicate-key')(ds) && hasDiagnostic('module-boot-order', 1)(ds));
    await applyFixFor(uri, 'module-boot-order', 1, 'Suppress module-boot-order in this file');

    const expected = ['# sysctl-lint-disable module-boot-order', 'net.core.somaxconn = 2147483647', 'net.netfilter.nf_conntrack_max = 131072'].join('\r\n');
    assert.equal(doc.getText(), expected, visible(doc.getText()));
    await waitForDiagnostics('no diagnostics left', uri, (ds) => ds.length === 0);
    const onDisk = await saveAndReadBack(doc);
    assert.equal(onDisk, expected, visible(onDisk));
  });
});
