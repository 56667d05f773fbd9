import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, requireOrSkip } from '../helpers/environment';
import { CLI_BIN } from '../helpers/paths';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

/** root and unshare: every net.* key is private inside a new network namespace. */
const canUnshare = process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('unshare', ['-n', 'true']).status === 0;

/** Runs `script` in a fresh network namespace with $CLI set; only net.* keys are written, and only there. */
function inNetns(script: string): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync('unshare', ['-n', 'sh', '-c', script], { encoding: 'utf8', env: { ...process.env, CLI: `${process.execPath} ${CLI_BIN}` } });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

interface JsonReport {
  file: string;
  findings: Array<{ ruleId: string; severity: string; message: string; line: number }>;
}

describe('sysctl-lint drift --local and doctor --local (process, this kernel)', function () {
  this.timeout(20_000);
  const dir = useTempDir('sysctl-drift');

  it('inside unshare -n: a value set with sysctl -w there is reported as drift with the running value; equal values are not', function () {
    requireOrSkip(this, canUnshare, 'root and unshare -n');
    const file = join(dir(), 'net.conf');
    writeFileSync(
      file,
      [
        'net.ipv4.tcp_syncookies = 1', // set to 0 below: drift
        'net.ipv4.ip_local_port_range = 20000    30000', // same numbers, other whitespace: not drift
        'net.core.somaxconn = 0x400', // 1024 in hex, as the kernel reads it: not drift
        'net.ipv4.tcp_fin_timeout = 45', // set to 31 below: drift
        'net.ipv4.no_such_key_here = 1', // absent on the host: not drift
        '',
      ].join('\n'),
    );
    const run = inNetns(
      'sysctl -q -w net.ipv4.tcp_syncookies=0 net.ipv4.ip_local_port_range="20000 30000" net.core.somaxconn=1024 net.ipv4.tcp_fin_timeout=31 && ' +
        `$CLI drift --local --format json '${file}'`,
    );
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0, 'warnings only');
    const [report] = JSON.parse(run.stdout) as JsonReport[];
    const drift = report.findings.filter((f) => f.ruleId === 'runtime-drift');
    assert.deepEqual(
      drift.map((f) => f.line),
      [1, 4],
    );
    assert.match(drift[0].message, /^The running kernel on this machine has net\.ipv4\.tcp_syncookies = 0, not 1\. Likely reason: .*Apply it: sudo sysctl -p /);
    assert.match(drift[1].message, /has net\.ipv4\.tcp_fin_timeout = 31, not 45\./);
    assert.ok(drift.every((f) => f.severity === 'warning'));
  });

  it('a rule setting turns runtime-drift off', function () {
    requireOrSkip(this, canUnshare, 'root and unshare -n');
    const file = join(dir(), 'off.conf');
    writeFileSync(file, 'net.ipv4.tcp_syncookies = 1\n');
    const run = inNetns(`sysctl -q -w net.ipv4.tcp_syncookies=0 && $CLI drift --local --rule runtime-drift=off --format json '${file}'`);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as JsonReport[])[0].findings, []);
  });

  it('drift and doctor only read: no write-open of anything under /proc/sys (strace)', function () {
    requireOrSkip(this, canUnshare && commandExists('strace', ['-V']), 'root, unshare -n and strace');
    const file = join(dir(), 'read-only.conf');
    writeFileSync(file, 'net.ipv4.tcp_syncookies = 0\nnet.netfilter.nf_conntrack_max = 1\n');
    const trace = join(dir(), 'trace');
    const run = inNetns(`strace -f -qq -e trace=open,openat,openat2 -o '${trace}' sh -c "$CLI drift --local '${file}'; $CLI doctor --local" > /dev/null`);
    assert.notEqual(run.status, null);
    const opens = readFileSync(trace, 'utf8');
    assert.match(opens, /"\/proc\/sys\/net\/ipv4\/tcp_syncookies", O_RDONLY/, 'the values were read');
    assert.doesNotMatch(opens, /"\/proc\/sys\/[^"]*", O_(WRONLY|RDWR)/);
  });

  it('doctor --local prints the diagnosis of this machine', function () {
    requireOrSkip(this, process.platform === 'linux', 'Linux');
    const run = runCli(['doctor', '--local']);
    assert.equal(run.stderr, '');
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}`);
    assert.match(run.stdout, /^# sysctl-lint doctor: this machine, read /);
    assert.match(run.stdout, /^Kernel: +\S+, \S+, RAM /m);
    assert.match(run.stdout, /^TCP sockets: /m);
  });

  it('usage errors exit 2 with one line', () => {
    for (const [args, message] of [
      [['drift', 'x.conf'], /drift needs --local \(this machine\) or --host/],
      [['drift', '--local'], /drift needs FILE\.\.\. or --system/],
      [['drift', '--local', '--host', 'db-1', 'x.conf'], /choose --local or --host, not both/],
      [['drift', '--local', '--system', 'x.conf'], /not both/],
      [['drift', '--local', '--root', '/', 'x.conf'], /--root goes with --system/],
      [['doctor'], /doctor needs --local/],
      [['doctor', '--local', 'x.conf'], /doctor reads a running kernel, not files/],
      [['doctor', '--local', '--timeout', '3'], /--ssh-config and --timeout go with --host/],
      [['drift', '--local', join(dir(), 'missing.conf')], /cannot read .*missing\.conf/],
    ] as Array<[string[], RegExp]>) {
      const run = runCli(args);
      assert.equal(run.status, 2, args.join(' '));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
      assert.equal(run.stderr.split('\n').length, 2, 'one line');
    }
  });
});
