/**
 * Which loadable module a key or a value needs (from the kernel facts, the curated database and
 * the name-valued keys). Modules that distributions build into the kernel are left out: their keys
 * exist from boot, so there is nothing to order.
 */

import type { KernelVersion } from '../kernelVersion';
import { findKey } from './database';
import { keyFacts } from './kernelFacts';
import { findNameValueSpec } from './nameValues';

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
  return module && module !== 'builtin' && module !== 'unknown' && !BUILT_IN_ON_DISTRIBUTIONS.has(module) ? module : undefined;
}

/** The loadable module that provides a value the key names (tcp_congestion_control = bbr needs tcp_bbr). */
export function moduleOfValue(name: string, value: string): string | undefined {
  const module = findNameValueSpec(name)?.modules?.[value.trim()];
  return module && !BUILT_IN_ON_DISTRIBUTIONS.has(module) ? module : undefined;
}
