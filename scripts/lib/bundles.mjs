// @ts-check
// The esbuild settings of every bundle, shared by the development build and the CLI package so
// the tarball ships exactly what the tests run.
import { build } from 'esbuild';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
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

/** The two bins in `outDir`: `server.js` (sysctl-language-server) and `cli.js` (sysctl-lint). */
export function binBundles(outDir, production = false) {
  const executable = { ...common(production), banner: { js: '#!/usr/bin/env node' } };
  /** @type {import('esbuild').BuildOptions[]} */
  const bundles = [
    { ...executable, entryPoints: ['server/src/lsp/main.ts'], outfile: resolve(repoRoot, outDir, 'server.js') },
    { ...executable, entryPoints: ['server/src/cli/main.ts'], outfile: resolve(repoRoot, outDir, 'cli.js') },
  ];
  return bundles;
}

/** Builds the two bins into `outDir` and makes them executable. */
export async function bundleBins(outDir, { production = false } = {}) {
  const bundles = binBundles(outDir, production);
  await Promise.all(bundles.map((options) => build(options)));
  for (const { outfile } of bundles) chmodSync(/** @type {string} */ (outfile), 0o755);
}
