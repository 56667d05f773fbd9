/**
 * Where the target kernel stands relative to a key's history: present, not yet added, removed.
 * The target is `settings.kernelVersion`, or the newest kernel the database documents.
 */

import { compareKernelVersions, parseKernelVersion, type KernelVersion } from '../kernelVersion';
import type { KernelRelease, KeySpec, LegacyKeySpec } from '../keys/types';
import { NEWEST_DOCUMENTED_KERNEL } from '../settings';

export { targetKernel, type TargetKernel } from '../targetKernel';

/** True when `target` is older than `release`; undefined when the release does not parse. */
export function isBefore(target: KernelVersion, release: KernelRelease): boolean | undefined {
  const parsed = parseKernelVersion(release);
  return parsed.ok ? compareKernelVersions(target, parsed.value) < 0 : undefined;
}

export type Availability =
  | { kind: 'present' }
  /** The key arrives in a later release than the target. */
  | { kind: 'not-yet'; since: KernelRelease }
  /** Removed in (or known absent by) a release at or before the target. */
  | { kind: 'removed'; release: KernelRelease; exact: boolean };

/** Whether the target kernel has the documented key. */
export function keyAvailability(spec: KeySpec, target: KernelVersion): Availability {
  if (spec.since && isBefore(target, spec.since)) return { kind: 'not-yet', since: spec.since };
  if (spec.removedIn && isBefore(target, spec.removedIn) === false) return { kind: 'removed', release: spec.removedIn, exact: true };
  if (spec.absentBy && isBefore(target, spec.absentBy) === false) return { kind: 'removed', release: spec.absentBy, exact: false };
  return { kind: 'present' };
}

/** Whether the target kernel has an alias or legacy name. Legacy names without a release count as gone. */
export function legacyAvailability(legacy: LegacyKeySpec, target: KernelVersion): Availability {
  if (legacy.since && isBefore(target, legacy.since)) return { kind: 'not-yet', since: legacy.since };
  if (legacy.removedIn) {
    return isBefore(target, legacy.removedIn) === false ? { kind: 'removed', release: legacy.removedIn, exact: true } : { kind: 'present' };
  }
  return legacy.kind === 'legacy' ? { kind: 'removed', release: NEWEST_DOCUMENTED_KERNEL, exact: false } : { kind: 'present' };
}

interface Era {
  readonly before?: KernelRelease;
}

/**
 * The history entry (newest first, each covering kernels older than its `before`) that applies to
 * the target, or undefined when current behaviour applies. An entry without `before` can only be
 * reached when the entry above it applies; it is then not chosen, because its boundary is unknown.
 */
export function eraFor<T extends Era>(history: readonly T[] | undefined, target: KernelVersion): T | undefined {
  let applies: T | undefined;
  for (const era of history ?? []) {
    if (era.before === undefined || !isBefore(target, era.before)) break;
    applies = era;
  }
  return applies;
}
