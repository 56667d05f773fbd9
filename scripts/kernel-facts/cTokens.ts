/**
 * A small C tokenizer and macro expander, enough to read sysctl tables: comments and
 * preprocessor lines are dropped from the token stream (#define bodies are kept as macros),
 * conditionals are ignored (every branch is read), and macros defined in the same file are
 * expanded with `#` and `##`. Each token keeps the line it came from; tokens produced by a macro
 * carry the line of the macro's use, so locations point at the table entry.
 */

export type TokenKind = 'ident' | 'number' | 'string' | 'char' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
}

export interface Macro {
  readonly name: string;
  /** Parameter names; undefined for an object-like macro. */
  readonly params?: readonly string[];
  readonly variadic?: boolean;
  readonly body: readonly Token[];
  readonly line: number;
}

export interface CFile {
  readonly tokens: readonly Token[];
  /** Every definition of each macro name, in file order (conditional branches may define one twice). */
  readonly macros: ReadonlyMap<string, readonly Macro[]>;
}

const PUNCTUATORS = ['...', '<<=', '>>=', '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '##'];

function isIdentStart(ch: string): boolean {
  return /[A-Za-z_]/.test(ch);
}

function isIdentPart(ch: string): boolean {
  return /[A-Za-z0-9_]/.test(ch);
}

/** Tokens of a stretch of C without preprocessor lines. */
function lex(text: string, firstLine: number): Token[] {
  const tokens: Token[] = [];
  let line = firstLine;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\\') {
      i++;
    } else if (isIdentStart(ch)) {
      let j = i + 1;
      while (j < text.length && isIdentPart(text[j])) j++;
      tokens.push({ kind: 'ident', text: text.slice(i, j), line });
      i = j;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_.]/.test(text[j])) j++;
      tokens.push({ kind: 'number', text: text.slice(i, j), line });
      i = j;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      tokens.push({ kind: ch === '"' ? 'string' : 'char', text: text.slice(i, j + 1), line });
      i = j + 1;
    } else {
      const punct = PUNCTUATORS.find((p) => text.startsWith(p, i)) ?? ch;
      tokens.push({ kind: 'punct', text: punct, line });
      i += punct.length;
    }
  }
  return tokens;
}

/** Comments replaced by spaces (newlines kept, so line numbers stay right). */
function stripComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (ch === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== ch && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function parseDefine(directive: string, line: number): Macro | undefined {
  const match = /^\s*#\s*define\s+([A-Za-z_]\w*)(\([^)]*\))?/.exec(directive);
  if (!match) return undefined;
  const bodyText = directive.slice(match[0].length);
  const body = lex(bodyText.replace(/\\\n/g, ' \n'), line).map((t) => ({ ...t, line }));
  if (!match[2]) return { name: match[1], body, line };
  const rawParams = match[2]
    .slice(1, -1)
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const variadic = rawParams.length > 0 && rawParams[rawParams.length - 1].endsWith('...');
  const params = rawParams.map((p) => (p === '...' ? '__VA_ARGS__' : p.replace(/\.\.\.$/, '')));
  return { name: match[1], params, variadic, body, line };
}

/** Tokens and macros of one C source file (macros are not yet expanded). */
export function readCFile(source: string): CFile {
  const text = stripComments(source);
  const lines = text.split('\n');
  const macros = new Map<string, Macro[]>();
  const tokens: Token[] = [];
  let chunk: string[] = [];
  let chunkStart = 1;
  const flush = (nextLine: number) => {
    if (chunk.length > 0) for (const token of lex(chunk.join('\n'), chunkStart)) tokens.push(token);
    chunk = [];
    chunkStart = nextLine;
  };
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*#/.test(lines[i])) {
      flush(i + 1);
      const start = i;
      let directive = lines[i];
      while (directive.endsWith('\\') && i + 1 < lines.length) directive += '\n' + lines[++i];
      const macro = parseDefine(directive, start + 1);
      if (macro) macros.set(macro.name, [...(macros.get(macro.name) ?? []), macro]);
      chunkStart = i + 2;
      continue;
    }
    if (chunk.length === 0) chunkStart = i + 1;
    chunk.push(lines[i]);
  }
  flush(lines.length + 1);
  return { tokens, macros };
}

