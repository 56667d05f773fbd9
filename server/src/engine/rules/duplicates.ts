import { defineRule } from './defineRule';
import { deleteLineEdit } from '../actions/lineEdits';
import { resolveKey } from '../keys';
import { boundsFor, kernelRefusesValue, storedNumbers, storedShape } from './valueRules';
import type { StoredShape } from './valueRules';
import { keyFacts } from '../keys/kernelFacts';
import { valueTargetFromFacts } from '../values/factValueSpec';
import { widthRange } from '../values/widths';
import { spanToRange } from '../text/position';
import type { RuleContext, SettingRef } from './context';
import { findNameValueSpec } from '../keys/nameValues';
import { moduleOfValue } from '../keys/moduleKeys';
import type { Finding } from './types';
import { pushAll } from '../arrays';
import { writtenKeyAbsentOnTarget } from './keyRules';

/** Earlier assignments of a variable that a later line overrides: dead, and usually a leftover. */
export function duplicateKeyRule(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  // Per spelling, not per line: a repeated dump sets each key hundreds of times.
  const absentBySpelling = new Map<string, boolean>();
  const setsNothing = (ref: SettingRef) => {
    const spelling = ref.line.key.canonical;
    let absent = absentBySpelling.get(spelling);
    if (absent === undefined) absentBySpelling.set(spelling, (absent = writtenKeyAbsentOnTarget(context, ref)));
    return absent;
  };
  const known = knownGroups(context);
  const seen = new Set<string>();
  for (const target of context.byTarget.repeatedTargets()) {
    const all = context.byTarget.get(target);
    if (!all) continue;
    seen.add(target);
    const group = known.get(target);
    if (group && sameSettings(group, all)) {
      pushAll(findings, group.findings);
      continue;
    }
    // Each overridden line's finding is kept once its variable changes a second time: a one-off
    // analysis (the CLI, a million lines) would only pay for the memo.
    const found = groupFindings(context, all, setsNothing, group !== undefined);
    known.set(target, { refs: all.slice(), lineNumbers: all.map((ref) => ref.lineNumber), findings: found });
    pushAll(findings, found);
  }
  if (known.size > seen.size) for (const target of known.keys()) if (!seen.has(target)) known.delete(target);
  for (const twins of TWIN_LIMITS) pushAll(findings, twinFindings(context, twins));
  return findings;
}

/**
 * The findings of one variable set more than once depend only on its settings (line objects,
 * which an edit replaces), their line numbers and the settings: kept per index and settings, so
 * an edit rebuilds them only for the variables it touched, not for every repeated one.
 */
interface KnownGroup {
  refs: readonly SettingRef[];
  lineNumbers: readonly number[];
  findings: readonly Finding[];
}
const groupsByIndex = new WeakMap<RuleContext['byTarget'], { settings: RuleContext['settings']; groups: Map<string, KnownGroup> }>();
function knownGroups(context: RuleContext): Map<string, KnownGroup> {
  let known = groupsByIndex.get(context.byTarget);
  if (!known || known.settings !== context.settings) groupsByIndex.set(context.byTarget, (known = { settings: context.settings, groups: new Map() }));
  return known.groups;
}

function sameSettings(group: KnownGroup, refs: readonly SettingRef[]): boolean {
  if (group.refs.length !== refs.length) return false;
  for (let i = 0; i < refs.length; i++) if (group.refs[i] !== refs[i] || group.lineNumbers[i] !== refs[i].lineNumber) return false;
  return true;
}

function groupFindings(context: RuleContext, all: readonly SettingRef[], setsNothing: (ref: SettingRef) => boolean, keep: boolean): Finding[] {
  const findings: Finding[] = [];
  // A line whose key does not exist on the target sets nothing (removed-key or legacy-key says so): it neither overrides nor is overridden.
  const refs = all.some(setsNothing) ? all.filter((ref) => !setsNothing(ref)) : all;
  if (refs.length < 2) return findings;
  // Last values the kernel refuses win nothing (their own errors say so): the one before them is what stays.
  let end = refs.length;
  while (end > 1 && refusedValue(refs[end - 1], context)) end--;
  if (end < 2) return findings;
  const winner = refs[end - 1];
  const winnerMayFail = mayBeMissing(winner.target, winner.line.value.text);
  let winnerOf: Winner | undefined;
  for (let i = 0; i < end - 1; i++) {
    const dead = refs[i];
    const known = deadLines.get(dead);
    if (known && known.lineNumber === dead.lineNumber && known.winner === winner && known.winnerLineNumber === winner.lineNumber && known.settings === context.settings) {
      findings.push(known.finding);
      continue;
    }
    winnerOf ??= { ref: winner, shape: storedShape(winner, context) };
    const finding = deadLineFinding(context, dead, winnerOf, winnerMayFail);
    if (keep) deadLines.set(dead, { lineNumber: dead.lineNumber, winner, winnerLineNumber: winner.lineNumber, settings: context.settings, finding });
    findings.push(finding);
  }
  return findings;
}

