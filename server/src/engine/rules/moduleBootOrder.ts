import { moduleOfKey, moduleOfValue } from '../keys/moduleKeys';
import { VENDOR_KEYS } from '../keys/keyHistory';
import { defineRule } from './defineRule';
import { spanToRange } from '../text/position';
import type { RuleContext, SettingRef } from './context';
import { specOf, viaOf } from './context';
import { absentOnTarget } from './keyRules';
import type { Finding } from './types';

/** The loadable modules a setting needs, for the kernel it was worked out for. */
interface ModulesNeeded {
  kernel: string;
  keyModule: string | undefined;
  valueModule: { module: string; loadsOnWrite: boolean } | undefined;
}

/**
 * What moduleNeeded worked out per setting: the index keeps a line's SettingRef across edits, so
 * each one is worked out once per target kernel. Only the few settings in a group with module
 * keys are asked (the index keeps them), so this is not one entry per line of a large file.
 */
const modulesOf = new WeakMap<SettingRef, ModulesNeeded>();

/** The module a setting asks to be loaded first. */
function moduleNeeded(ref: SettingRef, context: RuleContext, kernel: string): ModulesNeeded {
  const known = modulesOf.get(ref);
  if (known !== undefined && known.kernel === kernel) return known;
  // Lines with the ignore-errors '-' already expect failure; legacy names and keys absent on the target fail anyway.
  const spec = specOf(ref);
  const skipped = ref.line.ignoreErrors || viaOf(ref)?.kind === 'legacy' || (spec !== undefined && absentOnTarget(context, spec));
  const keyModule = skipped ? undefined : moduleOfKey(ref.target, context.kernel);
  const valueModule = skipped || keyModule ? undefined : moduleOfValue(ref.target, ref.line.value.text);
  const needed = keyModule === undefined && valueModule === undefined ? noModule(kernel) : { kernel, keyModule, valueModule };
  modulesOf.set(ref, needed);
  return needed;
}

/**
 * The target kernel as one string object per version: each setting's memo is checked against it
 * on every edit, and the same object compares by pointer, not character by character.
 */
const KERNEL_KEYS = new Map<string, string>();
function kernelKey(context: RuleContext): string {
  const text = `${context.kernel.major}.${context.kernel.minor}.${context.kernel.patch}`;
  let key = KERNEL_KEYS.get(text);
  if (key === undefined) KERNEL_KEYS.set(text, (key = text));
  return key;
}

/** The answer of nearly every setting, one object per kernel rather than one per line. */
const NO_MODULE = new Map<string, ModulesNeeded>();
function noModule(kernel: string): ModulesNeeded {
  let none = NO_MODULE.get(kernel);
  if (!none) NO_MODULE.set(kernel, (none = Object.freeze({ kernel, keyModule: undefined, valueModule: undefined })));
  return none;
}

const OPENWRT_KEYS = VENDOR_KEYS.filter((key) => key.openWrt).map((key) => key.name);

/**
 * module-boot-order: once per module and file, on the first line whose key only exists once a
 * loadable module is loaded (nf_conntrack, br_netfilter, ip_vs, vrf, ...) or whose value needs a
 * module the write does not load (nf_log.2 = nf_log_ipv4; tcp_congestion_control = bbr only after
 * kernel.modules_disabled = 1).
 */
