/**
 * Keys with an interface component (`net.ipv4.conf.<ifname>.rp_filter`): the prefixes the kernel
 * creates a directory per interface under, and what can be an interface name.
 */

/** Directories with one entry per network interface (neigh: per device too). */
export const PER_INTERFACE_PREFIXES = ['net.ipv4.conf', 'net.ipv6.conf', 'net.ipv4.neigh', 'net.ipv6.neigh', 'net.mpls.conf'] as const;

/**
 * Interface directories the data has entries of their own for (net.ipv4.neigh.default.gc_thresh1
 * exists only there), so their keys are not folded into the `<ifname>` pattern.
 */
export const OWN_ENTRY_INTERFACES: ReadonlySet<string> = new Set(['all', 'default', 'lo']);

/**
 * Whether a dotted component can be a Linux interface name: 1–15 characters, no blank, no `:`,
 * and not `.` or `..` (shown as `/` and `//`). Glob characters are allowed, so a systemd glob in
 * the interface position (`net.ipv4.conf.*.rp_filter`) matches too.
 */
export function isInterfaceComponent(component: string): boolean {
  return interfaceNameProblem(component) === undefined;
}

/** Why a dotted component cannot be an interface name (the kernel's dev_valid_name), or undefined when it can. */
export function interfaceNameProblem(component: string): string | undefined {
  if (component.length < 1) return 'it is empty';
  if (component.length > 15) return `it has ${component.length} characters and interface names have at most 15`;
  if (component === '/' || component === '//') return `'${component.replace(/\//g, '.')}' is not an interface name`;
  // No blank, '.' or ':': a loop over at most 15 characters, run for nearly every line of a large file.
  for (let i = 0; i < component.length; i++) {
    const code = component.charCodeAt(i);
    if (code === 58 /* : */) return "interface names cannot contain ':'";
    if (code === 46 /* . */) return "a '.' of an interface name is written '/' in a dotted key";
    if (isBlank(code)) return 'interface names cannot contain blanks';
  }
  return undefined;
}

/** What `\s` matches in a regular expression. */
function isBlank(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * `net.ipv4.conf.eth0.rp_filter` → prefix `net.ipv4.conf`, interface component `eth0` and the
 * rest after it (`rp_filter`), whatever the interface component is; undefined for a name with no
 * interface position.
 */
export function splitInterfaceName(name: string): { prefix: string; ifname: string; rest: string } | undefined {
  if (!name.startsWith('net.')) return undefined;
  for (const prefix of PER_INTERFACE_PREFIXES) {
    if (!name.startsWith(prefix) || name.charCodeAt(prefix.length) !== 46 /* . */) continue;
    const dot = name.indexOf('.', prefix.length + 1);
    return dot > prefix.length + 1 ? { prefix, ifname: name.slice(prefix.length + 1, dot), rest: name.slice(dot + 1) } : undefined;
  }
  return undefined;
}

/**
 * The prefix and the rest of a name whose interface is an ordinary one (a valid name, not
 * all/default/lo): such names are alike for every lookup but the interface itself. The interface
 * is checked where it stands in the name, without a string of its own: this runs for nearly every
 * line of a large file.
 */
export function foldOrdinaryInterface(name: string): { prefix: string; rest: string } | undefined {
  if (!name.startsWith('net.')) return undefined;
  for (const prefix of PER_INTERFACE_PREFIXES) {
    if (!name.startsWith(prefix) || name.charCodeAt(prefix.length) !== 46 /* . */) continue;
    const from = prefix.length + 1;
    const dot = name.indexOf('.', from);
    return dot > from && isOrdinaryInterfaceAt(name, from, dot) ? { prefix, rest: name.slice(dot + 1) } : undefined;
  }
  return undefined;
}

/** Whether name[from, to) is an interface name (see interfaceNameProblem) other than all, default and lo. */
function isOrdinaryInterfaceAt(name: string, from: number, to: number): boolean {
  const length = to - from;
  if (length > 15) return false;
  for (const own of OWN_ENTRY_INTERFACES) if (own.length === length && name.startsWith(own, from)) return false;
  if (name.charCodeAt(from) === 47 /* / */ && (length === 1 || (length === 2 && name.charCodeAt(from + 1) === 47))) return false;
  for (let i = from; i < to; i++) {
    const code = name.charCodeAt(i);
    if (code === 58 /* : */ || isBlank(code)) return false;
  }
  return true;
}
