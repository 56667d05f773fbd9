import { displayName, procpsPath } from './keyPath';
import { parseLine } from './parseLine';

/** One write procps would perform, printed the way `sysctl --dry-run -p` prints it. */
export interface ProcpsWrite {
  key: string;
  value: string;
  /** 1-based line number as procps counts lines (LF only). */
  line: number;
}

/**
 * The writes procps 4 performs for a file, in file order, assuming every key exists. procps reads
 * lines with getline, so only LF ends a line: a lone CR stays inside the value, as it does there.
 * Glob keys are returned unexpanded (expanding them needs the live /proc/sys).
 */
export function procpsWrites(text: string): ProcpsWrite[] {
  const writes: ProcpsWrite[] = [];
  let start = 0;
  let lineNumber = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber++;
    const parsed = parseLine(text.slice(start, end), '\n');
    if (parsed.kind === 'setting' && isResolvable(parsed.procpsKey)) {
      writes.push({ key: displayName(procpsPath(parsed.procpsKey)), value: parsed.value.text, line: lineNumber });
    }
    if (end === text.length) break;
    start = end + 1;
  }
  return writes;
}

/** Keys procps is certain to reject: empty, or holding whitespace or a BOM, which no kernel key has. */
function isResolvable(key: string): boolean {
  return key.length > 0 && !/[\s\uFEFF]/.test(key);
}

export function formatProcpsWrite(write: ProcpsWrite): string {
  return `${write.key} = ${write.value}`;
}
