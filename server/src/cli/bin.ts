import { join } from 'node:path';
import { runBundle } from './codeCache';

// The `sysctl-lint` executable: the CLI itself is cli-main.js beside this file, run from the
// bytecode the build cached for it (see codeCache.ts). SYSCTL_LINT_CODE_CACHE=write is how the
// build makes that cache: it runs one typical check and saves what V8 compiled.
const bundle = join(__dirname, 'cli-main.js');
try {
  runBundle(bundle, join(__dirname, 'cli-main.cache'), process.env.SYSCTL_LINT_CODE_CACHE === 'write');
} catch (error) {
  // Only loading can throw here: the CLI reports its own errors and sets the exit status itself.
  process.stderr.write(`sysctl-lint: cannot load ${bundle} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); reinstall sysctl-lint\n`);
  process.exitCode = 2;
}
