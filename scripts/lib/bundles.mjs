// @ts-check
// The esbuild settings of every bundle, shared by the development build and the CLI package so
// the tarball ships exactly what the tests run.
import { build } from 'esbuild';
import { minify } from 'terser';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
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

/** Where the engine's data lives: with compressed data, every JSON file below it goes into one blob. */
const ENGINE_DATA_ROOT = join(repoRoot, 'server', 'src', 'engine');

/** Every JSON file below `dir`, sorted, as paths relative to the repository. */
function jsonFilesBelow(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => relative(repoRoot, join(dir, file)).split(sep).join('/'));
}

/** The text of a JSON file, parsed here first so that a broken file fails the build, not the first run. */
function minifiedJson(path) {
  return JSON.stringify(JSON.parse(readFileSync(path, 'utf8')));
}

/** Brotli at its best, as base64 for a string literal. */
function brotliBase64(text) {
  return brotliCompressSync(text, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: text.length } }).toString('base64');
}

/** An expression for the text Brotli-compressed in `packed` (base64). */
const inflated = (/** @type {string} */ packed) => `require('node:zlib').brotliDecompressSync(Buffer.from(${JSON.stringify(packed)}, 'base64')).toString('utf8')`;

/**
 * JSON data as `JSON.parse('…')`: V8 scans a string literal and parses JSON far faster than it
 * compiles the same data as an object literal, and the bundle's start-up pays for the data tables
 * on every run of the CLI. With `compressed`, the engine's data files are stored together,
 * Brotli-compressed (base64): ~77 KB of the VSIX as deflate keeps the files, ~57 KB this way. The
 * text is inflated once, in about 2 ms, when a first file is required, and each file is parsed
 * when it is required, as without compression (the summaries are only for hover and completion).
 * @param {{ compressed: boolean }} options
 * @returns {import('esbuild').Plugin}
 */
function jsonDataPlugin({ compressed }) {
  return {
    name: 'json-data',
    setup(b) {
      const blobbed = compressed ? jsonFilesBelow(ENGINE_DATA_ROOT) : [];
      /** @type {{ text: string, ranges: Map<string, [number, number]> } | undefined} The blob's text and where each file lies in it, once per build. */
      let layout;
      const blob = () => {
        if (!layout) {
          layout = { text: '', ranges: new Map() };
          for (const file of blobbed) {
            const text = minifiedJson(join(repoRoot, file));
            layout.ranges.set(file, [layout.text.length, layout.text.length + text.length]);
            layout.text += text;
          }
        }
        return layout;
      };
      b.onStart(() => {
        layout = undefined;
      });
      b.onResolve({ filter: /^engine-data-blob$/ }, () => ({ path: 'engine-data-blob', namespace: 'json-data' }));
      b.onLoad({ filter: /.*/, namespace: 'json-data' }, () => ({
        contents: `module.exports = ${inflated(brotliBase64(blob().text))};`,
        loader: 'js',
        watchFiles: blobbed.map((file) => join(repoRoot, file)),
      }));
      b.onLoad({ filter: /\.json$/ }, (args) => {
        const file = relative(repoRoot, args.path).split(sep).join('/');
        const range = blob().ranges.get(file);
        if (range) return { contents: `module.exports = JSON.parse(require('engine-data-blob').slice(${range[0]}, ${range[1]}));`, loader: 'js' };
        const text = minifiedJson(args.path);
        return { contents: `module.exports = JSON.parse(${compressed ? inflated(brotliBase64(text)) : JSON.stringify(text)});`, loader: 'js' };
      });
    },
  };
}

/**
 * The LSP protocol libraries the language client and the language server both use: the VSIX ships
 * them once, in `lsp-protocol.js` beside the server, instead of once inside each bundle (30 KB of
 * the package, compressed). Each entry is one module specifier as those libraries require it.
 */
const SHARED_LSP_MODULES = ['vscode-languageserver-protocol', 'vscode-languageserver-protocol/node', 'vscode-jsonrpc', 'vscode-jsonrpc/node', 'vscode-languageserver-types'];
export const SHARED_LSP_FILE = 'lsp-protocol.js';
/** Exactly the specifiers of SHARED_LSP_MODULES (esbuild filters take a regular expression). */
const SHARED_LSP_SPECIFIER = new RegExp(`^(?:${SHARED_LSP_MODULES.map((m) => m.replace(/[/.-]/g, '\\$&')).join('|')})$`);

