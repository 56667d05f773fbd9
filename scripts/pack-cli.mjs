// @ts-check
// `npm run pack:cli`: writes sysctl-lint-<version>.tgz at the project root, the npm package of the
// two bundled bins (sysctl-lint, sysctl-language-server) with README and LICENSE and no runtime
// dependencies. Publishing is `npm publish sysctl-lint-<version>.tgz`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleBins, repoRoot, VERSION } from './lib/bundles.mjs';

const template = JSON.parse(readFileSync(join(repoRoot, 'packages', 'cli', 'package.json'), 'utf8'));
const rootPackage = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const manifest = { ...template, version: VERSION };
if (rootPackage.homepage) manifest.homepage = rootPackage.homepage;
if (rootPackage.repository) manifest.repository = rootPackage.repository;

const stage = mkdtempSync(join(tmpdir(), 'sysctl-lint-pack-'));
try {
  await bundleBins(join(stage, 'bin'), { production: true });
  for (const file of ['README.md', 'LICENSE']) copyFileSync(join(repoRoot, file), join(stage, file));
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = spawnSync(npm, ['pack', '--silent', '--pack-destination', repoRoot], { cwd: stage, encoding: 'utf8' });
  if (packed.status !== 0) {
    process.stderr.write(packed.stderr);
    throw new Error(`npm pack failed (exit ${packed.status})`);
  }
  const tarball = packed.stdout.trim().split('\n').pop() ?? '';
  // Progress goes to stderr: whoever runs this through `npm pack` reads stdout as file names.
  process.stderr.write(`pack:cli: wrote ${join(repoRoot, tarball)}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
