/**
 * A private, throwaway OpenSSH server on 127.0.0.1 for the SSH adapter tests.
 *
 * Everything lives in one fresh temp folder: the sshd host key, one client key per scenario,
 * `authorized_keys` where every key is bound to a forced command (`command="DIR/fake-host.sh
 * SCENARIO",restrict`), `known_hosts` (plus a wrong one and an empty one), and an ssh CLIENT
 * config (`ssh_config`, given to the code under test as `-F`) with one Host alias per scenario
 * that sets Port, User, IdentityFile, IdentitiesOnly, IdentityAgent none, StrictHostKeyChecking
 * yes and UserKnownHostsFile. Nothing reads or writes /etc/ssh or ~/.ssh; the only system path
 * touched is sshd's privilege separation directory /run/sshd (created if missing, removed again).
 *
 * `fake-host.sh` (test/ssh/fixtures) runs the client's real command with fixture files mounted
 * over /proc/meminfo and /usr/bin/uname in a private mount namespace; other scenarios print
 * nothing, garbage, endless output, hang, or make the shell exit 126/127.
 *
 * Needs root (sshd privsep, unshare/mount) plus /usr/sbin/sshd, ssh, ssh-keygen and unshare:
 * see `sshFixtureAvailability()`. sshd is spawned by this process (so the runner owns and reaps
 * it), readiness is its "Server listening" log line, and `stop()` kills sshd, its per-connection
 * children and every process a fake host started (found by the FAKE_HOST_DIR environment marker).
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, statSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSHD_PATH = '/usr/sbin/sshd';
const FIXTURES = join(__dirname, 'fixtures');

/** Scenarios whose key is authorized with a forced `fake-host.sh SCENARIO`. */
export const SCENARIOS = ['x86-48g', 'arm64', 'armv7', 'noisy', 'empty', 'garbage', 'no-memtotal', 'no-arch', 'hang', 'huge', 'exit127', 'exit126', 'busy-host'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface SshFixture {
  dir: string;
  /** The `-F` file for the code under test. */
  configFile: string;
  port: number;
  /** A port on 127.0.0.1 that nothing listens on. */
  closedPort: number;
  /** Lines `PID SCENARIO COMMAND` appended by fake-host.sh, one per session. */
  fakeHostLog(): string[];
  stop(): Promise<void>;
}

/** What is missing for the fixture, or '' when it can run. */
export function sshFixtureMissing(): string {
  const missing: string[] = [];
  if (process.platform !== 'linux') return 'Linux';
  if (process.getuid?.() !== 0) missing.push('root');
  if (!existsSync(SSHD_PATH)) missing.push(`${SSHD_PATH} (openssh-server)`);
  for (const [tool, args] of [
    ['ssh', ['-V']],
    ['ssh-keygen', ['-?']],
    ['unshare', ['--version']],
  ] as const) {
    if (spawnSync(tool, args, { stdio: 'ignore' }).error) missing.push(tool);
  }
  return missing.join(', ');
}

/** A free TCP port on 127.0.0.1 (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function keygen(file: string, comment: string): void {
  const result = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ssh-keygen failed: ${result.stderr}`);
}

function publicKey(file: string): string {
  // "ssh-ed25519 AAAA... comment" -> "ssh-ed25519 AAAA..."
  return readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
}

function sshdConfig(dir: string, port: number): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${dir}/host_ed25519`,
    `PidFile ${dir}/sshd.pid`,
    `AuthorizedKeysFile ${dir}/authorized_keys`,
    'AuthenticationMethods publickey',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'AllowUsers root',
    'UsePAM no',
    'StrictModes no',
    'PrintMotd no',
    'PrintLastLog no',
    'PermitTTY no',
    'AllowTcpForwarding no',
    'AllowAgentForwarding no',
    'X11Forwarding no',
    'PermitUserEnvironment no',
    'LoginGraceTime 15',
    'LogLevel VERBOSE',
    '',
  ].join('\n');
}

function clientConfig(dir: string, port: number, closedPort: number, silentPort: number): string {
  const alias = (name: string, lines: string[]) => [`Host ${name}`, ...lines.map((line) => `  ${line}`)];
  const local = ['HostName 127.0.0.1'];
  return [
    // ssh takes the first value it finds, so the specific blocks come before `Host *`.
    ...SCENARIOS.flatMap((s) => alias(s, [...local, `IdentityFile ${dir}/keys/${s}`])),
    ...alias('127.0.0.1', [`IdentityFile ${dir}/keys/x86-48g`]),
    ...alias('closed-port', [...local, `Port ${closedPort}`, `IdentityFile ${dir}/keys/x86-48g`]),
    ...alias('silent', [...local, `Port ${silentPort}`, `IdentityFile ${dir}/keys/x86-48g`]),
    ...alias('wrong-hostkey', [...local, `UserKnownHostsFile ${dir}/known_hosts_wrong`, `IdentityFile ${dir}/keys/x86-48g`]),
    ...alias('unknown-hostkey', [...local, `UserKnownHostsFile ${dir}/known_hosts_empty`, `IdentityFile ${dir}/keys/x86-48g`]),
    ...alias('stranger', [...local, `IdentityFile ${dir}/keys/stranger`]),
    ...alias('unresolvable', ['HostName no-such-host.invalid', `IdentityFile ${dir}/keys/x86-48g`]),
    ...alias('*', [
      `Port ${port}`,
      'User root',
      'IdentitiesOnly yes',
      'IdentityAgent none',
      'StrictHostKeyChecking yes',
      `UserKnownHostsFile ${dir}/known_hosts`,
      'GlobalKnownHostsFile /dev/null',
      'UpdateHostKeys no',
      'CheckHostIP no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'ControlMaster no',
      'ControlPath none',
    ]),
    '',
  ].join('\n');
}

/** Pids of all processes whose parent chain leads to `root` (not including it). */
function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ..." — comm may contain spaces and parentheses, so split after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [pid, ppid] of parentOf) {
      if (ppid === parent && !found.includes(pid)) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

/** Pids whose environment carries FAKE_HOST_DIR=dir (every process a fake host started). */
function markedProcesses(dir: string): number[] {
  const marker = `FAKE_HOST_DIR=${dir}`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker)) found.push(Number(entry));
    } catch {
      // exited meanwhile, or a kernel thread
    }
  }
  return found;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Resolves once sshd logs that it listens; rejects if it exits first or the deadline passes. */
