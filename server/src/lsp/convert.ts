import { DiagnosticSeverity, DiagnosticTag, SymbolKind } from 'vscode-languageserver';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver';
import type { Finding, SettingSymbol, Severity } from '../engine';

export const DIAGNOSTIC_SOURCE = 'sysctl';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding, uri: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  }
  if (finding.tag === 'unnecessary') diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (finding.tag === 'deprecated') diagnostic.tags = [DiagnosticTag.Deprecated];
  return diagnostic;
}

export function toDocumentSymbol(symbol: SettingSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: symbol.kind === 'setting' ? SymbolKind.Property : SymbolKind.Null,
    range: symbol.range,
    selectionRange: symbol.selectionRange,
  };
}
