import { displayName, procpsPath } from './keyPath';
import { isSpace, parseLine } from './parseLine';

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

/** A key character of the plain form: letters, digits, `_`, `-` and `.` (no `/`, blank, glob or `=`). */
function isPlainKeyChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45 || code === 46;
}

/**
 * Whether text[start, end) is already what procps prints for it: `key = value` with a plain key
 * (not starting with `-`, dots or no separator, so procps' name is the key as written) and a
 * value with nothing to trim and no NUL. Such a line is its own output.
 */
function isPrintedForm(text: string, start: number, end: number): boolean {
  let i = start;
  const first = i < end ? text.charCodeAt(i) : -1;
  if (first === -1 || first === 45 || !isPlainKeyChar(first)) return false;
  while (i < end && isPlainKeyChar(text.charCodeAt(i))) i++;
  if (end - i < 4 || text.charCodeAt(i) !== 32 || text.charCodeAt(i + 1) !== 61 || text.charCodeAt(i + 2) !== 32) return false;
  if (isSpace(text.charCodeAt(i + 3)) || isSpace(text.charCodeAt(end - 1))) return false;
  for (let j = i + 3; j < end; j++) if (text.charCodeAt(j) === 0) return false;
  return true;
}

/**
 * What `sysctl --dry-run -p` prints for the file: formatProcpsWrite of every procpsWrites entry,
 * one a line. Lines already in that form are copied in runs, not parsed: a 1,000,000-line dump is
 * mostly such lines.
 */
export function procpsDryRunText(text: string): string {
  let out = '';
  let runStart = -1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (isPrintedForm(text, start, end)) {
      if (runStart < 0) runStart = start;
    } else {
      if (runStart >= 0) out += text.slice(runStart, start);
      runStart = -1;
      const parsed = parseLine(text.slice(start, end), '\n');
      if (parsed.kind === 'setting' && isResolvable(parsed.procpsKey)) out += `${displayName(procpsPath(parsed.procpsKey))} = ${parsed.value.text}\n`;
    }
    if (end === text.length) break;
    start = end + 1;
  }
  // A run that reaches the end of a file without a final newline still prints one per line.
  if (runStart >= 0) out += text.endsWith('\n') ? text.slice(runStart) : text.slice(runStart) + '\n';
  return out;
}
