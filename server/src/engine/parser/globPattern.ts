/**
 * Sysctl globs (`*`, `?`, `[...]`, `[!...]`) over dotted key names, matched without regular
 * expressions: a pattern of many stars (`net.*****.rp_filter`) made the RegExp translation
 * backtrack for minutes on one line. The matcher here keeps one backtrack point, the last star,
 * so a match costs at most pattern length times name length.
 */

type Token = { kind: 'char'; char: string } | { kind: 'one' } | { kind: 'star' } | { kind: 'class'; negated: boolean; ranges: Array<[number, number]> };

/** A matcher for a glob: `crossDots` lets `*`, `?` and classes match dots too (lenient: "could this pattern mean a known key?"); without it they stay inside one component, as the tools' path globbing does. */
export function globMatcherOf(glob: string, crossDots: boolean): (name: string) => boolean {
  if (crossDots) {
    const tokens = tokenize(glob);
    return (name) => matchTokens(tokens, name);
  }
  // Path globbing: a dot (the '/' of the path) is matched only by a dot of the pattern.
  const components = glob.split('.').map(tokenize);
  return (name) => {
    const parts = name.split('.');
    return parts.length === components.length && parts.every((part, i) => matchTokens(components[i], part));
  };
}

/**
 * A glob for a search over sorted names, from one reading of it: its crossDots matcher, and the
 * literal text every name it matches starts and ends with (the characters before its first
 * wildcard, and those after its last one; '' when it has none). Only the range of names that start
 * with `prefix` needs trying.
 */
export function globSearch(glob: string): { prefix: string; suffix: string; matches: (name: string) => boolean } {
  const tokens = tokenize(glob);
  const matches = (name: string) => matchTokens(tokens, name);
  let first = 0;
  while (first < tokens.length && tokens[first].kind === 'char') first++;
  if (first === tokens.length) return { prefix: glob, suffix: '', matches };
  let last = tokens.length;
  while (tokens[last - 1].kind === 'char') last--;
  const text = (from: number, to: number) =>
    tokens
      .slice(from, to)
      .map((token) => (token.kind === 'char' ? token.char : ''))
      .join('');
  return { prefix: text(0, first), suffix: text(last, tokens.length), matches };
}

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' }); // `**` is `*`
    } else if (ch === '?') tokens.push({ kind: 'one' });
    else if (ch === '[' && glob.indexOf(']', i + 2) >= 0) {
      // As in fnmatch: a ']' right after '[' or '[!' is a member, not the end.
      const close = glob.indexOf(']', i + 2);
      let body = glob.slice(i + 1, close);
      const negated = body.startsWith('!');
      if (negated) body = body.slice(1);
      const ranges: Array<[number, number]> = [];
      for (let j = 0; j < body.length; j++) {
        const from = body.charCodeAt(j);
        if (body[j + 1] === '-' && j + 2 < body.length) {
          ranges.push([from, body.charCodeAt(j + 2)]);
          j += 2;
        } else ranges.push([from, from]);
      }
      tokens.push({ kind: 'class', negated, ranges });
      i = close;
    } else tokens.push({ kind: 'char', char: ch });
  }
  return tokens;
}

function matchesOne(token: Token, code: number, char: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.char === char;
    case 'one':
      return true;
    case 'class':
      return token.ranges.some(([from, to]) => code >= from && code <= to) !== token.negated;
    case 'star':
      return false;
  }
}

/** Whether the tokens match all of `text`; after a mismatch, the last star takes one character more. */
function matchTokens(tokens: readonly Token[], text: string): boolean {
  let t = 0;
  let p = 0;
  let starAt = -1;
  let starText = 0;
  while (t < text.length) {
    const token = tokens[p];
    if (token?.kind === 'star') {
      starAt = p++;
      starText = t;
    } else if (token !== undefined && matchesOne(token, text.charCodeAt(t), text[t])) {
      p++;
      t++;
    } else if (starAt >= 0) {
      p = starAt + 1;
      t = ++starText;
    } else return false;
  }
  while (tokens[p]?.kind === 'star') p++;
  return p === tokens.length;
}
