import type { Severity } from '../../engine';
import type { FileReport, FormatOptions } from './types';
import { maxOf } from '../../engine/arrays';

const COLORS = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, underline: 4 } as const;

function paint(enabled: boolean, code: number, text: string): string {
  return enabled ? `\u001b[${code}m${text}\u001b[0m` : text;
}

const SEVERITY_COLOR: Record<Severity, number> = { error: COLORS.red, warning: COLORS.yellow, info: COLORS.blue };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Grouped by file with aligned columns and a summary line, for people at a terminal. */
export function formatStylish(reports: readonly FileReport[], options: FormatOptions): string {
  const color = options.color;
  let out = '';
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const { path, findings } of reports) {
    if (findings.length === 0) continue;
    out += `\n${paint(color, COLORS.underline, path)}\n`;
    const positions = findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`);
    const width = maxOf(positions.map((p) => p.length));
    findings.forEach((f, i) => {
      totals[f.severity]++;
      const severity = paint(color, SEVERITY_COLOR[f.severity], f.severity.padEnd(7));
      out += `  ${paint(color, COLORS.dim, positions[i].padEnd(width))}  ${severity}  ${f.message}  ${paint(color, COLORS.dim, f.ruleId)}\n`;
    });
  }
  const problems = totals.error + totals.warning + totals.info;
  if (problems === 0) return '';
  const summary = `${totals.error > 0 ? '✖' : '⚠'} ${plural(problems, 'problem')} (${plural(totals.error, 'error')}, ${plural(totals.warning, 'warning')}, ${totals.info} info)`;
  return `${out}\n${paint(color, totals.error > 0 ? COLORS.red : COLORS.yellow, paint(color, COLORS.bold, summary))}\n`;
}
