/**
 * Host facts from a remote host, read with the SYSTEM OpenSSH client (so the user's ssh config,
 * known_hosts, agent and keys all apply) running the engine's fixed REMOTE_FACTS_COMMAND.
 *
 * Everything the caller passes is treated as hostile: the host string may come from a workspace
 * file or a prompt, so it is checked against a strict character set BEFORE any process starts
 * (a host like `-oProxyCommand=...` is an option injection; `;`, `$`, `%`, quotes... would reach a
 * shell through ssh-config tokens such as `%h` in a user's ProxyCommand). ssh runs without a shell,
 * argv is fixed, host key checking is never weakened, and a deadline and an output cap bound it.
 *
 * Host rule: `[user@]host`, at most 255 characters, where
 *   - user (optional, at most 32 characters): letters, digits, `.`, `_`, `-`, not starting with `.` or `-`;
 *   - host: a DNS name, an IPv4 address or an ssh-config alias (letters, digits, `.`, `_`, `-`, not
 *     starting with `.` or `-`, no `..`), or a bare IPv6 literal (the only place `:` is allowed;
 *     no brackets, no `%zone`). Ports are not accepted: set them in the ssh config (Host ... Port).
 */

import type { ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
// Type only: the facts reader (in the extension's activation bundle) must not pull in the snapshot code.
import type { REMOTE_SNAPSHOT_COMMAND } from '../engine/runtime/remoteSnapshot';
import { parseHostFacts, REMOTE_FACTS_COMMAND } from '../engine/sizing';
import { oneLine, type HostFactsReadResult } from './hostFacts';

export interface SshFactsOptions {
  /** `[user@]host` or an alias from the ssh config; see validateHost. */
  host: string;
  /** An ssh client config file passed as `-F`; absolute path to an existing regular file. */
  configFile?: string;
  /** Deadline for the whole run (connect + remote command); the ssh process is SIGKILLed after it. */
  timeoutMs?: number;
  /** Absolute path of the ssh client; default `ssh` from PATH. */
  sshPath?: string;
}

export type Checked = { ok: true; value: string } | { ok: false; error: string };

export const DEFAULT_SSH_TIMEOUT_MS = 15_000;
export const MIN_SSH_TIMEOUT_MS = 500;
export const MAX_SSH_TIMEOUT_MS = 600_000;
/** The facts are three short lines; anything near this is not our command's output. */
export const MAX_SSH_STDOUT_BYTES = 64 * 1024;
export const MAX_HOST_LENGTH = 255;
export const MAX_USER_LENGTH = 32;

/** Kept from ssh's stderr to classify failures (the last lines matter). */
const STDERR_TAIL_BYTES = 16 * 1024;
/** After ssh exits on its own, how long to wait for its pipes to drain before answering anyway. */
const DRAIN_GRACE_MS = 1_000;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const ALLOWED_HOST_CHARACTER = /^[A-Za-z0-9._@:-]$/;
const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const HOST_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

const HOST_EXAMPLE = 'expected [user@]host, e.g. admin@db-1.example.com, 10.0.0.5 or an alias from your ssh config';

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

/** Checks a host string; never starts anything. The error is one line and says what is wrong. */
export function validateHost(input: unknown): Checked {
  if (typeof input !== 'string') return fail(`The SSH host must be text; ${HOST_EXAMPLE}.`);
  if (input === '') return fail(`No SSH host given: ${HOST_EXAMPLE}.`);
  const bad = (why: string) => fail(`Invalid SSH host "${oneLine(input, 80)}": ${why}`);

  if (input.length > MAX_HOST_LENGTH) return bad(`it is ${input.length} characters long; at most ${MAX_HOST_LENGTH} are allowed.`);
  if (input.startsWith('-')) return bad("it starts with '-', which ssh would read as an option.");
  if (CONTROL_CHARACTER.test(input)) return bad('it contains a control character or line break.');
  if (/\s/.test(input)) return bad('it contains whitespace (check for a leading or trailing space); host names never do.');
  for (const ch of input) {
    if (ch.codePointAt(0)! > 0x7e) return bad(`it contains the non-ASCII character "${ch}"; write an internationalised name in its xn-- (punycode) form.`);
    if (!ALLOWED_HOST_CHARACTER.test(ch)) {
      return bad(`the character "${ch}" is not allowed (only letters, digits, '.', '-', '_', one '@' after a user name, and ':' inside an IPv6 address).`);
    }
  }

  const parts = input.split('@');
  if (parts.length > 2) return bad("it contains more than one '@'.");
  const [user, host] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (user !== undefined) {
    if (user === '') return bad("there is nothing before '@'; write user@host, or leave the user out.");
    if (user.length > MAX_USER_LENGTH) return bad(`the user name is longer than ${MAX_USER_LENGTH} characters.`);
    if (!USER_NAME.test(user)) return bad("the user name must start with a letter, a digit or '_'.");
  }
  if (host === '') return bad("there is no host after '@'.");
  if (host.startsWith('-')) return bad("the host after '@' starts with '-', which ssh would read as an option.");
  if (host.includes(':')) {
    if ((require('node:net') as typeof import('node:net')).isIPv6(host)) return { ok: true, value: input };
    return bad("':' is only allowed in an IPv6 address; to use another port, set Port for this host in your ssh config.");
  }
  if (!HOST_NAME.test(host) || host.includes('..')) {
    return bad("the host must start with a letter, a digit or '_' and must not contain '..'.");
  }
  return { ok: true, value: input };
}

/** `-F` file: absolute path of an existing regular file (symlinks to one are fine). */
export async function validateConfigFile(input: unknown): Promise<Checked> {
  if (typeof input !== 'string' || input === '') return fail('The ssh config file setting must be a non-empty absolute path.');
  const shown = oneLine(input, 200);
  if (CONTROL_CHARACTER.test(input)) return fail(`The ssh config file path "${shown}" contains a control character.`);
  if (input.startsWith('-')) return fail(`The ssh config file path "${shown}" starts with '-'; it must be an absolute path.`);
  if (!isAbsolute(input)) return fail(`The ssh config file path "${shown}" is not absolute; give the full path.`);
  try {
    const info = await stat(input);
    if (!info.isFile()) return fail(`The ssh config file "${shown}" is not a regular file.`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? 'error'})`;
    return fail(`The ssh config file "${shown}" ${why}.`);
  }
  return { ok: true, value: input };
}

/** The ssh client: `ssh` from PATH by default, otherwise an absolute path (never relative to a workspace). */
export function validateSshPath(input: unknown): Checked {
  if (input === undefined) return { ok: true, value: 'ssh' };
  if (typeof input !== 'string' || input === '') return fail('The ssh client path must be a non-empty absolute path.');
  const shown = oneLine(input, 200);
  if (CONTROL_CHARACTER.test(input)) return fail(`The ssh client path "${shown}" contains a control character.`);
  if (!isAbsolute(input)) return fail(`The ssh client path "${shown}" is not absolute; give the full path, e.g. /usr/bin/ssh.`);
  return { ok: true, value: input };
}

export function validateTimeout(input: unknown): { ok: true; value: number } | { ok: false; error: string } {
  if (input === undefined) return { ok: true, value: DEFAULT_SSH_TIMEOUT_MS };
  if (typeof input !== 'number' || !Number.isFinite(input) || input < MIN_SSH_TIMEOUT_MS || input > MAX_SSH_TIMEOUT_MS) {
    return fail(`The SSH timeout must be a number of milliseconds from ${MIN_SSH_TIMEOUT_MS} to ${MAX_SSH_TIMEOUT_MS}.`);
  }
  return { ok: true, value: Math.round(input) };
}

/** ssh's own ConnectTimeout (TCP connect and banner), a little under the overall deadline. */
export function connectTimeoutSeconds(timeoutMs: number): number {
  return Math.max(1, Math.ceil(timeoutMs / 1000) - 1);
}

/**
 * The argv (after the program name). Command-line `-o` options win over any config file, so the
 * config cannot turn batch mode off. Nothing here touches host key checking: the user's policy
 * (default: ask, which batch mode turns into a failure) stays in force.
 */
export function buildSshArgs(host: string, options: { configFile?: string; timeoutMs: number; command?: FixedRemoteCommand }): string[] {
  return [
    ...(options.configFile === undefined ? [] : ['-F', options.configFile]),
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${connectTimeoutSeconds(options.timeoutMs)}`,
    // A RemoteCommand in the config would clash with ours; LocalCommand output would mix into stdout.
    '-o',
    'RemoteCommand=none',
    '-o',
    'PermitLocalCommand=no',
    '-o',
    'ClearAllForwardings=yes',
    // No agent or X11 forwarding to a host we only read facts from; no stdin, no tty.
    '-a',
    '-x',
    '-n',
    '-T',
    '--',
    host,
    options.command ?? REMOTE_FACTS_COMMAND,
  ];
}

