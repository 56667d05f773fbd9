/** Edit distance with an early exit once it exceeds `limit`; enough for "did you mean". */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
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
