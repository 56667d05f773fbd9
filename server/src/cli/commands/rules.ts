import { canonicalRuleId, profileRuleFamilies, profileRulePage, RULE_IDS, RULES } from '../../engine';
import { CliError, EXIT_OK } from '../exitCodes';
import { rulePage, ruleUrl } from '../ruleDocs';
import type { CommandResult } from './result';

/** `--list-rules`: every rule with its default severity and one line on what it reports. */
export function listRulesCommand(): CommandResult {
  const idWidth = Math.max(...RULE_IDS.map((id) => id.length));
  const lines = RULE_IDS.map((id) => `${id.padEnd(idWidth)}  ${RULES[id].defaultSeverity.padEnd(7)}  ${RULES[id].summary}`);
  // Profile rules are one per checked key: a line per profile, --explain PROFILE/* lists its checks.
  const families = profileRuleFamilies().map(
    (f) => `${f.id.padEnd(idWidth)}  ${f.defaultSeverity.padEnd(7)}  ${f.title}, ${f.checks} checks (--profile; --explain ${f.id.replace('<key>', '*')} lists them)`,
  );
  return { stdout: `${'RULE'.padEnd(idWidth)}  DEFAULT  WHAT IT REPORTS\n${[...lines, ...families].join('\n')}\n`, exitCode: EXIT_OK };
}

/** `--explain RULE`: the rule's page (docs/rules/RULE.md), bundled into the CLI; former ids work too. */
export function explainCommand(name: string): CommandResult {
  const profilePage = profileRulePage(name);
  if (profilePage !== undefined) return { stdout: profilePage + '\n', exitCode: EXIT_OK };
  const ruleId = canonicalRuleId(name);
  const page = ruleId === undefined ? undefined : rulePage(ruleId);
  if (ruleId === undefined || page === undefined) throw new CliError(`unknown rule '${name}' (see --list-rules)`);
  const url = ruleUrl(ruleId);
  return { stdout: page.trimEnd() + '\n' + (url ? `\nOnline: ${url}\n` : ''), exitCode: EXIT_OK };
}
