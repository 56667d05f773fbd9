/**
 * fs.* keys: system-wide and per-process file handle limits. Facts from
 * docs/reference/kernel-keys.md §0, §4.13 and §4.14; texts are our own summaries.
 */

import { ULONG_MINMAX_BEFORE_5_2 } from './shapes';
import type { KeySpec } from './types';

const FS_DOC = 'https://docs.kernel.org/admin-guide/sysctl/fs.html';

export const FS_KEYS: readonly KeySpec[] = [
  {
    name: 'fs.file-max',
    subsystem: 'fs',
    summary: 'System-wide limit on open file handles.',
    description:
      'Maximum number of file handles the whole system may have open (fs.file-nr shows current ' +
      'use). Values outside 0..LONG_MAX are refused since 5.2; before that they were silently ' +
      'ignored while sysctl reported success.',
    advice: 'Rarely the binding limit today: the per-process RLIMIT_NOFILE (ulimit -n, systemd ' + 'LimitNOFILE) usually runs out first.',
    value: {
      kind: 'integer',
      unit: 'files',
      width: 'ulong',
      handler: 'ulong-minmax',
      min: 0,
      max: 'LONG_MAX',
      outOfRange: 'einval',
      history: [ULONG_MINMAX_BEFORE_5_2],
    },
    default: {
      computed: 'About one tenth of RAM counted in KiB (after a reserve for memory in use at boot), never below 8192.',
      observed: '2466183',
    },
    scope: 'global',
    unverified: ['default'],
    docUrl: `${FS_DOC}#file-max-file-nr`,
  },
  {
    name: 'fs.nr_open',
    subsystem: 'fs',
    summary: 'Highest RLIMIT_NOFILE any process may set.',
    description:
      'Ceiling for the per-process open-file limit; raising RLIMIT_NOFILE above it is refused. ' +
      'Range: BITS_PER_LONG (64 on 64-bit) up to INT_MAX rounded down to a multiple of ' +
      'BITS_PER_LONG (2147483584 on 64-bit).',
    advice: 'Raise it first when services need more than about a million descriptors, then raise LimitNOFILE.',
    value: {
      kind: 'integer',
      unit: 'file-descriptors',
      width: 'uint',
      handler: 'uint-minmax',
      min: 'BITS_PER_LONG',
      max: 'NR_OPEN_MAX',
      outOfRange: 'einval',
    },
    default: { value: '1048576' },
    scope: 'global',
    docUrl: `${FS_DOC}#nr-open`,
  },
];
