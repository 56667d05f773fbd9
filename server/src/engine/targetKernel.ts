import { parseKernelVersion, type KernelVersion } from './kernelVersion';
import { NEWEST_DOCUMENTED_KERNEL, type EngineSettings } from './settings';

export interface TargetKernel {
  version: KernelVersion;
  /** As configured ("5.15.0-105-generic") or the newest documented release. */
  label: string;
  /** False when the newest documented kernel stands in for a missing or unreadable setting. */
  configured: boolean;
}

/** The kernel findings and docs are about: `settings.kernelVersion`, or the newest one documented. */
export function targetKernel(settings: Pick<EngineSettings, 'kernelVersion'>): TargetKernel {
  const configured = settings.kernelVersion?.trim();
  if (configured) {
    const parsed = parseKernelVersion(configured);
    if (parsed.ok) return { version: parsed.value, label: configured, configured: true };
  }
  const newest = parseKernelVersion(NEWEST_DOCUMENTED_KERNEL);
  if (!newest.ok) throw new Error(`NEWEST_DOCUMENTED_KERNEL is not a kernel version: ${NEWEST_DOCUMENTED_KERNEL}`);
  return { version: newest.value, label: NEWEST_DOCUMENTED_KERNEL, configured: false };
}
