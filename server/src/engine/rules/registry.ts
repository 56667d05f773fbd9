import type { RuleId, RuleMeta } from './types';

/** Every rule the engine can report, with the text SARIF, the README and hover reuse. */
export const RULES: Readonly<Record<RuleId, RuleMeta>> = {
  'syntax-error': {
    id: 'syntax-error',
    defaultSeverity: 'error',
    summary: 'The line cannot be applied by any tool.',
    description:
      'Lines without "=", settings without a key, NUL bytes, a byte order mark and keys containing whitespace are rejected or skipped by both procps sysctl and systemd-sysctl.',
  },
  'tool-divergence': {
    id: 'tool-divergence',
    defaultSeverity: 'error',
    summary: 'procps sysctl and systemd-sysctl would apply the line differently.',
    description:
      'The same bytes mean different things to procps sysctl (sysctl -p, sysctl --system) and to systemd-sysctl: a space or a second dash after the ignore-errors "-", ";" comments, lone CR line breaks, lines over 1 MiB, ".." in keys, repeated separators and glob exclusions.',
  },
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}