function stderrLines(stderr: string): string[] {
  return stderr
    .split(/\r\n|\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^@+$/.test(line) && !line.startsWith('Warning: Permanently added'));
}

/** The most telling stderr line, quoted for a message, or '' when there is none. */
function lastLine(stderr: string): string {
  const all = stderrLines(stderr);
  return all.length === 0 ? '' : oneLine(all[all.length - 1], 200);
}

/** Maps an ssh exit (255 = ssh's own failure, else the remote command's status) to one line. */
export function classifySshFailure(host: string, exitCode: number, stderr: string, needs = 'Reading the facts needs sh, grep and uname on the remote host.'): string {
  const last = lastLine(stderr);
  const said = last === '' ? '' : ` (ssh: ${last})`;
  if (exitCode !== 255) {
    const meaning = exitCode === 127 ? 'command not found' : exitCode === 126 ? 'command not executable' : 'failed';
    return `The remote command on ${host} exited with status ${exitCode} (${meaning})${said}. ${needs}`;
  }
  const text = stderr;
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed|host key .*differs/i.test(text)) {
    return `The host key of ${host} does not match the one in known_hosts: this can be an attack (man in the middle) or a reinstalled host. Verify the new key's fingerprint with the host's administrator, then replace the old entry (ssh-keygen -R) and accept the verified key by connecting once interactively with ssh.`;
  }
  if (/No \S+ host key is known for|Host key verification failed/i.test(text)) {
    return `The host key of ${host} is not in known_hosts, and this non-interactive connection cannot ask. Verify the host's key fingerprint, then add it: connect once interactively with ssh, or compare ssh-keyscan's output with the verified fingerprint before appending it to known_hosts.`;
  }
  if (/Permission denied \(|Too many authentication failures|Authentication failed|no matching host key type|Unable to negotiate/i.test(text)) {
    if (/Unable to negotiate|no matching host key type/i.test(text)) return `Could not agree on algorithms with ${host}${said}.`;
    return `Authentication to ${host} failed${said}. The connection is non-interactive (BatchMode): use a key from ssh-agent or an IdentityFile in your ssh config; password and passphrase prompts are not possible.`;
  }
  if (/Could not resolve hostname|Name or service not known|nodename nor servname|Temporary failure in name resolution/i.test(text)) {
    return `Could not resolve hostname ${host}${said}: check the name, or define it as a Host alias in your ssh config.`;
  }
  if (/Connection refused/i.test(text)) return `Connection to ${host} refused: no SSH server is listening on that address and port${said}.`;
  if (/timed out during banner exchange/i.test(text)) {
    return `Connection to ${host} timed out during the SSH banner exchange: something accepts TCP connections there but does not speak SSH in time${said}.`;
  }
  if (/timed out|Operation timed out/i.test(text)) return `Connection to ${host} timed out: the host did not answer or did not speak SSH in time${said}.`;
  if (/No route to host|Network is unreachable|Host is down/i.test(text)) return `${host} is unreachable${said}.`;
  if (/kex_exchange_identification|Connection closed by|Connection reset|Broken pipe|not an SSH|Protocol major versions differ|Bad protocol version/i.test(text)) {
    return `${host} closed the connection during the SSH handshake: it may not be an SSH server, or it refused this client${said}.`;
  }
  if (/UNPROTECTED PRIVATE KEY FILE|bad permissions/i.test(text)) return `ssh refused a private key with too-open permissions (chmod 600 it)${said}.`;
  if (/Bad configuration option|Unsupported option|bad configuration options|Can't open user config file|garbage at end of line|keyword .* extra arguments/i.test(text)) {
    return `The ssh configuration is invalid${said}.`;
  }
  return `ssh could not read the facts from ${host} (exit 255)${last === '' ? ' and printed no error message' : said}.`;
}

