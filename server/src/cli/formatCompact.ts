import type { Finding } from '../engine';

/** `file:line:col: severity: message [rule-id]`, 1-based, the format editors and grep understand. */
export function formatCompact(path: string, findings: readonly Finding[]): string {
  let out = '';
  for (const f of findings) {
    out += `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity}: ${f.message} [${f.ruleId}]\n`;
  }
  return out;
}
