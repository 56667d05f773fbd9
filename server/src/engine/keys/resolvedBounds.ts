/**
 * Bounds the kernel-facts generator records as "unknown" because the table points at something it
 * does not evaluate (a static left at zero, a one-element array, an enum maximum, a struct-member
 * table), read by hand from the linux-source-6.1 and 6.12 trees (`at` names the table or the
 * variable, as in 6.12). Only constants that are the same in both trees and on every 64-bit
 * architecture; bounds that depend on HZ, page or struct sizes, the boot command line or another
 * key's current value are left unknown. The net.* ones were confirmed on the 6.18 development
 * machine by writing values in a private network namespace. A refused write fails with EINVAL.
 */
export interface ResolvedBound {
  readonly name: string;
  readonly lo?: string;
  readonly hi?: string;
  readonly at: string;
}

export const RESOLVED_BOUNDS: readonly ResolvedBound[] = [
  { name: 'fs.epoll.max_user_watches', lo: '0', at: 'fs/eventpoll.c:468' },
  { name: 'fs.nfs.nfs_callback_tcpport', lo: '0', at: 'fs/nfs/nfs4sysctl.c:16' },
  { name: 'fs.nfs.nlm_tcpport', hi: '65535', at: 'fs/lockd/svc.c:85' },
  { name: 'fs.nfs.nlm_udpport', hi: '65535', at: 'fs/lockd/svc.c:85' },
  { name: 'fs.nr_open', hi: '2147483584', at: 'fs/file.c:33' },
  { name: 'fs.xfs.error_level', lo: '0', hi: '11', at: 'fs/xfs/xfs_globals.c:20' },
  { name: 'fs.xfs.filestream_centisecs', lo: '1', hi: '360000', at: 'fs/xfs/xfs_globals.c:31' },
  { name: 'fs.xfs.inherit_noatime', lo: '0', hi: '1', at: 'fs/xfs/xfs_globals.c:25' },
  { name: 'fs.xfs.inherit_nodefrag', lo: '0', hi: '1', at: 'fs/xfs/xfs_globals.c:30' },
  { name: 'fs.xfs.inherit_nodump', lo: '0', hi: '1', at: 'fs/xfs/xfs_globals.c:24' },
  { name: 'fs.xfs.inherit_nosymlinks', lo: '0', hi: '1', at: 'fs/xfs/xfs_globals.c:28' },
  { name: 'fs.xfs.inherit_sync', lo: '0', hi: '1', at: 'fs/xfs/xfs_globals.c:23' },
  { name: 'fs.xfs.irix_sgid_inherit', lo: '0', hi: '1', at: 'fs/xfs/xfs_globals.c:17' },
  { name: 'fs.xfs.irix_symlink_mode', lo: '0', hi: '1', at: 'fs/xfs/xfs_globals.c:18' },
  { name: 'fs.xfs.rotorstep', lo: '1', hi: '255', at: 'fs/xfs/xfs_globals.c:29' },
  { name: 'fs.xfs.speculative_cow_prealloc_lifetime', lo: '1', hi: '86400', at: 'fs/xfs/xfs_globals.c:32' },
  { name: 'fs.xfs.speculative_prealloc_lifetime', lo: '1', hi: '86400', at: 'fs/xfs/xfs_globals.c:32' },
  { name: 'fs.xfs.stats_clear', lo: '0', hi: '1', at: 'fs/xfs/xfs_globals.c:22' },
  { name: 'fs.xfs.xfssyncd_centisecs', lo: '100', hi: '720000', at: 'fs/xfs/xfs_globals.c:21' },
  { name: 'kernel.auto_msgmni', lo: '0', hi: '1', at: 'ipc/ipc_sysctl.c:132' },
  { name: 'kernel.pty.max', lo: '0', at: 'fs/devpts/inode.c:44' },
  { name: 'kernel.pty.reserve', lo: '0', at: 'fs/devpts/inode.c:44' },
  { name: 'kernel.yama.ptrace_scope', lo: '0', hi: '3', at: 'security/yama/yama_lsm.c:464; security/yama/yama_lsm.c:455' },
  { name: 'net.ax25.<name>.ax25_default_mode', lo: '0', hi: '1', at: 'net/ax25/sysctl_net_ax25.c:13' },
  { name: 'net.ax25.<name>.backoff_type', lo: '0', hi: '2', at: 'net/ax25/sysctl_net_ax25.c:14' },
  { name: 'net.ax25.<name>.connect_mode', lo: '0', hi: '2', at: 'net/ax25/sysctl_net_ax25.c:15' },
  { name: 'net.ax25.<name>.dama_slave_timeout', lo: '0', hi: '65535000', at: 'net/ax25/sysctl_net_ax25.c:26' },
  { name: 'net.ax25.<name>.extended_window_size', lo: '1', hi: '63', at: 'net/ax25/sysctl_net_ax25.c:17' },
  { name: 'net.ax25.<name>.idle_timeout', lo: '0', hi: '65535000', at: 'net/ax25/sysctl_net_ax25.c:21' },
  { name: 'net.ax25.<name>.ip_default_mode', lo: '0', hi: '1', at: 'net/ax25/sysctl_net_ax25.c:12' },
  { name: 'net.ax25.<name>.maximum_retry_count', lo: '1', hi: '31', at: 'net/ax25/sysctl_net_ax25.c:22' },
  { name: 'net.ax25.<name>.protocol', lo: '0', at: 'net/ax25/sysctl_net_ax25.c:24' },
  { name: 'net.ax25.<name>.standard_window_size', lo: '1', hi: '7', at: 'net/ax25/sysctl_net_ax25.c:16' },
  { name: 'net.ax25.<name>.t1_timeout', lo: '1', hi: '30000', at: 'net/ax25/sysctl_net_ax25.c:18' },
  { name: 'net.ax25.<name>.t2_timeout', lo: '1', hi: '20000', at: 'net/ax25/sysctl_net_ax25.c:19' },
  { name: 'net.ax25.<name>.t3_timeout', lo: '0', hi: '3600000', at: 'net/ax25/sysctl_net_ax25.c:20' },
  { name: 'net.dccp.default.seq_window', hi: '4294967295', at: 'net/dccp/sysctl.c:21' },
  { name: 'net.ipv4.ip_local_port_range', hi: '65535', at: 'net/ipv4/sysctl_net_ipv4.c:25' },
  { name: 'net.ipv4.ip_unprivileged_port_start', lo: '0', at: 'net/ipv4/sysctl_net_ipv4.c:32' },
  { name: 'net.ipv4.ipfrag_max_dist', lo: '0', at: 'net/ipv4/ip_fragment.c:547' },
  { name: 'net.ipv4.ping_group_range', lo: '0', hi: '4294967294', at: 'net/ipv4/sysctl_net_ipv4.c:39; net/ipv4/sysctl_net_ipv4.c:40' },
  { name: 'net.mptcp.pm_type', hi: '1', at: 'net/mptcp/ctrl.c:22' },
  { name: 'net.netrom.default_path_quality', lo: '0', hi: '255', at: 'net/netrom/sysctl_net_netrom.c:15' },
  { name: 'net.netrom.link_fails_count', lo: '1', hi: '10', at: 'net/netrom/sysctl_net_netrom.c:29' },
  { name: 'net.netrom.network_ttl_initialiser', lo: '0', hi: '255', at: 'net/netrom/sysctl_net_netrom.c:17' },
  { name: 'net.netrom.obsolescence_count_initialiser', lo: '0', hi: '255', at: 'net/netrom/sysctl_net_netrom.c:16' },
  { name: 'net.netrom.reset', lo: '0', hi: '1', at: 'net/netrom/sysctl_net_netrom.c:30' },
  { name: 'net.netrom.routing_control', lo: '0', hi: '1', at: 'net/netrom/sysctl_net_netrom.c:28' },
  { name: 'net.netrom.transport_maximum_tries', lo: '2', hi: '127', at: 'net/netrom/sysctl_net_netrom.c:20' },
  { name: 'net.netrom.transport_no_activity_timeout', lo: '0', at: 'net/netrom/sysctl_net_netrom.c:26' },
  { name: 'net.netrom.transport_requested_window_size', lo: '1', hi: '127', at: 'net/netrom/sysctl_net_netrom.c:25' },
  { name: 'net.phonet.local_port_range', lo: '0', hi: '1023', at: 'net/phonet/sysctl.c:25; net/phonet/sysctl.c:26' },
  { name: 'net.sctp.addr_scope_policy', hi: '3', at: 'net/sctp/sysctl.c:31' },
  { name: 'net.sctp.max_autoclose', hi: '4294967295', at: 'net/sctp/sysctl.c:42' },
  { name: 'net.sctp.pf_expose', hi: '2', at: 'net/sctp/sysctl.c:37' },
  { name: 'sunrpc.rdma_memreg_strategy', lo: '0', hi: '6', at: 'net/sunrpc/xprtrdma/transport.c:81; net/sunrpc/xprtrdma/transport.c:82' },
  { name: 'sunrpc.svc_rdma.max_req_size', lo: '4096', hi: '65536', at: 'net/sunrpc/xprtrdma/svc_rdma.c:63; net/sunrpc/xprtrdma/svc_rdma.c:64' },
  { name: 'sunrpc.svc_rdma.rdma_stat_rq_poll', lo: '0', hi: '0', at: 'net/sunrpc/xprtrdma/svc_rdma.c:66' },
  { name: 'sunrpc.svc_rdma.rdma_stat_rq_prod', lo: '0', hi: '0', at: 'net/sunrpc/xprtrdma/svc_rdma.c:66' },
  { name: 'sunrpc.svc_rdma.rdma_stat_rq_starve', lo: '0', hi: '0', at: 'net/sunrpc/xprtrdma/svc_rdma.c:66' },
  { name: 'sunrpc.svc_rdma.rdma_stat_sq_poll', lo: '0', hi: '0', at: 'net/sunrpc/xprtrdma/svc_rdma.c:66' },
  { name: 'sunrpc.svc_rdma.rdma_stat_sq_prod', lo: '0', hi: '0', at: 'net/sunrpc/xprtrdma/svc_rdma.c:66' },
  { name: 'sunrpc.tcp_slot_table_entries', hi: '65536', at: 'net/sunrpc/xprtsock.c:93' },
  { name: 'sunrpc.udp_slot_table_entries', hi: '65536', at: 'net/sunrpc/xprtsock.c:93' },
  { name: 'vm.memfd_noexec', hi: '2', at: 'kernel/pid_sysctl.h:42' },
  { name: 'xpc.disengage_timelimit', lo: '0', at: 'drivers/misc/sgi-xp/xpc_main.c:93' },
];
