import type { FileReport } from './types';

/** `[{file, findings: [{ruleId, severity, message, line, column, endLine, endColumn, fixes?}]}]`, 1-based. */
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
      // What the editor's quick fixes do, positioned like the finding (1-based); `safe` ones are what --fix applies.
      ...(f.fixes?.length
        ? {
            fixes: f.fixes.map((fix) => ({
              title: fix.title,
              safe: fix.safe === true,
              edits: fix.edits.map((e) => ({
                line: e.range.start.line + 1,
                column: e.range.start.character + 1,
                endLine: e.range.end.line + 1,
                endColumn: e.range.end.character + 1,
                newText: e.newText,
              })),
            })),
          }
        : {}),
    })),
  }));
  return JSON.stringify(data, null, 2) + '\n';
}
