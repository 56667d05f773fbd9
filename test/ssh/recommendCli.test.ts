import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireOrSkip } from '../helpers/environment';
import { runCli, runCliTimed } from '../helpers/runCli';
import { sshFixtureMissing, startSshFixture, type SshFixture } from './sshFixture';

describe('sysctl-lint recommend --host and lint --host against a private sshd', function () {
  this.timeout(30_000);
  const missing = sshFixtureMissing();
  let fixture: SshFixture;

  before(async function () {
    this.timeout(30_000);
    if (missing !== '') return;
    fixture = await startSshFixture({ silentPort: 9 });
  });
  after(async () => {
    await fixture?.stop();
  });

  function sshIt(title: string, body: () => Promise<void>): void {
    it(title, async function () {
      requireOrSkip(this, missing === '', `private sshd fixture (${missing})`);
      await body();
    });
  }

  sshIt('prints the worked example for a host read over SSH, with its own kernel default', async () => {
    const run = await runCliTimed(['recommend', '--host', 'x86-48g', '--ssh-config', fixture.configFile, '--timeout', '10']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^# nf_conntrack sizing for x86-48g \(read over SSH\)$/m);
    assert.match(run.stdout, /^# MemTotal: 49521980 kB \(47\.2 GiB\)$/m);
    assert.match(run.stdout, /^# Kernel 6\.8\.0-45-generic default: nf_conntrack_max = 262144/m);
    assert.match(run.stdout, /^net\.netfilter\.nf_conntrack_max = 1547561\nnet\.netfilter\.nf_conntrack_buckets = 1547561\n$/m);
  });

  sshIt('halves the number for a 32-bit host', async () => {
    const run = await runCliTimed(['recommend', '--host', 'armv7', '--ssh-config', fixture.configFile]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Architecture: armv7l \(32-bit pointers\)/);
  });

  for (const [host, pattern] of [
    ['garbage', /MemTotal/],
    ['empty', /empty|no output|nothing/i],
    ['no-arch', /arch/i],
    ['wrong-hostkey', /host key/i],
    ['closed-port', /refused/i],
    ['stranger', /denied|authenticat/i],
  ] as const) {
    sshIt(`fails with one line and exit 2 for the '${host}' host`, async () => {
      const run = await runCliTimed(['recommend', '--host', host, '--ssh-config', fixture.configFile]);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^sysctl-lint: .+\n$/);
      assert.match(run.stderr, pattern);
    });
  }

  sshIt('gives up on a hanging host within --timeout, with one line', async () => {
    const run = await runCliTimed(['recommend', '--host', 'hang', '--ssh-config', fixture.configFile, '--timeout', '2']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^sysctl-lint: .*(timed out|did not answer|within).*\n$/i);
    assert.ok(run.ms < 2000 + 2500, `took ${run.ms} ms`);
  });

  sshIt('lint --host feeds the host RAM to the conntrack-memory rule', async () => {
    const file = join(fixture.dir, 'conntrack.conf');
    writeFileSync(file, 'net.netfilter.nf_conntrack_max = 67108864\n');
    const run = await runCliTimed(['--host', 'x86-48g', '--ssh-config', fixture.configFile, '--format', 'compact', file]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /warning: A full table at 67108864 entries needs about .* of this machine's 47\.2 GiB \(x86_64\).*\[conntrack-memory\]/);
  });

  it('refuses an option-like host before any process starts', () => {
    const run = runCli(['recommend', '--host', '-oProxyCommand=touch /tmp/sysctl-pwned', '--ssh-config', '/nonexistent']);
    assert.equal(run.status, 2);
    assert.doesNotMatch(run.stderr, /ssh-config|nonexistent/, 'the host is checked first');
  });
});
