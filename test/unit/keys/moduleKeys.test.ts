import { strict as assert } from 'node:assert';
import { moduleOfKey, moduleOfValue } from '../../../server/src/engine/keys/moduleKeys';

const KERNEL = { major: 6, minor: 18, patch: 0 };

describe('modules that keys and values need', () => {
  it('names the loadable module that registers a key', () => {
    assert.equal(moduleOfKey('net.vrf.strict_mode', KERNEL), 'vrf');
    assert.equal(moduleOfKey('net.bridge.bridge-nf-call-iptables', KERNEL), 'br_netfilter');
    assert.equal(moduleOfKey('net.netfilter.nf_conntrack_max', KERNEL), 'nf_conntrack');
    assert.equal(moduleOfKey('net.ipv4.vs.conntrack', KERNEL), 'ip_vs');
  });
  it('names none for built-in keys and for modules distributions build in (ipv6)', () => {
    assert.equal(moduleOfKey('vm.swappiness', KERNEL), undefined);
    assert.equal(moduleOfKey('net.ipv4.tcp_rmem', KERNEL), undefined);
    assert.equal(moduleOfKey('net.ipv6.conf.all.forwarding', KERNEL), undefined);
    assert.equal(moduleOfKey('net.no_such_key', KERNEL), undefined);
  });
  it('names the module a value needs', () => {
    assert.equal(moduleOfValue('net.ipv4.tcp_congestion_control', 'bbr'), 'tcp_bbr');
    assert.equal(moduleOfValue('net.ipv4.tcp_congestion_control', ' htcp '), 'tcp_htcp');
    assert.equal(moduleOfValue('net.ipv4.tcp_congestion_control', 'cubic'), undefined);
    assert.equal(moduleOfValue('net.ipv4.tcp_congestion_control', 'reno'), undefined);
    assert.equal(moduleOfValue('net.netfilter.nf_log.2', 'nf_log_ipv4'), 'nf_log_syslog');
    assert.equal(moduleOfValue('vm.swappiness', '10'), undefined);
  });
});
