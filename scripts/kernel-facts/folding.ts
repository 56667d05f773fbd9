/** Per-interface directories: the component after these prefixes is an interface name. */
export const PER_INTERFACE_PREFIXES = ['net.ipv4.conf', 'net.ipv6.conf', 'net.ipv4.neigh', 'net.ipv6.neigh', 'net.mpls.conf'] as const;

/** `net.ipv4.conf.eth0.rp_filter` → `net.ipv4.conf.<ifname>.rp_filter` (the contract's pattern form). */
export function foldInterfaceName(name: string): string {
  for (const prefix of PER_INTERFACE_PREFIXES) {
    if (!name.startsWith(prefix + '.')) continue;
    const rest = name.slice(prefix.length + 1);
    const dot = rest.indexOf('.');
    if (dot > 0) return placeDefaultOnly(`${prefix}.<ifname>.${rest.slice(dot + 1)}`);
  }
  return name;
}

/**
 * Neighbour-table garbage collection keys exist only in the `default` directory: neighbour.c
 * registers its per-device tables without the entries from NEIGH_VAR_GC_INTERVAL on.
 */
const DEFAULT_ONLY = /^(net\.ipv[46]\.neigh)\.<ifname>\.(gc_interval|gc_thresh[123])$/;

/** A folded name with the keys that exist only under `default` put back there. */
export function placeDefaultOnly(name: string): string {
  return name.replace(DEFAULT_ONLY, '$1.default.$2');
}
