#!/usr/bin/env node
// @ts-check
// Idempotent, cached install of code-server (a real VS Code server whose
// Node extension host runs our extension-host test suite).
//
//   node scripts/setup-code-server.mjs          # install if missing, print the binary path
//   node scripts/setup-code-server.mjs --force  # reinstall from scratch
//
// code-server 4.100.3 bundles VS Code 1.100.3 and runs on Node 20 (newer
// releases need Node 22+). A plain `npm install code-server` fails here: its
// postinstall needs Kerberos headers and downloads ripgrep. So we install with
// --ignore-scripts and do the needed parts of the postinstall by hand.
//
// The install lives in .vscode-test/code-server (git-ignored). A marker file,
// written only after every step has succeeded, makes later runs instant; a
// half-finished install (no marker, or a marker for another version/Node ABI)
// is wiped and redone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cacheDir = path.join(repoRoot, '.vscode-test', 'code-server');
const markerFile = path.join(cacheDir, '.install-complete.json');
const pkgDir = path.join(cacheDir, 'node_modules', 'code-server');
const vscodeDir = path.join(pkgDir, 'lib', 'vscode');
export const codeServerEntry = path.join(pkgDir, 'out', 'node', 'entry.js');

function expectedMarker() {
  return {
    version: CODE_SERVER_VERSION,
    node: process.versions.modules, // native modules are tied to the Node ABI
    platform: `${process.platform}-${process.arch}`,
  };
}

function isComplete() {
  try {
    const m = JSON.parse(fs.readFileSync(markerFile, 'utf8'));
    const e = expectedMarker();
    return m.version === e.version && m.node === e.node && m.platform === e.platform && fs.existsSync(codeServerEntry);
  } catch {
    return false;
  }
}

function run(cmd, args, cwd) {
  const started = Date.now();
  log(`$ (cd ${path.relative(repoRoot, cwd) || '.'} && ${cmd} ${args.join(' ')})`);
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      // keep npm quiet and non-interactive; never let a project .npmrc of the
      // repo change where this goes
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
      npm_config_loglevel: process.env.npm_config_loglevel || 'error',
    },
  });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.status ?? r.signal}`);
  }
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function log(msg) {
  process.stderr.write(`[setup-code-server] ${msg}\n`);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Ensure code-server is installed. Returns the absolute path of its Node entry
 * point (run it with `node <entry> ...`).
 */
export function setupCodeServer({ force = false } = {}) {
  if (!force && isComplete()) return codeServerEntry;

  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(repoRoot, cacheDir)}`);
  // Start clean: whatever is there is incomplete or stale.
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(path.join(cacheDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true, version: '0.0.0' }, null, 2) + '\n');

  // 1. code-server itself, without its postinstall.
  run(npm, ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], cacheDir);

  // 2. VS Code's own runtime dependencies.
  run(npm, ['install', '--ignore-scripts', '--omit=dev'], vscodeDir);
  const asarLink = path.join(vscodeDir, 'node_modules.asar');
  fs.rmSync(asarLink, { force: true, recursive: true });
  fs.symlinkSync('node_modules', asarLink);

  // 3. Native modules for this Node.
  run(npm, ['rebuild', 'argon2'], cacheDir);
  run(npm, ['rebuild', 'native-watchdog', '@vscode/spdlog'], vscodeDir);

  if (!fs.existsSync(codeServerEntry)) {
    throw new Error(`code-server entry point missing after install: ${codeServerEntry}`);
  }
  fs.writeFileSync(markerFile, JSON.stringify({ ...expectedMarker(), installedAt: new Date().toISOString() }, null, 2) + '\n');
  log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return codeServerEntry;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const entry = setupCodeServer({ force: process.argv.includes('--force') });
    process.stdout.write(entry + '\n');
  } catch (err) {
    log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
