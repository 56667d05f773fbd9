import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { formatProcpsWrite, procpsDryRunText, procpsWrites } from '../../../server/src/engine';

/** The reference: every write procpsWrites finds, formatted, one a line. */
function reference(text: string): string {
  return procpsWrites(text)
    .map((write) => formatProcpsWrite(write) + '\n')
    .join('');
}

describe('procpsDryRunText (what `sysctl --dry-run -p` prints)', () => {
  it('copies lines already in printed form and reformats the others', () => {
    const text = 'net.ipv4.ip_forward = 1\nkernel.printk = 4 4 1 7\n  vm.swappiness=10  \n# c\nnet/ipv4/conf/eth0.1/rp_filter = 2\n-kernel.x = 1\nfs.file-max = 5';
    assert.equal(
      procpsDryRunText(text),
      'net.ipv4.ip_forward = 1\nkernel.printk = 4 4 1 7\nvm.swappiness = 10\nnet.ipv4.conf.eth0/1.rp_filter = 2\nkernel.x = 1\nfs.file-max = 5\n',
    );
  });

  it('equals the writes of procpsWrites, formatted, on any text (property)', () => {
    const piece = fc.constantFrom('net', '.', '/', 'ipv4', '-', '_', 'a', 'Z', '9', ' = ', '=', ' ', '\t', '\r', '\v', '\n', '\0', '#', ';', '\uFEFF', '*', 'é', 'x y');
    const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        assert.equal(procpsDryRunText(t), reference(t));
      }),
      { numRuns: 5000, seed: 20261204 },
    );
  });
});
