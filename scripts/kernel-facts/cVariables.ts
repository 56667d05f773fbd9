/**
 * File-scope variables with constant initialisers (`static int max_x = 100;`,
 * `static const unsigned long y[] = { 1, 2 };`), the usual targets of `.extra1 = &max_x`.
 * A variable that a function body assigns is marked null: its bound is set at run time.
 */

import type { Token } from './cTokens';
import { functionBodies } from './cTables';

export interface FileVariables {
  readonly variables: Map<string, readonly Token[] | null>;
  readonly arrays: Map<string, readonly (readonly Token[])[]>;
  /** Declared element count of arrays (`int x[3]`), for `sizeof(x)`. */
  readonly arrayLengths: Map<string, readonly Token[]>;
  /** Declared element type of scalars and arrays, for `sizeof`. */
  readonly types: Map<string, string>;
}

const ASSIGNMENT_OPERATORS = new Set(['=', '+=', '-=', '*=', '/=', '|=', '&=', '<<=', '>>=', '++', '--']);

function typeBefore(tokens: readonly Token[], nameIndex: number): string {
  const words: string[] = [];
  for (let j = nameIndex - 1; j >= 0 && tokens[j].kind === 'ident' && words.length < 4; j--) {
    const w = tokens[j].text;
    if (w === 'static' || w === 'const' || w === 'extern' || w.startsWith('__')) continue;
    words.unshift(w);
  }
  return words.join(' ');
}

export function collectVariables(tokens: readonly Token[], match: Int32Array, into?: FileVariables): FileVariables {
  const result: FileVariables = into ?? { variables: new Map(), arrays: new Map(), arrayLengths: new Map(), types: new Map() };
  const bodies = functionBodies(tokens, match);
  let body = 0;
  let statementStart = true;
  for (let i = 0; i < tokens.length; i++) {
    while (body < bodies.length && bodies[body][1] < i) body++;
    const inFunction = body < bodies.length && bodies[body][0] <= i && i <= bodies[body][1];
    const t = tokens[i];
    if (inFunction) {
      if (t.kind === 'ident' && ASSIGNMENT_OPERATORS.has(tokens[i + 1]?.text ?? '') && tokens[i - 1]?.text !== '.' && tokens[i - 1]?.text !== '->') {
        if (result.variables.has(t.text)) result.variables.set(t.text, null);
      }
      // The body's closing brace ends a statement: a declaration may follow right after a function.
      if (i === bodies[body][1]) statementStart = true;
      continue;
    }
    if (t.text === ';' || t.text === '}') {
      statementStart = true;
      continue;
    }
    if (t.kind !== 'ident' || !statementStart) continue;
    // Scan one top-level declaration: `... NAME [ n ] attrs = init ;`
    let j = i;
    while (j < tokens.length && tokens[j].kind === 'ident') j++;
    let nameIndex = j - 1;
    // `static int name __read_mostly = ...`: the name comes before the attributes.
    while (nameIndex > i && tokens[nameIndex].text.startsWith('__')) nameIndex--;
    let k = j;
    let length: Token[] | undefined;
    if (tokens[k]?.text === '[') {
      const close = match[k];
      if (close < 0) continue;
      length = tokens.slice(k + 1, close) as Token[];
      k = close + 1;
    }
    while (tokens[k]?.kind === 'ident' && tokens[k].text.startsWith('__')) k++;
    const name = tokens[nameIndex]?.text;
    if (!name || nameIndex <= i) {
      statementStart = false;
      continue;
    }
    const type = typeBefore(tokens, nameIndex);
    if (tokens[k]?.text === '=' && tokens[k + 1]?.text === '{' && length !== undefined) {
      const close = match[k + 1];
      const elements: Token[][] = [[]];
      for (let m = k + 2; m < close; m++) {
        if (tokens[m].text === ',') elements.push([]);
        else elements[elements.length - 1].push(tokens[m]);
      }
      result.arrays.set(
        name,
        elements.filter((e) => e.length > 0),
      );
      result.arrayLengths.set(name, length.length > 0 ? length : [{ kind: 'number', text: String(elements.filter((e) => e.length > 0).length), line: 0 }]);
      result.types.set(name, type);
      i = close;
    } else if (tokens[k]?.text === '=' && tokens[k + 1]?.kind === 'string') {
      // `static const char name[] = "flush";` (a procname kept in a variable)
      let end = k + 1;
      while (tokens[end]?.kind === 'string') end++;
      result.variables.set(name, tokens.slice(k + 1, end) as Token[]);
      i = end - 1;
    } else if (tokens[k]?.text === '=' && length === undefined) {
      let end = k + 1;
      while (end < tokens.length && tokens[end].text !== ';' && tokens[end].text !== ',') {
        if (match[end] > end) end = match[end];
        end++;
      }
      result.variables.set(name, tokens.slice(k + 1, end) as Token[]);
      result.types.set(name, type);
      i = end - 1;
    } else if (tokens[k]?.text === ';' && type !== '') {
      if (length !== undefined) result.arrayLengths.set(name, length);
      result.types.set(name, type);
    }
    statementStart = false;
  }
  return result;
}
