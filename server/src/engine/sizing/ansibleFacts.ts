import { architectureFromUname } from './architecture';
import type { SizingFacts } from './fromSettings';

export interface AnsibleHostFacts extends SizingFacts {
  /** `ansible_memtotal_mb`: whole MiB, rounded down from /proc/meminfo's kB. */
  memTotalMiB: number;
}

export type AnsibleFactsResult = { ok: true; value: AnsibleHostFacts } | { ok: false; error: string };

/**
 * One host's file from a fact cache written by `ansible -m setup --tree DIR`: the module result,
 * with the facts under `ansible_facts` (a bare facts object is accepted too).
 */
export function parseAnsibleFacts(jsonText: string): AnsibleFactsResult {
  let data: unknown;
  try {
    data = JSON.parse(jsonText);
  } catch {
    return { ok: false, error: 'not JSON (expected the output of ansible -m setup --tree)' };
  }
  if (typeof data !== 'object' || data === null) return { ok: false, error: 'not a JSON object' };
  const record = data as Record<string, unknown>;
  const facts = (typeof record.ansible_facts === 'object' && record.ansible_facts !== null ? record.ansible_facts : record) as Record<string, unknown>;
  const mib = facts.ansible_memtotal_mb;
  if (typeof mib !== 'number' || !Number.isSafeInteger(mib) || mib <= 0) {
    return { ok: false, error: 'ansible_memtotal_mb is missing or not a positive whole number' };
  }
  const arch = facts.ansible_architecture;
  if (typeof arch !== 'string' || arch.trim() === '') return { ok: false, error: 'ansible_architecture is missing' };
  const architecture = architectureFromUname(arch);
  if (!architecture.ok) return architecture;
  const kernel = typeof facts.ansible_kernel === 'string' && facts.ansible_kernel.trim() !== '' ? facts.ansible_kernel.trim() : null;
  return { ok: true, value: { memTotalMiB: mib, memBytes: mib * 1024 * 1024, arch: arch.trim(), kernelRelease: kernel } };
}

/** How much lower nf_conntrack_max can come out because Ansible drops up to 1023 KiB of MemTotal. */
export function ansiblePrecisionLoss(bits: 32 | 64): number {
  return Math.ceil((1023 * 1024) / (16384 * (bits / 32)));
}
