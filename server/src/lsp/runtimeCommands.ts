/** Server command: forget every running-kernel snapshot and read again on next use. */
export const REFRESH_SNAPSHOT = 'sysctl.server.refreshSnapshot';