function spawnErrorMessage(sshPath: string, error: NodeJS.ErrnoException): string {
  const shown = oneLine(sshPath, 200);
  if (error.code === 'ENOENT') {
    return `The ssh client "${shown}" was not found; install OpenSSH (e.g. the openssh-client package) or set the path to ssh.`;
  }
  if (error.code === 'EACCES') return `The ssh client "${shown}" cannot be run (permission denied).`;
  return oneLine(`Could not start the ssh client "${shown}": ${error.message}`);
}

/** SIGKILL ssh's whole process group (ssh runs in its own session: ProxyCommand children die too). */
function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** One of the engine's fixed remote commands; never built from a file or a setting. */
export type FixedRemoteCommand = typeof REMOTE_FACTS_COMMAND | typeof REMOTE_SNAPSHOT_COMMAND;

/** What a run reads, for its messages and limits. */
export interface SshReadSpec {
  command: FixedRemoteCommand;
  /** "facts" or "the snapshot": "reading facts from db-1", "reading the snapshot from db-1". */
  what: string;
  maxStdoutBytes: number;
  /** Why the output may be this large, for the message when it is larger. */
  sizeHint: string;
  /** What the remote host needs, for a failing remote command. */
  needs: string;
}

export type SshRunResult = { ok: true; host: string; stdout: string } | { ok: false; error: string };

