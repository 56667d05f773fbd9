import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { REMOTE_SNAPSHOT_COMMAND } from '../../server/src/engine/runtime';
import { MAX_SNAPSHOT_BYTES, readSshSnapshot } from '../../server/src/host/sshSnapshot';
import { requireOrSkip } from '../helpers/environment';
import { TestClient } from '../helpers/lspClient';
import { runCliTimed } from '../helpers/runCli';
import { REJECTED_HOSTS } from './hostileHosts';
import { sshFixtureMissing, startSshFixture, type SshFixture } from './sshFixture';

/** How long past its own deadline a failing call may take (process teardown, slow CI). */
const SLACK_MS = 1_500;

describe('kernel snapshot of a fake busy host over SSH (/proc is a fixture tree)', function () {
  this.timeout(30_000);
  const missing = sshFixtureMissing();
  let fixture: SshFixture;
  let silentServer: Server | undefined;
  const silentSockets = new Set<Socket>();
  let work = '';

  before(async function () {
    this.timeout(30_000);
    work = mkdtempSync(join(tmpdir(), 'sysctl-snapshot-'));
    if (missing !== '') return;
    silentServer = createServer((socket) => {
      silentSockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => silentSockets.delete(socket));
    });
    await new Promise<void>((resolve) => silentServer!.listen(0, '127.0.0.1', resolve));
    fixture = await startSshFixture({ silentPort: (silentServer.address() as AddressInfo).port });
  });
  after(async () => {
    await fixture?.stop();
    for (const socket of silentSockets) socket.destroy();
    if (silentServer) await new Promise<void>((resolve) => silentServer!.close(() => resolve()));
    rmSync(work, { recursive: true, force: true });
  });

  function sshIt(title: string, body: () => Promise<void>): void {
    it(title, async function () {
      requireOrSkip(this, missing === '', `private sshd fixture (${missing})`);
      await body();
    });
  }

  sshIt('reads every value, the summed conntrack counters, the modules and the persisted setting, with the one fixed command', async () => {
    const before = fixture.fakeHostLog().length;
    const result = await readSshSnapshot({ host: 'busy-host', configFile: fixture.configFile, timeoutMs: 10_000 });
    assert.ok(result.ok, result.ok ? '' : result.error);
    const snapshot = result.value;
    assert.deepEqual(snapshot.source, { kind: 'ssh', host: 'busy-host' });
    assert.equal(snapshot.kernelRelease, '6.8.0-45-generic');
    assert.equal(snapshot.machine, 'x86_64');
    assert.equal(snapshot.memBytes, 49521980 * 1024);
    assert.equal(snapshot.bootTime, 1764000000);
    // Tabs between vector fields become spaces; a dot inside an interface name becomes '/'.
    assert.equal(snapshot.values.get('net.ipv4.tcp_rmem'), '4096 131072 6291456');
    assert.equal(snapshot.values.get('net.ipv4.conf.eth0/100.rp_filter'), '1');
    assert.equal(snapshot.values.get('net.netfilter.nf_conntrack_count'), '63000');
    assert.equal(snapshot.conntrack?.cpus, 4);
    assert.equal(snapshot.conntrack?.totals.entries, 63000, 'entries is global, not summed');
    assert.equal(snapshot.conntrack?.totals.drop, 0x10 + 0x5);
    assert.equal(snapshot.conntrack?.totals.early_drop, 3);
    assert.equal(snapshot.conntrack?.totals.insert_failed, 2);
    assert.ok(snapshot.modules?.has('nf_conntrack'));
    assert.equal(snapshot.sockstat?.TCP.inuse, 48000);
    assert.deepEqual(snapshot.conntrackMaxLines, [{ path: '/etc/sysctl.d/90-conntrack.conf', line: 2, text: 'net.netfilter.nf_conntrack_max = 65536' }]);
    const sent = fixture.fakeHostLog().slice(before);
    assert.deepEqual(
      sent.map((line) => line.replace(/^\d+ /, '')),
      [`busy-host ${REMOTE_SNAPSHOT_COMMAND}`],
    );
  });

  sshIt('doctor: the one-screen diagnosis, exit 1 because packets were dropped', async () => {
    const run = await runCliTimed(['doctor', '--host', 'busy-host', '--ssh-config', fixture.configFile, '--timeout', '10']);
    assert.equal(run.status, 1, run.stderr);
    const out = run.stdout;
    assert.match(out, /^# sysctl-lint doctor: busy-host \(over SSH\), read \d{4}-/m);
    assert.match(out, /^Kernel: +6\.8\.0-45-generic, x86_64, RAM 47\.2 GiB \(MemTotal 49521980 kB\)$/m);
    assert.match(out, /^Conntrack: +loaded as a module \(nf_conntrack\)$/m);
    assert.match(out, /^Table: +63000 of 65536 entries \(96\.1%\), 16384 buckets$/m);
    assert.match(out, /^Dropped: +drop 21, early_drop 3, insert_failed 2 \(since boot, summed over 4 CPUs\)$/m);
    assert.match(out, /^TCP sockets: +48000 in use, 9000 in TIME_WAIT, 48100 allocated/m);
    assert.match(out, /^Status: +DROPPING/m);
    assert.match(out, /^Formula: +nf_conntrack_max = RAM_bytes \/ 16384 \/ \(64 \/ 32\) = 1547561$/m);
    assert.match(out, /^Set it live: +sudo sysctl -w net\.netfilter\.nf_conntrack_max=1547561$/m);
    assert.match(
      out,
      /^Persist it: +line 2 of \/etc\/sysctl\.d\/90-conntrack\.conf sets net\.netfilter\.nf_conntrack_max = 65536; change it to "net\.netfilter\.nf_conntrack_max = 1547561":$/m,
    );
    assert.match(out, /^ +sudo sed -i '2s\/\.\*\/net\.netfilter\.nf_conntrack_max = 1547561\/' \/etc\/sysctl\.d\/90-conntrack\.conf$/m);
    assert.match(out, /^Boot order: +.*\/etc\/modules-load\.d\/nf_conntrack\.conf$/m);
  });

  sshIt('drift: differing values with the running value and a reason; equal ones (octal, tabs, absent keys) are not drift', async () => {
    const file = join(work, 'busy.conf');
    writeFileSync(
      file,
      [
        'net.core.somaxconn = 4096',
        'net.ipv4.tcp_rmem = 4096 131072   6291456',
        'vm.swappiness = 010',
        'net.ipv4.ip_local_port_range = 1024 65000',
        'net.netfilter.nf_conntrack_max = 262144',
        'net.ipv4.conf.eth0/100.rp_filter = 2',
        'net.ipv4.no_such_key = 1',
        '',
      ].join('\n'),
    );
    const run = await runCliTimed(['drift', '--host', 'busy-host', '--ssh-config', fixture.configFile, '--format', 'json', file]);
    assert.equal(run.status, 1, `conntrack-table-full is an error: ${run.stderr}`);
    const [report] = JSON.parse(run.stdout) as Array<{ findings: Array<{ ruleId: string; line: number; message: string; severity: string }> }>;
    const byLine = report.findings.map((m) => `${m.line} ${m.ruleId}`).sort();
    assert.deepEqual(byLine, ['4 runtime-drift', '5 conntrack-table-full', '5 runtime-drift', '6 runtime-drift']);
    const message = (line: number, rule: string) => report.findings.find((m) => m.line === line && m.ruleId === rule)!.message;
    assert.match(message(4, 'runtime-drift'), /busy-host \(over SSH\) has net\.ipv4\.ip_local_port_range = 32768 60999, not 1024 65000/);
    // No file path on the host is known for a local file: the command sets the one value.
    assert.match(message(4, 'runtime-drift'), /sudo sysctl -w 'net\.ipv4\.ip_local_port_range=1024 65000'/);
    assert.match(message(5, 'runtime-drift'), /nf_conntrack_max = 65536, not 262144\. Likely reason: .*nf_conntrack module/);
    assert.match(message(5, 'conntrack-table-full'), /63000 of 65536 entries \(96\.1%\); drop 21, early_drop 3, insert_failed 2/);
    assert.match(message(6, 'runtime-drift'), /net\.ipv4\.conf\.eth0\/100\.rp_filter = 1, not 2/);
  });

  sshIt('drift in every output format', async () => {
    const file = join(work, 'one.conf');
    writeFileSync(file, 'net.ipv4.ip_forward = 0\n');
    for (const format of ['stylish', 'compact', 'json', 'sarif', 'github']) {
      const run = await runCliTimed(['drift', '--host', 'busy-host', '--ssh-config', fixture.configFile, '--format', format, file]);
      assert.equal(run.status, 1, `${format}: ${run.stderr}`); // the table has dropped packets: an error at the top
      assert.match(run.stdout, /runtime-drift/, format);
      assert.match(run.stdout, /conntrack-table-full/, format);
    }
  });

  sshIt('language server with runtime.source "ssh": drift and conntrack-table-full diagnostics, and counts in the nf_conntrack_max hover', async () => {
    const file = join(work, 'lsp.conf');
    const text = 'net.netfilter.nf_conntrack_max = 262144\nnet.core.somaxconn = 4096\n';
    writeFileSync(file, text);
    const client = await TestClient.start({ initializationOptions: { runtime: { source: 'ssh' }, ssh: { host: 'busy-host', configFile: fixture.configFile } } });
    try {
      const uri = pathToFileURL(file).href;
      await client.open(uri, text);
      const published = await client.waitForDiagnosticsWhere(uri, (d) => d.some((x) => x.code === 'runtime-drift'), 15_000);
      const codes = published.diagnostics
        .filter((d) => d.source === 'sysctl' && /runtime-drift|conntrack-table-full/.test(String(d.code)))
        .map((d) => `${d.range.start.line}:${d.code}:${d.severity}`);
      assert.deepEqual(codes.sort(), ['0:conntrack-table-full:1', '0:runtime-drift:2']);
      const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 20 } })) as Hover;
      const markdown = (hover.contents as MarkupContent).value;
      assert.match(markdown, /\*\*Running value\*\*: `65536` \(busy-host \(over SSH\), read at /);
      assert.match(markdown, /63000 of 65536 entries \(96\.1%\); drop 21, early_drop 3, insert_failed 2/);
    } finally {
      await client.stop();
    }
  });

  for (const [title, runtime, warning] of [
    ['in an untrusted workspace', { source: 'ssh', trusted: false }, /disabled in untrusted workspaces/],
    [
      'with a host from workspace settings not yet confirmed',
      { source: 'ssh', hostConfirmed: false },
      /comes from this workspace's settings; run "Sysctl: Refresh the running kernel snapshot" to confirm it/,
    ],
  ] as const) {
    sshIt(`language server ${title}: no ssh at all, one warning`, async () => {
      const before = fixture.fakeHostLog().length;
      const file = join(work, 'refused.conf');
      writeFileSync(file, 'net.core.somaxconn = 1\n');
      const client = await TestClient.start({ initializationOptions: { runtime, ssh: { host: 'busy-host', configFile: fixture.configFile } } });
      try {
        const uri = pathToFileURL(file).href;
        await client.open(uri, 'net.core.somaxconn = 1\n');
        await client.waitForDiagnostics(uri);
        await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 3 } });
        assert.equal(client.messages.filter((m) => warning.test(m.message)).length, 1, JSON.stringify(client.messages));
        assert.equal(fixture.fakeHostLog().length, before, 'no ssh session was opened');
      } finally {
        await client.stop();
      }
    });
  }

  describe('every SSH failure mode gives one line within the deadline', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['closed-port', 5_000, /^Connection to closed-port refused/],
      ['wrong-hostkey', 5_000, /^The host key of wrong-hostkey does not match/],
      ['unknown-hostkey', 5_000, /^The host key of unknown-hostkey is not in known_hosts/],
      ['stranger', 5_000, /^Authentication to stranger failed/],
      ['unresolvable', 10_000, /^Could not resolve hostname unresolvable/],
      ['silent', 3_000, /^Connection to silent timed out during the SSH banner exchange/],
      ['hang', 2_000, /^Timed out after 2 s reading the kernel snapshot from hang/],
      ['garbage', 10_000, /^From garbage: the output is not from the snapshot command/],
      ['empty', 10_000, /^From empty: the output is not from the snapshot command/],
      ['exit127', 10_000, /^The remote command on exit127 exited with status 127 .*procps sysctl/],
      ['huge', 20_000, new RegExp(`^The output from huge was larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB, so ssh was stopped`)],
    ];
    for (const [host, timeoutMs, pattern] of cases) {
      sshIt(host, async () => {
        const start = Date.now();
        const result = await readSshSnapshot({ host, configFile: fixture.configFile, timeoutMs });
        const ms = Date.now() - start;
        assert.ok(!result.ok, 'a failure');
        assert.match(result.error, pattern);
        assert.doesNotMatch(result.error, /[\r\n]/);
        assert.ok(ms < timeoutMs + SLACK_MS, `took ${ms} ms`);
      });
    }

    sshIt('the CLI exits 2 with the one-line reason', async () => {
      const run = await runCliTimed(['doctor', '--host', 'closed-port', '--ssh-config', fixture.configFile, '--timeout', '5']);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^sysctl-lint: Connection to closed-port refused[^\n]*\n$/);
    });
  });
});

describe('snapshot readers refuse hostile hosts before any process starts', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sysctl-snapshot-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('readSshSnapshot never runs the ssh client for a hostile host', async () => {
    const marker = join(dir, 'ran');
    const fakeSsh = join(dir, 'fake-ssh');
    writeFileSync(fakeSsh, `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(fakeSsh, 0o755);
    for (const [host, message] of REJECTED_HOSTS) {
      const result = await readSshSnapshot({ host, sshPath: fakeSsh });
      assert.ok(!result.ok);
      assert.match(result.error, message);
    }
    assert.equal(existsSync(marker), false);
  });

  it('the CLI refuses them with exit 2 and one line', async () => {
    for (const host of ['-oProxyCommand=touch /tmp/pwned', 'a;touch /tmp/pwned', 'host\nProxyCommand x']) {
      const run = await runCliTimed(['drift', '--host', host, '--system']);
      assert.equal(run.status, 2, host);
      assert.match(run.stderr, /^sysctl-lint: (Invalid SSH host|No SSH host)[^\n]*\n$/);
    }
  });
});
