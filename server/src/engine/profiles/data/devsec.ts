import type { Profile } from '../types';
import { allAndDefault, atLeast, checks, exactly } from './build';

const D = 'os_hardening sysctl_config';
/** The role's comment lists these four ids for its redirect settings together. */
const REDIRECTS = `${D} (sysctl-13/14/15/20)`;

/**
 * dev-sec's Ansible os_hardening role defaults (roles/os_hardening/defaults/main.yml,
 * `sysctl_config`); the control is the linux-baseline id its comments give, where it gives one.
 * Ordered keys where a stricter value also meets the intent (fifos, ptrace) accept "at least".
 */
export const DEVSEC: Profile = {
  name: 'devsec',
  label: 'dev-sec',
  title: 'dev-sec os_hardening defaults',
  source: 'dev-sec/ansible-collection-hardening roles/os_hardening/defaults/main.yml (sysctl_config)',
  url: 'https://github.com/dev-sec/ansible-collection-hardening',
  checks: checks([
    ['fs.protected_hardlinks', exactly(1), D],
    ['fs.protected_symlinks', exactly(1), D],
    ['fs.protected_fifos', atLeast(1), D],
    ['fs.protected_regular', exactly(2), D],
    ['fs.suid_dumpable', exactly(0), `${D} (sysctl-31)`],
    ['kernel.core_uses_pid', exactly(1), D],
    ['kernel.kptr_restrict', exactly(2), `${D} (Tails-2)`],
    ['kernel.kexec_load_disabled', exactly(1), `${D} (Tails-3)`],
    ['kernel.sysrq', exactly(0), `${D} (sysctl-30)`],
    ['kernel.randomize_va_space', exactly(2), `${D} (sysctl-32)`],
    ['kernel.yama.ptrace_scope', atLeast(1), D],
    ['net.ipv4.ip_forward', exactly(0), `${D} (sysctl-01)`],
    ['net.ipv6.conf.all.forwarding', exactly(0), `${D} (sysctl-19)`],
    allAndDefault('ipv4', 'rp_filter', exactly(1), `${D} (sysctl-02)`),
    ['net.ipv4.icmp_echo_ignore_broadcasts', exactly(1), `${D} (sysctl-04)`],
    ['net.ipv4.icmp_ignore_bogus_error_responses', exactly(1), `${D} (sysctl-03)`],
    ['net.ipv4.icmp_ratelimit', exactly(100), `${D} (sysctl-05)`],
    ['net.ipv4.icmp_ratemask', exactly(88089), `${D} (sysctl-06)`],
    ['net.ipv4.tcp_timestamps', exactly(0), `${D} (sysctl-07)`],
    ['net.ipv4.conf.all.arp_ignore', exactly(1), `${D} (sysctl-08)`],
    ['net.ipv4.conf.all.arp_announce', exactly(2), `${D} (sysctl-09)`],
    ['net.ipv4.tcp_rfc1337', exactly(1), `${D} (sysctl-10)`],
    ['net.ipv4.tcp_syncookies', exactly(1), D],
    allAndDefault('ipv4', 'shared_media', exactly(1), `${D} (sysctl-12)`),
    allAndDefault('ipv4', 'accept_source_route', exactly(0), `${D} (sysctl-13)`),
    allAndDefault('ipv6', 'accept_source_route', exactly(0), D),
    allAndDefault('ipv4', 'send_redirects', exactly(0), `${D} (sysctl-16)`),
    allAndDefault('ipv4', 'log_martians', exactly(1), `${D} (sysctl-17)`),
    allAndDefault('ipv4', 'accept_redirects', exactly(0), REDIRECTS),
    allAndDefault('ipv6', 'accept_redirects', exactly(0), REDIRECTS),
    allAndDefault('ipv4', 'secure_redirects', exactly(0), REDIRECTS),
    allAndDefault('ipv6', 'accept_ra', exactly(0), `${D} (sysctl-25)`),
    allAndDefault('ipv6', 'router_solicitations', exactly(0), `${D} (sysctl-21)`),
    ['net.ipv6.conf.default.accept_ra_rtr_pref', exactly(0), `${D} (sysctl-22)`],
    ['net.ipv6.conf.default.accept_ra_pinfo', exactly(0), `${D} (sysctl-23)`],
    ['net.ipv6.conf.default.accept_ra_defrtr', exactly(0), `${D} (sysctl-24)`],
    allAndDefault('ipv6', 'autoconf', exactly(0), `${D} (sysctl-26)`),
    ['net.ipv6.conf.default.dad_transmits', exactly(0), `${D} (sysctl-27)`],
    ['net.ipv6.conf.default.max_addresses', exactly(1), `${D} (sysctl-28)`],
    ['vm.mmap_min_addr', atLeast(65536), D],
    [
      'vm.mmap_rnd_bits',
      { kind: 'architecture-maximum', limit: 'mmap_rnd_bits', cap: 32 },
      `${D} (Tails-1)`,
      { note: 'dev-sec writes 32, which kernels with a lower maximum (many arm64 boards) refuse' },
    ],
    ['vm.mmap_rnd_compat_bits', { kind: 'architecture-maximum', limit: 'mmap_rnd_compat_bits', cap: 16 }, `${D} (Tails-1)`],
  ]),
};
