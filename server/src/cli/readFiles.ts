import { readFileSync } from 'node:fs';
import { CliError } from './exitCodes';

export interface InputFile {
  /** The path as the user gave it, for messages. */
  path: string;
  text: string;
}

const decoder = new TextDecoder('utf-8');

/** Reads every path before anything is reported, so a typo in one path never yields half a report. */
export function readInputFiles(paths: readonly string[]): InputFile[] {
  return paths.map((path) => ({ path, text: readText(path) }));
}

function readText(path: string): string {
  try {
    return decoder.decode(readFileSync(path));
  } catch (error) {
    throw new CliError(`cannot read '${path}': ${describeIoError(error)}`);
  }
}

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
