import type { SizingSettings } from '../settings';
import { NEWEST_DOCUMENTED_KERNEL } from '../settings';
import type { RecommendResult } from './conntrack';
import { recommend } from './conntrack';
import { parseSize } from './size';

/** Host facts from any source, in the engine's units. */
export interface SizingFacts {
  memBytes: number;
  arch: string;
  kernelRelease?: string | null;
}

/** A recommendation from the sizing settings, or undefined when they do not name both RAM and architecture. */
export function recommendationFromSettings(sizing: SizingSettings, kernelVersion: string | undefined): RecommendResult | undefined {
  if (!sizing.memTotal || !sizing.architecture) return undefined;
  const size = parseSize(sizing.memTotal);
  if (!size.ok) return { ok: false, error: `sysctl.sizing.memTotal: ${size.error}` };
  return recommendationFromFacts({ memBytes: size.value, arch: sizing.architecture }, kernelVersion);
}

/**
 * The host's own kernel release wins over the configured target when the facts carry one; with
 * neither, the kernel default is that of the newest documented kernel.
 */
export function recommendationFromFacts(facts: SizingFacts, kernelVersion: string | undefined): RecommendResult {
  return recommend({ memBytes: facts.memBytes, arch: facts.arch, kernelVersion: facts.kernelRelease ?? kernelVersion ?? NEWEST_DOCUMENTED_KERNEL });
}
