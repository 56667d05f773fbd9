import { strict as assert } from 'node:assert';
import { conntrackSizingAction, parseDocument, recommend, sizingActions, pendingSizingActions } from '../../../server/src/engine';
import type { ConntrackRecommendation } from '../../../server/src/engine';
import { applyEdits } from '../../helpers/applyEdits';

/** The worked example: MemTotal 49521980 kB on x86_64. */
function workedExample(kernelVersion = '6.8'): ConntrackRecommendation {
  const result = recommend({ memBytes: 49521980 * 1024, arch: 'x86_64', kernelVersion });
  assert.ok(result.ok);
  return result.value;
}

function fix(text: string, mode: 'max' | 'max-and-buckets'): { title: string; text: string } {
  const action = conntrackSizingAction(parseDocument(text), workedExample(), mode);
  return { title: action.title, text: applyEdits(text, action.edits) };
}

describe('conntrack sizing edits', () => {
  it('names the number and its inputs in the title', () => {
    assert.equal(fix('', 'max').title, 'Set nf_conntrack_max to 1547561 (47.2 GiB, x86_64)');
    assert.equal(fix('', 'max-and-buckets').title, 'Set nf_conntrack_max to 1547561 and nf_conntrack_buckets to 1547561 (47.2 GiB, x86_64)');
  });

  it('writes max / 8 buckets for a target kernel before 5.15, one per entry from 5.15', () => {
    const edit = (kernel: string) => applyEdits('', conntrackSizingAction(parseDocument(''), workedExample(kernel), 'max-and-buckets').edits);
    assert.equal(edit('5.14'), 'net.netfilter.nf_conntrack_max = 1547561\nnet.netfilter.nf_conntrack_buckets = 193445\n');
    assert.equal(edit('5.15'), 'net.netfilter.nf_conntrack_max = 1547561\nnet.netfilter.nf_conntrack_buckets = 1547561\n');
  });

  it('replaces only the value of an existing nf_conntrack_max line', () => {
    assert.equal(
      fix('# x\n  net.netfilter.nf_conntrack_max\t=  65536   \nvm.swappiness = 1\n', 'max').text,
      '# x\n  net.netfilter.nf_conntrack_max\t=  1547561   \nvm.swappiness = 1\n',
    );
  });

  it('replaces the value of the last (winning) assignment, including the old alias', () => {
    const text = 'net.netfilter.nf_conntrack_max = 1\nnet.nf_conntrack_max = 2\n';
    assert.equal(fix(text, 'max').text, 'net.netfilter.nf_conntrack_max = 1\nnet.nf_conntrack_max = 1547561\n');
  });

  it('fills an empty value with a separating space', () => {
    assert.equal(fix('net.netfilter.nf_conntrack_max =\n', 'max').text, 'net.netfilter.nf_conntrack_max = 1547561\n');
    assert.equal(fix('net.netfilter.nf_conntrack_max =  \n', 'max').text, 'net.netfilter.nf_conntrack_max =  1547561\n');
  });

  it('inserts after the last conntrack setting', () => {
    const text = 'vm.swappiness = 1\nnet.netfilter.nf_conntrack_tcp_timeout_established = 3600\nnet.core.somaxconn = 4096\n';
    assert.equal(
      fix(text, 'max').text,
      'vm.swappiness = 1\nnet.netfilter.nf_conntrack_tcp_timeout_established = 3600\nnet.netfilter.nf_conntrack_max = 1547561\nnet.core.somaxconn = 4096\n',
    );
  });

  it('appends at the end when there is no conntrack setting, keeping the final newline', () => {
    assert.equal(fix('vm.swappiness = 1\n', 'max').text, 'vm.swappiness = 1\nnet.netfilter.nf_conntrack_max = 1547561\n');
  });

  it('keeps a missing final newline missing', () => {
    assert.equal(fix('vm.swappiness = 1', 'max').text, 'vm.swappiness = 1\nnet.netfilter.nf_conntrack_max = 1547561');
  });

  it('uses CRLF in a CRLF file and keeps every other byte', () => {
    assert.equal(
      fix('\uFEFFvm.swappiness = 1\r\n', 'max-and-buckets').text,
      '\uFEFFvm.swappiness = 1\r\nnet.netfilter.nf_conntrack_max = 1547561\r\nnet.netfilter.nf_conntrack_buckets = 1547561\r\n',
    );
  });

  it('inserts the buckets line right below an existing max line', () => {
    const text = 'net.netfilter.nf_conntrack_max = 1\nvm.swappiness = 1\n';
    assert.equal(fix(text, 'max-and-buckets').text, 'net.netfilter.nf_conntrack_max = 1547561\nnet.netfilter.nf_conntrack_buckets = 1547561\nvm.swappiness = 1\n');
  });

  it('replaces both values when both lines exist', () => {
    const text = 'net.netfilter.nf_conntrack_buckets = 16384\r\nnet.netfilter.nf_conntrack_max = 65536';
    assert.equal(fix(text, 'max-and-buckets').text, 'net.netfilter.nf_conntrack_buckets = 1547561\r\nnet.netfilter.nf_conntrack_max = 1547561');
  });

  it('writes into an empty file', () => {
    assert.equal(fix('', 'max').text, 'net.netfilter.nf_conntrack_max = 1547561\n');
  });

  it('ignores glob lines when looking for the line to change', () => {
    assert.equal(fix('net.netfilter.nf_conntrack_m*x = 5\n', 'max').text, 'net.netfilter.nf_conntrack_m*x = 5\nnet.netfilter.nf_conntrack_max = 1547561\n');
  });
});

describe('where sizing actions are offered', () => {
  const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });

  it('offers a quick fix only on the nf_conntrack_max line of a file that sets it', () => {
    const doc = parseDocument('vm.swappiness = 1\nnet.netfilter.nf_conntrack_max = 65536\n');
    assert.deepEqual(sizingActions(doc, at(0), workedExample()), []);
    const onLine = sizingActions(doc, at(1), workedExample());
    assert.deepEqual(
      onLine.map((a) => [a.kind, a.isPreferred]),
      [
        ['quickfix', true],
        ['quickfix', false],
      ],
    );
  });

  it('offers an insertion anywhere in a file without it', () => {
    const doc = parseDocument('vm.swappiness = 1\n');
    assert.deepEqual(
      pendingSizingActions(doc, at(0)).map((a) => [a.kind, a.mode]),
      [
        ['refactor.rewrite', 'max'],
        ['refactor.rewrite', 'max-and-buckets'],
      ],
    );
  });
});
