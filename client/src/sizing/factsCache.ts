import type { SizingFacts } from '../../../server/src/engine/sizing/fromSettings';

export interface CachedFacts extends SizingFacts {
  /** "this machine" or the SSH host string. */
  label: string;
}

/** Facts per source for this session: reading a host once is enough until the user refreshes. */
export class FactsCache {
  private readonly entries = new Map<string, CachedFacts>();

  get(key: string): CachedFacts | undefined {
    return this.entries.get(key);
  }

  set(key: string, facts: CachedFacts): void {
    this.entries.set(key, facts);
  }

  all(): CachedFacts[] {
    return [...this.entries.values()];
  }

  clear(): void {
    this.entries.clear();
  }
}
