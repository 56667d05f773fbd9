import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { readModulesLoadedFirst, withMachineModules } from '../../../server/src/host/modulesLoadedFirst';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';
import { buildTree, link } from '../../helpers/systemTree';
import { useTempDir } from '../../helpers/tempDir';

describe('modules a machine tree loads before systemd-sysctl', () => {
  const dir = useTempDir('sysctl-modules');

  it('reads modules-load.d with its precedence and masks, and the udev rules that apply sysctl keys on load', () => {
    const root = buildTree(join(dir(), 'root'), {
      '/etc/modules-load.d/k8s.conf': '# for kubernetes\noverlay\nbr_netfilter\n; ip_vs\n\n',
      '/usr/lib/modules-load.d/vendor.conf': 'nf-conntrack\n',
      '/usr/lib/modules-load.d/masked.conf': 'vrf\n',
      '/etc/modules-load.d/masked.conf': link('/dev/null'),
      '/usr/lib/modules-load.d/emptied.conf': 'ip_vs\n',
      '/etc/modules-load.d/emptied.conf': '',
      '/etc/udev/rules.d/99-bridge.rules': 'ACTION=="add", SUBSYSTEM=="module", KERNEL=="bridge", RUN+="/usr/lib/systemd/systemd-sysctl --prefix=/net/bridge"\n',
      '/etc/udev/rules.d/98-other.rules': 'ACTION=="add", SUBSYSTEM=="net", KERNEL=="eth0", RUN+="/bin/true"\n',
    });
    assert.deepEqual(readModulesLoadedFirst(root), ['br_netfilter', 'bridge', 'nf_conntrack', 'overlay']);
  });

  it("reads OpenWrt's module lists, which its boot loads before it applies sysctl files", () => {
    const root = buildTree(join(dir(), 'openwrt'), {
      '/etc/modules.d/nf-conntrack': 'nf_conntrack\n',
      '/etc/modules.d/ipt-offload': 'xt_FLOWOFFLOAD hashsize=4096\n',
      '/etc/modules-boot.d/02-crypto-hash': 'crypto_hash\n',
      '/etc/sysctl.conf': 'net.netfilter.nf_conntrack_acct=1\n',
    });
    assert.deepEqual(readModulesLoadedFirst(root), ['crypto_hash', 'nf_conntrack', 'xt_FLOWOFFLOAD']);
  });

  it('gives a file of a tree its modules, and leaves a file in no tree as it is', () => {
    const root = buildTree(join(dir(), 'image'), { '/etc/modules-load.d/k8s.conf': 'br_netfilter\n', '/etc/sysctl.d/k8s.conf': 'net.bridge.bridge-nf-call-iptables = 1\n' });
    const cache = new Map<string, readonly string[]>();
    assert.deepEqual(withMachineModules(DEFAULT_SETTINGS, join(root, 'etc/sysctl.d/k8s.conf'), cache).modulesLoadedFirst, ['br_netfilter']);
    assert.equal(withMachineModules(DEFAULT_SETTINGS, join(dir(), 'notes/k8s.conf'), cache), DEFAULT_SETTINGS);
    assert.equal(withMachineModules(DEFAULT_SETTINGS, undefined, cache), DEFAULT_SETTINGS);
  });
});
