#!/usr/bin/env node
// @ts-check
// Bundles the extension-host test layer with esbuild:
//   test/suite/index.ts (+ every test/suite/*.test.ts, found at build time)
//       -> out/test/suite/index.js     (extensionTestsPath for VS Code)
//   test/runners/*.ts -> out/test/runners/*.js
//
// platform node, format cjs; `vscode` (provided by the extension host) and
// `mocha` (resolved from the repository's node_modules at run time) stay
// external, as do the runners' dependencies.
//
//   node scripts/build-tests.mjs
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const suiteDir = path.join(repoRoot, 'test', 'suite');
const runnersDir = path.join(repoRoot, 'test', 'runners');
const outDir = path.join(repoRoot, 'out', 'test');

const testFiles = fs
  .readdirSync(suiteDir)
  .filter((f) => f.endsWith('.test.ts'))
  .sort();
if (testFiles.length === 0) {
  console.error('build-tests: no test/suite/*.test.ts found');
  process.exit(1);
}

/** Resolves `sysctl-suite:tests` to a module that requires each test file. */
const suiteTestsPlugin = {
  name: 'sysctl-suite-tests',
  setup(build) {
    build.onResolve({ filter: /^sysctl-suite:tests$/ }, () => ({ path: 'tests', namespace: 'sysctl-suite' }));
    build.onLoad({ filter: /.*/, namespace: 'sysctl-suite' }, () => ({
      resolveDir: suiteDir,
      loader: 'js',
      contents: [
        'export default function loadTestFiles() {',
        // require() inside the function keeps the test modules lazy: they run
        // only after index.ts has installed mocha's globals.
        ...testFiles.map((f) => `  require(${JSON.stringify('./' + f)});`),
        `  return ${JSON.stringify(testFiles)};`,
        '}',
      ].join('\n'),
    }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
};

const started = Date.now();
await esbuild.build({
  ...common,
  entryPoints: [path.join(suiteDir, 'index.ts')],
  outfile: path.join(outDir, 'suite', 'index.js'),
  external: ['vscode', 'mocha'],
  plugins: [suiteTestsPlugin],
});

const runnerEntries = fs.existsSync(runnersDir) ? fs.readdirSync(runnersDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')) : [];
if (runnerEntries.length > 0) {
  await esbuild.build({
    ...common,
    entryPoints: runnerEntries.map((f) => path.join(runnersDir, f)),
    outdir: path.join(outDir, 'runners'),
    // Runners run from the repository; their dependencies come from node_modules.
    packages: 'external',
  });
}

console.log(
  `build-tests: ${testFiles.length} suite file(s) -> out/test/suite/index.js` +
    (runnerEntries.length ? `, ${runnerEntries.length} runner(s) -> out/test/runners/` : '') +
    ` in ${Date.now() - started} ms`,
);
