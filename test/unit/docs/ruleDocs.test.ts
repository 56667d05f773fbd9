import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS, RULES } from '../../../server/src/engine';
import { REPO_ROOT } from '../../helpers/paths';
import type { SettingsPatch } from '../rules/helpers';
import { lint } from '../rules/helpers';

const DOCS = join(REPO_ROOT, 'docs', 'rules');
const pagePath = (id: string) => join(DOCS, `${id}.md`);

/** The first sysctl block after a paragraph starting with `lead`. */
function exampleAfter(page: string, lead: string): string | undefined {
  const match = new RegExp(`^${lead}[^\\n]*\\n+\`\`\`sysctl\\n([\\s\\S]*?)\`\`\`$`, 'm').exec(page);
  return match?.[1];
}

describe('rule documentation (docs/rules)', () => {
  it('has a page for every rule in the registry, and none for rules that do not exist', () => {
    const missing = RULE_IDS.filter((id) => !existsSync(pagePath(id))).map((id) => `docs/rules/${id}.md (rule '${id}')`);
    assert.deepEqual(missing, [], `rules without a page: write ${missing.join(', ')}`);
    const orphans = readdirSync(DOCS).filter((f) => f.endsWith('.md') && !RULE_IDS.includes(f.slice(0, -3) as never));
    assert.deepEqual(orphans, [], 'pages of rules the registry does not have');
  });

  for (const id of RULE_IDS) {
    describe(id, () => {
      const read = () => readFileSync(pagePath(id), 'utf8');

      it('names the rule and its default severity, and has every section', function () {
        if (!existsSync(pagePath(id))) this.skip(); // reported by the test above, with the path
        const page = read();
        assert.ok(page.startsWith(`# \`${id}\`\n\nDefault severity: **${RULES[id].defaultSeverity}**\n`), 'title or default severity line');
        for (const section of ['## What it checks', '## Why it matters', '## Examples', '## How to fix']) assert.ok(page.includes(`\n${section}\n`), `section ${section}`);
        assert.ok(page.includes('\n## Suppressing it\n'), 'section ## Suppressing it');
        assert.ok(page.includes(`sysctl-lint-disable-next-line ${id}`) && page.includes(`--rule ${id}=off`), 'how to silence it');
      });

      it('has an example that is reported and one that is not, and they behave as the page says', function () {
        if (!existsSync(pagePath(id))) this.skip();
        const page = read();
        const reported = exampleAfter(page, 'This is reported');
        const clean = exampleAfter(page, 'This is not');
        assert.ok(reported && clean, 'both examples are present');
        // Examples that need other files are checked where those files are (noted in the page).
        if (/<!-- examples: need several files/.test(page)) return;
        const settings = /<!-- settings: (\{.*\}) -->/.exec(page);
        const patch = settings ? (JSON.parse(settings[1]) as SettingsPatch) : undefined;
        assert.ok(
          lint(reported, patch).some((f) => f.ruleId === id),
          `the "reported" example does not report ${id}`,
        );
        assert.ok(!lint(clean, patch).some((f) => f.ruleId === id), `the "not reported" example reports ${id}`);
      });
    });
  }

  it("the README's rule table lists exactly the registry's rules, in order, with their default severity", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| \[?`([a-z0-9-]+)`\]?(?:\([^)]*\))? \| (error|warning|info) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(
      rows,
      RULE_IDS.map((id) => `${id} ${RULES[id].defaultSeverity}`),
    );
  });
});
