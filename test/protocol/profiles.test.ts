import { strict as assert } from 'node:assert';
import { CodeActionRequest, DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../helpers/applyEdits';
import { TestClient } from '../helpers/lspClient';
import { analyze, parseDocument } from '../../server/src/engine';

const uri = 'file:///etc/sysctl.d/60-hardening.conf';
const text = 'net.ipv4.ip_forward = 1\nkernel.kptr_restrict = 1\nvm.swappiness = 10\n';

const summary = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line} ${String(d.code)} ${d.severity}`);

describe('hardening profiles over the protocol', function () {
  this.timeout(20_000);

  it('reports profile findings from initializationOptions (other editors), the same as the engine', async () => {
    const client = await TestClient.start({ initializationOptions: { profiles: ['cis', 'kspp'], roles: [] } });
    try {
      await client.open(uri, text);
      const { diagnostics } = await client.waitForDiagnostics(uri, 1);
      assert.deepEqual(summary(diagnostics), ['0 cis/net.ipv4.ip_forward 2', '1 kspp/kernel.kptr_restrict 2']);
      const engine = analyze(parseDocument(text), { rules: {}, sizing: {}, profiles: ['cis', 'kspp'] });
      assert.deepEqual(
        diagnostics.map((d) => d.message),
        engine.map((f) => f.message),
      );
      assert.match(String(diagnostics[0].message), /^CIS 3\.3\.1 .*requires net\.ipv4\.ip_forward = 0; this line sets 1\./);
      // A profile rule links its source, not a rule page (there is none per key).
      assert.deepEqual(
        diagnostics.map((d) => d.codeDescription?.href),
        ['https://github.com/ComplianceAsCode/content/tree/master/controls', 'https://kspp.github.io/Recommended_Settings'],
      );
    } finally {
      await client.stop();
    }
  });

  it('reads profiles, roles and per-profile severity from workspace/configuration, and the quick fix writes the compliant value', async () => {
    let section: Record<string, unknown> = { profiles: ['cis', 'kspp', 'not-a-profile'], roles: ['container-host'], rules: { 'kspp/*': 'error' } };
    const client = await TestClient.start({ configuration: () => section });
    try {
      await client.open(uri, text);
      const { diagnostics } = await client.waitForDiagnostics(uri, 1);
      assert.deepEqual(summary(diagnostics), ['1 kspp/kernel.kptr_restrict 1']);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostics[0].range,
        context: { diagnostics },
      })) as CodeAction[];
      const fix = actions.find((a) => a.title === 'Set kernel.kptr_restrict = 2 (KSPP)');
      assert.ok(fix, actions.map((a) => a.title).join(', '));
      assert.equal(fix.kind, 'quickfix');
      assert.deepEqual(
        fix.diagnostics?.map((d) => d.code),
        ['kspp/kernel.kptr_restrict'],
      );
      assert.equal(applyEdits(text, fix.edit!.changes![uri] as TextEdit[]), 'net.ipv4.ip_forward = 1\nkernel.kptr_restrict = 2\nvm.swappiness = 10\n');
      assert.ok(actions.some((a) => a.title === 'Suppress kspp/kernel.kptr_restrict on this line'));

      section = { profiles: ['devsec'] };
      const seen = client.publicationCount;
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      const after = await client.waitForPublication((p) => p.uri === uri, 10_000, uri, seen);
      assert.deepEqual(summary(after.diagnostics), ['0 devsec/net.ipv4.ip_forward 2', '1 devsec/kernel.kptr_restrict 2']);
    } finally {
      await client.stop();
    }
  });
});
