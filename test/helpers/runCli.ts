import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI_BIN } from './paths';

export interface CliRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Runs the bundled CLI as a user would: a separate node process, real argv, real exit code. */
export function runCli(args: readonly string[], options: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: run 'npm run build' first`);
  const result = spawnSync(process.execPath, [CLI_BIN, ...args], {
    input: options.input,
    cwd: options.cwd,
    env: options.env ?? { ...process.env, GITHUB_ACTIONS: '' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Runs the CLI asynchronously, so a hanging host cannot block the test runner, and times it. */
export function runCliTimed(args: readonly string[]): Promise<CliRun & { ms: number }> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (status) => resolve({ stdout, stderr, status, ms: Date.now() - start }));
  });
}
