import { strict as assert } from 'node:assert';
import { lint, ruleTable } from './helpers';

describe('rule module-boot-order', () => {
  ruleTable('module-boot-order', [
    {
      // OpenWrt's boot loads /etc/modules.d before /etc/init.d/sysctl; only its kernels have this key.
      name: 'a file for OpenWrt (it sets a key only OpenWrt kernels have)',
      text: 'net.netfilter.nf_conntrack_acct=1\nnet.netfilter.nf_conntrack_tcp_no_window_check=0\n',
      expect: [],
    },

    {
      name: 'a module the machine does not load first, beside one it does',
      text: 'net.bridge.bridge-nf-call-iptables = 1\nnet.netfilter.nf_conntrack_max = 262144\n',
      settings: { modulesLoadedFirst: ['br_netfilter'] },
      expect: [{ severity: 'info', line: 1, at: 'net.netfilter.nf_conntrack_max', message: 'the nf_conntrack module' }],
    },
    {
      name: 'br_netfilter keys',
      text: 'net.bridge.bridge-nf-call-iptables = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\n',
      expect: [
        {
          severity: 'info',
          line: 0,
          at: 'net.bridge.bridge-nf-call-iptables',
          message: [
            'the br_netfilter module',
            "'br_netfilter' in /etc/modules-load.d/br_netfilter.conf",
            'KERNEL=="br_netfilter", RUN+="/usr/lib/systemd/systemd-sysctl --prefix=/net/bridge"',
          ],
        },
      ],
    },
    {
      name: 'one finding per module, each on its first key',
      text: 'net.vrf.strict_mode = 1\nnet.ipv4.vs.conntrack = 1\nnet.ipv4.vs.expire_nodest_conn = 1\n',
      expect: [
        { severity: 'info', line: 0, at: 'net.vrf.strict_mode', message: 'the vrf module' },
        { severity: 'info', line: 1, at: 'net.ipv4.vs.conntrack', message: 'the ip_vs module' },
      ],
    },
    {
      name: 'a netfilter logger, which writing the value does not load',
      text: 'net.netfilter.nf_log.2 = nf_log_ipv4\n',
      expect: [
        {
          severity: 'info',
          line: 0,
          at: { value: 'nf_log_ipv4' },
          message: ["'nf_log_ipv4' is provided by the nf_log_syslog module, and writing it does not load the module", '/etc/modules-load.d/nf_log_syslog.conf'],
        },
      ],
    },
    {
      name: 'a congestion control after kernel.modules_disabled = 1 (the kernel can no longer load it on write)',
      text: 'kernel.modules_disabled = 1\nnet.ipv4.tcp_congestion_control = bbr\n',
      expect: [
        {
          severity: 'info',
          line: 1,
          at: { value: 'bbr' },
          message: ["'bbr' is provided by the tcp_bbr module", 'kernel.modules_disabled = 1 on line 1', '/etc/modules-load.d/tcp_bbr.conf'],
        },
      ],
    },
  ]);

  ruleTable('module-boot-order', [
    {
      name: 'modules the machine loads first (its modules-load.d)',
      text: 'net.bridge.bridge-nf-call-iptables = 1\nnet.netfilter.nf_conntrack_max = 262144\n',
      settings: { modulesLoadedFirst: ['br_netfilter', 'nf_conntrack'] },
      expect: [],
    },
    { name: 'built-in keys', text: 'net.ipv4.tcp_rmem = 4096 131072 6291456\nvm.swappiness = 10\n', expect: [] },
    { name: 'ipv6 keys (distributions build ipv6 in)', text: 'net.ipv6.conf.all.forwarding = 1\n', expect: [] },
    { name: 'the default congestion control', text: 'net.ipv4.tcp_congestion_control = cubic\n', expect: [] },
    // Written as root (as at boot), the kernel loads tcp_bbr itself (tcp_ca_find_autoload).
    { name: 'a congestion control the write loads', text: 'net.ipv4.tcp_congestion_control = bbr\nnet.ipv4.tcp_congestion_control = htcp\n', expect: [] },
    { name: 'a congestion control before kernel.modules_disabled = 1', text: 'net.ipv4.tcp_congestion_control = bbr\nkernel.modules_disabled = 1\n', expect: [] },
    { name: "a '-' line", text: '-net.bridge.bridge-nf-call-iptables = 1\n', expect: [] },
  ]);

  it('still answers to its former id in settings and suppression comments', () => {
    const text = 'net.netfilter.nf_conntrack_max = 262144\n';
    assert.equal(lint(text).filter((f) => f.ruleId === 'module-boot-order').length, 1);
    assert.deepEqual(
      lint(text, { rules: { 'conntrack-boot-order': 'off' } as never }).filter((f) => f.ruleId === 'module-boot-order'),
      [],
    );
    assert.deepEqual(
      lint(`# sysctl-lint-disable conntrack-boot-order\n${text}`).filter((f) => f.ruleId === 'module-boot-order'),
      [],
    );
  });
});
