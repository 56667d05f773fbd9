import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeIoError } from '../host/ioErrors';
import { CliError } from './exitCodes';

export interface InputFile {
  /** The path as the user gave it (or the --stdin-filename), for messages. */
  path: string;
  text: string;
  /** Absolute path on disk; undefined for standard input. */
  diskPath?: string;
  /** False when the bytes are not valid UTF-8: writing `text` back would change more than the fixes. */
  exact: boolean;
}

// A byte order mark stays in the text: both tools read it as part of the first key, and --fix
// must write it back. Invalid bytes become U+FFFD; `exact` records that they did.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Sort like the tools do: byte-wise comparison of the file names. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * Files as given; directories expand to their `*.conf` files in the order the tools read them;
 * `-` is standard input. Everything is read before anything is reported.
 */
export function readInputs(paths: readonly string[], stdinName?: string): InputFile[] {
  const inputs: InputFile[] = [];
  let stdinUsed = false;
  for (const path of paths) {
    if (path === '-') {
      if (stdinUsed) throw new CliError("'-' (standard input) can be given only once");
      stdinUsed = true;
      inputs.push({ path: stdinName ?? '<stdin>', ...decode(readSource(0, 'standard input'), stdinName ?? 'standard input') });
      continue;
    }
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      throw new CliError(`cannot read '${path}': ${describeIoError(error)}`);
    }
    if (!isDirectory) {
      inputs.push(readInputFile(path));
      continue;
    }
    const names = listConfFiles(path);
    if (names.length === 0) throw new CliError(`'${path}' holds no *.conf files`);
    for (const name of names) inputs.push(readInputFile(join(path, name)));
  }
  return inputs;
}

/** `*.conf` regular files (symlinks followed) in a directory, sorted by byte order of the name. */
export function listConfFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new CliError(`cannot read '${dir}': ${describeIoError(error)}`);
  }
  return names
    .filter((name) => name.endsWith('.conf'))
    .filter((name) => {
      try {
        return statSync(join(dir, name)).isFile();
      } catch {
        return false;
      }
    })
    .sort(byteOrder);
}

export function readInputFile(path: string): InputFile {
  return { path, ...decode(readSource(path, path), path), diskPath: resolve(path) };
}

/**
 * Inputs over this size are refused: no sysctl file comes near it, and a device such as /dev/zero
 * never ends. (V8 cannot hold a string of 512 MiB either.)
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

function readSource(source: string | number, name: string): Buffer {
  try {
    return readBounded(source, name);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read '${name}': ${describeIoError(error)}`);
  }
}

/**
 * A file (or standard input) read in chunks, so that a device or a pipe that never ends, or a
 * binary file, is refused early instead of filling the memory.
 */
function readBounded(source: string | number, name: string): Buffer {
  const fd = typeof source === 'number' ? source : openSync(source, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_INPUT_BYTES) throw tooLarge(name);
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      // A pipe gives 64 KiB at a time: keep copies of what was read, not a megabyte per read.
      chunks.push(Buffer.from(buffer.subarray(0, read)));
      // The same test decode makes, as soon as its sample is in.
      if (total < BINARY_SAMPLE_BYTES && total + read >= BINARY_SAMPLE_BYTES && looksBinary(Buffer.concat(chunks))) throw binary(name);
      total += read;
      if (total > MAX_INPUT_BYTES) throw tooLarge(name);
    }
    return Buffer.concat(chunks, total);
  } finally {
    if (fd !== source) closeSync(fd);
  }
}

function tooLarge(name: string): CliError {
  return new CliError(`'${name}' is larger than ${MAX_INPUT_BYTES / (1024 * 1024)} MiB, not a sysctl configuration file`);
}

function binary(name: string): CliError {
  return new CliError(`'${name}' looks like a binary file, not a sysctl configuration file`);
}

/**
 * Text files only. A sysctl file may hold a stray NUL or bad byte (the rules report those), but
 * one that is mostly control bytes is not a sysctl file at all.
 */
function decode(bytes: Buffer, name: string): { text: string; exact: boolean } {
  if (looksBinary(bytes)) throw binary(name);
  const text = decoder.decode(bytes);
  return { text, exact: !text.includes('\uFFFD') || Buffer.from(text, 'utf8').equals(bytes) };
}

/** How much of the start of a file looksBinary judges. */
const BINARY_SAMPLE_BYTES = 65536;

export function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, BINARY_SAMPLE_BYTES);
  if (sample.length === 0) return false;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0 || (byte < 32 && byte !== 9 && byte !== 10 && byte !== 11 && byte !== 12 && byte !== 13)) control++;
  }
  return control / sample.length > 0.1;
}
