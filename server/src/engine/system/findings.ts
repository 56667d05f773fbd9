import { defineRule } from '../rules/defineRule';
import type { Finding } from '../rules/types';
import { parseDocument } from '../parser/parseDocument';
import type { ParsedDocument } from '../parser/types';
import { spanToRange } from '../text/position';
import type { EffectiveConfiguration, EffectiveSetting, SettingSource } from './effective';
import type { ConfigEntry } from './precedence';

function where(source: SettingSource): string {
  return `${source.file.path}:${source.line + 1}`;
}

type FindingsByFile = Map<string, Finding[]>;

/** Where a setting's key is in its file; each file is parsed once per call (it can have thousands of findings), or not at all when the reader has its parse. */
function keyRanges(): (source: SettingSource) => Finding['range'] {
  const parsed = new Map<ConfigEntry, ParsedDocument>();
  return (source) => {
    let document = parsed.get(source.file);
    if (!document) parsed.set(source.file, (document = source.file.parsed ?? parseDocument(source.file.text)));
    const line = document.lines[source.line];
    const span = line.kind === 'setting' ? line.key.span : { start: 0, end: line.length };
    return spanToRange(source.line, span);
  };
}

/** Adds a finding to its file's list, keyed by the real file, so a file read twice through a symlink gets its findings once. */
function addTo(byFile: FindingsByFile, file: ConfigEntry, finding: Finding): void {
  const list = byFile.get(file.realPath);
  if (list) list.push(finding);
  else byFile.set(file.realPath, [finding]);
}

/** The admin's own configuration; the other directories hold what packages ship (/usr/lib, /lib) or generate (/run). */
function isAdminFile(file: ConfigEntry): boolean {
  return file.path.startsWith('/etc/');
}

/**
 * `overridden`: an assignment that a later file replaces, per tool. Not when both write the same
 * value: the value is in effect either way (and systemd-sysctl keeps the first of equal values,
 * so there the "later" line is the one skipped). With `adminFilesOnly`, only assignments in /etc:
 * one package's file overriding another's (50-redhat.conf over systemd's 50-default.conf) is by
 * design, and no admin edits those files.
 */
function addOverridden(
  configurations: readonly EffectiveConfiguration[],
  byFile: FindingsByFile,
  keyRange: (source: SettingSource) => Finding['range'],
  adminFilesOnly: boolean,
): void {
  // One finding per overridden line and winner, naming every tool that overrides it.
  const found = new Map<string, { dead: SettingSource; setting: EffectiveSetting; tools: string[] }>();
  for (const configuration of configurations) {
    const tool = configuration.flavor === 'procps' ? 'sysctl --system' : 'systemd-sysctl';
    for (const setting of configuration.settings) {
      for (const dead of setting.overrides) {
        // Within one file the duplicate-key rule already speaks.
        if (dead.file.realPath === setting.source.file.realPath) continue;
        if (dead.value === setting.value) continue;
        if (adminFilesOnly && !isAdminFile(dead.file)) continue;
        const id = `${where(dead)}>${where(setting.source)}`;
        const known = found.get(id);
        if (known) known.tools.push(tool);
        else found.set(id, { dead, setting, tools: [tool] });
      }
    }
  }
  for (const { dead, setting, tools } of found.values()) {
    addTo(byFile, dead.file, {
      ruleId: 'overridden',
      severity: 'info',
      range: keyRange(dead),
      message: `Overridden: ${where(setting.source)} sets ${setting.key} = ${setting.value}, and ${tools.join(' and ')} ${tools.length > 1 ? 'apply' : 'applies'} that later.`,
      related: [],
    });
  }
}

/**
 * `overridden`, as a warning: an assignment a `-key` exclusion in a later file drops, so
 * systemd-sysctl never writes it (systemd's own 50-default.conf excludes
 * `net.ipv4.conf.all.rp_filter` from its glob, which also drops an admin's 10-*.conf setting).
 * Within one file, tool-divergence speaks.
 */
function addCancelled(
  configurations: readonly EffectiveConfiguration[],
  byFile: FindingsByFile,
  keyRange: (source: SettingSource) => Finding['range'],
  adminFilesOnly: boolean,
): void {
  for (const configuration of configurations) {
    for (const { setting, by } of configuration.cancelled) {
      const source = setting.source;
      if (source.file.realPath === by.file.realPath || (adminFilesOnly && !isAdminFile(source.file))) continue;
      addTo(byFile, source.file, {
        ruleId: 'overridden',
        severity: 'warning',
        range: keyRange(source),
        message: `systemd-sysctl never writes this: ${by.file.path}:${by.line + 1} excludes ${setting.key} later, and an exclusion drops every earlier assignment of the key. Name this file so that it sorts after ${by.file.name} to keep the setting.`,
        related: [],
      });
    }
  }
}

