import type { KnownSiblings } from '../keys/knownNames';

/** Two DP rows reused by every call: "did you mean" runs thousands of comparisons per unknown key. */
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/**
 * Edit distance with an early exit once it exceeds `limit`; enough for "did you mean". Distances
 * up to `limit` are exact; anything larger comes back as some value above `limit`. Only the band
 * of cells within `limit` of the diagonal is computed (a path leaving it costs more than `limit`).
 */
export function editDistance(a: string, b: string, limit: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (previousRow.length <= m) {
    previousRow = new Int32Array(m + 1);
    currentRow = new Int32Array(m + 1);
  }
  const over = limit + 1;
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= m; j++) previous[j] = j <= limit ? j : over;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(m, i + limit);
    current[from - 1] = from === 1 && i <= limit ? i : over;
    let rowMin = current[from - 1];
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const substitute = previous[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      const del = previous[j] + 1;
      const ins = current[j - 1] + 1;
      let value = substitute < del ? substitute : del;
      if (ins < value) value = ins;
      if (value > over) value = over;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (to < m) current[to + 1] = over;
    if (rowMin > limit) return over;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[m];
}

/** How many edits still count as a near miss: more for longer names. */
function distanceLimit(name: string): number {
  return Math.max(1, Math.min(4, Math.floor(name.length / 6)));
}

/** The closest candidates within a distance that grows with the name's length, best first. */
export function closestNames(name: string, candidates: Iterable<string>, max = 3, limit = distanceLimit(name)): string[] {
  const scored: Array<{ candidate: string; distance: number }> = [];
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > limit) continue; // cheaper than the call that says so
    const distance = candidate === lower ? 0 : editDistance(name, candidate, limit);
    if (distance <= limit) scored.push({ candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}

/** Which candidates hold each q-gram, per candidate list and q (built once for a list: the known names, a family's leaves). */
const gramIndexes = new WeakMap<readonly string[], Map<number, Map<string, number[]>>>();

function distinctGrams(text: string, q: number): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + q <= text.length; i++) grams.add(text.slice(i, i + q));
  return grams;
}

function gramIndex(candidates: readonly string[], q: number): Map<string, number[]> {
  let byQ = gramIndexes.get(candidates);
  if (!byQ) gramIndexes.set(candidates, (byQ = new Map()));
  let index = byQ.get(q);
  if (!index) {
    index = new Map();
    for (let id = 0; id < candidates.length; id++) {
      for (const gram of distinctGrams(candidates[id], q)) {
        const list = index.get(gram);
        if (list) list.push(id);
        else index.set(gram, [id]);
      }
    }
    byQ.set(q, index);
  }
  return index;
}

/** Below this many trigrams a candidate must share, the bigram test is tried instead. */
const MIN_SHARED_TRIGRAMS = 3;

/**
 * The candidates that can be within `limit` edits of `name`: each edit destroys at most q of the
 * name's q-gram occurrences, so a candidate within `limit` edits holds all but at most q·limit of
 * the name's distinct q-grams. An exact filter (nothing within the limit is dropped) that spares
 * the distance computation for nearly every candidate. Trigrams are the sharper test for long
 * names; bigrams for short ones with a generous limit (a 12-character leaf of a 21-character
 * name may differ by 3 edits: 9 of its 10 trigrams may be gone, but only 6 of its 11 bigrams).
 */
function candidatesNear(name: string, candidates: readonly string[], limit: number): readonly string[] {
  // closestNames also takes a candidate equal to the lower-cased name: no filter for mixed case.
  if (name !== name.toLowerCase()) return candidates;
  let q = 3;
  let grams = distinctGrams(name, q);
  let needed = grams.size - q * limit;
  // Bigrams only where trigrams hardly filter: their lists are longer, and cost more to count.
  if (needed < MIN_SHARED_TRIGRAMS) {
    const bigrams = distinctGrams(name, 2);
    if (bigrams.size - 2 * limit > needed) {
      q = 2;
      grams = bigrams;
      needed = bigrams.size - 2 * limit;
    }
  }
  if (needed <= 0) return candidates;
  const index = gramIndex(candidates, q);
  const shared = new Uint16Array(candidates.length);
  const near: string[] = [];
  for (const gram of grams) {
    for (const id of index.get(gram) ?? []) if (++shared[id] === needed) near.push(candidates[id]);
  }
  return near;
}

/** Suggestions among every candidate, for a name with no known parent. */
function closestAmongAll(name: string, candidates: readonly string[], max: number): string[] {
  // A bare last component (`somaxconn = 4096`): the keys it ends, shortest first, and of
  // per-interface keys the `all` one first, the loopback's last (rarely the one meant).
  if (!name.includes('.') && name !== '') {
    const ending = `.${name}`;
    const full = candidates.filter((candidate) => candidate.endsWith(ending));
    const rank = (key: string) => (key.includes('.all.') ? 0 : key.includes('.lo.') ? 2 : 1);
    if (full.length > 0) return full.sort((a, b) => rank(a) - rank(b) || a.length - b.length || (a < b ? -1 : 1)).slice(0, max);
  }
  const limit = distanceLimit(name);
  return closestNames(name, candidatesNear(name, candidates, limit), max, limit);
}

/** Leaf suggestions by family, limit and leaf: a typo repeated on every interface is searched once. */
const leafSuggestions = new Map<string, readonly string[]>();

/**
 * Suggestions for a misspelt key: first among its siblings (a typo is usually in the last
 * component, and that search is cheap), then, when the name has no known parent, among all
 * candidates.
 */
export function suggestKeys(name: string, siblings: KnownSiblings, allCandidates: () => readonly string[], max = 3): string[] {
  if (siblings.leaves.length === 0) return closestAmongAll(name, allCandidates(), max);
  // Siblings share the parent, so only the last components need comparing: far fewer steps.
  const leaf = name.slice(siblings.parent.length);
  const limit = distanceLimit(name);
  const key = `${siblings.family}\u0000${limit}\u0000${max}\u0000${leaf}`;
  let near = leafSuggestions.get(key);
  if (!near) {
    if (leafSuggestions.size >= 10_000) leafSuggestions.clear();
    leafSuggestions.set(key, (near = closestNames(leaf, candidatesNear(leaf, siblings.leaves, limit), max, limit)));
  }
  return near.map((found) => siblings.parent + found);
}
