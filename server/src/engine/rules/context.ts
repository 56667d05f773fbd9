import type { KernelVersion } from '../kernelVersion';
import type { KeySpec, LegacyKeySpec } from '../keys';
import type { ParsedDocument, SettingLine } from '../parser/types';
import type { EngineSettings } from '../settings';
import type { DocumentIndex, SettingsByTarget } from './documentIndex';
import { buildIndex } from './documentIndex';
import { resolveKey } from '../keys';
import { targetKernel } from '../targetKernel';
import { architectureFromUname } from '../sizing/architecture';
import { parseSize } from '../sizing/size';

/**
 * A non-glob setting of the index: where it is and the variable it writes (the documented key's
 * name for an alias or legacy name, else its own canonical name). In a document's own index a
 * setting line is its own entry; specOf and viaOf say what the database knows about its key.
 */
export interface SettingRef {
  lineNumber: number;
  readonly line: SettingLine;
  readonly target: string;
}

/** The documented key a setting writes, directly or through an alias or legacy name (two map lookups, not kept). */
export function specOf(ref: SettingRef): KeySpec | undefined {
  return resolveKey(ref.line.key.canonical)?.spec;
}

/** The alias or legacy name a setting is written as, when it is one. */
export function viaOf(ref: SettingRef): LegacyKeySpec | undefined {
  return resolveKey(ref.line.key.canonical)?.via;
}

export interface RuleContext {
  document: ParsedDocument;
  settings: EngineSettings;
  kernel: KernelVersion;
  /** Whether the user named the kernel, or the newest documented one is assumed. */
  kernelIsDefault: boolean;
  settingsInOrder: SettingRef[];
  /** The settings whose key may need a loadable module, in file order. */
  moduleCandidates: SettingRef[];
  /** Settings by the variable they write, in file order. */
  byTarget: SettingsByTarget;
  /** Line numbers of non-glob exclusion lines, in file order. */
  exclusions: number[];
  /** RAM and pointer width of the target machine, when the sizing settings give them. */
  machine?: { memBytes: number; bits: 32 | 64; arch: string };
}

export function buildContext(document: ParsedDocument, settings: EngineSettings, index: DocumentIndex = buildIndex(document.lines)): RuleContext {
  const target = targetKernel(settings);
  return {
    document,
    settings,
    kernel: target.version,
    kernelIsDefault: !target.configured,
    settingsInOrder: index.settingsInOrder,
    moduleCandidates: index.moduleCandidates,
    byTarget: index.byTarget,
    exclusions: index.exclusions,
    machine: machineOf(settings),
  };
}

function machineOf(settings: EngineSettings): RuleContext['machine'] {
  const { memTotal, architecture } = settings.sizing;
  if (!memTotal || !architecture) return undefined;
  const size = parseSize(memTotal);
  const arch = architectureFromUname(architecture);
  if (!size.ok || !arch.ok) return undefined;
  return { memBytes: size.value, bits: arch.value.bits, arch: arch.value.name };
}

/** The setting whose value wins for a variable: the last one in the file. */
export function winning(context: RuleContext, target: string): SettingRef | undefined {
  return context.byTarget.last(target);
}
