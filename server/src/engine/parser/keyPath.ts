/**
 * Key spelling rules shared by procps and systemd: the first separator decides whether the key
 * is written in dotted form (dots and slashes swap) or in path form (kept as written).
 */

const GLOB_CHARS = /[*?[]/;

export function isGlobKey(key: string): boolean {
  return GLOB_CHARS.test(key);
}

/** Swaps every `.` with `/` and back; procps uses it both to build paths and to print them. */
export function swapSeparators(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    out += ch === '.' ? '/' : ch === '/' ? '.' : ch;
  }
  return out;
}

function firstSeparator(key: string): '.' | '/' | undefined {
  for (let i = 0; i < key.length; i++) {
    const ch = key[i];
    if (ch === '.' || ch === '/') return ch;
  }
  return undefined;
}

/** The path below /proc/sys that procps opens: the first-separator rule, nothing simplified. */
export function procpsPath(key: string): string {
  return firstSeparator(key) === '.' ? swapSeparators(key) : key;
}

/**
 * The path systemd-sysctl uses: the first-separator rule, then runs of `/` collapse, `.`
 * components vanish and leading or trailing slashes go. `..` components are kept (systemd refuses them).
 */
export function systemdPath(key: string): string {
  const components = procpsPath(key).split('/');
  const kept: string[] = [];
  for (const component of components) {
    if (component === '' || component === '.') continue;
    kept.push(component);
  }
  return kept.join('/');
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

/** `net..ipv4` or `a//b`: an empty component in the middle of the path. */
export function hasRepeatedSeparators(key: string): boolean {
  return procpsPath(key).includes('//');
}

export function hasParentComponent(key: string): boolean {
  return procpsPath(key).split('/').includes('..');
}
