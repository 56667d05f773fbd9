import pages from 'sysctl-rule-docs';
import { publishedRulePage, ruleDocUrl } from '../engine/rules/docs';

declare const SYSCTL_TOOLS_RULE_DOCS_URL: string;

/** The bundled docs/rules/<id>.md page of a rule, or undefined when it has none. */
export function rulePage(ruleId: string): string | undefined {
  const page = Object.prototype.hasOwnProperty.call(pages, ruleId) ? pages[ruleId] : undefined;
  return page === undefined ? undefined : publishedRulePage(page);
}

export function ruleUrl(ruleId: string): string | undefined {
  return ruleDocUrl(SYSCTL_TOOLS_RULE_DOCS_URL, ruleId);
}
