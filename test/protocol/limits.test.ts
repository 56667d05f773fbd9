import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';

describe('document size limit (over stdio)', function () {
  this.timeout(20_000);

  it('gives one information diagnostic instead of analysis above sysctl.maxFileSize', async () => {
    const client = await TestClient.start({ initializationOptions: { maxFileSize: 2048 } });
    try {
      const uri = 'file:///etc/sysctl.d/99-huge.conf';
      await client.open(uri, 'broken line\n'.repeat(400));
      const { diagnostics } = await client.waitForDiagnostics(uri, 1);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].code, 'file-too-large');
      assert.equal(diagnostics[0].severity, DiagnosticSeverity.Information);
      const small = 'file:///etc/sysctl.d/10-small.conf';
      await client.open(small, 'broken line\n');
      assert.equal((await client.waitForDiagnostics(small, 1)).diagnostics[0].code, 'syntax-error');
    } finally {
      await client.stop();
    }
  });
});
