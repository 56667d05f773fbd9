import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const CLI_BIN = join(REPO_ROOT, 'server', 'out', 'cli.js');
export const SERVER_BIN = join(REPO_ROOT, 'server', 'out', 'server.js');
