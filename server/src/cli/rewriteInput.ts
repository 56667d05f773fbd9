import { describeIoError } from '../host/ioErrors';
import { writeFileAtomic } from './atomicWrite';
import { CliError } from './exitCodes';
import type { InputFile } from './readFiles';

/**
 * Writes new text over an input file (atomically), for --fix and format --write. A file that was
 * not valid UTF-8 is refused: writing its decoded text back would change bytes nobody asked for.
 */
export function rewriteInput(input: InputFile, text: string, verb: string, changes: string): void {
  if (!input.exact) throw new CliError(`cannot ${verb} '${input.path}': it is not valid UTF-8, and rewriting it would change bytes outside the ${changes}`);
  try {
    writeFileAtomic(input.diskPath!, text);
  } catch (error) {
    throw new CliError(`cannot write '${input.path}': ${describeIoError(error)}`);
  }
}
