import type { Finding, ParsedLine } from '../engine';
import { findingsAcrossEdit } from '../engine/findings/shift';
import { changedRegion } from '../engine/rules/documentIndex';

interface Entry {
  version: number;
  /** The lines the findings are placed on. */
  lines: readonly ParsedLine[];
  findings: Finding[];
  /** Whether the findings were worked out for `version` (not carried over from an older one). */
  exact: boolean;
  /** How long the last computation took. */
  costMs: number;
  /** A recomputation is due at the next request. */
  due: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export interface DeferredTreeFindingsOptions {
  /** A computation slower than this is not repeated on every edit. */
  slowMs?: number;
  /** Quiet time after the last edit before a slow computation runs again. */
  delayMs?: number;
  /** A document with more lines gets its first findings after its first check, not in it. */
  deferAboveLines?: number;
  now?: () => number;
}

/**
 * Findings from the other files of a machine tree (`overridden`), which take reading and parsing
 * every file of the tree again. For a small tree that is done on every check. When it is slow (a
 * 100,000-line file in sysctl.d), an edit gets the last findings moved with it (those of edited
 * lines dropped: the verdict of an unchanged line depends only on the other files), and the
 * computation runs again once edits pause, then the document is checked again. A large document
 * is published without them first, and checked again with them right after.
 *
 * Raw findings, before the document's suppressions and severities: the caller applies the
 * current policy, so a suppression comment typed meanwhile takes effect at once.
 */
export class DeferredTreeFindings {
  private readonly entries = new Map<string, Entry>();
  private readonly slowMs: number;
  private readonly delayMs: number;
  private readonly deferAboveLines: number;
  private readonly now: () => number;

  /** `recheck` is called with a document's uri when its deferred findings are due. */
  constructor(
    private readonly recheck: (uri: string) => void,
    options: DeferredTreeFindingsOptions = {},
  ) {
    // An edit's own check of a 100,000-line file takes 2–3 ms: a tree costing more than 5 ms on every edit would double it.
    this.slowMs = options.slowMs ?? 5;
    this.delayMs = options.delayMs ?? 400;
    this.deferAboveLines = options.deferAboveLines ?? 20_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** The findings for this version of the document, computed now or carried over (see the class comment). */
  get(uri: string, version: number, lines: readonly ParsedLine[], compute: () => Finding[]): Finding[] {
    const entry = this.entries.get(uri);
    if (!entry && lines.length > this.deferAboveLines) {
      // A large file: its own findings go out first, the tree's follow in a second check.
      const first: Entry = { version, lines, findings: [], exact: false, costMs: Number.POSITIVE_INFINITY, due: false };
      this.entries.set(uri, first);
      // Right after that publish: no edit is waiting to be answered yet.
      this.schedule(uri, first, 0);
      return first.findings;
    }
    // Cheap: on every check, as the other files may have changed too.
    if (!entry || entry.due || entry.costMs < this.slowMs) return this.computeNow(uri, version, lines, compute, entry);
    if (entry.version === version && entry.exact) return entry.findings;
    const carried: Entry = { ...entry, version, lines, findings: findingsAcrossEdit(entry.findings, changedRegion(entry.lines, lines)), exact: false };
    this.entries.set(uri, carried);
    this.schedule(uri, carried);
    return carried.findings;
  }

  /** Whether the findings last returned for the document were carried over rather than computed. */
  isDeferred(uri: string): boolean {
    const entry = this.entries.get(uri);
    return entry !== undefined && !entry.exact;
  }

  forget(uri: string): void {
    const entry = this.entries.get(uri);
    if (entry?.timer) clearTimeout(entry.timer);
    this.entries.delete(uri);
  }

  private computeNow(uri: string, version: number, lines: readonly ParsedLine[], compute: () => Finding[], previous: Entry | undefined): Finding[] {
    if (previous?.timer) clearTimeout(previous.timer);
    const start = this.now();
    const findings = compute();
    this.entries.set(uri, { version, lines, findings, exact: true, costMs: this.now() - start, due: false });
    return findings;
  }

  private schedule(uri: string, entry: Entry, delayMs = this.delayMs): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (this.entries.get(uri) !== entry) return;
      entry.timer = undefined;
      entry.due = true;
      this.recheck(uri);
    }, delayMs);
  }
}