/** Splits the tokens between a `(` at `open` and its `)` into top-level comma-separated arguments. */
export function splitArguments(tokens: readonly Token[], open: number): { args: Token[][]; close: number } | undefined {
  const args: Token[][] = [[]];
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i].text;
    if (t === '(' || t === '{' || t === '[') {
      if (depth++ > 0) args[args.length - 1].push(tokens[i]);
    } else if (t === ')' || t === '}' || t === ']') {
      if (--depth === 0) return { args: args.length === 1 && args[0].length === 0 ? [] : args, close: i };
      args[args.length - 1].push(tokens[i]);
    } else if (t === ',' && depth === 1) {
      args.push([]);
    } else {
      args[args.length - 1].push(tokens[i]);
    }
  }
  return undefined;
}

function stringify(tokens: readonly Token[], line: number): Token {
  const text = tokens.map((t) => t.text).join(' ');
  return { kind: 'string', text: JSON.stringify(text), line };
}

function paste(left: Token, right: Token): Token {
  const text = left.text + right.text;
  return { kind: /^[A-Za-z_]\w*$/.test(text) ? 'ident' : left.kind, text, line: left.line };
}

/** The macro's body with arguments substituted, `#` and `##` applied; lines set to `line`. */
function substitute(macro: Macro, args: readonly Token[][], line: number, expand: (tokens: readonly Token[]) => Token[]): Token[] {
  const params = macro.params ?? [];
  const argFor = (name: string): Token[] | undefined => {
    const index = params.indexOf(name);
    if (index < 0) return undefined;
    if (name === '__VA_ARGS__' || (macro.variadic && index === params.length - 1)) {
      return args.slice(index).flatMap((arg, i) => (i === 0 ? arg : [{ kind: 'punct' as const, text: ',', line }, ...arg]));
    }
    return args[index] ?? [];
  };
  const out: Token[] = [];
  const body = macro.body;
  for (let i = 0; i < body.length; i++) {
    const token = body[i];
    if (token.text === '#' && i + 1 < body.length && argFor(body[i + 1].text)) {
      out.push(stringify(argFor(body[++i].text)!, line));
      continue;
    }
    if (token.text === '##' && out.length > 0 && i + 1 < body.length) {
      const next = body[++i];
      const nextArg = argFor(next.text);
      const right = nextArg ? nextArg : [{ ...next, line }];
      const left = out.pop()!;
      if (right.length === 0) out.push(left);
      else out.push(paste(left, right[0]), ...right.slice(1).map((t) => ({ ...t, line })));
      continue;
    }
    const arg = argFor(token.text);
    const pastedNext = body[i + 1]?.text === '##';
    if (arg) out.push(...(pastedNext ? arg : expand(arg)).map((t) => ({ ...t, line })));
    else out.push({ ...token, line });
  }
  return out;
}

/**
 * Expands macros of `file` (its first definition) in `tokens`; a macro is not re-expanded inside
 * its own expansion. `skip` names macros to leave alone.
 */
export function expandMacros(tokens: readonly Token[], macros: ReadonlyMap<string, readonly Macro[]>, hidden: ReadonlySet<string> = new Set(), depth = 0): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const macro = token.kind === 'ident' && !hidden.has(token.text) ? macros.get(token.text)?.[0] : undefined;
    if (!macro || depth > 30) {
      out.push(token);
      continue;
    }
    const inner = new Set(hidden).add(macro.name);
    const expandInner = (ts: readonly Token[]) => expandMacros(ts, macros, hidden, depth + 1);
    if (!macro.params) {
      for (const t of expandMacros(substitute(macro, [], token.line, expandInner), macros, inner, depth + 1)) out.push(t);
      continue;
    }
    if (tokens[i + 1]?.text !== '(') {
      out.push(token);
      continue;
    }
    const split = splitArguments(tokens, i + 1);
    if (!split) {
      out.push(token);
      continue;
    }
    // Tokens after the call may complete a macro the expansion ends with; rare in tables, not handled.
    for (const t of expandMacros(substitute(macro, split.args, token.line, expandInner), macros, inner, depth + 1)) out.push(t);
    i = split.close;
  }
  return out;
}

/** Adjacent string literals joined, quotes removed; undefined when the tokens are not only strings. */
export function stringValue(tokens: readonly Token[]): string | undefined {
  if (tokens.length === 0 || tokens.some((t) => t.kind !== 'string')) return undefined;
  return tokens.map((t) => JSON.parse(t.text.replace(/\\([^"\\nt])/g, '$1')) as string).join('');
}
