import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../helpers/lspClient';
import { buildTree } from '../helpers/systemTree';
import { useTempDir } from '../helpers/tempDir';

describe("module-boot-order knows the machine tree's modules-load.d (over stdio)", function () {
  this.timeout(20_000);
  const dir = useTempDir('sysctl-modules-lsp');

  it('asks to load only the modules the tree does not load first', async () => {
    const text = 'net.bridge.bridge-nf-call-iptables = 1\nnet.netfilter.nf_conntrack_max = 262144\n';
    const root = buildTree(join(dir(), 'root'), { '/etc/modules-load.d/k8s.conf': 'br_netfilter\n', '/etc/sysctl.d/k8s.conf': text });
    const client = await TestClient.start();
    try {
      const uri = pathToFileURL(join(root, 'etc/sysctl.d/k8s.conf')).href;
      await client.open(uri, text);
      const { diagnostics } = await client.waitForDiagnostics(uri, 1);
      const modules = diagnostics.filter((d) => d.code === 'module-boot-order');
      assert.deepEqual(
        modules.map((d) => d.range.start.line),
        [1],
        JSON.stringify(modules),
      );
      assert.match(String(modules[0].message), /the nf_conntrack module/);
    } finally {
      await client.stop();
    }
  });
});
