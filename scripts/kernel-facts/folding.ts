/** Per-interface directories: the component after these prefixes is an interface name. */
export const PER_INTERFACE_PREFIXES = ['net.ipv4.conf', 'net.ipv6.conf', 'net.ipv4.neigh', 'net.ipv6.neigh', 'net.mpls.conf'] as const;

/** `net.ipv4.conf.eth0.rp_filter` → `net.ipv4.conf.<ifname>.rp_filter` (the contract's pattern form). */
export function foldInterfaceName(name: string): string {
  for (const prefix of PER_INTERFACE_PREFIXES) {
    if (!name.startsWith(prefix + '.')) continue;
    const rest = name.slice(prefix.length + 1);
    const dot = rest.indexOf('.');
    if (dot > 0) return `${prefix}.<ifname>.${rest.slice(dot + 1)}`;
  }
  return name;
}
