/**
 * Rule `runtime-drift`: a line sets a value the running kernel does not have. Pure: a function of
 * the parsed file, a snapshot of the host, and what is known about the file (where it lives on
 * the host, the host's whole configuration, when it was last changed).
 */

import type { ParsedDocument, SettingLine } from '../parser/types';
import { defineRule } from '../rules/defineRule';
import type { Finding } from '../rules/types';
import type { EffectiveConfiguration, EffectiveSetting } from '../system/effective';
import { spanToRange } from '../text/position';
import { applyFileCommand, applyValueCommand } from './applyCommand';
import { compareWithRunning } from './compareValues';
import { moduleOfKey } from '../keys/moduleKeys';
import { targetKernel } from '../targetKernel';
import { describeSnapshotSource, type RuntimeSnapshot } from './types';

/** Reported from a snapshot of the running host (no check of its own on the document). */
export const runtimeDrift = defineRule({
  id: 'runtime-drift',
  defaultSeverity: 'warning',
  summary: 'The running kernel has another value than the line sets.',
  description:
    'Compared with a snapshot of the host (this machine, or one read over SSH) the way the kernel reads values: numbers by value, fields by whitespace. The message names the running value and the likely reason: a later file wins, the module was loaded after the settings were applied, or the file changed since it was applied (with the command that applies it). Keys the host does not have are not drift.',
});
export const RUNTIME_DRIFT = runtimeDrift.id;

export interface DriftContext {
  /** The file's path on the host (e.g. /etc/sysctl.d/90-net.conf); undefined for unsaved text or stdin. */
  filePath?: string;
  /** The host's configuration as `sysctl --system` applies it, when its files could be read. */
  effective?: EffectiveConfiguration;
  /** When the file was last changed, in seconds since the epoch, when known. */
  modifiedAt?: number;
}

/** The last non-glob assignment of each key in the file: earlier ones are dead, not drift. */
function finalAssignments(document: ParsedDocument): Array<{ lineNumber: number; line: SettingLine }> {
  const last = new Map<string, { lineNumber: number; line: SettingLine }>();
  document.lines.forEach((line, lineNumber) => {
    if (line.kind !== 'setting' || line.key.isGlob || line.key.canonical === '') return;
    if (line.issues.some((issue) => issue.code === 'bom' || issue.code === 'whitespace-in-key')) return;
    // The canonical form names the same file as the path, and is not built on each read.
    last.delete(line.key.canonical);
    last.set(line.key.canonical, { lineNumber, line });
  });
  return [...last.values()];
}

function winnerElsewhere(line: SettingLine, context: DriftContext): EffectiveSetting | undefined {
  const winner = context.effective?.settings.find((s) => s.path === line.key.path && !s.isGlob);
  if (!winner || context.filePath === undefined) return winner;
  const file = winner.source.file;
  return file.path === context.filePath || file.realPath === context.filePath ? undefined : winner;
}

function likelyReason(line: SettingLine, running: string, snapshot: RuntimeSnapshot, context: DriftContext): string {
  const key = line.key.canonical;
  const apply = context.filePath !== undefined ? applyFileCommand(context.filePath) : applyValueCommand(key, line.value.text);
  const winner = winnerElsewhere(line, context);
  // A later file that writes the same value is not why the kernel differs.
  if (winner && compareWithRunning(winner.value, line.value.text).kind !== 'same') {
    const where = `${winner.source.file.path}:${winner.source.line + 1}`;
    const same = compareWithRunning(winner.value, running).kind === 'same' ? ', which is the running value' : '';
    return `Likely reason: a later file wins: ${where} sets ${winner.key} = ${winner.value}${same}, and sysctl --system applies it after this file.`;
  }
  // The host's own kernel decides which module registers the key (kernel facts), else the newest documented.
  const module = moduleOfKey(key, targetKernel({ kernelVersion: snapshot.kernelRelease ?? undefined }).version);
  if (module !== undefined && snapshot.modules?.has(module)) {
    return `Likely reason: the key exists only while the ${module} module is loaded; if it was loaded after the settings were applied at boot, this line never took effect. List ${module} in /etc/modules-load.d/${module}.conf, then apply: ${apply}`;
  }
  if (context.modifiedAt !== undefined && snapshot.bootTime !== null) {
    if (context.modifiedAt > snapshot.bootTime) return `Likely reason: the file was edited since the host booted and has not been applied since. Apply it: ${apply}`;
    return `Likely reason: the file has not changed since boot, so its settings were not applied at boot (no systemd-sysctl or sysctl --system ran, as in many containers), or another program (kube-proxy, Docker, TuneD...) set the value at runtime. Apply it: ${apply}`;
  }
  return `Likely reason: the file was edited since it was applied, or another program (kube-proxy, Docker, TuneD...) set the value at runtime. Apply it: ${apply}`;
}

export function runtimeDriftFindings(document: ParsedDocument, snapshot: RuntimeSnapshot, context: DriftContext = {}): Finding[] {
  const findings: Finding[] = [];
  for (const { lineNumber, line } of finalAssignments(document)) {
    const running = snapshot.values.get(line.key.canonical);
    // A key the host does not have is the unknown-key and removed-key rules' business.
    if (running === undefined) continue;
    if (compareWithRunning(line.value.text, running).kind !== 'different') continue;
    findings.push({
      ruleId: RUNTIME_DRIFT,
      severity: 'warning',
      range: spanToRange(lineNumber, line.value.text === '' ? line.key.span : line.value.span),
      message: `The running kernel on ${describeSnapshotSource(snapshot.source)} has ${line.key.canonical} = ${running === '' ? '(empty)' : running}, not ${line.value.text === '' ? '(empty)' : line.value.text}. ${likelyReason(line, running, snapshot, context)}`,
    });
  }
  return findings;
}
