/**
 * The exact shell commands a user runs to apply a file or one value to the running kernel. Only
 * text: the editor puts it in a terminal without pressing Enter, the CLI prints it.
 */

/** Quotes a word for sh when it needs it: single quotes, with `'` written as '\''. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `sudo sysctl -p FILE`: applies every line of the file, in order. */
export function applyFileCommand(filePath: string): string {
  return `sudo sysctl -p ${shellQuote(filePath)}`;
}

/** `sudo sysctl -w key=value`: sets one value now (not persisted). */
export function applyValueCommand(key: string, value: string): string {
  return `sudo sysctl -w ${shellQuote(`${key}=${value}`)}`;
}

/** `sudo sysctl -w 'k1=v1' 'k2=v2'`: sets several values now, in the order given. */
export function applyValuesCommand(settings: ReadonlyArray<readonly [string, string]>): string {
  return `sudo sysctl -w ${settings.map(([key, value]) => shellQuote(`${key}=${value}`)).join(' ')}`;
}

/** Runs `command` on `host` in the user's own ssh session (-t: sudo may ask for a password). */
export function overSsh(host: string, command: string): string {
  return `ssh -t ${shellQuote(host)} ${shellQuote(command)}`;
}
