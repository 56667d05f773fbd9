// @ts-check
// Bundles the client, the language server and the CLI with esbuild: one self-contained file each,
// written where package.json, the client and the bins expect them. `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { chmodSync, existsSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** @type {import('esbuild').BuildOptions} */
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

const bins = ['server/out/server.js', 'server/out/cli.js'];
/** Keeps the bins executable after every (re)build, since esbuild writes them afresh. */
const makeBinsExecutable = () => {
  for (const bin of bins) if (existsSync(bin)) chmodSync(bin, 0o755);
};
/** @type {import('esbuild').Plugin} */
const executableBins = { name: 'executable-bins', setup: (b) => b.onEnd(makeBinsExecutable) };
const executable = { banner: { js: '#!/usr/bin/env node' }, plugins: [executableBins] };

// In watch mode, one "started"/"finished" pair per round of rebuilds, whatever the number of bundles:
// .vscode/tasks.json waits for these lines before launching the extension.
let building = 0;
let errors = 0;
/** @type {import('esbuild').Plugin} */
const watchProgress = {
  name: 'watch-progress',
  setup(b) {
    b.onStart(() => {
      if (building++ === 0) {
        errors = 0;
        console.log('[watch] build started');
      }
    });
    b.onEnd((result) => {
      errors += result.errors.length;
      if (--building === 0) console.log(`[watch] build finished with ${errors} error(s), watching for changes`);
    });
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode', './languageClient.js'] },
  { ...common, entryPoints: ['client/src/languageClient.ts'], outfile: 'client/out/languageClient.js', external: ['vscode'] },
  { ...common, ...executable, entryPoints: ['server/src/lsp/main.ts'], outfile: bins[0] },
  { ...common, ...executable, entryPoints: ['server/src/cli/main.ts'], outfile: bins[1] },
];

if (watch) {
  const contexts = await Promise.all(bundles.map((options) => context({ ...options, plugins: [...(options.plugins ?? []), watchProgress] })));
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(bundles.map((options) => build(options)));
  makeBinsExecutable();
}
