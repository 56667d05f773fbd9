/**
 * A sysctl glob (`*`, `?`, `[...]`, `[!...]`) as a regular expression over dotted key names.
 * `crossDots` lets `*` and `?` match dots too (lenient: "could this pattern mean a known key?");
 * without it they stay inside one component, as the tools' path globbing does.
 */
export function globRegExp(glob: string, crossDots: boolean): RegExp | undefined {
  const any = crossDots ? '.' : '[^.]';
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') source += `${any}*`;
    else if (ch === '?') source += any;
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      source += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else source += ch.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return undefined;
  }
}
