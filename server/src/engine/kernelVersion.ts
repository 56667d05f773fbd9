/**
 * Kernel release numbers, as typed by a user ("6.8") or printed by `uname -r`
 * ("5.15.0-105-generic", "2.6.32-754.el6.x86_64"). Only the numeric prefix matters to the rules
 * that depend on a kernel version; distribution suffixes are ignored.
 */

export interface KernelVersion {
  major: number;
  minor: number;
  /** Third component, 0 when not given. Needed for 2.6.x, where it carried the real releases. */
  patch: number;
}

export type KernelVersionResult = { ok: true; value: KernelVersion } | { ok: false; error: string };

// major.minor[.patch][.more], then either the end or a suffix that cannot extend a number
// ("-105-generic", "-rc3", "+", ".el8"). Whitespace is never part of a release string.
const VERSION_PREFIX = /^(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?(?:\.\d+)*(?:$|[^\d.]|\.\D)/;

export function parseKernelVersion(text: string): KernelVersionResult {
  const trimmed = text.trim();
  const match = /\s/.test(trimmed) ? null : VERSION_PREFIX.exec(trimmed);
  if (!match) {
    return {
      ok: false,
      error: `Cannot read "${trimmed}" as a kernel version. ` + 'Expected major.minor such as 6.8 or 5.4, or a `uname -r` string such as 5.15.0-105-generic.',
    };
  }
  return {
    ok: true,
    value: { major: Number(match[1]), minor: Number(match[2]), patch: match[3] === undefined ? 0 : Number(match[3]) },
  };
}

/** Negative when a is older than b, 0 when equal, positive when newer. */
export function compareKernelVersions(a: KernelVersion, b: KernelVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function isKernelAtLeast(version: KernelVersion, major: number, minor: number, patch = 0): boolean {
  return compareKernelVersions(version, { major, minor, patch }) >= 0;
}

export function formatKernelVersion(version: KernelVersion): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}
