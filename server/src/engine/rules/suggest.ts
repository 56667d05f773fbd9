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

/**
 * Suggestions for a misspelt key: first among its siblings (a typo is usually in the last
 * component, and that search is cheap), then, when none is close, among all candidates.
 */
export function suggestKeys(name: string, siblings: readonly string[], allCandidates: () => readonly string[], max = 3): string[] {
  // Siblings share the parent, so only the last components need comparing: far fewer steps.
  const cut = name.lastIndexOf('.') + 1;
  const parent = name.slice(0, cut);
  const sameParent = siblings.filter((s) => s.startsWith(parent) && s.indexOf('.', cut) < 0);
  const near = closestNames(
    name.slice(cut),
    sameParent.map((s) => s.slice(cut)),
    max,
    distanceLimit(name),
  ).map((leaf) => parent + leaf);
  return near.length > 0 || siblings.length > 0 ? near : closestNames(name, allCandidates(), max);
}
