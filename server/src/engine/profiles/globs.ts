import { globMatcherOf } from '../parser/globPattern';

/**
 * Whether a sysctl glob (`net.ipv4.conf.*.rp_filter`) covers a canonical key. The tools glob
 * paths, so `*` and `?` do not cross a separator.
 */
export function globMatcher(pattern: string): (key: string) => boolean {
  return globMatcherOf(pattern, false);
}
