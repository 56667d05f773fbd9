import type { Profile } from '../types';
import { allAndDefault, between, checks, exactly } from './build';

const K = 'KRNL-6000';

/**
 * The Linux keys of Lynis' default scan profile (default.prf, `config-data=sysctl` lines, read by
 * test KRNL-6000). Keys no current kernel has (kernel.exec-shield, exec-shield-randomize,
 * maps_protect, use-nx, core_setuid_ok, kernel.suid_dumpable, net.ipv6.conf.all.send_redirects)
 * are left to the unknown-key rule; the read-only conf.all.mc_forwarding cannot be set in a file.
 */
export const LYNIS: Profile = {
  name: 'lynis',
  label: 'Lynis',
  title: 'Lynis default profile (KRNL-6000)',
  source: 'CISOfy/lynis default.prf, config-data=sysctl lines; include/tests_kernel_hardening KRNL-6000',
  url: 'https://github.com/CISOfy/lynis/blob/master/default.prf',
  checks: checks([
    ['fs.suid_dumpable', exactly(0), K],
    ['fs.protected_fifos', exactly(2), K],
    ['fs.protected_hardlinks', exactly(1), K],
    ['fs.protected_regular', exactly(2), K],
    ['fs.protected_symlinks', exactly(1), K],
    ['kernel.core_uses_pid', exactly(1), K],
    ['kernel.ctrl-alt-del', exactly(0), K],
    ['kernel.dmesg_restrict', exactly(1), K],
    ['kernel.kptr_restrict', exactly(2), K],
    [
      'kernel.modules_disabled',
      exactly(1),
      K,
      { onlyWhenSet: 'it must be set after boot has loaded every module the machine needs, so a sysctl.d file is the wrong place for it' },
    ],
    ['kernel.perf_event_paranoid', between(2, 4), K, { recommended: 3 }],
    ['kernel.randomize_va_space', exactly(2), K],
    ['kernel.sysrq', exactly(0), K],
    ['kernel.unprivileged_bpf_disabled', exactly(1), K],
    ['kernel.yama.ptrace_scope', between(1, 3), K],
    ['net.core.bpf_jit_harden', exactly(2), K],
    ['net.ipv4.conf.all.accept_redirects', exactly(0), K],
    ['net.ipv4.conf.all.accept_source_route', exactly(0), K],
    ['net.ipv4.conf.all.bootp_relay', exactly(0), K],
    ['net.ipv4.conf.all.forwarding', exactly(0), K],
    ['net.ipv4.conf.all.proxy_arp', exactly(0), K],
    ['net.ipv4.conf.all.rp_filter', exactly(1), K],
    ['net.ipv4.conf.all.send_redirects', exactly(0), K],
    allAndDefault('ipv4', 'log_martians', exactly(1), K),
    ['net.ipv4.conf.default.accept_redirects', exactly(0), K],
    ['net.ipv4.conf.default.accept_source_route', exactly(0), K],
    ['net.ipv4.icmp_echo_ignore_broadcasts', exactly(1), K],
    ['net.ipv4.icmp_ignore_bogus_error_responses', exactly(1), K],
    ['net.ipv4.tcp_syncookies', exactly(1), K],
    ['net.ipv4.tcp_timestamps', between(0, 1), K],
    allAndDefault('ipv6', 'accept_redirects', exactly(0), K),
    allAndDefault('ipv6', 'accept_source_route', exactly(0), K),
    ['dev.tty.ldisc_autoload', exactly(0), K, { since: '5.1' }],
  ]),
};
