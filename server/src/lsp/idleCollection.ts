import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * One full garbage collection once the server has been idle for a while after a large check.
 * Opening a 100,000-line file allocates tens of MB at once; V8 then collects them incrementally
 * over the next messages, in pauses of up to 8 ms that land on the user's first keystrokes (in
 * the bench, the slowest edits of the bad shape were those, up to 50 ms). A browser's V8 is told
 * when the page is idle and collects then; Node tells it nothing, so the server asks for the
 * collection itself once no edit has arrived for `idleMs`. Edits postpone it; it runs once per
 * large check.
 */
export class IdleCollection {
  private timer: NodeJS.Timeout | undefined;
  private lastEdit = 0;

  constructor(
    private readonly collect: (() => void) | undefined,
    private readonly idleMs = 1000,
  ) {}

  /** A check that allocated much has been written: collect when the server is next idle. */
  afterLargeCheck(): void {
    if (!this.collect) return;
    this.lastEdit = performance.now();
    this.arm(this.idleMs);
  }

  /** An edit arrived: a pending collection waits until edits pause. */
  edited(): void {
    this.lastEdit = performance.now();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), delayMs);
    // Never the reason the process stays up.
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    const idle = performance.now() - this.lastEdit;
    if (idle < this.idleMs) return this.arm(this.idleMs - idle);
    this.collect?.();
  }
}

/**
 * V8's full collection. Without `--expose-gc` on the command line (editors start the server with
 * their own), the flag is set at run time and the function taken from a new context, the only
 * kind that gets it; undefined where V8 does not allow that.
 */
export function fullCollection(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => void (gc as () => unknown)() : undefined;
  } catch {
    return undefined;
  }
}
