/**
 * How often a crashed language server is started again: at most `maxRestarts` times within
 * `windowMs`, so a server that dies at every start does not spin. Pure, so it can be tested
 * outside VS Code.
 */
export class RestartBudget {
  private readonly crashes: number[] = [];

  constructor(
    private readonly maxRestarts = 5,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when the server may be restarted once more. */
  allowRestart(): boolean {
    const time = this.now();
    this.crashes.push(time);
    while (this.crashes.length > 0 && this.crashes[0] <= time - this.windowMs) this.crashes.shift();
    return this.crashes.length <= this.maxRestarts;
  }
}
