import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keySummary, summarisedNames } from '../../../server/src/engine/keys/summaries';

const DATA = join(__dirname, '..', '..', '..', 'server/src/engine/keys/data/summaries');
const namesIn = (file: string): string[] => Object.keys((JSON.parse(readFileSync(join(DATA, file), 'utf8')) as { keys: object }).keys);

describe('key summaries in two parts (net.* and the rest, each loaded when first needed)', () => {
  it('the net files hold only net.* names and the other file none, so a name finds its summary in its part', () => {
    const net = [...namesIn('net-ip.json'), ...namesIn('net-other.json')];
    const other = namesIn('other.json');
    assert.deepEqual(
      net.filter((name) => !name.startsWith('net.')),
      [],
    );
    assert.deepEqual(
      other.filter((name) => name.startsWith('net.')),
      [],
    );
    assert.equal(new Set([...net, ...other]).size, net.length + other.length, 'no name is summarised in two files');
    assert.equal(summarisedNames().length, net.length + other.length);
    for (const name of [...net, ...other].filter((n) => !n.includes('<ifname>'))) assert.ok(keySummary(name), name);
  });
});
