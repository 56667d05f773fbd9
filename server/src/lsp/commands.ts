import type { ConntrackFixMode, SizingFacts } from '../engine';

/** Server-side command behind the sizing code actions; the VS Code client fills in `facts` first. */
export const APPLY_CONNTRACK_SIZING = 'sysctl.server.applyConntrackSizing';

export interface ApplyConntrackSizingArgs {
  uri: string;
  mode: ConntrackFixMode;
  facts?: SizingFacts;
}

/** Command arguments come from the client: check their shape instead of trusting it. */
export function readApplyArgs(raw: unknown): ApplyConntrackSizingArgs | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { uri, mode, facts } = raw as Record<string, unknown>;
  if (typeof uri !== 'string' || (mode !== 'max' && mode !== 'max-and-buckets')) return undefined;
  if (facts === undefined) return { uri, mode };
  if (typeof facts !== 'object' || facts === null) return undefined;
  const { memBytes, arch, kernelRelease } = facts as Record<string, unknown>;
  if (typeof memBytes !== 'number' || typeof arch !== 'string') return undefined;
  if (kernelRelease !== undefined && kernelRelease !== null && typeof kernelRelease !== 'string') return undefined;
  return { uri, mode, facts: { memBytes, arch, kernelRelease: kernelRelease ?? null } };
}
