import type { KeyToken, ParsedDocument, SettingLine } from '../parser/types';
import type { TextEdit } from '../rules/types';
import type { ConntrackRecommendation } from '../sizing/conntrack';
import { formatBytes } from '../sizing/size';
import { spanToRange } from '../text/position';
import { insertLinesEdit } from './insertion';

export const CONNTRACK_MAX_KEY = 'net.netfilter.nf_conntrack_max';
export const CONNTRACK_BUCKETS_KEY = 'net.netfilter.nf_conntrack_buckets';
/** The old alias that still writes the same limit. */
const CONNTRACK_MAX_ALIAS = 'net.nf_conntrack_max';

/** `max`: set nf_conntrack_max only; `max-and-buckets`: also set nf_conntrack_buckets to the hash size. */
export type ConntrackFixMode = 'max' | 'max-and-buckets';

export interface ConntrackSizingAction {
  title: string;
  edits: TextEdit[];
}

interface SettingAt {
  line: SettingLine;
  lineNumber: number;
}

/** The last non-glob line that sets one of `keys`: the one whose value wins. */
function lastSetting(document: ParsedDocument, keys: readonly string[]): SettingAt | undefined {
  for (let i = document.lines.length - 1; i >= 0; i--) {
    const line = document.lines[i];
    if (line.kind === 'setting' && !line.key.isGlob && keys.includes(line.key.canonical)) return { line, lineNumber: i };
  }
  return undefined;
}

function lastConntrackLine(document: ParsedDocument): number | undefined {
  for (let i = document.lines.length - 1; i >= 0; i--) {
    const line = document.lines[i];
    if (line.kind !== 'setting' && line.kind !== 'exclusion') continue;
    const key = line.key.canonical;
    if (key.startsWith('net.netfilter.nf_conntrack_') || key === CONNTRACK_MAX_ALIAS) return i;
  }
  return undefined;
}

/** Replaces only the value's characters; an empty value gets a separating space when `=` is last. */
function replaceValueEdit({ line, lineNumber }: SettingAt, value: string): TextEdit {
  const span = line.value.span;
  const needsSpace = line.value.text === '' && span.start === line.equals + 1;
  return { range: spanToRange(lineNumber, span), newText: needsSpace ? ` ${value}` : value };
}

/** "47.2 GiB, x86_64" — the inputs a title names so the user sees what the number is based on. */
export function describeInputs(recommendation: ConntrackRecommendation): string {
  return `${formatBytes(recommendation.input.memBytes)}, ${recommendation.architecture.name}`;
}

/** The edit that puts the formula value into the file: change the value in place, or add one line. */
export function conntrackSizingAction(document: ParsedDocument, recommendation: ConntrackRecommendation, mode: ConntrackFixMode): ConntrackSizingAction {
  const max = String(recommendation.formula.conntrackMax);
  const buckets = String(recommendation.formula.buckets);
  const inputs = describeInputs(recommendation);
  const edits: TextEdit[] = [];
  const toInsert: string[] = [];

  const maxLine = lastSetting(document, [CONNTRACK_MAX_KEY, CONNTRACK_MAX_ALIAS]);
  if (maxLine) edits.push(replaceValueEdit(maxLine, max));
  else toInsert.push(`${CONNTRACK_MAX_KEY} = ${max}`);

  if (mode === 'max-and-buckets') {
    const bucketsLine = lastSetting(document, [CONNTRACK_BUCKETS_KEY]);
    if (bucketsLine) edits.push(replaceValueEdit(bucketsLine, buckets));
    else toInsert.push(`${CONNTRACK_BUCKETS_KEY} = ${buckets}`);
  }

  if (toInsert.length > 0) {
    // When max already exists, only the buckets line is missing: put it right below max.
    const after = maxLine ? maxLine.lineNumber : lastConntrackLine(document);
    edits.push(insertLinesEdit(document, toInsert, after));
  }

  const title = mode === 'max' ? `Set nf_conntrack_max to ${max} (${inputs})` : `Set nf_conntrack_max to ${max} and nf_conntrack_buckets to ${buckets} (${inputs})`;
  return { title, edits };
}

/**
 * Is this the line a sizing fix would change? Used to offer the fix where the cursor is. Asked of
 * every line on each code action request (the editor sends one whenever the cursor moves), so it
 * compares the parse's canonical form rather than working it out again.
 */
export function isConntrackMaxKey(key: KeyToken): boolean {
  return key.canonical === CONNTRACK_MAX_KEY || key.canonical === CONNTRACK_MAX_ALIAS;
}
