// @ts-check
// The esbuild settings of every bundle, shared by the development build and the CLI package so
// the tarball ships exactly what the tests run.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
export const VERSION = packageJson.version;
/** Where a rule's page is published; empty when the package declares none (no links then). */
export const RULE_DOCS_URL = packageJson.sysctlLint?.ruleDocsUrl ?? '';
export const RULE_DOCS_DIR = join(repoRoot, 'docs', 'rules');

/** @type {import('esbuild').Plugin} `import ruleDocs from 'sysctl-rule-docs'`: every docs/rules/<id>.md, read at build time. */
const ruleDocsPlugin = {
  name: 'sysctl-rule-docs',
  setup(b) {
    b.onResolve({ filter: /^sysctl-rule-docs$/ }, () => ({ path: 'rule-docs', namespace: 'sysctl-rule-docs' }));
    b.onLoad({ filter: /.*/, namespace: 'sysctl-rule-docs' }, () => {
      /** @type {Record<string, string>} */
      const pages = {};
      const files = readdirSync(RULE_DOCS_DIR)
        .filter((f) => f.endsWith('.md'))
        .sort();
      for (const file of files) pages[file.slice(0, -3)] = readFileSync(join(RULE_DOCS_DIR, file), 'utf8');
      return { contents: `export default ${JSON.stringify(pages)};`, loader: 'js', watchDirs: [RULE_DOCS_DIR], watchFiles: files.map((f) => join(RULE_DOCS_DIR, f)) };
    });
  },
};

/**
 * @type {import('esbuild').Plugin} JSON data as `JSON.parse('…')`: V8 scans a string literal and
 * parses JSON far faster than it compiles the same data as an object literal, and the bundle's
 * start-up pays for the data tables on every run of the CLI.
 */
const jsonParsePlugin = {
  name: 'json-parse',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      // Parsed here first, so a broken file fails the build, not the first run.
      return { contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`, loader: 'js' };
    });
  },
};

/** @returns {import('esbuild').BuildOptions} */
function common(production) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    absWorkingDir: repoRoot,
    define: { SYSCTL_TOOLS_VERSION: JSON.stringify(VERSION), SYSCTL_TOOLS_RULE_DOCS_URL: JSON.stringify(RULE_DOCS_URL) },
    plugins: [ruleDocsPlugin, jsonParsePlugin],
  };
}

/** The VS Code client: the activation stub and the language client, loaded after activation. */
export function clientBundles(production = false) {
  const out = (/** @type {string} */ file) => join(repoRoot, 'client', 'out', file);
  /** @type {import('esbuild').BuildOptions[]} */
  const bundles = [
    { ...common(production), entryPoints: ['client/src/extension.ts'], outfile: out('extension.js'), external: ['vscode', './languageClient.js'] },
    { ...common(production), entryPoints: ['client/src/languageClient.ts'], outfile: out('languageClient.js'), external: ['vscode'] },
  ];
  return bundles;
}

/**
 * The bins in `outDir`: `server.js` (sysctl-language-server), and `cli.js` (sysctl-lint), a small
 * loader that runs the CLI in `cli-main.js` from V8's code cache (server/src/cli/codeCache.ts).
 */
export function binBundles(outDir, production = false) {
  const executable = { ...common(production), banner: { js: '#!/usr/bin/env node' } };
  /** @type {import('esbuild').BuildOptions[]} */
  const bundles = [
    { ...executable, entryPoints: ['server/src/lsp/main.ts'], outfile: resolve(repoRoot, outDir, 'server.js') },
    { ...executable, entryPoints: ['server/src/cli/bin.ts'], outfile: resolve(repoRoot, outDir, 'cli.js') },
    { ...common(production), entryPoints: ['server/src/cli/main.ts'], outfile: resolve(repoRoot, outDir, 'cli-main.js') },
  ];
  return bundles;
}

/** The bins users run; cli-main.js and its cache beside cli.js are loaded by it. */
export const EXECUTABLE_BINS = ['server.js', 'cli.js'];
/** The last line finishBins adds to cli-main.js: codeCache.ts's BUILD_STAMP (a test holds them equal). */
export const BUILD_STAMP = '//# sysctl-lint-build ';
const CODE_CACHE_SAMPLE = join(repoRoot, 'examples', 'sysctl.conf');

/**
 * After a build of the bins: makes them executable, stamps cli-main.js with a digest of its content
 * and has cli.js write the code cache for it, from one check of examples/sysctl.conf. A stale cache
 * is never used (its stamp differs), so a watch rebuild only loses the speed-up.
 */
export function finishBins(outDir) {
  const dir = resolve(repoRoot, outDir);
  for (const file of EXECUTABLE_BINS) chmodSync(join(dir, file), 0o755);
  const main = join(dir, 'cli-main.js');
  const source = readFileSync(main, 'utf8');
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 32);
  writeFileSync(main, `${source}${source.endsWith('\n') ? '' : '\n'}${BUILD_STAMP}${digest}\n`);
  rmSync(join(dir, 'cli-main.cache'), { force: true });
  const run = spawnSync(process.execPath, [join(dir, 'cli.js'), CODE_CACHE_SAMPLE], {
    cwd: tmpdir(),
    env: { ...process.env, SYSCTL_LINT_CODE_CACHE: 'write' },
    encoding: 'utf8',
  });
  // Exit 1 is the sample's findings; anything else means the bundle cannot check a file.
  if ((run.status !== 0 && run.status !== 1) || !existsSync(join(dir, 'cli-main.cache'))) {
    throw new Error(`the built CLI failed on ${CODE_CACHE_SAMPLE} (exit ${run.status ?? run.signal}): ${run.stderr.trim().split('\n')[0] ?? ''}`);
  }
}

/** Builds the bins into `outDir`, makes them executable and writes the CLI's code cache. */
export async function bundleBins(outDir, { production = false } = {}) {
  await Promise.all(binBundles(outDir, production).map((options) => build(options)));
  finishBins(outDir);
}
