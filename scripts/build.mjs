// Bundles the client, the language server and the CLI with esbuild: one self-contained file each,
// written where package.json, the client and the bins expect them.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { SYSCTL_TOOLS_VERSION: JSON.stringify(version) },
};

const executable = { banner: { js: '#!/usr/bin/env node' } };

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode', './languageClient.js'] }),
  build({ ...common, entryPoints: ['client/src/languageClient.ts'], outfile: 'client/out/languageClient.js', external: ['vscode'] }),
  build({ ...common, ...executable, entryPoints: ['server/src/lsp/main.ts'], outfile: 'server/out/server.js' }),
  build({ ...common, ...executable, entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js' }),
]);
for (const bin of ['server/out/server.js', 'server/out/cli.js']) chmodSync(bin, 0o755);
