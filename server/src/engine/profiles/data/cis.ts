import type { Profile } from '../types';
import { allAndDefault, atLeast, checks, exactly } from './build';

const U = 'Ubuntu 24.04 v1.0.0, RHEL 9 v2.0.0';
const R10 = 'RHEL 10 v1.0.1';

/**
 * CIS Level 1 (server and workstation) kernel and network parameters common to the distribution
 * benchmarks, as ComplianceAsCode maps them (controls/cis_ubuntu2404.yml, cis_rhel9.yml,
 * cis_rhel10.yml). The CIS documents are not public, so ids are cited, never text.
 */
export const CIS: Profile = {
  name: 'cis',
  label: 'CIS',
  title: 'CIS Benchmarks, Level 1',
  source: 'CIS Ubuntu 24.04 v1.0.0 and RHEL 9 v2.0.0 (sections 1.5 and 3.3), CIS RHEL 10 v1.0.1 (1.5.2, 1.5.5, 1.5.6), via ComplianceAsCode control files',
  url: 'https://github.com/ComplianceAsCode/content/tree/master/controls',
  checks: checks([
    ['kernel.randomize_va_space', exactly(2), `1.5.1 (${U})`],
    ['kernel.yama.ptrace_scope', atLeast(1), `1.5.2 (${U})`],
    ['fs.suid_dumpable', exactly(0), `1.5.3 (Ubuntu 24.04 v1.0.0), 1.5.4 (${R10}); not in RHEL 9`],
    ['fs.protected_hardlinks', exactly(1), `1.5.2 (${R10})`],
    ['kernel.dmesg_restrict', exactly(1), `1.5.5 (${R10})`],
    ['kernel.kptr_restrict', exactly(1, 2), `1.5.6 (${R10})`, { recommended: 2 }],
    ['net.ipv4.ip_forward', exactly(0), `3.3.1 (${U})`],
    ['net.ipv6.conf.all.forwarding', exactly(0), `3.3.1 (${U})`],
    allAndDefault('ipv4', 'send_redirects', exactly(0), `3.3.2 (${U})`),
    ['net.ipv4.icmp_ignore_bogus_error_responses', exactly(1), `3.3.3 (${U})`],
    ['net.ipv4.icmp_echo_ignore_broadcasts', exactly(1), `3.3.4 (${U})`],
    allAndDefault('ipv4', 'accept_redirects', exactly(0), `3.3.5 (${U})`),
    allAndDefault('ipv6', 'accept_redirects', exactly(0), `3.3.5 (${U})`),
    allAndDefault('ipv4', 'secure_redirects', exactly(0), `3.3.6 (${U})`),
    allAndDefault('ipv4', 'rp_filter', exactly(1), `3.3.7 (${U})`),
    allAndDefault('ipv4', 'accept_source_route', exactly(0), `3.3.8 (${U})`),
    allAndDefault('ipv6', 'accept_source_route', exactly(0), `3.3.8 (${U})`),
    allAndDefault('ipv4', 'log_martians', exactly(1), `3.3.9 (${U})`),
    ['net.ipv4.tcp_syncookies', exactly(1), `3.3.10 (${U})`],
    allAndDefault('ipv6', 'accept_ra', exactly(0), `3.3.11 (${U})`),
  ]),
};
