import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { REMOTE_FACTS_COMMAND } from '../../server/src/engine/sizing';
import type { HostFactsReadResult } from '../../server/src/host/hostFacts';
import { readSshFacts } from '../../server/src/host/sshFacts';
import { requireOrSkip } from '../helpers/environment';
import { sshFixtureMissing, startSshFixture, type SshFixture } from './sshFixture';

/** How long past its own deadline a failing call may take (process teardown, slow CI). */
const SLACK_MS = 1_500;

/** Pids of ssh clients still running with the fixture's config file. */
function sshClientsUsing(configFile: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (/(^|\/)ssh$/.test(argv[0]) && argv.includes(configFile)) found.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/** Polls (with a deadline) until `condition` holds; for observing another process's side effects. */
async function until(condition: () => boolean, what: string, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('readSshFacts against a private sshd on loopback', function () {
  this.timeout(20_000);
  const missing = sshFixtureMissing();
  let fixture: SshFixture;
  let silentServer: Server | undefined;
  const silentSockets = new Set<Socket>();

  before(async function () {
    this.timeout(30_000);
    if (missing !== '') return; // every test then skips (or fails in CI) by name
    // A TCP server that accepts and never says a word: ssh waits for the banner.
    silentServer = createServer((socket) => {
      silentSockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => silentSockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      silentServer!.once('error', reject);
      silentServer!.listen(0, '127.0.0.1', resolve);
    });
    fixture = await startSshFixture({ silentPort: (silentServer.address() as AddressInfo).port });
  });

  after(async () => {
    await fixture?.stop();
    for (const socket of silentSockets) socket.destroy();
    if (silentServer) await new Promise<void>((resolve) => silentServer!.close(() => resolve()));
  });

  afterEach(function () {
    if (fixture === undefined) return;
    assert.deepEqual(sshClientsUsing(fixture.configFile), [], 'no ssh client is left running');
  });

  function sshIt(title: string, body: () => Promise<void>): void {
    it(title, async function () {
      requireOrSkip(this, missing === '', `private sshd fixture (${missing})`);
      await body();
    });
  }

  async function timed(host: string, timeoutMs: number, signal?: AbortSignal): Promise<{ result: HostFactsReadResult; ms: number }> {
    const start = Date.now();
    const result = await readSshFacts({ host, configFile: fixture.configFile, timeoutMs }, signal);
    return { result, ms: Date.now() - start };
  }

  async function expectFacts(host: string, expected: { memTotalKiB: number; name: string; bits: 32 | 64; kernelRelease: string }): Promise<void> {
    const { result } = await timed(host, 10_000);
    assert.ok(result.ok, `expected facts, got: ${result.ok ? '' : result.error}`);
    assert.deepEqual(result.value, {
      memTotalKiB: expected.memTotalKiB,
      memBytes: expected.memTotalKiB * 1024,
      architecture: { name: expected.name, bits: expected.bits },
      kernelRelease: expected.kernelRelease,
      source: { kind: 'ssh', host },
    });
  }

  /** A failure with a message matching every pattern, one line long, within the deadline. */
  async function expectFailure(host: string, timeoutMs: number, patterns: RegExp[], signal?: AbortSignal): Promise<string> {
    const { result, ms } = await timed(host, timeoutMs, signal);
    assert.ok(!result.ok, `expected a failure for ${host}, got facts`);
    for (const pattern of patterns) assert.match(result.error, pattern);
    assert.doesNotMatch(result.error, /[\r\n]/, 'the message is one line');
    assert.ok(ms < timeoutMs + SLACK_MS, `finished in ${ms} ms (deadline ${timeoutMs} ms)`);
    return result.error;
  }

  describe('fake hosts', () => {
    sshIt('reads the worked example (x86_64, MemTotal 49521980 kB) and sends the real command as one argument', async () => {
      const before = fixture.fakeHostLog().length;
      await expectFacts('x86-48g', { memTotalKiB: 49521980, name: 'x86_64', bits: 64, kernelRelease: '6.8.0-45-generic' });
      const lines = fixture.fakeHostLog().slice(before);
      assert.equal(lines.length, 1);
      assert.equal(lines[0].replace(/^\d+ /, ''), `x86-48g ${REMOTE_FACTS_COMMAND}`);
    });

    sshIt('accepts user@alias', async () => {
      await expectFacts('root@x86-48g', { memTotalKiB: 49521980, name: 'x86_64', bits: 64, kernelRelease: '6.8.0-45-generic' });
    });

    sshIt('accepts an IPv4 address (matched by the config file)', async () => {
      await expectFacts('127.0.0.1', { memTotalKiB: 49521980, name: 'x86_64', bits: 64, kernelRelease: '6.8.0-45-generic' });
    });

    sshIt('reads an aarch64 host', async () => {
      await expectFacts('arm64', { memTotalKiB: 8039836, name: 'aarch64', bits: 64, kernelRelease: '6.1.0-28-arm64' });
    });

    sshIt('reads a 32-bit armv7l host', async () => {
      await expectFacts('armv7', { memTotalKiB: 944964, name: 'armv7l', bits: 32, kernelRelease: '6.6.51-v7+' });
    });

    sshIt('ignores a login banner printed before the facts', async () => {
      await expectFacts('noisy', { memTotalKiB: 49521980, name: 'x86_64', bits: 64, kernelRelease: '6.8.0-45-generic' });
    });
  });

  describe('bad output', () => {
    sshIt('garbage', async () => {
      await expectFailure('garbage', 10_000, [/^From garbage: /, /Cannot read "MemTotal: lots kB"/]);
    });

    sshIt('empty output', async () => {
      await expectFailure('empty', 10_000, [/^From empty: The remote command printed nothing\.$/]);
    });

    sshIt('no MemTotal line', async () => {
      await expectFailure('no-memtotal', 10_000, [/^From no-memtotal: .*no "MemTotal:" line/]);
    });

    sshIt('no architecture from uname -m', async () => {
      await expectFailure('no-arch', 10_000, [/^From no-arch: .*No architecture given/]);
    });

    sshIt('endless output is cut at 64 KiB and ssh is killed', async () => {
      await expectFailure('huge', 10_000, [/^The output from huge was larger than 64 KiB, so ssh was stopped/]);
    });

    sshIt('remote exit 127 (sh not found)', async () => {
      await expectFailure('exit127', 10_000, [/^The remote command on exit127 exited with status 127 \(command not found\)/, /not found/, /needs sh, grep and uname/]);
    });

    sshIt('remote exit 126 (not executable)', async () => {
      await expectFailure('exit126', 10_000, [/exited with status 126 \(command not executable\)/, /Permission denied/]);
    });
  });

  describe('connection failures', () => {
    sshIt('connection refused (closed port)', async () => {
      await expectFailure('closed-port', 5_000, [/^Connection to closed-port refused/, /Connection refused/]);
    });

    sshIt('host key mismatch: says verify and replace, never disable checking', async () => {
      const error = await expectFailure('wrong-hostkey', 5_000, [/^The host key of wrong-hostkey does not match the one in known_hosts/, /Verify/, /ssh-keygen -R/]);
      assert.doesNotMatch(error, /StrictHostKeyChecking|\/dev\/null|accept-new/);
    });

    sshIt('unknown host key: says verify and add it, never disable checking', async () => {
      const error = await expectFailure('unknown-hostkey', 5_000, [/^The host key of unknown-hostkey is not in known_hosts/, /Verify/, /ssh-keyscan/, /interactively/]);
      assert.doesNotMatch(error, /StrictHostKeyChecking|\/dev\/null|accept-new/);
    });

    sshIt('authentication failure (key not authorized)', async () => {
      await expectFailure('stranger', 5_000, [/^Authentication to stranger failed/, /Permission denied \(publickey\)/]);
    });

    sshIt('unresolvable host name', async () => {
      await expectFailure('unresolvable', 10_000, [/^Could not resolve hostname unresolvable/]);
    });

    sshIt('silent server (never sends a banner): ssh ConnectTimeout', async () => {
      await expectFailure('silent', 3_000, [/^Connection to silent timed out during the SSH banner exchange/]);
    });

    sshIt('a hanging remote command is killed at the deadline', async () => {
      const before = fixture.fakeHostLog().length;
      const { result, ms } = await timed('hang', 2_000);
      assert.ok(!result.ok);
      assert.equal(result.error, 'Timed out after 2 s reading facts from hang: the connection or the remote command did not finish in time, so ssh was stopped.');
      assert.ok(ms >= 1_900 && ms < 2_000 + SLACK_MS, `took ${ms} ms`);
      assert.equal(fixture.fakeHostLog().length, before + 1, 'the remote command had started');
    });

    sshIt('an AbortSignal kills a running ssh', async () => {
      const before = fixture.fakeHostLog().length;
      const controller = new AbortController();
      const start = Date.now();
      const pending = readSshFacts({ host: 'hang', configFile: fixture.configFile, timeoutMs: 15_000 }, controller.signal);
      await until(() => fixture.fakeHostLog().length > before, 'the hang scenario to start');
      controller.abort();
      const result = await pending;
      assert.deepEqual(result, { ok: false, error: 'Reading facts from hang over SSH was cancelled.' });
      assert.ok(Date.now() - start < 10_000);
    });
  });
});
