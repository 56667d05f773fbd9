import data from './data/resolved-bounds.json';

/** A bound kernel-facts.json records as unknown, read by hand from the sources (see the data file). */
export interface ResolvedBound {
  readonly lo?: string;
  readonly hi?: string;
  /** The table or variable that holds it, in linux-source-6.12. */
  readonly at: string;
}

export const RESOLVED_BOUNDS: ReadonlyMap<string, ResolvedBound> = new Map(Object.entries((data as { bounds: Record<string, ResolvedBound> }).bounds));
