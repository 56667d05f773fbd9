import type { Profile } from '../types';
import { checks, exactly, LIMITS_BACKPORTED } from './build';

const S = 'Recommended Settings (sysctls)';

/** KSPP's recommended runtime settings (kspp.github.io Recommended_Settings.md, "sysctls"). */
export const KSPP: Profile = {
  name: 'kspp',
  label: 'KSPP',
  title: 'Kernel Self Protection Project recommended settings',
  source: 'KSPP/kspp.github.io Recommended_Settings.md, section "sysctls"',
  url: 'https://kspp.github.io/Recommended_Settings',
  checks: checks([
    ['kernel.kptr_restrict', exactly(2), S],
    ['kernel.dmesg_restrict', exactly(1), S],
    [
      'kernel.modules_disabled',
      exactly(1),
      S,
      { onlyWhenSet: 'it must be set after boot has loaded every module the machine needs, so a sysctl.d file is the wrong place for it' },
    ],
    ['kernel.perf_event_paranoid', exactly(3), S, { note: 'KSPP notes that 3 needs a distribution patch (Debian, Ubuntu, Android); mainline kernels treat it as 2' }],
    ['kernel.kexec_load_disabled', exactly(1), S],
    ['kernel.randomize_va_space', exactly(2), S],
    ['kernel.yama.ptrace_scope', exactly(3), S, { note: 'KSPP suggests 1 where debugging with ptrace is needed' }],
    ['kernel.unprivileged_bpf_disabled', exactly(1), S],
    ['kernel.warn_limit', exactly(1), S, { since: '6.1', note: LIMITS_BACKPORTED }],
    ['kernel.oops_limit', exactly(1), S, { since: '6.1', note: LIMITS_BACKPORTED }],
    ['user.max_user_namespaces', exactly(0), S, { note: 'this breaks rootless containers, browser sandboxes and services with PrivateUsers=' }],
    ['dev.tty.ldisc_autoload', exactly(0), S, { since: '5.1' }],
    ['dev.tty.legacy_tiocsti', exactly(0), S, { since: '6.2', note: 'KSPP warns that this breaks screen readers' }],
    ['net.core.bpf_jit_harden', exactly(2), S],
    ['vm.unprivileged_userfaultfd', exactly(0), S, { since: '5.2' }],
    ['fs.protected_symlinks', exactly(1), S],
    ['fs.protected_hardlinks', exactly(1), S],
    ['fs.protected_fifos', exactly(2), S],
    ['fs.protected_regular', exactly(2), S, { note: 'KSPP asks to check workloads that share files in sticky directories first' }],
    ['fs.suid_dumpable', exactly(0), S],
  ]),
};
