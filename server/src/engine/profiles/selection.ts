import type { EngineSettings } from '../settings';
import type { Severity } from '../rules/types';
import { targetKernel } from '../targetKernel';
import type { ProfileSelection } from './resolve';

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

/** The kernel accepts the value; a policy does not. Settings change it per id or `<profile>/*`. */
export const DEFAULT_PROFILE_SEVERITY: Severity = 'warning';
