import { globRegExp } from '../parser/globPattern';

/**
 * Whether a sysctl glob (`net.ipv4.conf.*.rp_filter`) covers a canonical key. The tools glob
 * paths, so `*` and `?` do not cross a separator. A pattern that is not valid matches nothing.
 */
export function globMatcher(pattern: string): (key: string) => boolean {
  const regex = globRegExp(pattern, false);
  return (key) => regex?.test(key) ?? false;
}
