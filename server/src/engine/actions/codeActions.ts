import type { ParsedDocument, ParsedLine } from '../parser/types';
import type { Finding, TextEdit } from '../rules/types';
import type { ConntrackRecommendation } from '../sizing/conntrack';
import type { Range } from '../text/position';
import type { ConntrackFixMode } from './conntrackSizing';
import { CONNTRACK_MAX_KEY, conntrackSizingAction, isConntrackMaxKey } from './conntrackSizing';
import { suppressionFixes } from '../rules/suppression';
import { partitionPoint } from '../arrays';

export type ActionKind = 'quickfix' | 'refactor.rewrite';

export interface EngineCodeAction {
  title: string;
  kind: ActionKind;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** The findings this action resolves, so editors can attach it to their diagnostics. */
  findings?: Finding[];
}

/** A sizing action whose numbers are not known yet: the editor asks the user, then runs the command. */
export interface PendingSizingAction {
  title: string;
  kind: ActionKind;
  mode: ConntrackFixMode;
  isPreferred: boolean;
}

function isBefore(p: Range['start'], q: Range['start']): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}

/** The quick fix menu's two groups: fixes that change the setting, and comments that silence a rule. */
export interface QuickFixGroups {
  /** Fixes of the findings under the cursor, preferred ones first. */
  fixes: EngineCodeAction[];
  /** One way to suppress each rule reported there; they go last in the menu. */
  suppressions: EngineCodeAction[];
}

/**
 * The quick fix menu of a selection lists the fixes of at most this many of its findings, in
 * document order. Select-all in a file of 100,000 problems made 250,000 actions (62 MB, 2.7 s);
 * fix-all is the action for many lines.
 */
export const QUICK_FIX_FINDINGS = 100;

/** How many lines the tallest finding of a list spans, per list (findings are nearly always one line). */
const tallest = new WeakMap<readonly Finding[], number>();

/** The index of the first finding that can reach `line`: findings are sorted by start, none spans more than the tallest. */
function firstThatMayOverlap(findings: readonly Finding[], line: number): number {
  let height = tallest.get(findings);
  if (height === undefined) {
    height = 0;
    for (const finding of findings) height = Math.max(height, finding.range.end.line - finding.range.start.line);
    tallest.set(findings, height);
  }
  const from = line - height;
  return partitionPoint(findings.length, (i) => findings[i].range.start.line < from);
}

/**
 * The quick fixes of the findings that overlap `range`. `findings` are in document order (as
 * analysis gives them), so the scan stops at the first one that starts after the range: the
 * editor asks on every cursor move, and a large file has tens of thousands of findings.
 */
export function quickFixGroups(findings: readonly Finding[], range: Range, document: ParsedDocument): QuickFixGroups {
  const fixes: EngineCodeAction[] = [];
  const suppressions: EngineCodeAction[] = [];
  const suppressedRules = new Set<string>();
  let taken = 0;
  for (let i = firstThatMayOverlap(findings, range.start.line); i < findings.length; i++) {
    const finding = findings[i];
    if (isBefore(range.end, finding.range.start)) break;
    if (isBefore(finding.range.end, range.start)) continue;
    if (taken++ === QUICK_FIX_FINDINGS) break;
    for (const fix of finding.fixes ?? []) {
      fixes.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, isPreferred: fix.isPreferred, findings: [finding] });
    }
    const key = `${finding.ruleId}@${finding.range.start.line}`;
    if (suppressedRules.has(key)) continue;
    suppressedRules.add(key);
    for (const fix of suppressionFixes(finding, document)) suppressions.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, findings: [finding] });
  }
  // Stable: the preferred fix leads, the rest keep the findings' order.
  fixes.sort((a, b) => Number(b.isPreferred === true) - Number(a.isPreferred === true));
  return { fixes, suppressions };
}

/** Quick fixes of the findings under the cursor, then a way to suppress each of their rules. */
export function fixActions(findings: readonly Finding[], range: Range, document: ParsedDocument): EngineCodeAction[] {
  const { fixes, suppressions } = quickFixGroups(findings, range, document);
  return [...fixes, ...suppressions];
}

/**
 * Where the sizing fix is offered: on a line that sets nf_conntrack_max (replace the value), and
 * anywhere in a file that does not set it (insert it). Elsewhere it would only be noise.
 */
export function sizingActionKind(document: ParsedDocument, range: Range): ActionKind | undefined {
  const setters = linesSettingMax(document.lines);
  if (setters.length === 0) return 'refactor.rewrite';
  return setters.some((i) => i >= range.start.line && i <= range.end.line) ? 'quickfix' : undefined;
}

/**
 * The lines that set nf_conntrack_max, per lines array (one per document version): the editor
 * asks for code actions on every cursor move, and a version is scanned once, not on each.
 */
const maxSetters = new WeakMap<readonly ParsedLine[], readonly number[]>();
function linesSettingMax(lines: readonly ParsedLine[]): readonly number[] {
  let found = maxSetters.get(lines);
  if (!found) {
    const setters: number[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.kind === 'setting' && !line.key.isGlob && isConntrackMaxKey(line.key)) setters.push(i);
    }
    maxSetters.set(lines, (found = setters));
  }
  return found;
}

export function sizingActions(document: ParsedDocument, range: Range, recommendation: ConntrackRecommendation): EngineCodeAction[] {
  const kind = sizingActionKind(document, range);
  if (!kind) return [];
  return (['max', 'max-and-buckets'] as const).map((mode, index) => {
    const action = conntrackSizingAction(document, recommendation, mode);
    return { title: action.title, kind, edits: action.edits, isPreferred: index === 0 && kind === 'quickfix' };
  });
}

/** The same two actions before RAM and architecture are known. */
export function pendingSizingActions(document: ParsedDocument, range: Range): PendingSizingAction[] {
  const kind = sizingActionKind(document, range);
  if (!kind) return [];
  // As with sizingActions: on an nf_conntrack_max line, setting the maximum is the fix a user came for.
  return [
    { title: 'Set nf_conntrack_max from RAM and architecture…', kind, mode: 'max', isPreferred: kind === 'quickfix' },
    { title: 'Set nf_conntrack_max and nf_conntrack_buckets from RAM and architecture…', kind, mode: 'max-and-buckets', isPreferred: false },
  ];
}

export { CONNTRACK_MAX_KEY };
