/**
 * A snapshot of a remote host's running kernel over the existing SSH path: the system OpenSSH
 * client, fixed argv, the ONE fixed REMOTE_SNAPSHOT_COMMAND (nothing from a file or a setting
 * goes into it), host keys checked, a deadline and an output cap.
 */

import { parseRemoteSnapshot, REMOTE_SNAPSHOT_COMMAND, type SnapshotResult } from '../engine/runtime';
import { oneLine } from './hostFacts';
import { runFixedSshCommand, type SshFactsOptions, type SshReadSpec } from './sshFacts';

/**
 * `sysctl -a` prints about 5 KB per network interface (ipv4/ipv6 conf and neigh keys): 64 MiB
 * holds a host with more than 10,000 interfaces, and stops a runaway login script.
 */
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

const SNAPSHOT_SPEC: SshReadSpec = {
  command: REMOTE_SNAPSHOT_COMMAND,
  what: 'the kernel snapshot',
  maxStdoutBytes: MAX_SNAPSHOT_BYTES,
  sizeHint: 'that is more than sysctl -a prints on a host with 10,000 network interfaces (is a login script printing a lot?)',
  needs: 'Reading the snapshot needs sh, cat, grep, uname and procps sysctl on the remote host.',
};

/** Never rejects; every failure is a one-line message. */
export async function readSshSnapshot(options: SshFactsOptions, signal?: AbortSignal): Promise<SnapshotResult> {
  const ran = await runFixedSshCommand(options, SNAPSHOT_SPEC, signal);
  if (!ran.ok) return ran;
  const parsed = parseRemoteSnapshot(ran.stdout, { kind: 'ssh', host: ran.host }, new Date());
  return parsed.ok ? parsed : { ok: false, error: oneLine(`From ${ran.host}: ${parsed.error}`) };
}
