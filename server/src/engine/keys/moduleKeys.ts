/**
 * Which loadable module a key or a value needs (from the kernel facts, the curated database and
 * the name-valued keys). Modules that distributions build into the kernel are left out: their keys
 * exist from boot, so there is nothing to order.
 */

import type { KernelVersion } from '../kernelVersion';
import { allDocumentedKeys, findKey } from './database';
import { factModules, keyFacts } from './kernelFacts';
import { findNameValueSpec, NAME_VALUES } from './nameValues';

/**
 * Tristate in Kconfig but built in (=y) by the kernels of Debian, Ubuntu, Fedora, RHEL and Arch:
 * CONFIG_IPV6, CONFIG_TCP_CONG_CUBIC (the default congestion control), CONFIG_UNIX.
 */
const BUILT_IN_ON_DISTRIBUTIONS: ReadonlySet<string> = new Set(['ipv6', 'tcp_cubic', 'unix']);

/**
 * The loadable module that registers the key, if any: the kernel's tables first (the module whose
 * table holds the entry; e.g. nf_conntrack registers the nf_flowtable_* timeouts), then the curated
 * database for keys the tables do not place.
 */
export function moduleOfKey(name: string, kernel: KernelVersion): string | undefined {
  const fromTables = keyFacts(name, kernel)?.fact?.mod;
  const module = fromTables && fromTables !== 'unknown' ? fromTables : findKey(name)?.requires?.module;
  return module && isLoadable(module) ? module : undefined;
}

function isLoadable(module: string): boolean {
  return module !== 'builtin' && module !== 'unknown' && !BUILT_IN_ON_DISTRIBUTIONS.has(module);
}

/**
 * The loadable module that provides a value the key names (nf_log.2 = nf_log_ipv4 needs
 * nf_log_syslog), and whether writing the value loads it (tcp_congestion_control = bbr loads
 * tcp_bbr).
 */
export function moduleOfValue(name: string, value: string): { module: string; loadsOnWrite: boolean } | undefined {
  const spec = findNameValueSpec(name);
  const module = spec?.modules?.[value.trim()];
  return module && !BUILT_IN_ON_DISTRIBUTIONS.has(module) ? { module, loadsOnWrite: spec?.loadsModuleOnWrite !== undefined } : undefined;
}

/** A name's first three components (the whole name when it has fewer). */
function groupOf(name: string): string {
  const first = name.indexOf('.');
  const second = first < 0 ? -1 : name.indexOf('.', first + 1);
  const third = second < 0 ? -1 : name.indexOf('.', second + 1);
  return third < 0 ? name : name.slice(0, third);
}

let moduleGroups: ReadonlySet<string> | undefined;

/** Groups of every key that a module provides, or whose value can name a module, on any kernel the data describes. */
function buildModuleGroups(): ReadonlySet<string> {
  const groups = new Set<string>();
  for (const { name, module } of factModules()) if (isLoadable(module)) groups.add(groupOf(name));
  for (const spec of allDocumentedKeys()) if (spec.requires?.module) groups.add(groupOf(spec.name));
  for (const spec of NAME_VALUES) if (spec.modules) groups.add(groupOf(spec.key));
  return groups;
}

/**
 * Whether a key can need a module at all: some key of its group does. A superset, so a cheap
 * first question before the lookups; nearly every key of a large file (net.ipv4.conf.*, vm.*)
 * is in a group no module provides.
 */
export function mayNeedModule(name: string): boolean {
  moduleGroups ??= buildModuleGroups();
  return moduleGroups.has(groupOf(name));
}
