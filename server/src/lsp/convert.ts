import { DiagnosticSeverity, DiagnosticTag, SymbolKind } from 'vscode-languageserver';
import type { CodeAction, Diagnostic, DocumentSymbol } from 'vscode-languageserver';
import type { EngineCodeAction, Finding, SettingSymbol, Severity } from '../engine';
import { isRuleId, profileRuleMeta } from '../engine';
import { ruleDocUrl } from '../engine/rules/docs';

export const DIAGNOSTIC_SOURCE = 'sysctl';

declare const SYSCTL_TOOLS_RULE_DOCS_URL: string;
/** The documentation base package.json declares, injected at build time (absent when not bundled). */
const RULE_DOCS_BASE = typeof SYSCTL_TOOLS_RULE_DOCS_URL === 'string' ? SYSCTL_TOOLS_RULE_DOCS_URL : '';

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
  // Fixed rules link their page; a profile rule links its source (there is no page per key).
  const href = isRuleId(finding.ruleId) ? ruleDocUrl(RULE_DOCS_BASE, finding.ruleId) : profileRuleMeta(finding.ruleId)?.helpUri;
  if (href) diagnostic.codeDescription = { href };
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

/** An engine action as an LSP code action, linked to the client's diagnostics it resolves. */
export function toCodeAction(action: EngineCodeAction, uri: string, contextDiagnostics: readonly Diagnostic[]): CodeAction {
  const resolves = (d: Diagnostic) =>
    action.findings?.some(
      (f) =>
        d.code === f.ruleId &&
        d.range.start.line === f.range.start.line &&
        d.range.start.character === f.range.start.character &&
        d.range.end.line === f.range.end.line &&
        d.range.end.character === f.range.end.character,
    ) ?? false;
  const diagnostics = contextDiagnostics.filter(resolves);
  return {
    title: action.title,
    kind: action.kind,
    isPreferred: action.isPreferred,
    diagnostics: diagnostics.length > 0 ? diagnostics : undefined,
    edit: { changes: { [uri]: action.edits } },
  };
}