const FACTS_SPEC: SshReadSpec = {
  command: REMOTE_FACTS_COMMAND,
  what: 'facts',
  maxStdoutBytes: MAX_SSH_STDOUT_BYTES,
  sizeHint: 'the facts command prints three short lines (is a login script printing a lot?)',
  needs: 'Reading the facts needs sh, grep and uname on the remote host.',
};

/**
 * Reads RAM, architecture and kernel release from `options.host` with the system ssh client.
 * Never rejects: every failure (invalid input, ssh failure, timeout, bad output, abort) is
 * `{ ok: false, error }` with a one-line message. Input is validated before any process starts.
 */
export async function readSshFacts(options: SshFactsOptions, signal?: AbortSignal): Promise<HostFactsReadResult> {
  const ran = await runFixedSshCommand(options, FACTS_SPEC, signal);
  if (!ran.ok) return ran;
  const parsed = parseHostFacts(ran.stdout);
  if (!parsed.ok) return { ok: false, error: oneLine(`From ${ran.host}: ${parsed.error}`) };
  return { ok: true, value: { ...parsed.value, source: { kind: 'ssh', host: ran.host } } };
}

/**
 * Runs one of the engine's fixed commands on `options.host` and returns its standard output.
 * Never rejects; input is validated before any process starts.
 */
export async function runFixedSshCommand(options: SshFactsOptions, spec: SshReadSpec, signal?: AbortSignal): Promise<SshRunResult> {
  try {
    const host = validateHost(options?.host);
    if (!host.ok) return host;
    const timeout = validateTimeout(options.timeoutMs);
    if (!timeout.ok) return timeout;
    const sshPath = validateSshPath(options.sshPath);
    if (!sshPath.ok) return sshPath;
    let configFile: string | undefined;
    if (options.configFile !== undefined) {
      const checked = await validateConfigFile(options.configFile);
      if (!checked.ok) return checked;
      configFile = checked.value;
    }
    if (signal?.aborted) return cancelled(host.value, spec);
    const args = buildSshArgs(host.value, { configFile, timeoutMs: timeout.value, command: spec.command });
    return await run(sshPath.value, args, host.value, timeout.value, spec, signal);
  } catch (error) {
    // Defensive: nothing above should throw, but the contract is "never rejects".
    return { ok: false, error: oneLine(`Reading ${spec.what} over SSH failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`) };
  }
}

