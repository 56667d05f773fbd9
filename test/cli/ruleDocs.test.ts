import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS, RULES } from '../../server/src/engine';
import { REPO_ROOT } from '../helpers/paths';
import { runCli } from '../helpers/runCli';
import { useTempDir } from '../helpers/tempDir';

const { sysctlLint } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { sysctlLint: { ruleDocsUrl: string } };
const page = (id: string) => readFileSync(join(REPO_ROOT, 'docs', 'rules', `${id}.md`), 'utf8').replace(/<!--[\s\S]*?-->\n*/g, '');

describe('rule documentation in the CLI (--list-rules, --explain, SARIF help)', () => {
  const dir = useTempDir('sysctl-rule-docs');

  it('--list-rules lists every rule with its default severity', () => {
    const run = runCli(['--list-rules']);
    assert.equal(run.status, 0);
    const rows = run.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) =>
        line
          .split(/\s{2,}/)
          .slice(0, 2)
          .join(' '),
      );
    assert.deepEqual(rows, [
      ...RULE_IDS.map((id) => `${id} ${RULES[id].defaultSeverity}`),
      // Then one line per hardening profile: its rules are one per checked key.
      ...['cis', 'kspp', 'khc', 'lynis', 'devsec'].map((profile) => `${profile}/<key> warning`),
    ]);
  });

  it('--explain PROFILE/KEY prints what each source expects for the key and the roles that drop the check; PROFILE/* lists the checks', () => {
    const check = runCli(['--explain', 'cis/net.ipv4.ip_forward']);
    assert.equal(check.status, 0);
    assert.match(
      check.stdout,
      /^# `cis\/net\.ipv4\.ip_forward`\n\nDefault severity: \*\*warning\*\*\n\nCIS 3\.3\.1 \(Ubuntu 24\.04 v1\.0\.0, RHEL 9 v2\.0\.0\) requires `net\.ipv4\.ip_forward` to be 0\./,
    );
    assert.match(check.stdout, /\n- dev-sec \(os_hardening sysctl_config \(sysctl-01\)\): 0\n/);
    assert.match(check.stdout, /\n## Roles that drop this check\n\n- router: forwarding packets is the job\n- container-host: /);
    const family = runCli(['--explain', 'kspp/*']);
    assert.equal(family.stdout.split('\n').filter((l) => l.startsWith('- `')).length, 20);
    assert.equal(runCli(['--explain', 'cis/vm.swappiness']).status, 2, 'a key the profile does not check');
  });

  it('--explain prints the bundled page of every rule, and its address', () => {
    for (const id of RULE_IDS) {
      const run = runCli(['--explain', id]);
      assert.equal(run.status, 0, id);
      assert.equal(run.stdout, `${page(id).trimEnd()}\n\nOnline: ${sysctlLint.ruleDocsUrl}${id}.md\n`, id);
    }
  });

  it('--explain of an unknown rule is a usage error naming it', () => {
    const run = runCli(['--explain', 'no-such-rule']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, "sysctl-lint: unknown rule 'no-such-rule' (see --list-rules)\n");
  });

  it('SARIF carries each page as the rule help (markdown and text) and links it', () => {
    const file = join(dir(), 'a.conf');
    writeFileSync(file, 'net.ipv4.tcp_tw_recycle = 1\n');
    const sarif = JSON.parse(runCli(['--format', 'sarif', file], { cwd: dir() }).stdout);
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; helpUri: string; help: { text: string; markdown: string } }>;
    assert.deepEqual(
      rules.map((r) => r.id),
      RULE_IDS,
    );
    for (const rule of rules) {
      assert.equal(rule.help.markdown, page(rule.id), rule.id);
      assert.equal(rule.helpUri, `${sysctlLint.ruleDocsUrl}${rule.id}.md`);
      assert.ok(rule.help.text.startsWith(`${rule.id}\n\nDefault severity: ${RULES[rule.id as keyof typeof RULES].defaultSeverity}\n`), rule.help.text.slice(0, 80));
      assert.doesNotMatch(rule.help.text, /```|^#/m);
    }
  });
});
