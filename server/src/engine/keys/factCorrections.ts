/**
 * Corrections to the kernel facts for kernels newer than the newest source tree (6.12): facts that
 * changed after 6.12, found by writing values on the 6.18 development machine in a private network
 * namespace (test/cli/kernel-oracle.test.ts). The exact release of each change is not known, so a
 * correction applies to every target newer than 6.12 and only ever removes a check.
 */

export interface FactCorrection {
  readonly name: string;
  /** Bounds that no longer hold after 6.12: they are not checked on newer targets. */
  readonly dropBounds: readonly ('lo' | 'hi')[];
  readonly source: string;
}

export const FACT_CORRECTIONS: readonly FactCorrection[] = [
  { name: 'net.ipv4.tcp_tso_rtt_log', dropBounds: ['hi'], source: '6.12 caps it at 31; 6.18.44 accepts 32 (kernel oracle).' },
  { name: 'net.unix.max_dgram_qlen', dropBounds: ['lo'], source: '6.12 refuses negative values; 6.18.44 accepts -1 (kernel oracle).' },
];
