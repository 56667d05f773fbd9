/**
 * Why each hardened key matters, one line each in our own words. Shared by every profile that
 * checks the key, so all of them explain it the same way.
 */
export const RATIONALES: Readonly<Record<string, string>> = {
  'dev.tty.ldisc_autoload': 'Stops unprivileged users from loading TTY line-discipline modules, a recurring source of kernel bugs.',
  'dev.tty.legacy_tiocsti': 'Stops programs from pushing keystrokes into a terminal they share, which lets a sandboxed process type commands for its parent.',
  'fs.protected_fifos':
    'An O_CREAT open of an existing FIFO in a sticky world-writable directory (group-writable too at 2) fails unless the opener or the directory owner owns it, closing /tmp spoofing races.',
  'fs.protected_hardlinks': 'Users may only hard-link files they own or can read and write, which blocks hardlink attacks on setuid programs.',
  'fs.protected_regular':
    'An O_CREAT open of an existing file in a sticky world-writable directory (group-writable too at 2) fails unless the opener or the directory owner owns it, closing /tmp spoofing races.',
  'fs.protected_symlinks': 'Symlinks in world-writable sticky directories are followed only for their owner, which blocks /tmp symlink races.',
  'fs.suid_dumpable': 'Setuid and otherwise privileged processes leave no core dumps that could expose their memory.',
  'kernel.apparmor_restrict_unprivileged_unconfined': 'Unconfined unprivileged processes cannot switch AppArmor profiles to escape restrictions on user namespaces.',
  'kernel.core_uses_pid': 'Core files get the process id in their name, so dumps of different processes do not overwrite each other.',
  'kernel.ctrl-alt-del': 'Ctrl-Alt-Del is passed to init instead of rebooting the machine at once.',
  'kernel.dmesg_restrict': 'Only privileged users can read the kernel log, which often holds addresses and other details useful to exploits.',
  'kernel.io_uring_disabled': 'Turns off io_uring, a large and fast-moving interface behind many recent kernel exploits.',
  'kernel.kexec_load_disabled': 'Once set, no new kernel can be loaded with kexec, so root cannot swap the running kernel for one without protections.',
  'kernel.kptr_restrict': 'Hides kernel pointer values in /proc and other interfaces, which defeats address leaks that undo KASLR.',
  'kernel.modules_disabled': 'Once set, no module can be loaded or removed until reboot, closing a way to run code in the kernel.',
  'kernel.oops_limit': 'Panics after this many oopses, so an attacker cannot keep retrying an exploit that crashes kernel threads.',
  'kernel.perf_event_paranoid': 'Limits perf events for unprivileged users, a large interface with a history of kernel bugs.',
  'kernel.randomize_va_space': 'Full address-space randomisation of stack, mmap, vDSO and heap makes memory-corruption exploits unreliable.',
  'kernel.sysrq': 'Turns off the magic SysRq key, which gives anyone at the console or on a serial line powerful kernel commands.',
  'kernel.unprivileged_bpf_disabled': 'Only privileged users can load BPF programs, a frequent path to kernel exploits.',
  'kernel.warn_limit': 'Panics after this many kernel warnings, so an attacker cannot keep retrying an exploit that trips warnings.',
  'kernel.yama.ptrace_scope': "Restricts ptrace attach, so a compromised process cannot read the memory of the user's other processes.",
  'net.core.bpf_jit_harden': 'Blinds constants in JIT-compiled BPF for every user, which defeats JIT spraying.',
  'net.ipv4.conf.all.accept_redirects': "Ignores ICMP redirects, which let anyone on the network change this host's routes.",
  'net.ipv4.conf.all.accept_source_route': 'Drops source-routed packets, which let a sender choose the path and bypass filtering.',
  'net.ipv4.conf.all.arp_announce': 'Uses the best local address for ARP requests, so ARP does not leak addresses of other interfaces.',
  'net.ipv4.conf.all.arp_ignore': 'Answers ARP only for addresses on the interface the request came in on.',
  'net.ipv4.conf.all.bootp_relay': 'Current kernels register the key but never read it, so 0 and 1 behave alike; it is checked because Lynis checks it.',
  'net.ipv4.conf.all.forwarding': 'A host that is not a router should not forward packets between interfaces.',
  'net.ipv4.conf.all.log_martians': 'Logs packets with impossible addresses, which reveals spoofing attempts.',
  'net.ipv4.conf.all.proxy_arp': 'Does not answer ARP on behalf of other hosts, which can misdirect traffic.',
  'net.ipv4.conf.all.rp_filter': 'Drops packets whose source address would not be routed back out the same interface, which blocks spoofing.',
  'net.ipv4.conf.all.secure_redirects':
    'Benchmarks set it to 0 beside accept_redirects = 0, which is what makes the host ignore redirects; alone, 0 only lifts the limit to redirects from default gateways.',
  'net.ipv4.conf.all.send_redirects': 'A host that is not a router has no business telling others how to route.',
  'net.ipv4.conf.all.shared_media': 'Kept at the kernel default: redirects between hosts on one shared medium (RFC 1620).',
  'net.ipv4.icmp_echo_ignore_broadcasts': 'Ignores pings to broadcast and multicast addresses, which are used for smurf amplification.',
  'net.ipv4.icmp_ignore_bogus_error_responses':
    'Does not log the bogus ICMP errors some routers send in reply to broadcasts, which keeps the log from filling (the kernel default).',
  'net.ipv4.icmp_ratelimit': 'The minimum gap in milliseconds between rate-limited ICMP messages to one destination; 100 allows more than the kernel default of 1000.',
  'net.ipv4.icmp_ratemask': 'Chooses which ICMP message types the rate limit applies to.',
  'net.ipv4.ip_forward': 'A host that is not a router should not forward packets between interfaces.',
  'net.ipv4.tcp_rfc1337': 'Drops RST packets for sockets in TIME-WAIT, which avoids TIME-WAIT assassination (RFC 1337).',
  'net.ipv4.tcp_syncookies': 'Answers SYN floods with cookies instead of dropping new connections when the queue is full.',
  'net.ipv4.tcp_timestamps':
    'Timestamps without per-connection random offsets (value 2, or kernels before 4.10) reveal the uptime; 1 randomises them. Some profiles still turn them off.',
  'net.ipv6.conf.all.accept_ra': 'Ignores router advertisements, which let anyone on the link add routes and addresses.',
  'net.ipv6.conf.all.accept_redirects': "Ignores ICMPv6 redirects, which let anyone on the network change this host's routes.",
  'net.ipv6.conf.all.accept_source_route': 'Accepts only type 2 routing headers (Mobile IPv6), never the type 0 ones that let a sender choose the path; below 0 refuses all.',
  'net.ipv6.conf.all.forwarding': 'A host that is not a router should not forward IPv6 packets.',
  'net.ipv6.conf.default.accept_ra_defrtr': 'Does not learn a default router from router advertisements.',
  'net.ipv6.conf.default.accept_ra_pinfo': 'Does not learn prefixes from router advertisements.',
  'net.ipv6.conf.default.accept_ra_rtr_pref': 'Does not take router preferences from router advertisements.',
  'net.ipv6.conf.all.autoconf': 'Does not configure addresses automatically from router advertisements.',
  'net.ipv6.conf.default.autoconf': 'Does not configure addresses automatically from router advertisements.',
  'net.ipv6.conf.default.dad_transmits': 'Sends no duplicate address detection probes for new addresses.',
  'net.ipv6.conf.default.max_addresses': 'Keeps each interface to one autoconfigured global address.',
  'net.ipv6.conf.all.router_solicitations': 'Sends no router solicitations when an interface comes up.',
  'net.ipv6.conf.default.router_solicitations': 'Sends no router solicitations when an interface comes up.',
  'user.max_user_namespaces': 'No user namespaces for anyone, which removes the unprivileged path to many kernel interfaces.',
  'vm.mmap_min_addr': 'Userspace cannot map the lowest pages, so kernel NULL-pointer bugs cannot be turned into code execution.',
  'vm.mmap_rnd_bits': 'More random bits in the mmap base make address guessing harder for 64-bit programs.',
  'vm.mmap_rnd_compat_bits': 'More random bits in the mmap base make address guessing harder for 32-bit programs on a 64-bit kernel.',
  'vm.unprivileged_userfaultfd': 'Unprivileged users may handle only user-mode faults, so they cannot use userfaultfd to stall the kernel at a chosen moment, as exploits do.',
};

/** The rationale for a key; a `.default.` key shares the text of its `.all.` sibling. */
export function rationaleFor(key: string): string {
  const text = RATIONALES[key] ?? RATIONALES[key.replace('.default.', '.all.')];
  if (!text) throw new Error(`no rationale for ${key}`);
  return text;
}
