import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REMOTE_FACTS_COMMAND } from '../../server/src/engine/sizing';
import { buildSshArgs, classifySshFailure, connectTimeoutSeconds, MAX_SSH_STDOUT_BYTES, readSshFacts, validateConfigFile, validateHost } from '../../server/src/host/sshFacts';
import { useTempDir } from '../helpers/tempDir';
import { REJECTED_HOSTS } from './hostileHosts';

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const ACCEPTED_HOSTS = [
  'db-1',
  'db-1.example.com',
  'db-1.example.com.',
  'admin@db-1.example.com',
  'first.last@db_1',
  '10.0.0.5',
  'root@10.0.0.5',
  '::1',
  'fe80::1',
  'root@2001:db8::ff00:42:8329',
  '::ffff:192.0.2.1',
  'x',
  'h'.repeat(255),
];

describe('validateHost', () => {
  for (const host of ACCEPTED_HOSTS) {
    it(`accepts ${JSON.stringify(host.length > 40 ? `${host.slice(0, 20)}… (${host.length})` : host)}`, () => {
      assert.deepEqual(validateHost(host), { ok: true, value: host });
    });
  }

  for (const [host, message] of REJECTED_HOSTS) {
    it(`rejects ${JSON.stringify(host.length > 40 ? `${host.slice(0, 20)}… (${host.length})` : host)}`, () => {
      const result = validateHost(host);
      assert.ok(!result.ok);
      assert.match(result.error, message);
      assert.doesNotMatch(result.error, CONTROL_CHARACTER, 'one line, no raw control characters');
    });
  }

  it('rejects what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['host']]) assert.ok(!validateHost(value).ok);
  });
});

describe('ssh argv', () => {
  it('is fixed, has batch mode and a connect timeout, ends the options with --, and never weakens host key checking', () => {
    const args = buildSshArgs('admin@db-1', { configFile: '/etc/sysctl-ssh.conf', timeoutMs: 15_000 });
    assert.deepEqual(args, [
      '-F',
      '/etc/sysctl-ssh.conf',
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=14',
      '-o',
      'RemoteCommand=none',
      '-o',
      'PermitLocalCommand=no',
      '-o',
      'ClearAllForwardings=yes',
      '-a',
      '-x',
      '-n',
      '-T',
      '--',
      'admin@db-1',
      REMOTE_FACTS_COMMAND,
    ]);
    assert.ok(!args.some((arg) => /StrictHostKeyChecking|UserKnownHostsFile|GlobalKnownHostsFile|\/dev\/null/i.test(arg)));
    assert.deepEqual(buildSshArgs('db-1', { timeoutMs: 3_000 }).slice(0, 4), ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=2']);
  });

  it('keeps ConnectTimeout under the deadline, at least 1 s', () => {
    assert.equal(connectTimeoutSeconds(500), 1);
    assert.equal(connectTimeoutSeconds(2_000), 1);
    assert.equal(connectTimeoutSeconds(2_500), 2);
    assert.equal(connectTimeoutSeconds(60_000), 59);
  });
});

describe('classifySshFailure (OpenSSH 9.2 stderr)', () => {
  const cases: Array<[string, number, string, RegExp]> = [
    ['refused', 255, 'ssh: connect to host 127.0.0.1 port 2299: Connection refused\n', /^Connection to h refused/],
    [
      'mismatch',
      255,
      '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\nIT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\nHost key verification failed.\n',
      /^The host key of h does not match/,
    ],
    [
      'unknown',
      255,
      'No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\nHost key verification failed.\n',
      /^The host key of h is not in known_hosts/,
    ],
    ['auth', 255, 'root@127.0.0.1: Permission denied (publickey).\n', /^Authentication to h failed \(ssh: root@127\.0\.0\.1: Permission denied \(publickey\)\.\)/],
    ['resolve', 255, 'ssh: Could not resolve hostname nope: Name or service not known\n', /^Could not resolve hostname h/],
    ['banner', 255, 'Connection timed out during banner exchange\nConnection to 127.0.0.1 port 2223 timed out\n', /^Connection to h timed out during the SSH banner exchange/],
    ['connect timeout', 255, 'ssh: connect to host 10.77.0.2 port 22: Connection timed out\n', /^Connection to h timed out/],
    ['not ssh', 255, 'kex_exchange_identification: Connection closed by remote host\n', /closed the connection during the SSH handshake/],
    ['bad config', 255, '/tmp/cfg: line 1: Bad configuration option: bogus\n/tmp/cfg: terminating, 1 bad configuration options\n', /^The ssh configuration is invalid/],
    ['silent 255', 255, '', /exit 255\) and printed no error message/],
    ['127', 127, 'sh: 1: grep: not found\n', /^The remote command on h exited with status 127 \(command not found\) \(ssh: sh: 1: grep: not found\)/],
    ['126', 126, 'sh: 1: /x: Permission denied\n', /status 126 \(command not executable\)/],
    ['1', 1, '', /status 1 \(failed\)\./],
  ];
  for (const [name, code, stderr, expected] of cases) {
    it(name, () => {
      const message = classifySshFailure('h', code, stderr);
      assert.match(message, expected);
      assert.doesNotMatch(message, /[\r\n]/);
      assert.doesNotMatch(message, /StrictHostKeyChecking|\/dev\/null/);
    });
  }
});