/**
 * @param {string} requirePath where the bundle finds lsp-protocol.js, relative to itself
 * @returns {import('esbuild').Plugin} the shared modules taken from lsp-protocol.js at run time, not bundled
 */
function sharedLspModules(requirePath) {
  return {
    name: 'shared-lsp-modules',
    setup(b) {
      b.onResolve({ filter: SHARED_LSP_SPECIFIER }, (args) => ({ path: args.path, namespace: 'shared-lsp' }));
      b.onResolve({ filter: /.*/, namespace: 'shared-lsp' }, (args) => ({ path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: 'shared-lsp' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(requirePath)})[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

/** @returns {import('esbuild').BuildOptions} the bundle of the shared modules, keyed by specifier */
function sharedLspBundle(outDir, production) {
  const contents = `module.exports = {\n${SHARED_LSP_MODULES.map((m) => `  ${JSON.stringify(m)}: require(${JSON.stringify(m)}),`).join('\n')}\n};\n`;
  return {
    ...common(production, { inVsix: true }),
    stdin: { contents, resolveDir: repoRoot, sourcefile: 'lsp-protocol-entry.js', loader: 'js' },
    outfile: resolve(repoRoot, outDir, SHARED_LSP_FILE),
  };
}

/**
 * @type {import('esbuild').Plugin} Minifies the written bundle again with terser, whose compressor
 * and mangler take another 8% off what esbuild's minifier leaves (12 KB of the VSIX compressed).
 * The bundles are CommonJS modules, so their top level is a function scope and is mangled too.
 */
const terserPlugin = {
  name: 'terser',
  setup(b) {
    b.onEnd(async (result) => {
      const outfile = b.initialOptions.outfile;
      if (result.errors.length > 0 || !outfile) return;
      const minified = await minify(readFileSync(outfile, 'utf8'), { ecma: 2020, toplevel: true, compress: { passes: 2 }, format: { comments: false } });
      if (minified.code === undefined) throw new Error(`terser returned nothing for ${outfile}`);
      writeFileSync(outfile, minified.code);
    });
  },
};

/**
 * Options every bundle shares. `inVsix` marks the bundles the VSIX ships, where size counts: the
 * engine's data is stored compressed (in every build, so the tests run it) and a production build
 * is minified once more by terser.
 * @returns {import('esbuild').BuildOptions}
 */
function common(production, { inVsix = false } = {}) {
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
    plugins: [ruleDocsPlugin, jsonDataPlugin({ compressed: inVsix }), ...(production && inVsix ? [terserPlugin] : [])],
  };
}

/** The VS Code client: the activation stub and the language client, loaded after activation. */
export function clientBundles(production = false) {
  const out = (/** @type {string} */ file) => join(repoRoot, 'client', 'out', file);
  const client = common(production, { inVsix: true });
  /** @type {import('esbuild').BuildOptions[]} */
  const bundles = [
    { ...client, entryPoints: ['client/src/extension.ts'], outfile: out('extension.js'), external: ['vscode', './languageClient.js'] },
    {
      ...client,
      entryPoints: ['client/src/languageClient.ts'],
      outfile: out('languageClient.js'),
      external: ['vscode'],
      plugins: [...(client.plugins ?? []), sharedLspModules(`../../server/out/${SHARED_LSP_FILE}`)],
    },
  ];
  return bundles;
}

/**
 * The bins in `outDir`: `server.js` (sysctl-language-server) with the protocol libraries it shares
 * with the VS Code client in `lsp-protocol.js`, and `cli.js` (sysctl-lint), a small loader that
 * runs the CLI in `cli-main.js` from V8's code cache (server/src/cli/codeCache.ts).
 */
export function binBundles(outDir, production = false) {
  const banner = { js: '#!/usr/bin/env node' };
  const executable = { ...common(production), banner };
  // The server ships in the VSIX (size counts, it starts once); the CLI starts on every run (time counts).
  const server = { ...common(production, { inVsix: true }), banner };
  /** @type {import('esbuild').BuildOptions[]} */
  const bundles = [
    {
      ...server,
      entryPoints: ['server/src/lsp/main.ts'],
      outfile: resolve(repoRoot, outDir, 'server.js'),
      plugins: [...(server.plugins ?? []), sharedLspModules(`./${SHARED_LSP_FILE}`)],
    },
    sharedLspBundle(outDir, production),
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
