import { strict as assert } from 'node:assert';
import { mayNeedModule, moduleOfKey, moduleOfValue } from '../../../server/src/engine/keys/moduleKeys';
import { allFactNames } from '../../../server/src/engine/keys/kernelFacts';
import { allDocumentedKeys } from '../../../server/src/engine/keys/database';
import { NAME_VALUES } from '../../../server/src/engine/keys/nameValues';

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
    // A congestion control is loaded by the kernel when a privileged writer names it (tcp_ca_find_autoload).
    assert.deepEqual(moduleOfValue('net.ipv4.tcp_congestion_control', 'bbr'), { module: 'tcp_bbr', loadsOnWrite: true });
    assert.deepEqual(moduleOfValue('net.ipv4.tcp_congestion_control', ' htcp '), { module: 'tcp_htcp', loadsOnWrite: true });
    assert.equal(moduleOfValue('net.ipv4.tcp_congestion_control', 'cubic'), undefined);
    assert.equal(moduleOfValue('net.ipv4.tcp_congestion_control', 'reno'), undefined);
    // A netfilter logger is not (nf_log_proc_dostring only looks it up).
    assert.deepEqual(moduleOfValue('net.netfilter.nf_log.2', 'nf_log_ipv4'), { module: 'nf_log_syslog', loadsOnWrite: false });
    assert.equal(moduleOfValue('vm.swappiness', '10'), undefined);
  });

  it('the cheap first question never rules out a key that needs a module, on any kernel', () => {
    const kernels = ['4.19', '5.15', '6.1', '6.6', '6.12', '6.18', '7.0'].map((text) => {
      const [major, minor] = text.split('.').map(Number);
      return { major, minor, patch: 0 };
    });
    const names = [...allFactNames(), ...allDocumentedKeys().map((spec) => spec.name)];
    // Concrete names of per-interface patterns, too.
    const concrete = names.filter((name) => name.includes('<ifname>')).map((name) => name.replace('<ifname>', 'eth0'));
    let needing = 0;
    for (const name of [...names, ...concrete]) {
      for (const kernel of kernels) {
        if (!moduleOfKey(name, kernel)) continue;
        needing++;
        assert.ok(mayNeedModule(name), `${name} needs a module on ${kernel.major}.${kernel.minor}`);
      }
    }
    assert.ok(needing > 100);
    for (const spec of NAME_VALUES) if (spec.modules) assert.ok(mayNeedModule(spec.key.replace('<n>', '2')), spec.key);
    assert.equal(mayNeedModule('net.ipv4.conf.eth0.rp_filter'), false);
    assert.equal(mayNeedModule('vm.swappiness'), false);
  });
});
