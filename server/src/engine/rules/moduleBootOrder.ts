import { moduleOfKey, moduleOfValue } from '../keys/moduleKeys';
import { defineRule } from './defineRule';
import { spanToRange } from '../text/position';
import type { RuleContext, SettingRef } from './context';
import { absentOnTarget } from './keyRules';
import type { Finding } from './types';

/**
 * module-boot-order: once per module and file, on the first line whose key only exists once a
 * loadable module is loaded (nf_conntrack, br_netfilter, ip_vs, vrf, ...) or whose value needs a
 * module (tcp_congestion_control = bbr). Lines with the ignore-errors '-' already expect failure.
 */
export function moduleBootOrderFindings(context: RuleContext): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const ref of context.settingsInOrder) {
    if (ref.line.ignoreErrors || ref.via?.kind === 'legacy' || (ref.spec && absentOnTarget(context, ref.spec))) continue;
    const keyModule = moduleOfKey(ref.target, context.kernel);
    const valueModule = keyModule ? undefined : moduleOfValue(ref.target, ref.line.value.text);
    const module = keyModule ?? valueModule;
    if (!module || seen.has(module)) continue;
    seen.add(module);
    findings.push(keyModule ? keyFinding(ref, keyModule) : valueFinding(ref, module));
  }
  return findings;
}

function loadFirst(module: string): string {
  return `Load the module first: put '${module}' in /etc/modules-load.d/${module}.conf (systemd-modules-load runs before systemd-sysctl).`;
}

function keyFinding(ref: SettingRef, module: string): Finding {
  return {
    ruleId: 'module-boot-order',
    severity: 'info',
    range: spanToRange(ref.lineNumber, ref.line.key.span),
    message: `${ref.target} exists only once the ${module} module is loaded, and at boot systemd-sysctl usually runs before that: the line then fails and the kernel default stays. ${loadFirst(module)}`,
  };
}

function valueFinding(ref: SettingRef, module: string): Finding {
  return {
    ruleId: 'module-boot-order',
    severity: 'info',
    range: spanToRange(ref.lineNumber, ref.line.value.span),
    message: `'${ref.line.value.text.trim()}' is provided by the ${module} module. The kernel tries to load it when the value is written, but that fails where module loading is restricted or the module is missing, and the old value stays. ${loadFirst(module)}`,
  };
}

export const moduleBootOrder = defineRule({
  id: 'module-boot-order',
  defaultSeverity: 'info',
  summary: 'Keys of a loadable module need the module loaded before sysctl runs at boot.',
  description:
    'Keys that a loadable module registers (nf_conntrack, br_netfilter, ip_vs, vrf, ...) appear only when the module loads, and values such as tcp_congestion_control = bbr need their module; systemd-sysctl usually runs earlier, so the values are lost. Listing the module in /etc/modules-load.d fixes the order. Former id: conntrack-boot-order.',
  aliases: ['conntrack-boot-order'],
  check: { scope: 'document', run: moduleBootOrderFindings },
});
