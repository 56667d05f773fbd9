import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { parseDocument } from '../../../server/src/engine';
import { applyCommandFor, shellQuote } from '../../../server/src/engine/runtime';

describe('apply commands (typed into a terminal for the user to run)', () => {
  const document = parseDocument('# c\nnet.core.somaxconn = 4096\nnet.ipv4.conf.*.rp_filter = 2\nnet.ipv4.tcp_rmem = 4096 131072 6291456\n');

  it('a saved file on this machine: sudo sysctl -p FILE', () => {
    assert.deepEqual(applyCommandFor(document, { filePath: '/etc/sysctl.d/90-net.conf' }), { ok: true, command: 'sudo sysctl -p /etc/sysctl.d/90-net.conf' });
    assert.deepEqual(applyCommandFor(document, { filePath: "/tmp/it's here.conf" }), { ok: true, command: `sudo sysctl -p '/tmp/it'\\''s here.conf'` });
  });

  it('one line, or unsaved text: sudo sysctl -w with each key=value quoted; globs are left to sysctl -p', () => {
    assert.deepEqual(applyCommandFor(document, { line: 3 }), { ok: true, command: "sudo sysctl -w 'net.ipv4.tcp_rmem=4096 131072 6291456'" });
    assert.deepEqual(applyCommandFor(document, {}), { ok: true, command: "sudo sysctl -w net.core.somaxconn=4096 'net.ipv4.tcp_rmem=4096 131072 6291456'" });
    assert.deepEqual(applyCommandFor(document, { line: 0 }), { ok: false, error: 'this line sets no key' });
  });

  it('a host read over SSH: the values through ssh -t HOST, quoted twice', () => {
    const result = applyCommandFor(document, { sshHost: 'admin@db-1', filePath: '/etc/sysctl.d/90-net.conf', line: 1 });
    assert.deepEqual(result, { ok: true, command: "ssh -t admin@db-1 'sudo sysctl -w net.core.somaxconn=4096'" });
  });

  it('quoting survives sh: every word comes back as written', () => {
    for (const word of ['a b', "it's", '$(touch /tmp/x)', '`id`', 'a;b', '"q"', 'plain']) {
      const echoed = spawnSync('sh', ['-c', `printf %s ${shellQuote(word)}`], { encoding: 'utf8' }).stdout;
      assert.equal(echoed, word);
    }
  });
});
