/**
 * Evaluates the integer constant expressions that sysctl bounds are written with: numbers,
 * macros (from the same file, then from the tree's include/ headers), static variables of the same
 * file, `sizeof` of basic types, casts, arithmetic, shifts, comparisons and `?:`. Anything that
 * depends on configuration or on run time evaluates to undefined ("unknown"), never to a guess.
 * Sizes are those of x86_64 (the architecture of the reference machine).
 */

import type { Macro, Token } from './cTokens';
import { readCFile } from './cTokens';

const TWO_31 = 2n ** 31n;

/** Limits from include/linux/limits.h and friends, and the few arch facts of x86_64. */
export const FIXED_CONSTANTS: Readonly<Record<string, bigint>> = {
  INT_MAX: TWO_31 - 1n,
  INT_MIN: -TWO_31,
  UINT_MAX: 2n ** 32n - 1n,
  LONG_MAX: 2n ** 63n - 1n,
  LONG_MIN: -(2n ** 63n),
  ULONG_MAX: 2n ** 64n - 1n,
  LLONG_MAX: 2n ** 63n - 1n,
  ULLONG_MAX: 2n ** 64n - 1n,
  SHRT_MAX: 32767n,
  USHRT_MAX: 65535n,
  U8_MAX: 255n,
  S8_MAX: 127n,
  U16_MAX: 65535n,
  S16_MAX: 32767n,
  U32_MAX: 2n ** 32n - 1n,
  S32_MAX: TWO_31 - 1n,
  U64_MAX: 2n ** 64n - 1n,
  S64_MAX: 2n ** 63n - 1n,
  BITS_PER_LONG: 64n,
  BITS_PER_BYTE: 8n,
  PAGE_SHIFT: 12n,
  PAGE_SIZE: 4096n,
  // Debian's configurations (amd64) set CONFIG_BASE_SMALL off.
  CONFIG_BASE_SMALL: 0n,
  NULL: 0n,
  true: 1n,
  false: 0n,
};

/** The shared sysctl_vals[] / sysctl_long_vals[] bounds (include/linux/sysctl.h, kernel/sysctl.c; same in 6.1 and 6.12). */
export const SYSCTL_VALS: Readonly<Record<string, bigint>> = {
  SYSCTL_ZERO: 0n,
  SYSCTL_ONE: 1n,
  SYSCTL_TWO: 2n,
  SYSCTL_THREE: 3n,
  SYSCTL_FOUR: 4n,
  SYSCTL_ONE_HUNDRED: 100n,
  SYSCTL_TWO_HUNDRED: 200n,
  SYSCTL_ONE_THOUSAND: 1000n,
  SYSCTL_THREE_THOUSAND: 3000n,
  SYSCTL_INT_MAX: TWO_31 - 1n,
  SYSCTL_MAXOLDUID: 65535n,
  SYSCTL_NEG_ONE: -1n,
  SYSCTL_LONG_ZERO: 0n,
  SYSCTL_LONG_ONE: 1n,
  SYSCTL_LONG_MAX: 2n ** 63n - 1n,
};

const TYPE_SIZES: Readonly<Record<string, bigint>> = {
  char: 1n,
  u8: 1n,
  s8: 1n,
  bool: 1n,
  short: 2n,
  u16: 2n,
  s16: 2n,
  int: 4n,
  u32: 4n,
  s32: 4n,
  unsigned: 4n,
  long: 8n,
  u64: 8n,
  s64: 8n,
  size_t: 8n,
  'unsigned int': 4n,
  'unsigned long': 8n,
  'unsigned char': 1n,
  'unsigned short': 2n,
  'long long': 8n,
  'unsigned long long': 8n,
  atomic_t: 4n,
  atomic_long_t: 8n,
};

const TYPE_WORDS = new Set([
  'unsigned',
  'signed',
  'int',
  'long',
  'short',
  'char',
  'const',
  'u8',
  'u16',
  'u32',
  'u64',
  's8',
  's16',
  's32',
  's64',
  'bool',
  'size_t',
  'void',
  '__u32',
  '__u64',
]);

/** Object-like `#define NAME value` lines of every header under include/ (not arch/). */
export type HeaderDefines = ReadonlyMap<string, readonly string[]>;

export function readHeaderDefines(files: Iterable<{ path: string; text: string }>): HeaderDefines {
  const defines = new Map<string, string[]>();
  for (const file of files) {
    const text = file.text.replace(/\\\n/g, ' ');
    for (const match of text.matchAll(/^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+([^\n\\]*?)[ \t]*(?:\/\*.*)?$/gm)) {
      const list = defines.get(match[1]);
      if (list) {
        if (!list.includes(match[2])) list.push(match[2]);
      } else defines.set(match[1], [match[2]]);
    }
  }
  return defines;
}