/**
 * The finding of each overridden line, while it and the line that wins stay where they are: an
 * edit of one line of a variable set thousands of times rebuilds one finding, not thousands.
 */
const deadLines = new WeakMap<SettingRef, { lineNumber: number; winner: SettingRef; winnerLineNumber: number; settings: RuleContext['settings']; finding: Finding }>();

/** What the winning line stores, worked out once for the lines it overrides. */
interface Winner {
  readonly ref: SettingRef;
  readonly shape: StoredShape;
  numbers?: readonly bigint[] | null;
}

/** Whether a line stores what the winner does: the same text, or the same numbers as the kernel reads them (`1` and `01`, `1` and `1 # on`). */
function sameStoredValue(dead: SettingRef, winner: Winner): boolean {
  if (dead.line.value.text === winner.ref.line.value.text) return true;
  if (winner.shape === undefined) return false;
  if (winner.numbers === undefined) winner.numbers = storedNumbers(winner.ref.line.value.text, winner.shape) ?? null;
  const a = storedNumbers(dead.line.value.text, winner.shape);
  const b = winner.numbers;
  return a !== undefined && b !== null && a.length === b.length && a.every((n, i) => n === b[i]);
}

function deadLineFinding(context: RuleContext, dead: SettingRef, winnerOf: Winner, winnerMayFail: boolean): Finding {
  const winner = winnerOf.ref;
  const same = sameStoredValue(dead, winnerOf);
  const spelling = dead.line.key.text === winner.line.key.text ? '' : ` (as '${winner.line.key.text}')`;
  if (!same && winnerMayFail) return fallbackFinding(dead, winner, spelling);
  // systemd-sysctl keeps one assignment per path; an alias is another path, so it writes both.
  const bothWritten = dead.line.key.canonical !== winner.line.key.canonical;
  return {
    ruleId: 'duplicate-key',
    // The same value again changes nothing: tidy-up, not a lost setting.
    severity: same ? 'info' : 'warning',
    range: spanToRange(dead.lineNumber, dead.line.key.span),
    tag: 'unnecessary',
    message: same
      ? `'${dead.line.key.text}' is set again with the same value on line ${winner.lineNumber + 1}${spelling}; this line is redundant.`
      : `'${dead.line.key.text}' is set again on line ${winner.lineNumber + 1}${spelling} to '${winner.line.value.text}', which wins: this value '${dead.line.value.text}' never stays in effect (${bothWritten ? 'procps and systemd-sysctl both write it briefly first' : 'procps writes it briefly first, systemd-sysctl skips it'}).`,
    related: [{ range: spanToRange(winner.lineNumber, winner.line.key.span), message: 'The assignment that takes effect' }],
    fixes: [{ title: `Remove this overridden assignment`, edits: [deleteLineEdit(context.document, dead.lineNumber)], safe: true }],
  };
}

/**
 * kernelRefusesValue per setting and settings object: the index keeps a line's SettingRef across
 * edits, and this rule runs on every edit for the last line of each repeated key.
 */
const refusals = new WeakMap<SettingRef, { settings: RuleContext['settings']; refused: boolean }>();
function refusedValue(ref: SettingRef, context: RuleContext): boolean {
  const known = refusals.get(ref);
  if (known && known.settings === context.settings) return known.refused;
  const refused = kernelRefusesValue(ref, context);
  refusals.set(ref, { settings: context.settings, refused });
  return refused;
}

/**
 * Two keys for one kernel limit, in bytes or as a ratio: writing one sets the other to 0
 * (mm/page-writeback.c, 6.1 and 6.12). A background write always does; a dirty_ratio or
 * dirty_bytes write only when it changes the value, so there a later 0 undoes nothing.
 */
const TWIN_LIMITS = [
  { keys: ['vm.dirty_background_bytes', 'vm.dirty_background_ratio'], onlyWhenNonZero: false },
  { keys: ['vm.dirty_bytes', 'vm.dirty_ratio'], onlyWhenNonZero: true },
] as const;

/**
 * The line's value when it is a number the kernel accepts for its key (a refused write sets
 * nothing back): within the field's width and the bounds the kernel facts give, resolved for the
 * target kernel as the value checker resolves them.
 */
function acceptedNumber(ref: SettingRef, context: RuleContext): bigint | undefined {
  const text = ref.line.value.text.trim();
  const facts = keyFacts(ref.target, context.kernel);
  const value = facts && valueTargetFromFacts(ref.target, facts)?.value;
  if (!/^\d+$/.test(text) || value?.kind !== 'integer') return undefined;
  const bits = context.machine?.bits ?? 64;
  const [widthMin, widthMax] = widthRange(value.width, bits);
  const { min = widthMin, max = widthMax } = boundsFor(value, context, bits, 1000);
  const number = BigInt(text);
  return number >= min && number <= max ? number : undefined;
}

