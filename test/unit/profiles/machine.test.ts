import { strict as assert } from 'node:assert';
import type { ConfigEntry, SystemTree } from '../../../server/src/engine';
import { effectiveConfiguration, FLAVORS, fragmentTarget, judgeMachine, missingFragment, parseKernelVersion } from '../../../server/src/engine';

/** A tree from `/dir/name → text`, without touching the disk. */
function treeOf(files: Record<string, string>): SystemTree {
  const directories = new Map<string, ConfigEntry[]>();
  let sysctlConf: ConfigEntry | undefined;
  for (const [path, text] of Object.entries(files)) {
    const slash = path.lastIndexOf('/');
    const entry: ConfigEntry = { name: path.slice(slash + 1), path, kind: 'file', text, realPath: path };
    if (path === '/etc/sysctl.conf') sysctlConf = entry;
    else directories.set(path.slice(0, slash), [...(directories.get(path.slice(0, slash)) ?? []), entry]);
  }
  return { directories, sysctlConf };
}

const kernel = (() => {
  const parsed = parseKernelVersion('6.18');
  if (!parsed.ok) throw new Error('kernel');
  return parsed.value;
})();

describe('profiles on a machine: fragment name and contents', () => {
  it('names the fragment 99-zz-hardening.conf, or after a file that sorts later, and says when it exists', () => {
    const configs = (files: Record<string, string>) => FLAVORS.map((f) => effectiveConfiguration(treeOf(files), f));
    assert.deepEqual(fragmentTarget(configs({ '/usr/lib/sysctl.d/50-default.conf': 'a = 1\n' })), { path: '/etc/sysctl.d/99-zz-hardening.conf', exists: false });
    assert.deepEqual(fragmentTarget(configs({ '/usr/lib/sysctl.d/zz-vendor.conf': 'a = 1\n' })), { path: '/etc/sysctl.d/zz-vendor~hardening.conf', exists: false });
    assert.ok('zz-vendor~hardening.conf' > 'zz-vendor.conf');
    assert.deepEqual(fragmentTarget(configs({ '/etc/sysctl.d/99-zz-hardening.conf': 'a = 1\n' })), { path: '/etc/sysctl.d/99-zz-hardening.conf', exists: true });
  });

  it('writes a value every selected profile accepts, and leaves keys that belong late in boot as comments', () => {
    const tree = treeOf({ '/etc/sysctl.d/10-a.conf': 'kernel.yama.ptrace_scope = 0\nkernel.modules_disabled = 0\n' });
    const configurations = FLAVORS.map((f) => effectiveConfiguration(tree, f));
    const selection = { profiles: ['cis', 'devsec', 'kspp'] as const, roles: [], kernel };
    const verdicts = judgeMachine(configurations, { ...selection, profiles: [...selection.profiles] });
    const fragment = missingFragment(verdicts, configurations, { ...selection, profiles: [...selection.profiles] }, fragmentTarget(configurations));
    // CIS accepts 1 or more, dev-sec 2 or more, KSPP 3: only 3 satisfies all three.
    assert.match(fragment, /^# CIS 1\.5\.2 .*; dev-sec os_hardening sysctl_config; KSPP Recommended Settings \(sysctls\): .*\nkernel\.yama\.ptrace_scope = 3$/m);
    assert.match(fragment, /^# kernel\.modules_disabled: KSPP Recommended Settings \(sysctls\) expects 1; not written here because it must be set after boot/m);
    assert.doesNotMatch(fragment, /^kernel\.modules_disabled =/m);
  });

  it('says when profiles cannot agree (oops_limit: KSPP 1, kernel-hardening-checker 100)', () => {
    const configurations = FLAVORS.map((f) => effectiveConfiguration(treeOf({}), f));
    const selection = { profiles: ['kspp', 'khc'] as ('kspp' | 'khc')[], roles: [], kernel };
    const fragment = missingFragment(judgeMachine(configurations, selection), configurations, selection, fragmentTarget(configurations));
    assert.match(fragment, /^# The profiles disagree \(KSPP wants 1, kernel-hardening-checker wants 100\); this writes the first\.\nkernel\.oops_limit = 1$/m);
  });
});
