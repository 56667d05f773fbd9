import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../helpers/lspClient';
import { REPO_ROOT } from '../helpers/paths';
import { runCli } from '../helpers/runCli';

/** The editor and the CLI must report the same findings for the same file and settings. */
describe('the language server and sysctl-lint agree', function () {
  this.timeout(20_000);
  const example = join(REPO_ROOT, 'examples', 'sysctl.conf');
  const variants: Array<{ name: string; settings: Record<string, unknown>; args: string[] }> = [
    { name: 'default settings', settings: {}, args: [] },
    {
      name: 'kernel, rules and sizing settings',
      settings: { kernelVersion: '4.9', rules: { 'legacy-key': 'error', 'conntrack-boot-order': 'off' }, sizing: { memTotal: '2GiB', architecture: 'armv7l' } },
      args: ['--kernel', '4.9', '--rule', 'legacy-key=error', '--rule', 'conntrack-boot-order=off', '--mem-total', '2GiB', '--arch', 'armv7l'],
    },
  ];

  for (const variant of variants) {
    it(`on examples/sysctl.conf with ${variant.name}`, async () => {
      const cli = runCli(['--format', 'json', ...variant.args, example]);
      assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
      const fromCli = (
        JSON.parse(cli.stdout) as Array<{
          findings: Array<{ ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }>;
        }>
      )[0].findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.ruleId} ${f.message}`);
      const client = await TestClient.start({ initializationOptions: variant.settings });
      try {
        const uri = pathToFileURL(example).href;
        await client.open(uri, readFileSync(example, 'utf8'));
        const { diagnostics } = await client.waitForDiagnostics(uri, 1);
        const severity = ['', 'error', 'warning', 'info', 'info'];
        const fromServer = diagnostics.map(
          (d) =>
            `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${severity[d.severity ?? 0]} ${d.code} ${d.message}`,
        );
        assert.ok(fromCli.length > 5, 'the example has findings');
        assert.deepEqual(fromServer, fromCli);
      } finally {
        await client.stop();
      }
    });
  }
});