export interface Scope {
  readonly macros: ReadonlyMap<string, readonly Macro[]>;
  readonly headers: HeaderDefines;
  /** Static/global variables whose initialiser is a constant: name → initialiser tokens; null when assigned at run time. */
  readonly variables: ReadonlyMap<string, readonly Token[] | null>;
  /** Array variables: name → element initialiser token lists. */
  readonly arrays?: ReadonlyMap<string, readonly (readonly Token[])[]>;
  /** Non-static variables of other files (see readGlobalVariables); null when ambiguous or assigned at run time. */
  readonly globals?: ReadonlyMap<string, readonly Token[] | null>;
}

/**
 * `int name = expr;` definitions at the start of a line in any .c file, for bounds that point at a
 * variable of another file. A name defined twice, or assigned again in its file, is null.
 */
export function readGlobalVariables(out: Map<string, readonly Token[] | null>, text: string): void {
  for (const match of text.matchAll(/^(?:const\s+)?(?:unsigned\s+)?(?:int|long|unsigned|u32|u64)\s+([A-Za-z_]\w*)(?:\s+__\w+)*\s*=\s*([^;{]+);/gm)) {
    const name = match[1];
    const assignedAgain = (text.match(new RegExp(`\\b${name}\\s*(?:=[^=]|[-+*/|&]=)`, 'g')) ?? []).length > 1;
    out.set(name, out.has(name) || assignedAgain ? null : readCFile(match[2]).tokens);
  }
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly scope: Scope,
    private readonly depth: number,
  ) {}

  parse(): bigint | undefined {
    const value = this.ternary();
    return this.i === this.tokens.length ? value : undefined;
  }

  private peek(): string | undefined {
    return this.tokens[this.i]?.text;
  }

  private ternary(): bigint | undefined {
    const condition = this.binary(0);
    if (this.peek() !== '?') return condition;
    this.i++;
    const whenTrue = this.ternary();
    if (this.peek() !== ':') return undefined;
    this.i++;
    const whenFalse = this.ternary();
    if (condition === undefined) return undefined;
    return condition !== 0n ? whenTrue : whenFalse;
  }

  private static readonly LEVELS: readonly (readonly string[])[] = [
    ['||'],
    ['&&'],
    ['|'],
    ['^'],
    ['&'],
    ['==', '!='],
    ['<', '>', '<=', '>='],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '%'],
  ];

  private binary(level: number): bigint | undefined {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    while (this.peek() !== undefined && Parser.LEVELS[level].includes(this.peek()!)) {
      const op = this.tokens[this.i++].text;
      const right = this.binary(level + 1);
      if (left === undefined || right === undefined) {
        left = undefined;
        continue;
      }
      left = apply(op, left, right);
    }
    return left;
  }

  private unary(): bigint | undefined {
    const t = this.peek();
    if (t === '-' || t === '~' || t === '!' || t === '+') {
      this.i++;
      const value = this.unary();
      if (value === undefined) return undefined;
      return t === '-' ? -value : t === '~' ? ~value : t === '!' ? (value === 0n ? 1n : 0n) : value;
    }
    if (t === '(') {
      // A cast: `(unsigned long)x` — skip the type words.
      let j = this.i + 1;
      while (this.tokens[j] && (TYPE_WORDS.has(this.tokens[j].text) || this.tokens[j].text === '*')) j++;
      if (j > this.i + 1 && this.tokens[j]?.text === ')') {
        this.i = j + 1;
        return this.unary();
      }
      this.i++;
      const value = this.ternary();
      if (this.peek() !== ')') return undefined;
      this.i++;
      return value;
    }
    return this.primary();
  }

  private primary(): bigint | undefined {
    const token = this.tokens[this.i++];
    if (!token) return undefined;
    if (token.kind === 'number') return parseCNumber(token.text);
    if (token.kind === 'char' && token.text.length === 3) return BigInt(token.text.charCodeAt(1));
    if (token.kind !== 'ident') return undefined;
    if (token.text === 'sizeof') return this.sizeOf();
    if (this.peek() === '(') {
      // Function-like: only a few pure helpers are understood.
      return this.call(token.text);
    }
    return resolveName(token.text, this.scope, this.depth);
  }

  private sizeOf(): bigint | undefined {
    if (this.peek() !== '(') return undefined;
    let j = this.i + 1;
    const words: string[] = [];
    while (this.tokens[j] && this.tokens[j].text !== ')') words.push(this.tokens[j++].text);
    this.i = j + 1;
    const type = words.filter((w) => w !== 'const' && w !== 'signed').join(' ');
    return TYPE_SIZES[type];
  }

  private call(name: string): bigint | undefined {
    const open = this.i;
    let depth = 0;
    let close = open;
    for (; close < this.tokens.length; close++) {
      if (this.tokens[close].text === '(') depth++;
      if (this.tokens[close].text === ')' && --depth === 0) break;
    }
    this.i = close + 1;
    const inner = this.tokens.slice(open + 1, close);
    if (name === 'BIT') {
      const n = evaluate(inner, this.scope, this.depth + 1);
      return n === undefined ? undefined : 1n << n;
    }
    // Rounds up to whole ticks: 0 and 1 ms are 0 and 1 tick at every HZ up to 1000.
    if (name === 'msecs_to_jiffies') {
      const ms = evaluate(inner, this.scope, this.depth + 1);
      return ms === 0n || ms === 1n ? ms : undefined;
    }
    if (name === 'IS_ENABLED' && inner.length === 1 && inner[0].text in FIXED_CONSTANTS) return FIXED_CONSTANTS[inner[0].text] === 0n ? 0n : 1n;
    return undefined;
  }
}

