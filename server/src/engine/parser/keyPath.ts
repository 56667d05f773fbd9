/**
 * Key spelling rules shared by procps and systemd: the first separator decides whether the key
 * is written in dotted form (dots and slashes swap) or in path form (kept as written).
 */

const GLOB_CHARS = /[*?[]/;
const SEPARATORS = /[./]/g;

export function isGlobKey(key: string): boolean {
  return GLOB_CHARS.test(key);
}

/** Swaps every `.` with `/` and back; procps uses it both to build paths and to print them. */
export function swapSeparators(text: string): string {
  // Most keys hold only one kind of separator: a native replaceAll is much faster than a callback.
  const hasSlash = text.includes('/');
  const hasDot = text.includes('.');
  if (!hasSlash) return hasDot ? text.replaceAll('.', '/') : text;
  if (!hasDot) return text.replaceAll('/', '.');
  return text.replace(SEPARATORS, (ch) => (ch === '.' ? '/' : '.'));
}

function firstSeparatorIsDot(key: string): boolean {
  const dot = key.indexOf('.');
  if (dot < 0) return false;
  const slash = key.indexOf('/');
  return slash < 0 || dot < slash;
}

/** The path below /proc/sys that procps opens: the first-separator rule, nothing simplified. */
export function procpsPath(key: string): string {
  return firstSeparatorIsDot(key) ? swapSeparators(key) : key;
}

/** systemd's simplification of a procps-style path: runs of `/` collapse, `.` components and edge slashes go. */
function simplifyPath(path: string): string {
  if (!path.includes('//') && !path.startsWith('/') && !path.endsWith('/') && !path.includes('/./') && !path.startsWith('./') && !path.endsWith('/.') && path !== '.') {
    return path;
  }
  return path
    .split('/')
    .filter((component) => component !== '' && component !== '.')
    .join('/');
}

/**
 * The path systemd-sysctl uses: the first-separator rule, then runs of `/` collapse, `.`
 * components vanish and leading or trailing slashes go. `..` components are kept (systemd refuses them).
 */
export function systemdPath(key: string): string {
  return simplifyPath(procpsPath(key));
}

/**
 * How procps prints the key it writes: displayName(procpsPath(key)), without building the path.
 * Swapping is its own inverse, so a dotted key prints as written and a path-form key swapped.
 */
export function procpsDisplayName(key: string): string {
  return firstSeparatorIsDot(key) ? key : swapSeparators(key);
}

/** How procps prints a key: its path with separators swapped back, so dots inside a component show as `/`. */
export function displayName(path: string): string {
  return swapSeparators(path);
}

/**
 * The one spelling used to look keys up: procps' display form of the systemd path, e.g.
 * `net/ipv4/conf/enp3s0.200/forwarding` and `net.ipv4.conf.enp3s0/200.forwarding` both give the latter.
 */
export function canonicalKey(key: string): string {
  return displayName(systemdPath(key));
}

/** Facts about a key's spelling, computed from one conversion. */
export interface KeyShape {
  path: string;
  canonical: string;
  /** `net..ipv4` or `a//b`: an empty component in the middle of the path. */
  repeatedSeparator: boolean;
  /** A `..` component, which systemd refuses. */
  parentComponent: boolean;
  isGlob: boolean;
}

export function keyShape(key: string): KeyShape {
  const dotted = firstSeparatorIsDot(key);
  const procps = dotted ? swapSeparators(key) : key;
  const path = simplifyPath(procps);
  // Swapping twice gives the key back when systemd's simplification changed nothing.
  const canonical = dotted && path === procps ? key : swapSeparators(path);
  return {
    path,
    canonical,
    repeatedSeparator: procps.includes('//'),
    parentComponent: procps === '..' || procps.startsWith('../') || procps.endsWith('/..') || procps.includes('/../'),
    isGlob: GLOB_CHARS.test(key),
  };
}
