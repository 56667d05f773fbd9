/** The running kernel beside the file: snapshot parsing, drift and conntrack health. Pure; no I/O. */
export { assembleSnapshot, type SnapshotParts, type SnapshotResult } from './assemble';
export { applyFileCommand, applyValueCommand, applyValuesCommand, overSsh, shellQuote } from './applyCommand';
export { applyCommandFor, type ApplyCommandResult, type ApplyTarget } from './applyTarget';
export { compareWithRunning, type Comparison } from './compareValues';
export { conntrackHealth, describeCounters, formatShare, NEARLY_FULL_SHARE, type ConntrackHealth } from './conntrackHealth';
export { parseConntrackStats, type ConntrackStatsResult } from './conntrackStats';
export { CONNTRACK_TABLE_FULL, conntrackTableFull, conntrackTableFullFindings, describeHealth } from './conntrackTableFull';
export { doctorReport, NEW_CONNTRACK_FILE, type DoctorReport } from './doctor';
export { CONFIG_GLOBS, CONNTRACK_MAX_PATTERN, parseGrepHits, persistedConntrackMax, type ConfigHit, type PersistedSetting } from './persistedSetting';
export { parseBootTime, parseModules, parseSockstat } from './procFiles';
export { parseRemoteSnapshot, REMOTE_SNAPSHOT_COMMAND } from './remoteSnapshot';
export { RUNTIME_DRIFT, runtimeDrift, runtimeDriftFindings, type DriftContext } from './runtimeDrift';
export { normaliseRunningValue, parseSysctlListing } from './sysctlListing';
export { describeSnapshotSource, type ConntrackStats, type RuntimeSnapshot, type SnapshotSource, type Sockstat } from './types';
export { hostFindings, hostFindingsWithPolicy, type HostFindingsOptions } from './hostFindings';
export { runningValueHover } from './hover';
