// Standard @vscode/test-electron runner for the extension-host suite.
//
//   npm run build && node scripts/build-tests.mjs && node out/test/runners/electron.js
//
// Downloads VS Code (needs network access to the VS Code update service),
// or uses a local binary from VSCODE_EXECUTABLE_PATH. Not used in CI here:
// scripts/run-code-server-suite.mjs runs the same suite in code-server.
//
// Env:
//   VSCODE_EXECUTABLE_PATH  use this VS Code binary instead of downloading one
//   VSCODE_TEST_VERSION     version to download (default: 'stable')
//   SYSCTL_SUITE_RESULTS    JSON results file written by the suite (default: a temp file)
//   SYSCTL_LAYER_RESULTS    if set, {passed, failed, skipped, pending} are written here
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
}

async function main(): Promise<number> {
  // out/test/runners/electron.js -> repository root
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'suite', 'index.js');
  for (const required of [path.join(repoRoot, 'client', 'out', 'extension.js'), extensionTestsPath]) {
    if (!fs.existsSync(required)) {
      console.error(`missing ${path.relative(repoRoot, required)}: run \`npm run build && node scripts/build-tests.mjs\` first`);
      return 1;
    }
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sysctl-electron-'));
  // The tests write files into the workspace: give them a copy.
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const resultsFile = process.env.SYSCTL_SUITE_RESULTS || path.join(tmp, 'suite-results.json');

  let exitCode = 0;
  try {
    await runTests({
      ...(process.env.VSCODE_EXECUTABLE_PATH ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH } : { version: process.env.VSCODE_TEST_VERSION || 'stable' }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(tmp, 'user-data')}`,
        `--extensions-dir=${path.join(tmp, 'extensions')}`,
      ],
      extensionTestsEnv: { SYSCTL_SUITE_RESULTS: resultsFile },
    });
  } catch (err) {
    console.error(`VS Code test run failed: ${err instanceof Error ? err.message : String(err)}`);
    exitCode = 1;
  }

  let results: SuiteResults | undefined;
  try {
    results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
  } catch {
    console.error(`the suite wrote no results to ${resultsFile}: it did not run`);
    exitCode = 1;
  }
  const counts = results ?? { passed: 0, failed: 1, pending: 0, failures: [] };
  if (!results) counts.failures.push({ title: '(suite)', message: 'the suite did not run' });
  for (const f of counts.failures) console.log(`FAILED: ${f.title}\n  ${f.message.split('\n').join('\n  ')}`);
  if (process.env.SYSCTL_LAYER_RESULTS) {
    fs.writeFileSync(
      process.env.SYSCTL_LAYER_RESULTS,
      JSON.stringify({ layer: 'vscode-electron', passed: counts.passed, failed: counts.failed, skipped: counts.pending, pending: counts.pending }, null, 2) + '\n',
    );
  }
  console.log(`${counts.passed} passed, ${counts.failed} failed` + (counts.pending ? `, ${counts.pending} skipped` : ''));
  if (counts.failed > 0) exitCode = 1;
  fs.rmSync(tmp, { recursive: true, force: true });
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
