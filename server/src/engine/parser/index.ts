export * from './types';
export { parseLine, SYSTEMD_MAX_LINE_BYTES } from './parseLine';
export { parseDocument, parseFirstLine } from './parseDocument';
export { canonicalKey, displayName, isGlobKey, procpsPath, systemdPath, swapSeparators } from './keyPath';
export { procpsWrites, procpsDryRunText, formatProcpsWrite, type ProcpsWrite } from './procpsView';
