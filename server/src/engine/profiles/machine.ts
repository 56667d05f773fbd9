import { canonicalKey } from '../parser/keyPath';
import { parseDocument } from '../parser/parseDocument';
import type { Finding } from '../rules/types';
import type { EffectiveConfiguration, EffectiveSetting, SettingSource } from '../system/effective';
import type { Flavor } from '../system/precedence';
import { spanToRange } from '../text/position';
import { setValueFix } from './documentFindings';
import { globMatcher } from './globs';
import type { VerdictStatus } from './judge';
import { judgeCheck } from './judge';
import { explanation, requirement } from './messages';
import type { ProfileSelection, ResolvedCheck } from './resolve';
import { resolveChecks } from './resolve';
import { DEFAULT_PROFILE_SEVERITY } from './selection';

export const TOOL_NAMES: Readonly<Record<Flavor, string>> = { procps: 'sysctl --system', systemd: 'systemd-sysctl' };

export interface ToolOutcome {
  flavor: Flavor;
  status: VerdictStatus;
  /** The setting that decides the key for this tool, when one does. */
  setting?: EffectiveSetting;
  value?: string;
  satisfiedBy?: string;
}

/** A check that at least one tool's effective configuration fails or lacks. */
export interface MachineVerdict {
  check: ResolvedCheck;
  tools: ToolOutcome[];
}

/**
 * The setting a tool ends with for a key: for procps the later of the last explicit write and the
 * last matching glob; systemd applies a glob only to keys no line sets explicitly.
 */
function settingLookup(configuration: EffectiveConfiguration): (key: string) => EffectiveSetting | undefined {
  const explicit = new Map<string, { setting: EffectiveSetting; order: number }>();
  const globs: Array<{ setting: EffectiveSetting; order: number; matches: (key: string) => boolean }> = [];
  configuration.settings.forEach((setting, order) => {
    if (setting.isGlob) globs.push({ setting, order, matches: globMatcher(canonicalKey(setting.key)) });
    else explicit.set(canonicalKey(setting.key), { setting, order });
  });
  // systemd applies no glob to a key that an exclusion line (`-key`) names, in any file.
  const excluded = new Set<string>();
  if (configuration.flavor === 'systemd') {
    for (const file of configuration.files) {
      if (file.kind !== 'file') continue;
      for (const line of parseDocument(file.text).lines) if (line.kind === 'exclusion' && !line.key.isGlob) excluded.add(line.key.canonical);
    }
  }
  return (key) => {
    const own = explicit.get(key);
    if (configuration.flavor === 'systemd' && (own || excluded.has(key))) return own?.setting;
    const glob = [...globs].reverse().find((g) => g.matches(key));
    if (!own) return glob?.setting;
    return glob && glob.order > own.order ? glob.setting : own.setting;
  };
}

/** Judges the effective configuration of each tool; a line that a later one overrides is never judged. */
export function judgeMachine(configurations: readonly EffectiveConfiguration[], selection: ProfileSelection): MachineVerdict[] {
  const lookups = configurations.map((c) => ({ flavor: c.flavor, lookup: settingLookup(c) }));
  const verdicts: MachineVerdict[] = [];
  for (const check of resolveChecks(selection)) {
    const tools = lookups.map(({ flavor, lookup }): ToolOutcome => {
      const verdict = judgeCheck(check, (key) => lookup(key)?.value);
      return { flavor, status: verdict.status, setting: lookup(check.check.key), value: verdict.value, satisfiedBy: verdict.satisfiedBy };
    });
    if (tools.some((t) => t.status !== 'pass')) verdicts.push({ check, tools });
  }
  return verdicts;
}

export function where(source: SettingSource): string {
  return `${source.file.path}:${source.line + 1}`;
}

function toolList(outcomes: readonly ToolOutcome[], conjunction: 'and' | 'or'): string {
  return outcomes.map((o) => TOOL_NAMES[o.flavor]).join(` ${conjunction} `);
}

/** How another tool fares, for a finding about this one. */
function otherOutcome(outcome: ToolOutcome): string {
  const tool = TOOL_NAMES[outcome.flavor];
  if (outcome.status === 'pass') {
    if (outcome.satisfiedBy) return `${tool} complies through ${outcome.satisfiedBy}`;
    return `${tool} ends with ${outcome.value} from ${where(outcome.setting!.source)}, which complies`;
  }
  if (outcome.status === 'missing') return `no file ${tool} reads sets it`;
  return `${tool} ends with ${outcome.value} from ${where(outcome.setting!.source)}`;
}

/** A profile finding for a file of the machine, by the path the machine knows the file by. */
export interface MachineFinding {
  /** The real path of the file on the target system (the fragment's path for missing keys). */
  path: string;
  finding: Finding;
}

function valueRange(source: SettingSource) {
  const line = parseDocument(source.file.text).lines[source.line];
  return line.kind === 'setting'
    ? { range: spanToRange(source.line, line.value.text === '' ? line.key.span : line.value.span), line }
    : { range: spanToRange(source.line, { start: 0, end: line.length }), line: undefined };
}

/**
 * Findings for the machine: a failing effective setting is reported on the line that decides it;
 * a key no file sets is reported on `fragmentPath`, the file it should go in. When the tools end
 * differently, each finding says how the other tool fares.
 */
export function machineFindings(verdicts: readonly MachineVerdict[], selection: ProfileSelection, fragmentPath: string): MachineFinding[] {
  const out: MachineFinding[] = [];
  for (const { check, tools } of verdicts) {
    const groups = new Map<string, ToolOutcome[]>();
    for (const outcome of tools) {
      if (outcome.status === 'pass') continue;
      const at = outcome.status === 'missing' ? 'missing' : `${outcome.setting!.source.file.realPath}:${outcome.setting!.source.line}`;
      groups.set(at, [...(groups.get(at) ?? []), outcome]);
    }
    const why = explanation(check, selection.kernel, selection.architecture);
    for (const group of groups.values()) {
      const others = tools.filter((t) => !group.includes(t)).map(otherOutcome);
      const aside = others.length > 0 ? ` (${others.join('; ')})` : '';
      const first = group[0];
      if (first.status === 'missing') {
        const add = `Add '${check.check.key} = ${check.recommended}' to ${fragmentPath} (--print-missing prints every missing line).`;
        out.push({
          path: fragmentPath,
          finding: {
            ruleId: check.ruleId,
            severity: DEFAULT_PROFILE_SEVERITY,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            message: `${requirement(check)}, but no file ${toolList(group, 'or')} reads sets it, so it keeps the kernel's default${aside}. ${add} ${why}`,
          },
        });
        continue;
      }
      const source = first.setting!.source;
      const { range, line } = valueRange(source);
      const globNote = first.setting!.isGlob ? ` through the pattern '${first.setting!.key}'` : '';
      out.push({
        path: source.file.realPath,
        finding: {
          ruleId: check.ruleId,
          severity: DEFAULT_PROFILE_SEVERITY,
          range,
          message: `${requirement(check)}; ${toolList(group, 'and')} ${group.length > 1 ? 'end' : 'ends'} with ${first.value === '' ? 'an empty value' : first.value} from this line${globNote}${aside}. ${why}`,
          fixes: line && !first.setting!.isGlob && !check.check.onlyWhenSet ? [setValueFix(check, source.line, line)] : undefined,
        },
      });
    }
  }
  return out;
}
