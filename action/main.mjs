// @ts-check
// Entry point of the GitHub Action (action.yml): reads the inputs the way a runner passes them
// (INPUT_<NAME> variables), runs sysctl-lint once for the log and annotations, and once more for
// the SARIF report when one is asked for. Exits with sysctl-lint's status.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXIT_USAGE = 2;
const cli = process.env.SYSCTL_LINT_CLI || join(dirname(fileURLToPath(import.meta.url)), '..', 'server', 'out', 'cli.js');

/** The runner names the variable after the input, upper-cased, spaces as `_`, dashes kept. */
function input(name) {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function fail(message) {
  process.stdout.write(`::error title=sysctl-lint::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
  process.exit(EXIT_USAGE);
}

function runLint(args, stdio) {
  const result = spawnSync(process.execPath, [cli, ...args], { stdio, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) fail(`cannot run ${cli}: ${result.error.message}`);
  return result;
}

const paths = input('paths').split(/\s+/).filter(Boolean);
if (paths.length === 0) fail("the 'paths' input is empty: name the sysctl files or directories to check");
const options = [];
if (input('kernel')) options.push('--kernel', input('kernel'));
if (input('profile')) options.push('--profile', input('profile'));
const format = input('format') || 'github';

const checked = runLint(['--format', format, ...options, '--', ...paths], 'inherit');

const sarifFile = input('sarif-file');
if (sarifFile && checked.status !== EXIT_USAGE) {
  const sarif = runLint(['--format', 'sarif', ...options, '--', ...paths], ['ignore', 'pipe', 'inherit']);
  if (sarif.status === EXIT_USAGE) fail('sysctl-lint could not write the SARIF report');
  const target = resolve(process.env.GITHUB_WORKSPACE || process.cwd(), sarifFile);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, sarif.stdout);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `sarif-file=${target}\n`);
}
process.exit(checked.status ?? EXIT_USAGE);
