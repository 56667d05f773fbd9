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
  return interfaceNameProblemAt(component, 0, component.length);
}

/** interfaceNameProblem of name[from, to), read in place: a valid name costs no string. */
function interfaceNameProblemAt(name: string, from: number, to: number): string | undefined {
  const length = to - from;
  if (length < 1) return 'it is empty';
  if (length > 15) return `it has ${length} characters and interface names have at most 15`;
  if (name.charCodeAt(from) === 47 /* / */ && (length === 1 || (length === 2 && name.charCodeAt(from + 1) === 47))) {
    return `'${name.slice(from, to).replace(/\//g, '.')}' is not an interface name`;
  }
  // No blank, '.' or ':': a loop over at most 15 characters, run for nearly every line of a large file.
  for (let i = from; i < to; i++) {
    const code = name.charCodeAt(i);
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

/** Where a name's interface component is: after which prefix, and name[from, to); undefined for a name with no interface position. */
function interfaceSpan(name: string): { prefix: string; from: number; to: number } | undefined {
  if (!name.startsWith('net.')) return undefined;
  for (const prefix of PER_INTERFACE_PREFIXES) {
    if (!name.startsWith(prefix) || name.charCodeAt(prefix.length) !== 46 /* . */) continue;
    const from = prefix.length + 1;
    const to = name.indexOf('.', from);
    return to > from ? { prefix, from, to } : undefined;
  }
  return undefined;
}

/**
 * `net.ipv4.conf.eth0.rp_filter` → prefix `net.ipv4.conf`, interface component `eth0` and the
 * rest after it (`rp_filter`), whatever the interface component is; undefined for a name with no
 * interface position.
 */
export function splitInterfaceName(name: string): { prefix: string; ifname: string; rest: string } | undefined {
  const span = interfaceSpan(name);
  return span && { prefix: span.prefix, ifname: name.slice(span.from, span.to), rest: name.slice(span.to + 1) };
}

/**
 * The prefix and the rest of a name whose interface is an ordinary one (a valid name, not
 * all/default/lo): such names are alike for every lookup but the interface itself. The interface
 * is checked where it stands in the name, without a string of its own: this runs for nearly every
 * line of a large file.
 */
export function foldOrdinaryInterface(name: string): { prefix: string; rest: string } | undefined {
  const span = interfaceSpan(name);
  if (!span || isOwnEntryAt(name, span.from, span.to) || interfaceNameProblemAt(name, span.from, span.to) !== undefined) return undefined;
  return { prefix: span.prefix, rest: name.slice(span.to + 1) };
}

/** Whether name[from, to) is all, default or lo. */
function isOwnEntryAt(name: string, from: number, to: number): boolean {
  for (const own of OWN_ENTRY_INTERFACES) if (own.length === to - from && name.startsWith(own, from)) return true;
  return false;
}
