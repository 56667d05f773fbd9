/**
 * What the kernel's standard proc handlers accept (fs/proc/proc_sysctl.c and kernel/sysctl.c of
 * 6.1 and 6.12): the value kind, the tick conversion, whether extra1/extra2 are enforced bounds,
 * and the element size that divides `maxlen` into a field count.
 */

import type { TimeUnit, ValueKind } from '../../server/src/engine/keys/kernelFactsTypes';

export interface HandlerSemantics {
  readonly kind: ValueKind;
  readonly time?: TimeUnit;
  /** extra1 / extra2 are the enforced minimum / maximum. */
  readonly bounded: boolean;
  /** Bytes per field, to turn maxlen into a field count; 0 for strings and bitmaps. */
  readonly size: number;
  /** Bounds fixed by the handler itself. */
  readonly fixed?: { readonly lo: bigint; readonly hi: bigint };
}

export const STANDARD_HANDLERS: Readonly<Record<string, HandlerSemantics>> = {
  proc_dointvec: { kind: 'int', bounded: false, size: 4 },
  proc_dointvec_minmax: { kind: 'int', bounded: true, size: 4 },
  proc_douintvec: { kind: 'uint', bounded: false, size: 4 },
  proc_douintvec_minmax: { kind: 'uint', bounded: true, size: 4 },
  proc_dou8vec_minmax: { kind: 'u8', bounded: true, size: 1 },
  proc_doulongvec_minmax: { kind: 'ulong', bounded: true, size: 8 },
  proc_doulongvec_ms_jiffies_minmax: { kind: 'ulong', time: 'ms-jiffies', bounded: true, size: 8 },
  proc_dobool: { kind: 'bool', bounded: false, size: 1 },
  proc_dostring: { kind: 'string', bounded: false, size: 0 },
  proc_dointvec_jiffies: { kind: 'int', time: 'jiffies', bounded: false, size: 4 },
  proc_dointvec_userhz_jiffies: { kind: 'int', time: 'userhz-jiffies', bounded: false, size: 4 },
  proc_dointvec_ms_jiffies: { kind: 'int', time: 'ms-jiffies', bounded: false, size: 4 },
  proc_dointvec_ms_jiffies_minmax: { kind: 'int', time: 'ms-jiffies', bounded: true, size: 4 },
  proc_do_large_bitmap: { kind: 'bitmap', bounded: false, size: 0 },
  // A static key switch: the handler bounds the value to 0..1 itself.
  proc_do_static_key: { kind: 'int', bounded: false, size: 4, fixed: { lo: 0n, hi: 1n } },
};
