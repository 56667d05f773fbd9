import type { Profile } from '../types';
import { allAndDefault, checks, exactly, LIMITS_BACKPORTED } from './build';

const SELF = 'self_protection';
const POLICY = 'security_policy';
const CUT = 'cut_attack_surface';
const NET = 'network_security';
const USER = 'harden_userspace';
/** The checker ORs its IPv6 checks with ipv6.disable=1, which only the kernel command line shows. */
const IPV6_OFF = { note: 'kernel-hardening-checker also accepts IPv6 turned off with ipv6.disable=1 on the kernel command line, which sysctl files cannot show' };
const USERNS_ALTERNATIVE = {
  key: 'kernel.unprivileged_userns_clone',
  accepts: { kind: 'set', values: [0] } as const,
  why: 'the Debian kernel switch that turns off unprivileged user namespaces',
};

/**
 * kernel-hardening-checker's sysctl checks (add_sysctl_checks in kernel_hardening_checker/checks.py);
 * the control is the check's "reason" column. Its router-hostile CIS checks are commented out
 * upstream and are not checked here either.
 */
export const KHC: Profile = {
  name: 'khc',
  label: 'kernel-hardening-checker',
  title: 'kernel-hardening-checker sysctl checks',
  source: 'a13xp0p0v/kernel-hardening-checker, kernel_hardening_checker/checks.py add_sysctl_checks()',
  url: 'https://github.com/a13xp0p0v/kernel-hardening-checker',
  checks: checks([
    ['net.core.bpf_jit_harden', exactly(2), SELF],
    ['vm.mmap_min_addr', { kind: 'architecture-minimum', limit: 'mmap_min_addr' }, SELF],
    ['kernel.oops_limit', exactly(100), SELF, { since: '6.1', note: `the checker's author chose 100 as a compromise against KSPP's 1; ${LIMITS_BACKPORTED}` }],
    ['kernel.warn_limit', exactly(100), SELF, { since: '6.1', note: `the checker's author chose 100 as a compromise against KSPP's 1; ${LIMITS_BACKPORTED}` }],
    ['kernel.apparmor_restrict_unprivileged_unconfined', exactly(1), POLICY, { onlyWhenSet: 'it exists only on kernels with AppArmor (Ubuntu, Debian, SUSE)' }],
    ['kernel.dmesg_restrict', exactly(1), CUT],
    ['kernel.perf_event_paranoid', exactly(3), CUT, { note: '3 needs a distribution patch (Debian, Ubuntu, Android); mainline kernels treat it as 2' }],
    ['dev.tty.ldisc_autoload', exactly(0), CUT, { since: '5.1' }],
    ['kernel.kptr_restrict', exactly(2), CUT],
    ['dev.tty.legacy_tiocsti', exactly(0), CUT, { since: '6.2' }],
    ['user.max_user_namespaces', exactly(0), CUT, { alternative: USERNS_ALTERNATIVE }],
    ['kernel.kexec_load_disabled', exactly(1), CUT],
    ['kernel.unprivileged_bpf_disabled', exactly(1), CUT],
    ['vm.unprivileged_userfaultfd', exactly(0), CUT, { since: '5.2' }],
    [
      'kernel.modules_disabled',
      exactly(1),
      CUT,
      { onlyWhenSet: 'it must be set after boot has loaded every module the machine needs, so a sysctl.d file is the wrong place for it' },
    ],
    ['kernel.io_uring_disabled', exactly(2), CUT, { since: '6.6' }],
    ['kernel.sysrq', exactly(0), CUT],
    ['net.ipv4.icmp_ignore_bogus_error_responses', exactly(1), NET],
    ['net.ipv4.icmp_echo_ignore_broadcasts', exactly(1), NET],
    allAndDefault('ipv4', 'accept_redirects', exactly(0), NET),
    allAndDefault('ipv6', 'accept_redirects', exactly(0), NET, IPV6_OFF),
    allAndDefault('ipv4', 'accept_source_route', exactly(0), NET),
    allAndDefault('ipv6', 'accept_source_route', exactly(0), NET, IPV6_OFF),
    ['net.ipv4.tcp_syncookies', exactly(1), NET],
    allAndDefault('ipv6', 'accept_ra', exactly(0), NET, IPV6_OFF),
    ['fs.protected_symlinks', exactly(1), USER],
    ['fs.protected_hardlinks', exactly(1), USER],
    ['fs.protected_fifos', exactly(2), USER],
    ['fs.protected_regular', exactly(2), USER],
    ['fs.suid_dumpable', exactly(0), USER],
    ['kernel.randomize_va_space', exactly(2), USER],
    ['kernel.yama.ptrace_scope', exactly(3), USER],
    ['vm.mmap_rnd_bits', { kind: 'architecture-maximum', limit: 'mmap_rnd_bits' }, USER],
    ['vm.mmap_rnd_compat_bits', { kind: 'architecture-maximum', limit: 'mmap_rnd_compat_bits' }, USER],
  ]),
};
