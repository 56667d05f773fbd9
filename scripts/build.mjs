// Bundles the client, the language server and the CLI with esbuild: one self-contained file each,
// written where package.json, the client and the bins expect them.
import { bundleBins, bundleClient } from './lib/bundles.mjs';

const production = process.argv.includes('--production');
await Promise.all([bundleClient({ production }), bundleBins('server/out', { production })]);
