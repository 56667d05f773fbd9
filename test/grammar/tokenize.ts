/**
 * Loads syntaxes/sysctl.tmLanguage.json with vscode-textmate + vscode-oniguruma
 * (the same engine VS Code uses) and exposes small helpers for scope assertions.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const ROOT = path.resolve(__dirname, '..', '..');
export const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'sysctl.tmLanguage.json');
export const SCOPE_NAME = 'source.sysctl';

export interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

async function loadOnigLib(): Promise<vsctm.IOnigLib> {
  const wasmPath = path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');
  const wasm = fs.readFileSync(wasmPath);
  const buffer = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
  await oniguruma.loadWASM(buffer);
  return {
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  };
}

/** The grammar, loaded once per process (loadWASM may only run once). */
export function loadGrammar(): Promise<vsctm.IGrammar> {
  if (!grammarPromise) {
    const registry = new vsctm.Registry({
      onigLib: loadOnigLib(),
      loadGrammar: async (scopeName: string) => {
        if (scopeName !== SCOPE_NAME) {
          return null;
        }
        return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
      },
    });
    grammarPromise = registry.loadGrammar(SCOPE_NAME).then((g) => {
      if (!g) {
        throw new Error(`grammar ${SCOPE_NAME} could not be loaded`);
      }
      return g;
    });
  }
  return grammarPromise;
}

/** Tokenizes a single line starting from the initial state. */
export async function tokenizeLine(line: string): Promise<Token[]> {
  const grammar = await loadGrammar();
  const result = grammar.tokenizeLine(line, vsctm.INITIAL);
  return result.tokens.map((t) => ({
    text: line.substring(t.startIndex, t.endIndex),
    start: t.startIndex,
    end: Math.min(t.endIndex, line.length),
    scopes: t.scopes,
  }));
}

/** Tokenizes several lines, carrying the rule stack from one line to the next. */
export async function tokenizeLines(lines: string[]): Promise<{ tokens: Token[][]; statesAtRoot: boolean[] }> {
  const grammar = await loadGrammar();
  // The state a line leaves behind when nothing is open: the root rule only.
  const rootState = grammar.tokenizeLine('', vsctm.INITIAL).ruleStack;
  let state = vsctm.INITIAL;
  const tokens: Token[][] = [];
  const statesAtRoot: boolean[] = [];
  for (const line of lines) {
    const result = grammar.tokenizeLine(line, state);
    tokens.push(
      result.tokens.map((t) => ({
        text: line.substring(t.startIndex, t.endIndex),
        start: t.startIndex,
        end: Math.min(t.endIndex, line.length),
        scopes: t.scopes,
      })),
    );
    state = result.ruleStack;
    statesAtRoot.push(state.equals(rootState));
  }
  return { tokens, statesAtRoot };
}

/**
 * Scope stack of the `occurrence`-th (0-based) occurrence of `substring` in the line.
 * Throws unless the substring starts and ends on token boundaries and every token
 * inside it carries the same scope stack, so callers can assert one exact stack.
 */
export function scopesOf(tokens: Token[], line: string, substring: string, occurrence = 0): string[] {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = line.indexOf(substring, index + 1);
    if (index < 0) {
      throw new Error(`"${substring}" (occurrence ${occurrence}) not found in ${JSON.stringify(line)}`);
    }
  }
  const end = index + substring.length;
  const covering = tokens.filter((t) => t.end > index && t.start < end);
  if (covering.length === 0) {
    throw new Error(`no token covers "${substring}" in ${JSON.stringify(line)}`);
  }
  const first = covering[0];
  const last = covering[covering.length - 1];
  if (first.start !== index || last.end !== end) {
    throw new Error(`"${substring}" is not on token boundaries in ${JSON.stringify(line)}: ${describe(covering)}`);
  }
  const stack = first.scopes.join(' ');
  for (const t of covering) {
    if (t.scopes.join(' ') !== stack) {
      throw new Error(`"${substring}" spans tokens with different scopes: ${describe(covering)}`);
    }
  }
  return first.scopes;
}

export function describe(tokens: Token[]): string {
  return tokens.map((t) => `${JSON.stringify(t.text)} [${t.scopes.join(' ')}]`).join(', ');
}
