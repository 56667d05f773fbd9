import { spawnSync } from 'node:child_process';

/** CI must run every layer; a developer's machine may lack a tool and skips that test by name. */
export const IN_CI = process.env.CI === 'true';

export function commandExists(command: string, args: readonly string[] = ['--version']): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return !result.error;
}

/**
 * Skips the current test when `available` is false, naming what is missing; in CI the missing tool
 * is a failure instead, so nothing is ever skipped silently there.
 */
export function requireOrSkip(context: Mocha.Context, available: boolean, what: string): void {
  if (available) return;
  if (IN_CI) throw new Error(`${what} is required in CI but is not available`);
  context.test!.title += ` (skipped: ${what} not available)`;
  context.skip();
}
