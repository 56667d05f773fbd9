import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

describe('sysctl-lint dump (process)', () => {
  const dir = useTempDir('sysctl-dump');

  it('prints each applied setting in file order in procps display form', () => {
    const path = join(dir(), 'a.conf');
    writeFileSync(
      path,
      [
        '# comment',
        '; comment',
        '',
        'vm.swappiness=10',
        '  -net/ipv4/tcp_syncookies =\t 1 \t',
        'kernel.domainname = foo # not a comment',
        '-net.ipv4.conf.all.rp_filter',
        'no equals here',
        'net.ipv4.conf.enp3s0/200.forwarding = 1',
        'kernel.domainname =',
        'vm.swappiness = 20\r',
        'net.ipv4.tcp_rmem = 4096\t87380   6291456',
        '--vm.swappiness = 5',
        '- vm.swappiness = 6',
        'vm.swappiness = 44',
      ].join('\n'),
    );
    const run = runCli(['dump', path]);
    assert.equal(run.status, 0);
    assert.equal(
      run.stdout,
      [
        'vm.swappiness = 10',
        'net.ipv4.tcp_syncookies = 1',
        'kernel.domainname = foo # not a comment',
        'net.ipv4.conf.enp3s0/200.forwarding = 1',
        'kernel.domainname = ',
        'vm.swappiness = 20',
        'net.ipv4.tcp_rmem = 4096\t87380   6291456',
        'vm.swappiness = 5',
        'vm.swappiness = 44',
        '',
      ].join('\n'),
    );
  });

  it('keeps a lone CR inside the value and stops at a NUL, as procps does', () => {
    const path = join(dir(), 'b.conf');
    writeFileSync(path, 'vm.swappiness = 11\rkernel.domainname = x\nkernel.domainname = ab\0cd\n');
    assert.equal(runCli(['dump', path]).stdout, 'vm.swappiness = 11\rkernel.domainname = x\nkernel.domainname = ab\n');
  });

  it('exits 2 without output when a file is missing', () => {
    const run = runCli(['dump', join(dir(), 'nope.conf')]);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^sysctl-lint: cannot read '.*nope\.conf': no such file or directory\n$/);
  });
});
