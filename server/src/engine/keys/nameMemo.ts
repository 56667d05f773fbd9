import { foldOrdinaryInterface } from './interfaceNames';

/**
 * What the key lookups found for one canonical name. A rule pass asks several questions about
 * every line's key (is it known, its facts, its summary, a vendor key?); each answer is worked out
 * the first time and kept here, so a name is folded and searched once, not once per question.
 * One record per name rather than a map per question keeps the memory to one entry per name.
 *
 * A field is `undefined` until asked; `null` records "asked, nothing found".
 */
export interface NameMemo {
  known: unknown;
  facts: unknown;
  summary: unknown;
  vendor: unknown;
  nameValue: unknown;
}

const memos = new Map<string, NameMemo>();
/**
 * Per-interface names by prefix and the rest after the interface: 10,000 interfaces of a file
 * share one record per key instead of one each. Only the `known` answer names the interface, so
 * it is not kept for them.
 */
const interfaceMemos = new Map<string, Map<string, NameMemo>>();
/** Bounded: typing makes new names, and a long session must not grow without end. */
const MEMO_LIMIT = 250_000;

function freshMemo(): NameMemo {
  // Every field present from the start: one object shape for all names.
  return { known: undefined, facts: undefined, summary: undefined, vendor: undefined, nameValue: undefined };
}

/** The last name asked about and its record: a rule asks several questions about one key in a row. */
let lastName: string | undefined;
let lastMemo: NameMemo | undefined;
let lastFolded = false;

function memoOf(name: string, field: keyof NameMemo): NameMemo | undefined {
  if (name === lastName) return lastFolded && field === 'known' ? undefined : lastMemo;
  const memo = lookupMemo(name);
  lastName = name;
  lastMemo = memo.memo;
  lastFolded = memo.folded;
  return memo.folded && field === 'known' ? undefined : memo.memo;
}

function lookupMemo(name: string): { memo: NameMemo; folded: boolean } {
  const folded = foldOrdinaryInterface(name);
  if (folded) {
    let byRest = interfaceMemos.get(folded.prefix);
    if (!byRest) interfaceMemos.set(folded.prefix, (byRest = new Map()));
    let memo = byRest.get(folded.rest);
    if (memo === undefined) {
      if (byRest.size >= MEMO_LIMIT) byRest.clear();
      byRest.set(folded.rest, (memo = freshMemo()));
    }
    return { memo, folded: true };
  }
  let memo = memos.get(name);
  if (memo === undefined) {
    if (memos.size >= MEMO_LIMIT) memos.clear();
    memos.set(name, (memo = freshMemo()));
  }
  return { memo, folded: false };
}

/** The memoised answer of `compute` for `field` of `name`; `undefined` results are stored as `null`. */
export function remember<T>(name: string, field: keyof NameMemo, compute: (name: string) => T | undefined): T | undefined {
  const memo = memoOf(name, field);
  if (memo === undefined) return compute(name);
  const known = memo[field];
  if (known !== undefined) return known === null ? undefined : (known as T);
  const value = compute(name);
  memo[field] = value === undefined ? null : value;
  return value;
}
