import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs a CommonJS bundle through V8's code cache. A short `sysctl-lint` run (a pre-commit hook on
 * a few files) is mostly start-up, and about a third of that is compiling the bundle; with the
 * bytecode the build left beside it, V8 skips that work.
 *
 * V8 checks a cache against its own version, its flags and the source's length only, so the build
 * stamps the bundle with a digest of its content (`BUILD_STAMP` line at its end) and the cache
 * file starts with the same stamp: a cache from any other bundle is never used. A cache V8
 * rejects (another Node, other flags) or a missing one only costs the compile it would have saved.
 */

/** The last line of a stamped bundle: this prefix, then the digest of everything before it. */
export const BUILD_STAMP = '//# sysctl-lint-build ';
const STAMP_SEARCH = 200;

/** The stamp at the end of the bundle's source, or '' when it has none. */
export function stampOf(source: string): string {
  const tail = source.slice(-STAMP_SEARCH);
  const at = tail.lastIndexOf(BUILD_STAMP);
  return at < 0 ? '' : tail.slice(at + BUILD_STAMP.length).trim();
}

/** What a cache file starts with: the stamp of the bundle its bytecode was made for. */
function cacheHeader(stamp: string): Buffer {
  return Buffer.from(`${stamp}\n`, 'latin1');
}

/** The bytecode in the file at `cachePath` when it was made for a bundle with this stamp. */
export function cachedDataFor(cachePath: string, stamp: string): Buffer | undefined {
  if (!stamp) return undefined;
  let cache: Buffer;
  try {
    cache = readFileSync(cachePath);
  } catch {
    return undefined;
  }
  const header = cacheHeader(stamp);
  return cache.length > header.length && cache.subarray(0, header.length).equals(header) ? cache.subarray(header.length) : undefined;
}

/** The bundle as a CommonJS module function, compiled with the bytecode given, if any. */
export function compileBundle(source: string, filename: string, cachedData: Buffer | undefined): Script {
  // The wrapper stays on the first line, so the bundle's line numbers (and its source map) hold.
  return new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename, cachedData });
}

/**
 * Loads and runs the bundle at `bundlePath` as a CommonJS module. With `writeCache`, writes the
 * bytecode of every function the run compiled to `cachePath` as the process exits (the build does
 * this once on a sample file, so the cache covers a typical run, not just the top level).
 */
export function runBundle(bundlePath: string, cachePath: string, writeCache: boolean): void {
  const source = readFileSync(bundlePath, 'utf8');
  const stamp = stampOf(source);
  const script = compileBundle(source, bundlePath, writeCache ? undefined : cachedDataFor(cachePath, stamp));
  if (writeCache) {
    process.once('exit', () => {
      if (!stamp) return;
      const partial = `${cachePath}.${process.pid}.tmp`;
      writeFileSync(partial, Buffer.concat([cacheHeader(stamp), script.createCachedData()]));
      renameSync(partial, cachePath);
    });
  }
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const bundleModule = { exports: {} };
  wrapper.call(bundleModule.exports, bundleModule.exports, require, bundleModule, bundlePath, dirname(bundlePath));
}
