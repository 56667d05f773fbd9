import type { EngineSettings } from '../settings';
import type { Severity } from '../rules/types';
import { targetKernel } from '../targetKernel';
import type { ProfileSelection, ResolvedCheck } from './resolve';

/** The profiles, roles, target kernel and architecture the settings select; undefined when no profile is on. */
export function selectionFromSettings(settings: EngineSettings): ProfileSelection | undefined {
  if (!settings.profiles || settings.profiles.length === 0) return undefined;
  return {
    profiles: settings.profiles,
    roles: settings.roles ?? [],
    kernel: targetKernel(settings).version,
    architecture: settings.sizing.architecture,
  };
}

export const DEFAULT_PROFILE_SEVERITY: Severity = 'warning';

/**
 * The severity of a check's findings: its own rule setting, else its profile's `<profile>/*`
 * setting, else a warning (the kernel accepts the value; a policy does not). Undefined when off.
 */
export function profileSeverity(settings: EngineSettings, check: ResolvedCheck): Severity | undefined {
  const configured = settings.rules[check.ruleId] ?? settings.rules[`${check.profile.name}/*`] ?? DEFAULT_PROFILE_SEVERITY;
  return configured === 'off' ? undefined : configured;
}
