import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { release } from 'node:os';
import { parseRemoteSnapshot, REMOTE_SNAPSHOT_COMMAND } from '../../server/src/engine/runtime';
import { parseHostFacts, REMOTE_FACTS_COMMAND } from '../../server/src/engine/sizing';
import { commandExists, requireOrSkip } from '../helpers/environment';

/**
 * sshd hands the remote command to the user's login shell (`$SHELL -c COMMAND`), so the two fixed
 * commands must mean the same to every shell an admin may have: sh, bash, zsh, the csh family
 * (tcsh) and fish. Each shell runs them here, on this machine's own /proc (reads only), as it
 * would on a host.
 */
const LOGIN_SHELLS = ['sh', 'bash', 'zsh', 'tcsh', 'fish'];

function runAs(shell: string, command: string): string {
  const result = spawnSync(shell, ['-c', command], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 });
  assert.equal(result.error, undefined, `${shell}: ${result.error}`);
  return result.stdout;
}

describe('the fixed remote commands under every common login shell', function () {
  this.timeout(120_000);
  for (const shell of LOGIN_SHELLS) {
    it(`${shell} runs the snapshot command: every part, this kernel's release and values`, function () {
      requireOrSkip(this, commandExists(shell, ['-c', 'true']), shell);
      const result = parseRemoteSnapshot(runAs(shell, REMOTE_SNAPSHOT_COMMAND), { kind: 'ssh', host: 'localhost' }, new Date());
      assert.ok(result.ok, result.ok ? '' : `${shell}: ${result.error}`);
      assert.equal(result.value.kernelRelease, release());
      assert.ok(result.value.values.has('kernel.ostype'), `${shell}: no sysctl values read`);
    });

    it(`${shell} runs the facts command: memory, architecture and kernel`, function () {
      requireOrSkip(this, commandExists(shell, ['-c', 'true']), shell);
      const facts = parseHostFacts(runAs(shell, REMOTE_FACTS_COMMAND));
      assert.ok(facts.ok, facts.ok ? '' : `${shell}: ${facts.error}`);
    });
  }
});