function apply(op: string, a: bigint, b: bigint): bigint | undefined {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0n ? undefined : a / b;
    case '%':
      return b === 0n ? undefined : a % b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '&&':
      return a !== 0n && b !== 0n ? 1n : 0n;
    case '||':
      return a !== 0n || b !== 0n ? 1n : 0n;
    case '==':
      return a === b ? 1n : 0n;
    case '!=':
      return a !== b ? 1n : 0n;
    case '<':
      return a < b ? 1n : 0n;
    case '>':
      return a > b ? 1n : 0n;
    case '<=':
      return a <= b ? 1n : 0n;
    case '>=':
      return a >= b ? 1n : 0n;
  }
  return undefined;
}

export function parseCNumber(text: string): bigint | undefined {
  const body = text.replace(/[uUlL]+$/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) return BigInt(body);
  if (/^0[0-7]+$/.test(body)) return BigInt('0o' + body.slice(1));
  if (/^[0-9]+$/.test(body)) return BigInt(body);
  return undefined;
}

function resolveName(name: string, scope: Scope, depth: number): bigint | undefined {
  if (depth > 20) return undefined;
  if (name in FIXED_CONSTANTS) return FIXED_CONSTANTS[name];
  // Configuration values depend on the build; a header that defines one is a stub, not the truth.
  if (name.startsWith('CONFIG_')) return undefined;
  const local = scope.macros.get(name);
  if (local) {
    const values = new Set(local.map((m) => (m.params ? undefined : evaluate(m.body, scope, depth + 1))));
    return values.size === 1 ? [...values][0] : undefined;
  }
  const header = scope.headers.get(name);
  if (header) {
    const values = new Set(header.map((text) => evaluate(readCFile(text).tokens, scope, depth + 1)));
    return values.size === 1 ? [...values][0] : undefined;
  }
  const variable = scope.variables.get(name);
  if (variable) return evaluate(variable, scope, depth + 1);
  return undefined;
}

/** The value of a constant expression, or undefined when it is not a known constant. */
export function evaluate(tokens: readonly Token[], scope: Scope, depth = 0): bigint | undefined {
  if (tokens.length === 0 || depth > 20) return undefined;
  return new Parser(tokens, scope, depth).parse();
}

/**
 * The number an `extra1`/`extra2` pointer points at: `SYSCTL_*`, `&variable`, `&array[i]`,
 * optionally cast. Undefined when it cannot be resolved.
 */
export function resolvePointer(tokens: readonly Token[], scope: Scope): bigint | undefined {
  let ts = tokens.filter((t) => t.text !== '(' && t.text !== ')' && !TYPE_WORDS.has(t.text) && t.text !== '*');
  if (ts.length === 1 && ts[0].text in SYSCTL_VALS) return SYSCTL_VALS[ts[0].text];
  if (ts[0]?.text !== '&') return undefined;
  ts = ts.slice(1);
  if (ts.length === 1 && ts[0].kind === 'ident') {
    const name = ts[0].text;
    const variable = scope.variables.has(name) ? scope.variables.get(name) : scope.globals?.get(name);
    return variable ? evaluate(variable, scope) : undefined;
  }
  if (ts.length === 4 && ts[1].text === '[' && ts[3].text === ']') {
    const index = evaluate([ts[2]], scope);
    const elements = scope.arrays?.get(ts[0].text);
    if (index === undefined || !elements || index >= BigInt(elements.length)) return undefined;
    return evaluate(elements[Number(index)], scope);
  }
  return undefined;
}
