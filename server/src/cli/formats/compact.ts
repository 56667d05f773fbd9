import type { FileReport } from './types';

/** `file:line:col: severity: message [rule-id]`, 1-based: the format editors, grep and problem matchers read. */
export function formatCompact(reports: readonly FileReport[]): string {
  let out = '';
  for (const { path, findings } of reports) {
    for (const f of findings) {
      out += `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity}: ${f.message} [${f.ruleId}]\n`;
    }
  }
  return out;
}