/** The earlier of two twin keys set in one file: the later line's write sets it back to 0. */
function twinFindings(context: RuleContext, twins: (typeof TWIN_LIMITS)[number]): Finding[] {
  const [first, second] = twins.keys.map((key) => context.byTarget.last(key));
  if (!first || !second) return [];
  const [earlier, later] = first.lineNumber < second.lineNumber ? [first, second] : [second, first];
  if (later.line.ignoreErrors || earlier.line.ignoreErrors) return [];
  const value = acceptedNumber(later, context);
  if (value === undefined || (twins.onlyWhenNonZero && value === 0n)) return [];
  // An earlier line the kernel refuses, or a 0 meaning "use the other key", loses nothing.
  const lost = acceptedNumber(earlier, context);
  if (lost === undefined || lost === 0n) return [];
  return [
    {
      ruleId: 'duplicate-key',
      severity: 'warning',
      range: spanToRange(earlier.lineNumber, earlier.line.key.span),
      tag: 'unnecessary',
      message: `${earlier.target} and ${later.target} set one limit, in bytes or as a ratio: writing ${later.target} = ${value} on line ${later.lineNumber + 1} sets ${earlier.target} back to 0, so this value '${earlier.line.value.text}' never stays in effect. Keep one of the two lines.`,
      related: [{ range: spanToRange(later.lineNumber, later.line.key.span), message: 'The assignment that takes effect' }],
    },
  ];
}

/**
 * Whether the kernel may refuse the value for a reason outside the file: it names something a
 * module provides (bbr needs tcp_bbr, which older kernels and some builds lack) or no mainline
 * kernel registers.
 */
function mayBeMissing(target: string, value: string): boolean {
  const spec = findNameValueSpec(target);
  if (!spec) return false;
  const name = value.trim();
  return moduleOfValue(target, name) !== undefined || !spec.names.includes(name);
}

/**
 * `tcp_congestion_control = htcp` then `= bbr`: a deliberate fallback under procps, which writes
 * both and keeps htcp when bbr is refused. systemd-sysctl writes only the last assignment, so the
 * fallback does nothing there; said so, and no fix deletes the line.
 */
function fallbackFinding(dead: SettingRef, winner: SettingRef, spelling: string): Finding {
  return {
    ruleId: 'duplicate-key',
    severity: 'info',
    range: spanToRange(dead.lineNumber, dead.line.key.span),
    message: `'${dead.line.key.text}' is set again on line ${winner.lineNumber + 1}${spelling} to '${winner.line.value.text}', which the kernel refuses where it does not have it: procps writes this value '${dead.line.value.text}' first, and it stays when that write fails. systemd-sysctl writes only the last assignment, so there this fallback never applies.`,
    related: [{ range: spanToRange(winner.lineNumber, winner.line.key.span), message: 'The assignment this one is a fallback for' }],
  };
}

/** `k = 1` followed by `-k`: systemd's exclusion replaces the assignment, procps ignores it. */
export function exclusionAfterAssignmentRule(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const lineNumber of context.exclusions) {
    const line = context.document.lines[lineNumber];
    if (line.kind !== 'exclusion') continue;
    const target = resolveKey(line.key.canonical)?.spec.name ?? line.key.canonical;
    // systemd matches exclusions by path: only the same spelling of the key is cancelled.
    const earlier = context.byTarget
      .get(target)
      ?.filter((ref) => ref.lineNumber < lineNumber && ref.line.key.canonical === line.key.canonical)
      .pop()?.lineNumber;
    if (earlier === undefined) continue;
    // A warning: the tools end apart only when the key held another value before (Flatcar ships this, setting the default).
    findings.push({
      ruleId: 'tool-divergence',
      severity: 'warning',
      range: spanToRange(lineNumber, line.key.span),
      message: `This exclusion follows an assignment of '${line.key.text}' on line ${earlier + 1}: systemd-sysctl drops that assignment, procps still applies it. Remove one of the two lines.`,
      related: [{ range: spanToRange(earlier, { start: 0, end: context.document.lines[earlier].length }), message: 'The assignment systemd-sysctl cancels' }],
    });
  }
  return findings;
}

/** Checks exclusions after assignments here; the parser's divergences are reported with syntax errors. */
export const toolDivergence = defineRule({
  id: 'tool-divergence',
  defaultSeverity: 'error',
  summary: 'procps sysctl and systemd-sysctl would apply the line differently.',
  description:
    'The same bytes mean different things to procps sysctl (sysctl -p, sysctl --system) and to systemd-sysctl: a space or a second dash after the ignore-errors "-", ";" comments, lone CR line breaks, lines over 1 MiB, ".." in keys, repeated separators, glob exclusions, and an exclusion after an assignment of the same key.',
  check: { scope: 'document', run: exclusionAfterAssignmentRule },
});

export const duplicateKey = defineRule({
  id: 'duplicate-key',
  defaultSeverity: 'warning',
  summary: 'The key is set again later in the file.',
  description:
    'Only the last assignment stays in effect (procps writes each one in turn, systemd-sysctl keeps the last). The earlier, dead assignment is reported with a link to the one that wins.',
  check: { scope: 'document', run: duplicateKeyRule },
});
