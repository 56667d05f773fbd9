import { chmodSync, chownSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content without ever leaving a partial file: write a temporary file in the
 * same folder, flush it, give it the original mode and owner, then rename it over the original.
 * A symlink stays a symlink: its target is replaced.
 */
export function writeFileAtomic(path: string, content: string): void {
  const target = realpathSync(path);
  const original = statSync(target);
  // node:crypto is loaded when a file is written, not at every start of the CLI.
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.sysctl-lint-tmp`);
  const fd = openSync(temp, 'wx', original.mode & 0o7777);
  try {
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, original.mode & 0o7777);
    if (process.getuid?.() === 0) chownSync(temp, original.uid, original.gid);
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
}
