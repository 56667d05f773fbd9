import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireOrSkip } from '../../helpers/environment';
import { REPO_ROOT } from '../../helpers/paths';
import { describeFindings, lint } from './helpers';

/** The sysctl files this machine ships, as `sysctl --system` would find them (when present). */
function stockFiles(): string[] {
  const files: string[] = [];
  for (const dir of ['/usr/lib/sysctl.d', '/etc/sysctl.d']) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.conf')) files.push(join(dir, name));
    }
  }
  if (existsSync('/etc/sysctl.conf')) files.push('/etc/sysctl.conf');
  return files;
}

/** `#key = value` example lines of a stock file, with the `#` removed. */
function commentedExamples(text: string): string {
  return text
    .split('\n')
    .filter((line) => /^#\s*[a-z][\w./*-]*\s*=/.test(line))
    .map((line) => line.replace(/^#\s*/, ''))
    .join('\n');
}

describe('honesty: files nobody should be warned about', () => {
  const files = stockFiles();

  it('this machine has stock sysctl files to check', function () {
    requireOrSkip(this, files.length > 0, 'stock sysctl files (/usr/lib/sysctl.d, /etc/sysctl.conf)');
  });

  for (const path of files) {
    it(`${path} has no warnings or errors`, () => {
      const findings = lint(readFileSync(path, 'utf8')).filter((f) => f.severity !== 'info');
      assert.deepEqual(findings, [], describeFindings(findings));
    });
  }

  if (existsSync('/etc/sysctl.conf')) {
    it('the commented-out examples of /etc/sysctl.conf, enabled, have no warnings or errors', () => {
      const text = commentedExamples(readFileSync('/etc/sysctl.conf', 'utf8'));
      const findings = lint(text).filter((f) => f.severity !== 'info');
      assert.deepEqual(findings, [], describeFindings(findings));
    });
  }
});

describe('honesty: the shipped example file', () => {
  const path = join(REPO_ROOT, 'examples', 'sysctl.conf');
  const text = readFileSync(path, 'utf8');
  const findings = lint(text);

  for (const ruleId of ['syntax-error', 'removed-key', 'module-boot-order'] as const) {
    it(`reports ${ruleId}`, () => {
      assert.ok(
        findings.some((f) => f.ruleId === ruleId),
        describeFindings(findings),
      );
    });
  }

  it('reports no unknown keys: every key in it exists', () => {
    const unknown = findings.filter((f) => f.ruleId === 'unknown-key');
    assert.deepEqual(unknown, [], describeFindings(unknown));
  });

  it('reports the pasted command and the tcp_tw_recycle line where they are', () => {
    const lines = text.split('\n');
    const pasted = lines.findIndex((l) => l.startsWith('sysctl -w '));
    const recycle = lines.findIndex((l) => l.startsWith('net.ipv4.tcp_tw_recycle'));
    assert.ok(findings.some((f) => f.ruleId === 'syntax-error' && f.range.start.line === pasted && f.message.includes('This is a sysctl command')));
    assert.ok(findings.some((f) => f.ruleId === 'removed-key' && f.range.start.line === recycle));
  });
});

describe('honesty: systemd stock files on every target kernel', () => {
  for (const name of ['systemd-50-default.conf', 'systemd-50-pid-max.conf']) {
    const text = readFileSync(join(REPO_ROOT, 'test/fixtures/stock', name), 'utf8');
    for (const kernelVersion of ['6.18', '6.12', '6.1', '5.10']) {
      it(`${name} has no warnings or errors for kernel ${kernelVersion}`, () => {
        const findings = lint(text, { kernelVersion }).filter((f) => f.severity !== 'info');
        assert.deepEqual(findings, [], describeFindings(findings));
      });
    }
  }
});
