/**
 * Bounds the kernel facts cannot show: a field a custom handler checks after the standard parse
 * (the table names only proc_ipc_sem_dointvec), and a bound the kernel sets at boot (the table
 * points at a variable a boot option changes). Data from the linux-source-6.1 and 6.12 sources.
 */
export interface CheckedField {
  readonly key: string;
  /** 0-based position in the vector, and the field's name; undefined for a key of one number. */
  readonly index?: number;
  readonly name: string;
  /** Undefined where the kernel facts check the lower bound already. */
  readonly min?: bigint;
  readonly max: bigint;
  /** When a larger value can still be accepted, our words. */
  readonly unless?: string;
  readonly errno: string;
  /** What has been applied when the check fails, our words. */
  readonly applied: string;
  readonly source: string;
}

/** IPCMNI (1 << 15): ipc_mni, which ipcmni_extend raises at boot to 1 << 24. */
const IPC_MNI = 32768n;
const IPCMNI_EXTEND = 'it was booted with ipcmni_extend (then 16,777,216)';

export const CHECKED_FIELDS: readonly CheckedField[] = [
  {
    key: 'kernel.sem',
    index: 3,
    name: 'semmni',
    min: 0n,
    max: IPC_MNI,
    unless: IPCMNI_EXTEND,
    errno: 'ERANGE',
    applied: 'the first three numbers are applied, and semmni keeps its old value',
    source: 'ipc/ipc_sysctl.c proc_ipc_sem_dointvec and ipc/util.h sem_check_semmni (IPCMNI = 1 << 15)',
  },
  ...(['kernel.shmmni', 'kernel.msgmni'] as const).map((key): CheckedField => ({
    key,
    name: key,
    max: IPC_MNI,
    unless: IPCMNI_EXTEND,
    errno: 'EINVAL',
    applied: 'the old value stays',
    source: 'ipc/ipc_sysctl.c: proc_dointvec_minmax between SYSCTL_ZERO and &ipc_mni, which ipc_mni_extend() raises at boot; ipc/util.h IPCMNI = 1 << 15',
  })),
];

/** A list of one: a search costs less than a map lookup would. */
export function checkedFieldOf(key: string): CheckedField | undefined {
  return CHECKED_FIELDS.find((field) => field.key === key);
}
