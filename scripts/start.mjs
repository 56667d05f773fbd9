// @ts-check
// `npm start`: after the build and the VSIX, show a newcomer real findings on the example file.
import { spawnSync } from 'node:child_process';

console.log('\nVSIX written: sysctl-tools.vsix (install with: code --install-extension sysctl-tools.vsix)');
console.log('\n$ sysctl-lint examples/sysctl.conf');
const run = spawnSync(process.execPath, ['server/out/cli.js', 'examples/sysctl.conf'], { stdio: 'inherit' });
// Findings (exit 1) are the point of the demo; only a usage or I/O error (2) is a failure.
process.exit(run.status === 0 || run.status === 1 ? 0 : 1);
