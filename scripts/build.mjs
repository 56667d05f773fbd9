// @ts-check
// Bundles the client, the language server and the CLI with esbuild: one file each, plus the LSP
// protocol libraries the client and the server share (server/out/lsp-protocol.js), written where
// package.json, the client and the bins expect them. `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { binBundles, clientBundles, EXECUTABLE_BINS, finishBins } from './lib/bundles.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const bins = binBundles('server/out', production);
/** Keeps the bins executable after every watch rebuild, since esbuild writes them afresh. */
const makeBinsExecutable = () => {
  for (const file of EXECUTABLE_BINS) if (existsSync(join('server/out', file))) chmodSync(join('server/out', file), 0o755);
};
/** @type {import('esbuild').Plugin} */
const executableBins = { name: 'executable-bins', setup: (b) => b.onEnd(makeBinsExecutable) };

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
const bundles = [...clientBundles(production), ...bins.map((options) => ({ ...options, plugins: [...(options.plugins ?? []), executableBins] }))];

if (watch) {
  const contexts = await Promise.all(bundles.map((options) => context({ ...options, plugins: [...(options.plugins ?? []), watchProgress] })));
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(bundles.map((options) => build(options)));
  finishBins('server/out');
}
