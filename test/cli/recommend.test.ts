import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

describe('sysctl-lint recommend (process)', () => {
  const dir = useTempDir('sysctl-recommend');

  it('prints the worked example ready to paste, inputs first', () => {
    const run = runCli(['recommend', '--mem-total', '49521980 kB', '--arch', 'x86_64', '--kernel', '6.8']);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(-2), ['net.netfilter.nf_conntrack_max = 1547561', 'net.netfilter.nf_conntrack_buckets = 1547561']);
    assert.ok(
      lines.some((l) => l.startsWith('# Buckets: 1547561, one bucket per entry')),
      'says why the buckets follow 6.8',
    );
    const comments = lines.slice(0, -2);
    assert.ok(
      comments.every((l) => l.startsWith('# ')),
      'everything else is a comment',
    );
    assert.ok(comments.includes('# MemTotal: 49521980 kB (47.2 GiB)'));
    assert.ok(comments.includes('# Architecture: x86_64 (64-bit pointers)'));
    assert.ok(comments.some((l) => l.includes('RAM_bytes / 16384 / (64 / 32) = 1547561')));
    assert.ok(comments.some((l) => l.startsWith('# Kernel 6.8 default: nf_conntrack_max = 262144, nf_conntrack_buckets = 262144')));
    assert.ok(comments.some((l) => /full table at 1547561 entries uses about 578\.\d MiB/.test(l)));
  });

  it('pairs the worked example with max / 8 buckets on a kernel before 5.15', () => {
    const run = runCli(['recommend', '--mem-total', '49521980 kB', '--arch', 'x86_64', '--kernel', '5.10']);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(-2), ['net.netfilter.nf_conntrack_max = 1547561', 'net.netfilter.nf_conntrack_buckets = 193445']);
    assert.ok(lines.some((l) => l.startsWith('# Buckets: 193445, nf_conntrack_max / 8, the classic advice for kernels before 5.15')));
  });

  it('halves the value on 32-bit, and takes the = form of options', () => {
    const run = runCli(['recommend', '--mem-total=4GiB', '--arch=armv7l']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^net\.netfilter\.nf_conntrack_max = 262144$/m);
    assert.match(run.stdout, /^net\.netfilter\.nf_conntrack_buckets = 262144$/m);
  });

  it('refuses sizes and architectures it does not understand, with the accepted forms', () => {
    const size = runCli(['recommend', '--mem-total', 'lots', '--arch', 'x86_64']);
    assert.equal(size.status, 2);
    assert.match(size.stderr, /^sysctl-lint: --mem-total: .*kB.*GiB/);
    assert.equal(size.stderr.split('\n').length, 2);
    const arch = runCli(['recommend', '--mem-total', '8G', '--arch', 'vax']);
    assert.equal(arch.status, 2);
    assert.match(arch.stderr, /vax/);
  });

  it('needs exactly one source of facts', () => {
    assert.match(runCli(['recommend']).stderr, /needs --mem-total SIZE --arch ARCH, --local/);
    assert.match(runCli(['recommend', '--mem-total', '8G']).stderr, /--mem-total and --arch go together/);
    assert.match(runCli(['recommend', '--local', '--mem-total', '8G', '--arch', 'x86_64']).stderr, /one source/);
  });

  it('lint takes --arch alone (for the profiles) and refuses an unknown one', () => {
    const file = join(dir(), 'arch.conf');
    writeFileSync(file, 'vm.mmap_min_addr = 32768\n');
    const arm = runCli(['--profile', 'khc', '--arch', 'aarch64', '--format', 'compact', file]);
    assert.equal(arm.stderr, '');
    assert.match(arm.stdout, /65536 on arm64.*\[khc\/vm\.mmap_min_addr\]/);
    const bad = runCli(['--arch', 'sparc99', file]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^sysctl-lint: --arch: Unknown architecture "sparc99"/);
  });

  it('reads this machine with --local', function () {
    if (process.platform !== 'linux') this.skip();
    const run = runCli(['recommend', '--local']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^# nf_conntrack sizing for this machine$/m);
    assert.match(run.stdout, /^net\.netfilter\.nf_conntrack_max = \d+$/m);
  });

  it('prints one block per host of an Ansible fact cache, naming the precision lost', () => {
    const cache = join(dir(), 'facts');
    mkdirSync(cache);
    writeFileSync(
      join(cache, 'web-01'),
      JSON.stringify({ ansible_facts: { ansible_memtotal_mb: 48361, ansible_architecture: 'x86_64', ansible_kernel: '6.1.0-18-amd64' }, changed: false }),
    );
    writeFileSync(join(cache, 'arm-02'), JSON.stringify({ ansible_facts: { ansible_memtotal_mb: 3794, ansible_architecture: 'armv7l' } }));
    const run = runCli(['recommend', '--ansible-facts', cache]);
    assert.equal(run.status, 0, run.stderr);
    const blocks = run.stdout.trimEnd().split('\n\n');
    assert.equal(blocks.length, 2);
    assert.match(blocks[0], /^# nf_conntrack sizing for arm-02 \(Ansible facts\)/);
    assert.match(blocks[1], /^# nf_conntrack sizing for web-01 \(Ansible facts\)/);
    assert.match(blocks[1], /whole MiB \(48361 MiB\).*up to 32 lower/);
    assert.match(blocks[1], /^net\.netfilter\.nf_conntrack_max = 1547552$/m);
    assert.match(blocks[1], /Kernel 6\.1\.0-18-amd64 default/);
  });

  it('names the broken host file of an Ansible cache', () => {
    const cache = join(dir(), 'broken');
    mkdirSync(cache);
    writeFileSync(join(cache, 'db-01'), '{"ansible_facts": {"ansible_architecture": "x86_64"}}');
    const run = runCli(['recommend', '--ansible-facts', cache]);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'sysctl-lint: --ansible-facts: db-01: ansible_memtotal_mb is missing or not a positive whole number\n');
  });

  it('refuses a host that could be read as an ssh option before running anything', () => {
    const run = runCli(['recommend', '--host', '-oProxyCommand=touch /tmp/pwned']);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.split('\n').length, 2);
    assert.match(run.stderr, /^sysctl-lint: .*host/i);
  });
});
