import { strict as assert } from 'node:assert';
import { RULE_IDS, RULES } from '../../../server/src/engine';
import type { RuleId } from '../../../server/src/engine';
import { describeFindings, findingsOf, lint } from './helpers';
import type { SettingsPatch } from './helpers';

interface Sample {
  text: string;
  settings?: SettingsPatch;
}

/** A rule that analyze() cannot report from one file, with where it is tested instead. */
interface Elsewhere {
  elsewhere: string;
}

/**
 * One typical file per rule, firing at the rule's registered default severity. Typed as a record
 * of every rule id, so a new rule does not compile until it has a sample here (or says why not).
 */
const SAMPLES: Record<RuleId, Sample | Elsewhere> = {
  'syntax-error': { text: 'net.ipv4.ip_forward\n' },
  'unknown-key': { text: 'net.netfilter.nf_conntrack_maxx = 1\n' },
  'invalid-value': { text: 'net.core.somaxconn = lots\n' },
  'out-of-range': { text: 'net.ipv4.tcp_tw_reuse = 3\n' },
  'suspicious-value': { text: 'net.ipv4.tcp_fin_timeout = 010\n' },
  'removed-key': { text: 'net.ipv4.tcp_tw_recycle = 0\n' },
  'legacy-key': { text: 'net.ipv4.netfilter.ip_conntrack_max = 65536\n' },
  'duplicate-key': { text: 'vm.swappiness = 10\nvm.swappiness = 60\n' },
  'tool-divergence': { text: '- vm.swappiness = 10\n' },
  'conntrack-buckets-ratio': { text: 'net.netfilter.nf_conntrack_max = 1048576\nnet.netfilter.nf_conntrack_buckets = 16384\n' },
  'conntrack-memory': { text: 'net.netfilter.nf_conntrack_max = 8388608\n', settings: { sizing: { memTotal: '8GiB', architecture: 'x86_64' } } },
  'module-boot-order': { text: 'net.netfilter.nf_conntrack_max = 262144\n' },
  'somaxconn-truncated': { text: 'net.core.somaxconn = 65536\n', settings: { kernelVersion: '4.0' } },
  'syn-backlog-vs-somaxconn': { text: 'net.core.somaxconn = 4096\nnet.ipv4.tcp_max_syn_backlog = 512\nnet.ipv4.tcp_syncookies = 0\n' },
  'port-range-order': { text: 'net.ipv4.ip_local_port_range = 60999 32768\n' },
  'threshold-order': { text: 'net.ipv4.tcp_rmem = 4096 6291456 131072\n' },
  overridden: { elsewhere: 'needs the other files of a sysctl.d tree (engine/system)' },
  'runtime-drift': { elsewhere: 'needs a snapshot of a running kernel (engine/runtime, test/unit/runtime)' },
  'conntrack-table-full': { elsewhere: 'needs a snapshot of a running kernel (engine/runtime, test/unit/runtime)' },
};

describe('every registered rule', () => {
  it('has a sample here, and nothing else does', () => {
    assert.deepEqual(Object.keys(SAMPLES).sort(), [...RULE_IDS].sort());
  });

  for (const ruleId of RULE_IDS) {
    const sample = SAMPLES[ruleId] as Sample | Elsewhere | undefined;
    if (!sample) continue; // reported by the first test
    if ('elsewhere' in sample) {
      it(`${ruleId} never comes from a single file's analysis (${sample.elsewhere})`, () => {
        const all = Object.values(SAMPLES).flatMap((s) => ('text' in s ? lint(s.text, s.settings) : []));
        assert.ok(!all.some((f) => f.ruleId === ruleId));
      });
      continue;
    }
    const { text, settings } = sample;

    it(`${ruleId} fires on its sample at its default severity (${RULES[ruleId].defaultSeverity})`, () => {
      const findings = findingsOf(text, ruleId, settings);
      assert.ok(findings.length > 0, describeFindings(lint(text, settings)));
      for (const finding of findings) assert.equal(finding.severity, RULES[ruleId].defaultSeverity, describeFindings([finding]));
    });

    it(`${ruleId} is silent on its sample when turned off`, () => {
      assert.deepEqual(findingsOf(text, ruleId, { ...settings, rules: { [ruleId]: 'off' } }), []);
    });
  }
});
