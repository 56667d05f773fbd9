/**
 * A unified diff of two texts, line by line (Myers' algorithm), that `git apply` and `patch`
 * accept. Line endings stay part of each line, so CRLF changes show up.
 */
function splitKeepingEnds(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return lines;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/**
 * Myers keeps one frontier per difference; past this many differences that is too much memory
 * (a 20,000-line file with every other line fixed would need gigabytes), and a windowed greedy
 * diff takes over. Any edit script gives a correct patch; Myers' is only the shortest.
 */
const MAX_MYERS_DIFFERENCES = 2000;
/** How far the greedy diff looks ahead for the next pair of equal lines. */
const GREEDY_WINDOW = 16;

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  // The common start costs Myers nothing to find, but would count against the greedy window.
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  const restA = a.slice(prefix);
  const restB = b.slice(prefix);
  const same = (line: string): Op => ({ kind: ' ', line });
  return [...a.slice(0, prefix).map(same), ...(myers(restA, restB) ?? greedy(restA, restB))];
}

/** The shortest edit script, or undefined when it has more than MAX_MYERS_DIFFERENCES steps. */
function myers(a: readonly string[], b: readonly string[]): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const maxD = Math.min(n + m, MAX_MYERS_DIFFERENCES);
  const offset = maxD + 1;
  const v = new Array<number>(2 * offset + 1).fill(0);
  // trace[d] is v[offset - d .. offset + d] before step d: all the walk back reads.
  const trace: number[][] = [];
  let done = false;
  search: for (let d = 0; d <= maxD; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break search;
      }
    }
  }
  if (!done) return undefined;
  // Walk back from the end through the saved frontiers, collecting the edit script.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d];
    const at = (k: number) => frontier[k + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x] });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[prevY] });
      else ops.push({ kind: '-', line: a[prevX] });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/** Linear in practice: at each difference, skip the fewest lines that lead to two equal ones. */
function greedy(a: readonly string[], b: readonly string[]): Op[] {
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] });
      j++;
      continue;
    }
    let skipA = 1;
    let skipB = 1;
    search: for (let total = 1; total <= 2 * GREEDY_WINDOW; total++) {
      for (let di = Math.max(0, total - GREEDY_WINDOW); di <= Math.min(total, GREEDY_WINDOW); di++) {
        const dj = total - di;
        if (i + di < a.length && j + dj < b.length && a[i + di] === b[j + dj]) {
          skipA = di;
          skipB = dj;
          break search;
        }
      }
    }
    for (let x = 0; x < skipA; x++) ops.push({ kind: '-', line: a[i++] });
    for (let y = 0; y < skipB; y++) ops.push({ kind: '+', line: b[j++] });
  }
  while (i < a.length) ops.push({ kind: '-', line: a[i++] });
  while (j < b.length) ops.push({ kind: '+', line: b[j++] });
  return ops;
}

function render(op: Op): string {
  const body = op.line.endsWith('\n') ? op.line : op.line + '\n\\ No newline at end of file\n';
  return op.kind + body;
}

export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitKeepingEnds(before), splitKeepingEnds(after));
  let out = `--- a/${path}\n+++ b/${path}\n`;
  let i = 0;
  // Line numbers at ops[counted], advanced as hunks move down the file.
  let counted = 0;
  let oldLine = 1;
  let newLine = 1;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while changes are closer than two contexts apart.
    for (;;) {
      while (end < ops.length && ops[end].kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next].kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    for (; counted < start; counted++) {
      if (ops[counted].kind !== '+') oldLine++;
      if (ops[counted].kind !== '-') newLine++;
    }
    const oldStart = oldLine;
    const newStart = newLine;
    const hunk = ops.slice(start, stop);
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out += `@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@\n`;
    out += hunk.map(render).join('');
    i = stop;
    start = stop;
  }
  return out;
}
