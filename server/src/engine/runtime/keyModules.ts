/**
 * Sysctl keys that exist only while a module is loaded. If the module loads after sysctl ran at
 * boot, the key did not exist then and the file's value was never written.
 */

const MODULE_OF_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['net.netfilter.nf_conntrack_', 'nf_conntrack'],
  ['net.nf_conntrack_max', 'nf_conntrack'],
  ['net.netfilter.nf_log', 'nf_log_syslog'],
  ['net.bridge.bridge-nf-', 'br_netfilter'],
  ['net.ipv4.vs.', 'ip_vs'],
  ['net.sctp.', 'sctp'],
];

/** The module a key belongs to, or undefined when it is part of the core kernel (as far as we know). */
export function moduleOfKey(key: string): string | undefined {
  for (const [prefix, module] of MODULE_OF_PREFIX) if (key.startsWith(prefix)) return module;
  return undefined;
}
