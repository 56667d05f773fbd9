import { strict as assert } from 'node:assert';
import { parseNumberList, SATURATED } from '../../../server/src/engine/values/kernelNumber';
import { lint } from './helpers';

describe('huge values', () => {
  it('a number of a million digits saturates instead of being multiplied out digit by digit', () => {
    const parsed = parseNumberList(`${'9'.repeat(1_000_000)} 7`);
    assert.ok(parsed.ok);
    const [huge, seven] = parsed.numbers;
    assert.ok(huge.value >= SATURATED && huge.value < SATURATED * 10n, String(huge.value));
    assert.equal(huge.text.length, 1_000_000);
    assert.equal(seven.value, 7n, 'the number after it is read as usual');
    const negative = parseNumberList(`-${'1'.repeat(500)}`);
    assert.ok(negative.ok && negative.numbers[0].value < -SATURATED, 'a negative one saturates below every minimum');
  });

  it('a value of two million digits is out of range, in a message that quotes its ends and its length', () => {
    const value = '1'.repeat(2_000_000);
    const [finding] = lint(`net.core.somaxconn = ${value}\n`).filter((f) => f.ruleId === 'out-of-range');
    assert.ok(finding, 'out-of-range is reported');
    assert.ok(finding.message.length < 400, `message of ${finding.message.length} characters`);
    assert.match(finding.message, /^Value 1{40}…1{40} \(2000000 characters\) does not fit the kernel's int field/);
  });

  it('messages of ordinary length are left as the rule wrote them', () => {
    const key = `net.ipv4.${'x'.repeat(150)}`;
    const [finding] = lint(`${key} = 1\n`).filter((f) => f.ruleId === 'unknown-key');
    assert.ok(finding.message.includes(key), finding.message);
  });
});
