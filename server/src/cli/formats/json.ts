import type { FileReport } from './types';

/** `[{file, findings: [{ruleId, severity, message, line, column, endLine, endColumn}]}]`, 1-based. */
export function formatJson(reports: readonly FileReport[]): string {
  const data = reports.map(({ path, findings }) => ({
    file: path,
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
    })),
  }));
  return JSON.stringify(data, null, 2) + '\n';
}
