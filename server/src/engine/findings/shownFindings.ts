import type { Finding, Severity } from '../rules/types';

/**
 * VS Code shows at most 1,000 problems per file and drops the rest after the language client has
 * converted them all; a 100,000-line file of a foreign kernel can have tens of thousands. Editors
 * get this many by default, notice included, so VS Code never cuts the list itself.
 */
export const DEFAULT_MAX_DIAGNOSTICS = 1000;

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * The findings an editor shows when it shows at most `limit` (0: no limit): errors first, then
 * warnings, then information, each in document order, leaving one place for the notice of how
 * many were left out; the kept ones stay in document order. Unlimited or under the limit, the
 * same array comes back.
 */
export function shownFindings(findings: readonly Finding[], limit: number): { shown: readonly Finding[]; omitted: number } {
  if (limit <= 0 || findings.length <= limit) return { shown: findings, omitted: 0 };
  const room = limit - 1;
  // How many of each severity fit: all of the more severe ones first.
  const counts = [0, 0, 0];
  for (const finding of findings) counts[RANK[finding.severity]]++;
  const quota = [0, 0, 0];
  let left = room;
  for (let rank = 0; rank < 3; rank++) left -= quota[rank] = Math.min(counts[rank], left);
  const shown: Finding[] = [];
  for (const finding of findings) {
    const rank = RANK[finding.severity];
    if (quota[rank] > 0) {
      quota[rank]--;
      shown.push(finding);
    }
  }
  return { shown, omitted: findings.length - shown.length };
}