function cancelled(host: string, spec: SshReadSpec): { ok: false; error: string } {
  return { ok: false, error: `Reading ${spec.what} from ${host} over SSH was cancelled.` };
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}

function run(sshPath: string, args: string[], host: string, timeoutMs: number, spec: SshReadSpec, signal: AbortSignal | undefined): Promise<SshRunResult> {
  return new Promise((resolve) => {
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrTail = Buffer.alloc(0);
    /** Set when we kill ssh; then it is the answer, whatever ssh printed. */
    let killedBecause: string | undefined;
    let spawnError: NodeJS.ErrnoException | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let settled = false;
    let drainTimer: NodeJS.Timeout | undefined;

    // Loaded here: the modules cost a CLI run that reads no host about 8 ms at start.
    const { spawn } = require('node:child_process') as typeof import('node:child_process');
    const child = spawn(sshPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      // Own session and process group: no controlling terminal to prompt on, and one kill reaches ProxyCommand too.
      detached: true,
      windowsHide: true,
    });

    const stop = (reason: string) => {
      if (settled || killedBecause !== undefined) return;
      killedBecause = reason;
      if (exit === undefined) killTree(child);
      // An exited ssh needs no kill; answer now rather than waiting for pipes a grandchild may hold.
      if (exit !== undefined || child.pid === undefined) finish();
    };
    const onAbort = () => stop(cancelled(host, spec).error);

    const deadline = setTimeout(
      // If ssh already exited and only its pipes are draining, answer with what it gave.
      () =>
        exit !== undefined
          ? finish()
          : stop(`Timed out after ${formatSeconds(timeoutMs)} reading ${spec.what} from ${host}: the connection or the remote command did not finish in time, so ssh was stopped.`),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout!.on('data', (chunk: Buffer) => {
      if (killedBecause !== undefined) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > spec.maxStdoutBytes) {
        stop(`The output from ${host} was larger than ${formatLimit(spec.maxStdoutBytes)}, so ssh was stopped; ${spec.sizeHint}.`);
        return;
      }
      stdoutChunks.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderrTail = Buffer.concat([stderrTail, chunk]);
      if (stderrTail.length > STDERR_TAIL_BYTES) stderrTail = stderrTail.subarray(stderrTail.length - STDERR_TAIL_BYTES);
    });
    // Stream errors after a kill (EPIPE, destroyed) carry no information; the exit status does.
    child.stdout!.on('error', () => undefined);
    child.stderr!.on('error', () => undefined);

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) {
        spawnError = error;
        finish();
      }
    });
    child.on('exit', (code, exitSignal) => {
      exit = { code, signal: exitSignal };
      if (killedBecause !== undefined) finish();
      else drainTimer = setTimeout(finish, DRAIN_GRACE_MS);
    });
    child.on('close', () => finish());

    function finish(): void {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (drainTimer !== undefined) clearTimeout(drainTimer);
      signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve(outcome());
    }

    function outcome(): SshRunResult {
      if (spawnError !== undefined) return { ok: false, error: spawnErrorMessage(sshPath, spawnError) };
      if (killedBecause !== undefined) return { ok: false, error: killedBecause };
      const stderr = stderrTail.toString('utf8');
      if (exit === undefined || exit.code === null) {
        const how = exit?.signal ? ` by signal ${exit.signal}` : '';
        return { ok: false, error: oneLine(`ssh was terminated${how} before it read ${spec.what} from ${host}.`) };
      }
      if (exit.code !== 0) return { ok: false, error: oneLine(classifySshFailure(host, exit.code, stderr, spec.needs)) };
      return { ok: true, host, stdout: Buffer.concat(stdoutChunks).toString('utf8') };
    }
  });
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
