import { strict as assert } from 'node:assert';
import { parseDocument } from '../../../server/src/engine';
import type { Finding, RuleId } from '../../../server/src/engine';
import { suppressionFixes } from '../../../server/src/engine/rules/suppression';
import { applyFix, describeFindings, findingsOf, lint } from './helpers';
import type { SettingsPatch } from './helpers';

/** Rule id and line of every finding, to compare whole results compactly. */
function summary(text: string, settings?: SettingsPatch): string[] {
  return lint(text, settings).map((f) => `${f.range.start.line} ${f.ruleId} ${f.severity}`);
}

const TYPO = 'net.netfilter.nf_conntrack_maxx = 1';
const OCTAL = 'net.ipv4.tcp_fin_timeout = 010';
const TYPO2 = 'net.core.somaxconnn = 4096';

describe('severity overrides', () => {
  const text = `${TYPO}\n${OCTAL}\nnet.ipv4.tcp_tw_reuse = 3\nnet.nf_conntrack_max = 1\n`;

  it('the defaults, for reference', () => {
    assert.deepEqual(summary(text), ['0 unknown-key warning', '1 suspicious-value warning', '2 out-of-range error', '3 legacy-key info', '3 module-boot-order info']);
  });

  it("raise unknown-key to 'error' and leave the other rules alone", () => {
    assert.deepEqual(summary(text, { rules: { 'unknown-key': 'error' } }), [
      '0 unknown-key error',
      '1 suspicious-value warning',
      '2 out-of-range error',
      '3 legacy-key info',
      '3 module-boot-order info',
    ]);
  });

  it("turn unknown-key 'off'", () => {
    assert.deepEqual(summary(text, { rules: { 'unknown-key': 'off' } }), ['1 suspicious-value warning', '2 out-of-range error', '3 legacy-key info', '3 module-boot-order info']);
  });

  it('lower an error and raise an info at once', () => {
    assert.deepEqual(summary(text, { rules: { 'out-of-range': 'info', 'legacy-key': 'warning', 'conntrack-boot-order': 'off' } }), [
      '0 unknown-key warning',
      '1 suspicious-value warning',
      '2 out-of-range info',
      '3 legacy-key warning',
    ]);
  });

  it('an override applies to every severity a rule reports with', () => {
    // suspicious-value reports an inline comment as info and an octal number as a warning.
    const mixed = 'net.ipv4.tcp_fin_timeout = 30 # half a minute\nnet.ipv4.tcp_keepalive_time = 010\n';
    assert.deepEqual(summary(mixed), ['0 suspicious-value info', '1 suspicious-value warning']);
    assert.deepEqual(summary(mixed, { rules: { 'suspicious-value': 'error' } }), ['0 suspicious-value error', '1 suspicious-value error']);
  });

  it('an override keeps messages, ranges and fixes', () => {
    const [plain] = findingsOf(`${TYPO}\n`, 'unknown-key');
    const [raised] = findingsOf(`${TYPO}\n`, 'unknown-key', { rules: { 'unknown-key': 'error' } });
    assert.deepEqual({ ...raised, severity: plain.severity }, plain);
  });
});

describe('suppression comments', () => {
  function rulesOn(text: string): string[] {
    return lint(text).map((f) => `${f.range.start.line} ${f.ruleId}`);
  }

  it('disable-next-line with one rule id', () => {
    assert.deepEqual(rulesOn(`# sysctl-lint-disable-next-line unknown-key\n${TYPO}\n${TYPO2}\n`), ['2 unknown-key']);
  });

  it('disable-next-line without a space after #', () => {
    assert.deepEqual(rulesOn(`#sysctl-lint-disable-next-line unknown-key\n${TYPO}\n`), []);
  });

  it('disable-next-line with several rule ids, separated by blanks or commas', () => {
    const body = `${OCTAL}\n${OCTAL}\n`;
    assert.deepEqual(rulesOn(body), ['0 duplicate-key', '0 suspicious-value', '1 suspicious-value']);
    assert.deepEqual(rulesOn(`# sysctl-lint-disable-next-line duplicate-key suspicious-value\n${body}`), ['2 suspicious-value']);
    assert.deepEqual(rulesOn(`# sysctl-lint-disable-next-line duplicate-key,suspicious-value\n${body}`), ['2 suspicious-value']);
    assert.deepEqual(rulesOn(`# sysctl-lint-disable-next-line duplicate-key, suspicious-value\n${body}`), ['2 suspicious-value']);
  });

  it('disable-next-line without rule ids silences every rule on that line only', () => {
    assert.deepEqual(rulesOn(`# sysctl-lint-disable-next-line\n${OCTAL}\n${OCTAL}\n`), ['2 suspicious-value']);
  });

  it('a directive for another rule does not suppress', () => {
    assert.deepEqual(rulesOn(`# sysctl-lint-disable-next-line duplicate-key\n${TYPO}\n`), ['1 unknown-key']);
    assert.deepEqual(rulesOn(`# sysctl-lint-disable out-of-range\n${TYPO}\n`), ['1 unknown-key']);
  });

  it('disable-next-line covers the next line only, not the one after a blank line', () => {
    assert.deepEqual(rulesOn(`# sysctl-lint-disable-next-line unknown-key\n\n${TYPO}\n`), ['2 unknown-key']);
  });

  it('a misspelt directive is an ordinary comment', () => {
    assert.deepEqual(rulesOn(`# sysctl-lint-disable-next-lines unknown-key\n${TYPO}\n`), ['1 unknown-key']);
    assert.deepEqual(rulesOn(`# sysctl-lint-disabled unknown-key\n${TYPO}\n`), ['1 unknown-key']);
  });

  it('disable for the whole file, wherever the comment is', () => {
    const body = `${OCTAL}\n${TYPO}\n${OCTAL}\n`;
    assert.deepEqual(rulesOn(body), ['0 duplicate-key', '0 suspicious-value', '1 unknown-key', '2 suspicious-value']);
    assert.deepEqual(rulesOn(`# sysctl-lint-disable duplicate-key\n${body}`), ['1 suspicious-value', '2 unknown-key', '3 suspicious-value']);
    assert.deepEqual(rulesOn(`${body}# sysctl-lint-disable duplicate-key\n`), ['0 suspicious-value', '1 unknown-key', '2 suspicious-value']);
  });

  it('disable for the whole file with several ids, and with none', () => {
    const body = `${OCTAL}\n${TYPO}\n${OCTAL}\n`;
    assert.deepEqual(rulesOn(`# sysctl-lint-disable duplicate-key unknown-key\n${body}`), ['1 suspicious-value', '3 suspicious-value']);
    assert.deepEqual(rulesOn(`# sysctl-lint-disable\n${body}ooops\n`), []);
  });

  it('suppressed findings stay suppressed when the rule is also overridden', () => {
    assert.deepEqual(lint(`# sysctl-lint-disable-next-line unknown-key\n${TYPO}\n`, { rules: { 'unknown-key': 'error' } }), []);
  });

  it('directives work in CRLF files', () => {
    assert.deepEqual(rulesOn(`# sysctl-lint-disable-next-line unknown-key\r\n${TYPO}\r\n${TYPO2}\r\n`), ['2 unknown-key']);
  });
});

