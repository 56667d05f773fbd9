/**
 * Fields a custom handler checks after the standard parse, which the kernel facts cannot show (the
 * table names only proc_ipc_sem_dointvec): the write fails, but the fields before the checked one
 * are already applied. Data from the linux-source-6.1 and 6.12 sources.
 */
export interface CheckedField {
  readonly key: string;
  /** 0-based position in the vector, and the field's name. */
  readonly index: number;
  readonly name: string;
  readonly min: bigint;
  readonly max: bigint;
  /** When a larger value can still be accepted, our words. */
  readonly unless?: string;
  readonly errno: string;
  /** What has been applied when the check fails, our words. */
  readonly applied: string;
  readonly source: string;
}

export const CHECKED_FIELDS: readonly CheckedField[] = [
  {
    key: 'kernel.sem',
    index: 3,
    name: 'semmni',
    min: 0n,
    max: 32768n,
    unless: 'it was booted with ipcmni_extend (then 16,777,216)',
    errno: 'ERANGE',
    applied: 'the first three numbers are applied, and semmni keeps its old value',
    source: 'ipc/ipc_sysctl.c proc_ipc_sem_dointvec and ipc/util.h sem_check_semmni (IPCMNI = 1 << 15)',
  },
];

/** A list of one: a search costs less than a map lookup would. */
export function checkedFieldOf(key: string): CheckedField | undefined {
  return CHECKED_FIELDS.find((field) => field.key === key);
}
