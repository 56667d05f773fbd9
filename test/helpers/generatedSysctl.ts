import { createRandom } from './random';

/** Keys for generated files when the machine's own list is not needed. */
export const SAMPLE_KEYS: readonly string[] = [
  'net.core.somaxconn',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.tcp_rmem',
  'net.ipv4.ip_local_port_range',
  'net.netfilter.nf_conntrack_max',
  'kernel.core_pattern',
  'kernel.domainname',
  'vm.swappiness',
  'net.ipv4.conf.all.rp_filter',
];

/**
 * A seeded sysctl file in the shapes real files and mistakes take: odd spacing, `-` and `--`,
 * both key spellings, comments, blank lines, CRLF, values with `#`, `;`, `=` and inner blanks.
 * `hostile` adds what the tools read differently: lone CR, NUL, vertical tab, form feed, a BOM.
 */
export function generateSysctlFile(keys: readonly string[], seed: number, lineCount: number, options: { hostile?: boolean } = {}): string {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[random.int(items.length)];
  const spaces = ['', ' ', '  ', '\t', ' \t '];
  const values = ['1', '0', '4096', '4096 87380 6291456', '4096\t87380\t6291456', 'foo # not a comment', 'a=b', '"quoted"', '', '-1', '1024    65000', 'x;y', '#'];
  const endings = ['\n', '\n', '\n', '\r\n'];
  const hostile = ['\r', '\0', '\v', '\f', ' \v', '\u00a0'];
  let text = options.hostile && random.int(4) === 0 ? '\uFEFF' : '';
  for (let i = 0; i < lineCount; i++) {
    const key = pick(keys);
    const spelled = random.int(4) === 0 ? key.replace(/\./g, '/') : key;
    switch (random.int(12)) {
      case 0:
        text += pick(['# a comment', '; a comment', '   # indented', '#' + key + ' = 1']);
        break;
      case 1:
        text += pick(['', '   ', '\t']);
        break;
      case 2:
        text += pick(['this line has no equals sign', key]);
        break;
      case 3:
        text += '-' + key; // exclusion: prints nothing
        break;
      case 4:
        text += `${pick(spaces)}-${spelled}${pick(spaces)}=${pick(spaces)}${pick(values)}${pick(spaces)}`;
        break;
      case 5:
        text += `--${key} = ${pick(values)}`;
        break;
      default:
        text += `${pick(spaces)}${spelled}${pick(spaces)}=${pick(spaces)}${pick(values)}${pick(spaces)}`;
    }
    if (options.hostile && random.int(6) === 0) text += pick(hostile) + pick([' ', '', `${key} = 1`]);
    text += i === lineCount - 1 && random.int(2) === 0 ? '' : pick(endings);
  }
  return text;
}