/** A line of a file, as one string for sets: the two tools' sources are different objects. */
function lineId(source: SettingSource): string {
  return `${source.line}:${source.file.realPath}`;
}

/** Lines systemd-sysctl dropped for an exclusion in another file (addCancelled explains them), by lineId. */
function cancelledLines(systemd: EffectiveConfiguration): Set<string> {
  return new Set(systemd.cancelled.filter(({ setting, by }) => setting.source.file.realPath !== by.file.realPath).map(({ setting }) => lineId(setting.source)));
}

/** `tool-divergence`: the two tools end with different values (or only one sets the key). */
function addDivergence(procps: EffectiveConfiguration, systemd: EffectiveConfiguration, byFile: FindingsByFile, keyRange: (source: SettingSource) => Finding['range']): void {
  const systemdByPath = new Map(systemd.settings.map((s) => [s.path, s]));
  // systemd may read the file and still not end with the line (a later `-key` exclusion, `--key`).
  const systemdFiles = new Set(systemd.files.map((f) => f.realPath));
  const cancelled = cancelledLines(systemd);
  for (const p of procps.settings) {
    const s = systemdByPath.get(p.path);
    if (s && s.value === p.value) continue;
    if (!s && cancelled.has(lineId(p.source))) continue;
    const message = s
      ? `sysctl --system ends with ${p.key} = ${p.value} (from ${where(p.source)}), systemd-sysctl with ${s.value} (from ${where(s.source)}).`
      : systemdFiles.has(p.source.file.realPath)
        ? `sysctl --system applies ${p.key} = ${p.value} from ${where(p.source)}, but systemd-sysctl does not end with it.`
        : `sysctl --system applies ${p.key} = ${p.value} from ${where(p.source)}, but systemd-sysctl never reads it${p.source.file.path === '/etc/sysctl.conf' ? ' (it ignores /etc/sysctl.conf unless a sysctl.d symlink points to it)' : p.source.file.name.startsWith('.') ? ' (it skips hidden files)' : p.source.file.path.startsWith('/lib/sysctl.d/') ? ' (systemd 255 and later do not read /lib/sysctl.d; older ones on a split /usr do)' : ''}.`;
    addTo(byFile, p.source.file, { ruleId: 'tool-divergence', severity: 'warning', range: keyRange(p.source), message });
  }
  const procpsPaths = new Set(procps.settings.map((p) => p.path));
  for (const s of systemd.settings) {
    if (procpsPaths.has(s.path)) continue;
    addTo(byFile, s.source.file, {
      ruleId: 'tool-divergence',
      severity: 'warning',
      range: keyRange(s.source),
      message: `systemd-sysctl applies ${s.key} = ${s.value} from ${where(s.source)}, but sysctl --system does not end with it.`,
    });
  }
}

/** Findings per file path that only the whole machine's configuration reveals. */
export function systemFindings(configurations: readonly EffectiveConfiguration[]): Map<string, Finding[]> {
  const byFile: FindingsByFile = new Map();
  const keyRange = keyRanges();
  addOverridden(configurations, byFile, keyRange, true);
  addCancelled(configurations, byFile, keyRange, true);
  if (configurations.length === 2) addDivergence(configurations[0], configurations[1], byFile, keyRange);
  return byFile;
}

/**
 * The `overridden` findings, per file path: what the editor shows beside a file of the tree. A
 * package's file the user opened shows them too: there they explain, and nothing is listed.
 */
export function overriddenFindingsByFile(configurations: readonly EffectiveConfiguration[]): Map<string, Finding[]> {
  const byFile: FindingsByFile = new Map();
  const keyRange = keyRanges();
  addOverridden(configurations, byFile, keyRange, false);
  addCancelled(configurations, byFile, keyRange, false);
  return byFile;
}

/** `key = value # FILE:LINE` per final setting, in apply order. */
export function formatEffective(configuration: EffectiveConfiguration): string[] {
  return configuration.settings.map((s) => `${s.key} = ${s.value} # ${where(s.source)}`);
}

/** Reported from the other files of a machine tree (systemFindings), not from one document. */
export const overridden = defineRule({
  id: 'overridden',
  defaultSeverity: 'info',
  summary: 'Another file of the machine sets this key later, so this value does not stay.',
  description:
    'sysctl --system and systemd-sysctl read every sysctl.d directory and /etc/sysctl.conf in a fixed order; the last assignment of a key wins. The finding names the file and line that win.',
});
