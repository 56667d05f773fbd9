// @ts-check
// CLI figures: sysctl-lint against procps `sysctl --dry-run -p` on a 1,000,000-line file, cold
// start against `node -e 0`, and throughput against a script that only reads and splits the lines.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const FLOOR_SPLIT = fileURLToPath(new URL('./floorSplit.cjs', import.meta.url));

/**
 * procps runs in a private mount namespace with /proc/sys remounted read-only (as in
 * test/cli/dump-procps-oracle.test.ts), so even a bug could not write a key. Exit 98/99: the
 * sandbox could not be made, and procps did not run.
 */
const DRY_RUN = `mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys || exit 99
findmnt -no OPTIONS /proc/sys | grep -q '^ro' || exit 98
exec sysctl --dry-run -p "$@"`;

export function procpsArgv(file) {
  return ['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', DRY_RUN, 'sh', file];
}

/** Why procps cannot be measured safely here, or undefined when it can. */
export function procpsUnavailable() {
  const has = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
  if (!has('sysctl')) return 'procps sysctl not found';
  if (!has('unshare')) return 'unshare not found';
  if (process.getuid?.() !== 0) return 'not root: cannot remount /proc/sys read-only in a private namespace';
  const probe = spawnSync(
    'unshare',
    [
      '--mount',
      '--propagation',
      'private',
      '--',
      'sh',
      '-c',
      'mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys && findmnt -no OPTIONS /proc/sys | grep -q "^ro"',
    ],
    {
      stdio: 'ignore',
      timeout: 10_000,
    },
  );
  return probe.status === 0 ? undefined : 'could not remount /proc/sys read-only in a private mount namespace';
}

/**
 * Runs argv to completion with stdout on /dev/null; wall time in ms. Throws on a timeout or an
 * exit status outside `okStatus`. spawnSync kills the child (SIGKILL) when the timeout expires.
 */
export function timeRun(argv, { okStatus = [0], timeoutMs = 120_000 } = {}) {
  const started = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (r.error) throw new Error(`${argv.join(' ')}: ${r.error.message}`);
  if (!okStatus.includes(/** @type {number} */ (r.status))) throw new Error(`${argv.join(' ')} exited with ${r.status ?? r.signal}: ${String(r.stderr).slice(0, 500)}`);
  return ms;
}

/**
 * The large-file comparison, in alternating rounds so all commands see the same machine state.
 * Returns { procps, dump, lint, split: number[] } (ms) and notes.
 */
export function measureLargeFile({ file, cli, rounds, budgetMs, withProcps, log }) {
  const node = process.execPath;
  const commands = {
    ...(withProcps ? { procps: { argv: procpsArgv(file), okStatus: [0] } } : {}),
    dump: { argv: [node, cli, 'dump', file], okStatus: [0] },
    lint: { argv: [node, cli, file], okStatus: [0, 1] },
    split: { argv: [node, FLOOR_SPLIT, file], okStatus: [0] },
  };
  /** @type {Record<string, number[]>} */
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  // One untimed pass of the floor warms the page cache for the file.
  timeRun(commands.split.argv);
  // Up to `rounds` rounds; no new round once it would end past `budgetMs` (at least one runs).
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    const roundStart = performance.now();
    for (const [name, { argv, okStatus }] of Object.entries(commands)) {
      times[name].push(timeRun(argv, { okStatus, timeoutMs: 240_000 }));
    }
    const now = performance.now();
    log(
      `large file round ${round + 1}/${rounds}: ${Object.entries(times)
        .map(([k, v]) => `${k} ${(v[v.length - 1] / 1000).toFixed(2)} s`)
        .join(', ')}`,
    );
    if (now - started + (now - roundStart) > budgetMs) break;
  }
  let sandboxOverhead;
  if (withProcps) {
    // What the sandbox itself costs (unshare, two mounts, findmnt) on an empty file.
    sandboxOverhead = [];
    for (let i = 0; i < 3; i++) sandboxOverhead.push(timeRun(procpsArgv('/dev/null')));
  }
  return { times, sandboxOverhead };
}

/** Cold start: `node cli.js small.conf` against `node -e 0`, alternating. */
export function measureColdStart({ file, cli, runs, warmup = 2 }) {
  const node = process.execPath;
  const cliArgv = [node, cli, file];
  const bare = [node, '-e', '0'];
  for (let i = 0; i < warmup; i++) {
    timeRun(bare);
    timeRun(cliArgv, { okStatus: [0, 1] });
  }
  /** @type {{ cli: number[], node: number[] }} */
  const times = { cli: [], node: [] };
  for (let i = 0; i < runs; i++) {
    times.node.push(timeRun(bare, { timeoutMs: 30_000 }));
    times.cli.push(timeRun(cliArgv, { okStatus: [0, 1], timeoutMs: 30_000 }));
  }
  return times;
}
