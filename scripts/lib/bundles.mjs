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

/** `import ruleDocs from 'sysctl-rule-docs'`: every docs/rules/<id>.md, read at build time. */
const ruleDocsPlugin = {
  name: 'sysctl-rule-docs',
  setup(build) {
    build.onResolve({ filter: /^sysctl-rule-docs$/ }, () => ({ path: 'rule-docs', namespace: 'sysctl-rule-docs' }));
    build.onLoad({ filter: /.*/, namespace: 'sysctl-rule-docs' }, () => {
      const pages = {};
      for (const file of readdirSync(RULE_DOCS_DIR).filter((f) => f.endsWith('.md')).sort()) {
        pages[file.slice(0, -3)] = readFileSync(join(RULE_DOCS_DIR, file), 'utf8');
      }
      return { contents: `export default ${JSON.stringify(pages)};`, loader: 'js', watchFiles: Object.keys(pages).map((id) => join(RULE_DOCS_DIR, `${id}.md`)) };
    });
  },
};

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
    plugins: [ruleDocsPlugin],
  };
}

const executable = { banner: { js: '#!/usr/bin/env node' } };

/** The two bins: `server.js` (sysctl-language-server) and `cli.js` (sysctl-lint), executable. */
export async function bundleBins(outDir, { production = false } = {}) {
  const server = resolve(repoRoot, outDir, 'server.js');
  const cli = resolve(repoRoot, outDir, 'cli.js');
  await Promise.all([
    build({ ...common(production), ...executable, entryPoints: ['server/src/lsp/main.ts'], outfile: server }),
    build({ ...common(production), ...executable, entryPoints: ['server/src/cli/main.ts'], outfile: cli }),
  ]);
  for (const bin of [server, cli]) chmodSync(bin, 0o755);
  return { server, cli };
}

/** The VS Code client: the activation stub and the language client, loaded after activation. */
export async function bundleClient({ production = false } = {}) {
  const out = (file) => join(repoRoot, 'client', 'out', file);
  await Promise.all([
    build({ ...common(production), entryPoints: ['client/src/extension.ts'], outfile: out('extension.js'), external: ['vscode', './languageClient.js'] }),
    build({ ...common(production), entryPoints: ['client/src/languageClient.ts'], outfile: out('languageClient.js'), external: ['vscode'] }),
  ]);
}