describe('readSshFacts before and around the process (a fake ssh client)', function () {
  this.timeout(10_000);
  const tempDir = useTempDir('sysctl-ssh-input');
  let recorder = '';
  let record = '';
  let config = '';

  before(() => {
    record = join(tempDir(), 'invocations');
    recorder = join(tempDir(), 'recording-ssh');
    // Records its argv, one argument per line, and prints nothing.
    writeFileSync(recorder, `#!/bin/sh\nprintf '%s\\n' "$@" >> '${record}'\n`);
    chmodSync(recorder, 0o755);
    config = join(tempDir(), 'ssh_config');
    writeFileSync(config, 'Host *\n  BatchMode yes\n');
  });

  /** A fake ssh with a shell body; `$MARK` in the body is replaced by a unique marker file path. */
  function fakeSsh(name: string, body: string): string {
    const path = join(tempDir(), name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  }

  it('rejects every hostile host before any process starts', async () => {
    for (const [host, message] of REJECTED_HOSTS) {
      const result = await readSshFacts({ host, configFile: config, sshPath: recorder });
      assert.ok(!result.ok);
      assert.match(result.error, message);
    }
    assert.equal(existsSync(record), false, 'the fake ssh was never run');
  });

  it('rejects bad config files, ssh paths and timeouts before any process starts', async () => {
    const cases: Array<[Parameters<typeof readSshFacts>[0], RegExp]> = [
      [{ host: 'db-1', configFile: 'ssh_config', sshPath: recorder }, /is not absolute/],
      [{ host: 'db-1', configFile: '-oProxyCommand=touch /tmp/pwned', sshPath: recorder }, /starts with '-'/],
      [{ host: 'db-1', configFile: '/nonexistent/ssh_config', sshPath: recorder }, /does not exist/],
      [{ host: 'db-1', configFile: tempDir(), sshPath: recorder }, /is not a regular file/],
      [{ host: 'db-1', configFile: `${config}\n-oProxyCommand=x`, sshPath: recorder }, /control character/],
      [{ host: 'db-1', configFile: '', sshPath: recorder }, /must be a non-empty absolute path/],
      [{ host: 'db-1', sshPath: 'recording-ssh' }, /ssh client path "recording-ssh" is not absolute/],
      [{ host: 'db-1', sshPath: './recording-ssh' }, /is not absolute/],
      [{ host: 'db-1', sshPath: recorder, timeoutMs: Number.NaN }, /timeout must be/],
      [{ host: 'db-1', sshPath: recorder, timeoutMs: 0 }, /timeout must be/],
      [{ host: 'db-1', sshPath: recorder, timeoutMs: -1 }, /timeout must be/],
      [{ host: 'db-1', sshPath: recorder, timeoutMs: 1e12 }, /timeout must be/],
    ];
    for (const [options, message] of cases) {
      const result = await readSshFacts(options);
      assert.ok(!result.ok, JSON.stringify(options));
      assert.match(result.error, message);
      assert.doesNotMatch(result.error, /[\r\n]/);
    }
    assert.equal(existsSync(record), false, 'the fake ssh was never run');
  });

  it('starts nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.deepEqual(await readSshFacts({ host: 'db-1', sshPath: recorder }, controller.signal), {
      ok: false,
      error: 'Reading facts from db-1 over SSH was cancelled.',
    });
    assert.equal(existsSync(record), false);
  });

  it('control: a valid host does run the fake ssh, with the fixed argv', async () => {
    const result = await readSshFacts({ host: 'admin@db-1', configFile: config, sshPath: recorder, timeoutMs: 5_000 });
    assert.deepEqual(result, { ok: false, error: 'From admin@db-1: The remote command printed nothing.' });
    assert.deepEqual(readFileSync(record, 'utf8').split('\n').slice(0, -1), buildSshArgs('admin@db-1', { configFile: config, timeoutMs: 5_000 }));
  });

  it('reports a missing ssh binary (ENOENT)', async () => {
    const result = await readSshFacts({ host: 'db-1', sshPath: '/nonexistent/bin/ssh' });
    assert.deepEqual(result, {
      ok: false,
      error: 'The ssh client "/nonexistent/bin/ssh" was not found; install OpenSSH (e.g. the openssh-client package) or set the path to ssh.',
    });
  });

  it('reports an ssh path that cannot be executed', async () => {
    const path = join(tempDir(), 'not-executable');
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o644);
    const result = await readSshFacts({ host: 'db-1', sshPath: path });
    assert.ok(!result.ok);
    assert.match(result.error, /cannot be run \(permission denied\)/);
  });

  it('parses what the client prints on success', async () => {
    const ssh = fakeSsh('facts-ssh', "printf 'MemTotal:       49521980 kB\\nARCH=x86_64\\nKERNEL=6.8.0-45-generic\\n'");
    assert.deepEqual(await readSshFacts({ host: 'db-1', sshPath: ssh }), {
      ok: true,
      value: {
        memTotalKiB: 49521980,
        memBytes: 49521980 * 1024,
        architecture: { name: 'x86_64', bits: 64 },
        kernelRelease: '6.8.0-45-generic',
        source: { kind: 'ssh', host: 'db-1' },
      },
    });
  });

  it(`caps stdout at ${MAX_SSH_STDOUT_BYTES} bytes and kills the client`, async () => {
    const ssh = fakeSsh('flood-ssh', 'exec yes');
    const start = Date.now();
    const result = await readSshFacts({ host: 'db-1', sshPath: ssh, timeoutMs: 5_000 });
    assert.ok(!result.ok);
    assert.match(result.error, /^The output from db-1 was larger than 64 KiB, so ssh was stopped/);
    assert.ok(Date.now() - start < 2_000);
  });

  it('kills the whole process group at the deadline (a ProxyCommand-like child dies too)', async () => {
    const marker = `sleep-${process.pid}-${Date.now()}`;
    // The shell forks a child (not exec): both must die. The child is found by its unique argv.
    const ssh = fakeSsh('hanging-ssh', `sh -c 'sleep 60; : ${marker}'\nwait`);
    const start = Date.now();
    const result = await readSshFacts({ host: 'db-1', sshPath: ssh, timeoutMs: 1_000 });
    const ms = Date.now() - start;
    assert.deepEqual(result, {
      ok: false,
      error: 'Timed out after 1 s reading facts from db-1: the connection or the remote command did not finish in time, so ssh was stopped.',
    });
    assert.ok(ms >= 950 && ms < 2_500, `took ${ms} ms`);
    const survivors = () =>
      readdirSync('/proc').filter((pid) => {
        try {
          return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
        } catch {
          return false;
        }
      });
    // SIGKILL is delivered when the process next runs: on a loaded machine that takes a moment.
    for (let waited = 0; survivors().length > 0 && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(survivors(), [], 'no process of the group survives');
  });

  it('an abort kills a running client', async () => {
    const started = join(tempDir(), 'started');
    const ssh = fakeSsh('abortable-ssh', `: > '${started}'\nexec sleep 60`);
    const controller = new AbortController();
    const start = Date.now();
    const pending = readSshFacts({ host: 'db-1', sshPath: ssh, timeoutMs: 30_000 }, controller.signal);
    while (!existsSync(started)) {
      if (Date.now() - start > 5_000) throw new Error('the fake ssh did not start');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    controller.abort();
    assert.deepEqual(await pending, { ok: false, error: 'Reading facts from db-1 over SSH was cancelled.' });
    assert.ok(Date.now() - start < 5_000);
  });

  it('a remote exit status is reported with the last stderr line', async () => {
    const ssh = fakeSsh('exit127-ssh', "echo 'bash: line 1: sh: command not found' >&2\nexit 127");
    assert.deepEqual(await readSshFacts({ host: 'db-1', sshPath: ssh }), {
      ok: false,
      error:
        'The remote command on db-1 exited with status 127 (command not found) (ssh: bash: line 1: sh: command not found). Reading the facts needs sh, grep and uname on the remote host.',
    });
  });

  it('escapes control characters from remote output in the message', async () => {
    const ssh = fakeSsh('escape-ssh', "printf 'MemTotal: \\033[31mlots\\033[0m kB\\n'");
    const result = await readSshFacts({ host: 'db-1', sshPath: ssh });
    assert.ok(!result.ok);
    assert.match(result.error, /\\u001b\[31mlots/);
    assert.doesNotMatch(result.error, CONTROL_CHARACTER);
  });

  it('validateConfigFile accepts an existing absolute regular file', async () => {
    assert.deepEqual(await validateConfigFile(config), { ok: true, value: config });
  });
});