export function moduleBootOrderFindings(context: RuleContext): Finding[] {
  // A file for OpenWrt (it sets keys only OpenWrt kernels have): OpenWrt loads its modules before sysctl runs.
  if (OPENWRT_KEYS.some((key) => context.byTarget.last(key))) return [];
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const kernel = kernelKey(context);
  let modulesDisabled: SettingRef | null | undefined;
  for (const ref of context.moduleCandidates) {
    const { keyModule, valueModule } = moduleNeeded(ref, context, kernel);
    const module = keyModule ?? valueModule?.module;
    if (module === undefined || seen.has(module) || context.settings.modulesLoadedFirst?.includes(module)) continue;
    let finding: Finding | undefined;
    if (keyModule) finding = keyFinding(ref, keyModule);
    else if (!valueModule?.loadsOnWrite) finding = valueFinding(ref, module);
    else {
      // The write loads the module itself, unless the file has turned module loading off before it.
      if (modulesDisabled === undefined) modulesDisabled = modulesDisabledBy(context) ?? null;
      if (modulesDisabled && modulesDisabled.lineNumber < ref.lineNumber) finding = valueAfterModulesDisabled(ref, module, modulesDisabled);
    }
    if (!finding) continue;
    seen.add(module);
    findings.push(finding);
  }
  return findings;
}

/** The first setting of kernel.modules_disabled = 1 (the kernel accepts only 1, and only once). */
function modulesDisabledBy(context: RuleContext): SettingRef | undefined {
  return context.byTarget.get('kernel.modules_disabled')?.find((ref) => ref.line.value.text.trim() === '1');
}

function loadFirst(module: string): string {
  return `Load the module first: on systemd, put '${module}' in /etc/modules-load.d/${module}.conf (systemd-modules-load runs before systemd-sysctl).`;
}

function keyFinding(ref: SettingRef, module: string): Finding {
  return {
    ruleId: 'module-boot-order',
    severity: 'info',
    range: spanToRange(ref.lineNumber, ref.line.key.span),
    message: `${ref.line.key.text} exists only once the ${module} module is loaded, and sysctl files are applied early at boot (systemd-sysctl usually runs before anything loads it): the line then fails and the kernel default stays. ${loadFirst(module)}${module === 'br_netfilter' ? BRIDGE_UDEV : ''}`,
  };
}

/**
 * sysctl.d(5)'s way for the bridge keys, which also suits a file that switches the filtering off
 * (loading the module only to set 0 is what the admin wanted to avoid).
 */
const BRIDGE_UDEV =
  ' Or apply the bridge settings whenever the module loads, as sysctl.d(5) shows: a udev rule ACTION=="add", SUBSYSTEM=="module", KERNEL=="br_netfilter", RUN+="/usr/lib/systemd/systemd-sysctl --prefix=/net/bridge".';

function valueFinding(ref: SettingRef, module: string): Finding {
  return {
    ruleId: 'module-boot-order',
    severity: 'info',
    range: spanToRange(ref.lineNumber, ref.line.value.span),
    message: `'${ref.line.value.text.trim()}' is provided by the ${module} module, and writing it does not load the module: until the module is loaded the line fails and the old value stays. ${loadFirst(module)}`,
  };
}

function valueAfterModulesDisabled(ref: SettingRef, module: string, disabledBy: SettingRef): Finding {
  return {
    ruleId: 'module-boot-order',
    severity: 'info',
    range: spanToRange(ref.lineNumber, ref.line.value.span),
    message: `'${ref.line.value.text.trim()}' is provided by the ${module} module, which the kernel loads when the value is written, but kernel.modules_disabled = 1 on line ${disabledBy.lineNumber + 1} has turned module loading off by then: the line fails and the old value stays. ${loadFirst(module)}`,
  };
}

export const moduleBootOrder = defineRule({
  id: 'module-boot-order',
  defaultSeverity: 'info',
  summary: 'Keys of a loadable module need the module loaded before sysctl runs at boot.',
  description:
    'Keys that a loadable module registers (nf_conntrack, br_netfilter, ip_vs, vrf, ...) appear only when the module loads, and some values need their module (a netfilter logger); systemd-sysctl usually runs earlier, so the values are lost. A congestion control such as bbr is loaded when written, unless kernel.modules_disabled = 1 came first. Listing the module in /etc/modules-load.d fixes the order. Former id: conntrack-boot-order.',
  aliases: ['conntrack-boot-order'],
  check: { scope: 'document', run: moduleBootOrderFindings },
});