function waitForListening(sshd: ChildProcess, port: number, logFile: string, deadlineMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const ready = `Server listening on 127.0.0.1 port ${port}`;
    const done = (error?: Error) => {
      clearTimeout(timer);
      sshd.stderr!.off('data', onData);
      sshd.off('exit', onExit);
      sshd.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      writeFileSync(logFile, log);
      if (log.includes(ready)) done();
    };
    const onExit = (code: number | null) => done(new Error(`sshd exited (${code}) before listening:\n${log}`));
    const onError = (error: Error) => done(new Error(`sshd could not start: ${error.message}`));
    const timer = setTimeout(() => done(new Error(`sshd did not listen within ${deadlineMs} ms:\n${log}`)), deadlineMs);
    sshd.stderr!.on('data', onData);
    sshd.once('exit', onExit);
    sshd.once('error', onError);
  });
}

/**
 * Builds the fixture and starts sshd. `silentPort` is where the test's own silent TCP server
 * listens (the `silent` alias points there).
 */
export async function startSshFixture(options: { silentPort: number }): Promise<SshFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'sysctl-ssh-'));
  // The path is written into authorized_keys and ssh_config unquoted.
  if (!/^[A-Za-z0-9._/-]+$/.test(dir)) throw new Error(`temp dir ${dir} has characters the fixture cannot quote`);

  let createdPrivsepDir = false;
  let sshd: ChildProcess | undefined;
  const stop = async () => {
    if (sshd && sshd.exitCode === null && sshd.signalCode === null) {
      const exited = new Promise<void>((resolve) => sshd!.once('exit', () => resolve()));
      // Per-connection sshd children first (they run in their own sessions), then the listener.
      for (const pid of descendants(sshd.pid!)) killQuietly(pid);
      killQuietly(sshd.pid!);
      await exited;
    }
    for (const pid of markedProcesses(dir)) killQuietly(pid);
    if (createdPrivsepDir) {
      try {
        rmdirSync('/run/sshd');
      } catch {
        // another sshd started using it meanwhile; leave it
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    mkdirSync(join(dir, 'keys'));
    mkdirSync(join(dir, 'fixtures'));
    for (const name of readdirSync(FIXTURES)) {
      if (statSync(join(FIXTURES, name)).isDirectory()) {
        cpSync(join(FIXTURES, name), join(dir, 'fixtures', name), { recursive: true });
        continue;
      }
      copyFileSync(join(FIXTURES, name), join(dir, name === 'fake-host.sh' ? name : join('fixtures', name)));
      // git keeps only 644/755: set the modes the scenarios rely on (exit126 needs a non-executable meminfo).
      chmodSync(join(dir, name === 'fake-host.sh' ? name : join('fixtures', name)), name.endsWith('.meminfo') ? 0o644 : 0o755);
    }

    keygen(join(dir, 'host_ed25519'), 'fixture-host');
    keygen(join(dir, 'impostor_host_ed25519'), 'impostor-host');
    keygen(join(dir, 'keys', 'stranger'), 'not-authorized');
    for (const s of SCENARIOS) keygen(join(dir, 'keys', s), `scenario-${s}`);
    writeFileSync(join(dir, 'authorized_keys'), SCENARIOS.map((s) => `command="${dir}/fake-host.sh ${s}",restrict ${publicKey(join(dir, 'keys', s))} scenario-${s}\n`).join(''));

    const port = await freePort();
    const closedPort = await freePort();
    writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${publicKey(join(dir, 'host_ed25519'))}\n`);
    writeFileSync(join(dir, 'known_hosts_wrong'), `[127.0.0.1]:${port} ${publicKey(join(dir, 'impostor_host_ed25519'))}\n`);
    writeFileSync(join(dir, 'known_hosts_empty'), '');
    writeFileSync(join(dir, 'sshd_config'), sshdConfig(dir, port));
    const configFile = join(dir, 'ssh_config');
    writeFileSync(configFile, clientConfig(dir, port, closedPort, options.silentPort));

    if (!existsSync('/run/sshd')) {
      mkdirSync('/run/sshd', { mode: 0o755 });
      createdPrivsepDir = true;
    }
    const check = spawnSync(SSHD_PATH, ['-t', '-f', join(dir, 'sshd_config')], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`sshd -t rejected the fixture config: ${check.stderr}`);

    // -D: stay in the foreground (this process owns it); -e: log to stderr. The absolute path is required for re-exec.
    sshd = spawn(SSHD_PATH, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    await waitForListening(sshd, port, join(dir, 'sshd.log'), 10_000);
    sshd.stderr!.resume(); // keep draining the log so sshd never blocks on a full pipe

    return {
      dir,
      configFile,
      port,
      closedPort,
      fakeHostLog: () => {
        const log = join(dir, 'fake-host.log');
        return existsSync(log)
          ? readFileSync(log, 'utf8')
              .split('\n')
              .filter((line) => line !== '')
          : [];
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
