import type { Role, RoleName } from './types';

const FORWARDING = [
  { key: 'net.ipv4.ip_forward', why: 'forwarding packets is the job' },
  { key: 'net.ipv6.conf.all.forwarding', why: 'forwarding packets is the job' },
  { key: 'net.ipv4.conf.all.forwarding', why: 'forwarding packets is the job' },
  { key: 'net.ipv4.conf.default.forwarding', why: 'forwarding packets is the job' },
];

/**
 * Roles drop the checks a host's job contradicts, in every profile. A router forwards, may send
 * redirects, and routes asymmetrically (which strict reverse-path filtering breaks); a container
 * host forwards between container bridges and the uplink, gives containers user namespaces, and
 * leaves reverse-path filtering to its network plugin.
 */
export const ROLES: Readonly<Record<RoleName, Role>> = {
  router: {
    name: 'router',
    title: 'Router, VPN gateway or firewall',
    relaxes: [
      ...FORWARDING,
      { key: 'net.ipv4.conf.all.send_redirects', why: 'a router tells hosts on a link about a better next hop' },
      { key: 'net.ipv4.conf.default.send_redirects', why: 'a router tells hosts on a link about a better next hop' },
      { key: 'net.ipv4.conf.all.rp_filter', why: 'strict reverse-path filtering drops asymmetrically routed traffic (BGP, OSPF, multi-homing, some VPNs)' },
      { key: 'net.ipv4.conf.default.rp_filter', why: 'strict reverse-path filtering drops asymmetrically routed traffic (BGP, OSPF, multi-homing, some VPNs)' },
      { key: 'net.ipv4.conf.all.proxy_arp', why: 'routers answer ARP for hosts behind them in some designs' },
      { key: 'net.ipv4.conf.all.bootp_relay', why: 'routers may relay DHCP/BOOTP (the kernel ignores the key either way)' },
    ],
  },
  'container-host': {
    name: 'container-host',
    title: 'Docker, Podman or Kubernetes node',
    relaxes: [
      ...FORWARDING.map((r) => ({ key: r.key, why: 'containers reach the network through the host, which forwards for them (Docker turns it on itself)' })),
      { key: 'user.max_user_namespaces', why: 'rootless containers, user-namespaced pods and sandboxes need user namespaces' },
      // The kernel filters with the larger of `all` and the interface's value: all = 1 overrides the 0 a CNI sets on its own interfaces.
      { key: 'net.ipv4.conf.all.rp_filter', why: 'network plugins such as Cilium need reverse-path filtering off on their interfaces, which all = 1 overrides' },
      { key: 'net.ipv4.conf.default.rp_filter', why: 'network plugins such as Cilium need reverse-path filtering off on their interfaces, which all = 1 overrides' },
    ],
  },
};

/** Keys whose checks the roles drop, with the reason and role that drops them. */
export function relaxedKeys(roles: readonly RoleName[]): Map<string, { role: RoleName; why: string }> {
  const relaxed = new Map<string, { role: RoleName; why: string }>();
  for (const role of roles) for (const r of ROLES[role].relaxes) if (!relaxed.has(r.key)) relaxed.set(r.key, { role, why: r.why });
  return relaxed;
}