describe('suppression fixes', () => {
  function suppressFix(text: string, ruleId: RuleId, scope: 'line' | 'file'): { finding: Finding; result: string } {
    const finding = lint(text).find((f) => f.ruleId === ruleId);
    assert.ok(finding, `no ${ruleId}:\n${describeFindings(lint(text))}`);
    const fixes = suppressionFixes(finding, parseDocument(text));
    const fix = fixes.find((f) => f.title === `Suppress ${ruleId} ${scope === 'line' ? 'on this line' : 'in this file'}`);
    assert.ok(fix, JSON.stringify(fixes.map((f) => f.title)));
    assert.equal(fix.safe, false, '--fix must never add suppressions');
    return { finding, result: applyFix(text, fix) };
  }

  const cases: Array<{ name: string; text: string; ruleId: RuleId; scope: 'line' | 'file'; result: string }> = [
    {
      name: 'appended to a directive already above the line, so it keeps covering its rules',
      text: `# sysctl-lint-disable-next-line duplicate-key\n${TYPO}\n`,
      ruleId: 'unknown-key',
      scope: 'line',
      result: `# sysctl-lint-disable-next-line duplicate-key, unknown-key\n${TYPO}\n`,
    },
    {
      name: 'on this line, LF',
      text: `vm.swappiness = 10\n${TYPO}\n`,
      ruleId: 'unknown-key',
      scope: 'line',
      result: `vm.swappiness = 10\n# sysctl-lint-disable-next-line unknown-key\n${TYPO}\n`,
    },
    {
      name: 'in this file, LF',
      text: `vm.swappiness = 10\n${TYPO}\n`,
      ruleId: 'unknown-key',
      scope: 'file',
      result: `# sysctl-lint-disable unknown-key\nvm.swappiness = 10\n${TYPO}\n`,
    },
    {
      name: 'on this line, CRLF',
      text: `vm.swappiness = 10\r\n${OCTAL}\r\n`,
      ruleId: 'suspicious-value',
      scope: 'line',
      result: `vm.swappiness = 10\r\n# sysctl-lint-disable-next-line suspicious-value\r\n${OCTAL}\r\n`,
    },
    {
      name: 'in this file, CRLF',
      text: `vm.swappiness = 10\r\n${OCTAL}\r\n`,
      ruleId: 'suspicious-value',
      scope: 'file',
      result: `# sysctl-lint-disable suspicious-value\r\nvm.swappiness = 10\r\n${OCTAL}\r\n`,
    },
    {
      name: 'on the only line of a file without a final newline',
      text: TYPO,
      ruleId: 'unknown-key',
      scope: 'line',
      result: `# sysctl-lint-disable-next-line unknown-key\n${TYPO}`,
    },
    {
      name: 'on the last line of a CRLF file without a final newline',
      text: `vm.swappiness = 10\r\n${TYPO}`,
      ruleId: 'unknown-key',
      scope: 'line',
      result: `vm.swappiness = 10\r\n# sysctl-lint-disable-next-line unknown-key\r\n${TYPO}`,
    },
    {
      name: 'on an indented line: the comment starts the line',
      text: `    ${TYPO}\n`,
      ruleId: 'unknown-key',
      scope: 'line',
      result: `# sysctl-lint-disable-next-line unknown-key\n    ${TYPO}\n`,
    },
  ];

  for (const c of cases) {
    it(`inserts the comment ${c.name}, and the finding is gone`, () => {
      const { result } = suppressFix(c.text, c.ruleId, c.scope);
      assert.equal(result, c.result);
      assert.deepEqual(findingsOf(result, c.ruleId), []);
    });
  }

  it('suppressing one rule on a line leaves the other rules there', () => {
    const text = `${OCTAL}\n${OCTAL}\n`;
    const { result } = suppressFix(text, 'duplicate-key', 'line');
    assert.equal(result, `# sysctl-lint-disable-next-line duplicate-key\n${OCTAL}\n${OCTAL}\n`);
    assert.deepEqual(
      lint(result).map((f) => `${f.range.start.line} ${f.ruleId}`),
      ['1 suspicious-value', '2 suspicious-value'],
    );
  });
});
