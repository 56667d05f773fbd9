import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory per test file, removed after the suite. */
export function useTempDir(prefix: string): () => string {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}
