/**
 * `sysctl -a` output as a map. procps prints `key = value`, one line per line of the value, and
 * separates the fields of a vector with tabs (`4096\t131072\t6291456`); tabs become single
 * spaces here, as they read in a sysctl file.
 */

/** Normalises a value as procps prints it or /proc/sys holds it: tabs to spaces, trimmed. */
export function normaliseRunningValue(text: string): string {
  return text.replace(/\t/g, ' ').trim();
}

export function parseSysctlListing(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const at = line.indexOf(' = ');
    // `key =` with an empty value has no space after the '='.
    const bare = at < 0 && line.endsWith(' =') ? line.length - 2 : -1;
    const split = at >= 0 ? at : bare;
    if (split <= 0) continue;
    const key = line.slice(0, split);
    if (/\s/.test(key)) continue; // not a key: an error message or a banner
    const value = normaliseRunningValue(at >= 0 ? line.slice(at + 3) : '');
    // A value of several lines comes as several `key = ...` lines: keep them all.
    const previous = values.get(key);
    values.set(key, previous === undefined ? value : `${previous}\n${value}`);
  }
  return values;
}
