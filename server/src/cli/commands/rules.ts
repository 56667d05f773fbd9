import { canonicalRuleId, RULE_IDS, RULES } from '../../engine';
import { CliError, EXIT_OK } from '../exitCodes';
import { rulePage, ruleUrl } from '../ruleDocs';
import type { CommandResult } from './result';

/** `--list-rules`: every rule with its default severity and one line on what it reports. */
export function listRulesCommand(): CommandResult {
  const idWidth = Math.max(...RULE_IDS.map((id) => id.length));
  const lines = RULE_IDS.map((id) => `${id.padEnd(idWidth)}  ${RULES[id].defaultSeverity.padEnd(7)}  ${RULES[id].summary}`);
  return { stdout: `${'RULE'.padEnd(idWidth)}  DEFAULT  WHAT IT REPORTS\n${lines.join('\n')}\n`, exitCode: EXIT_OK };
}

/** `--explain RULE`: the rule's page (docs/rules/RULE.md), bundled into the CLI; former ids work too. */
export function explainCommand(name: string): CommandResult {
  const ruleId = canonicalRuleId(name);
  const page = ruleId === undefined ? undefined : rulePage(ruleId);
  if (ruleId === undefined || page === undefined) throw new CliError(`unknown rule '${name}' (see --list-rules)`);
  const url = ruleUrl(ruleId);
  return { stdout: page.trimEnd() + '\n' + (url ? `\nOnline: ${url}\n` : ''), exitCode: EXIT_OK };
}
