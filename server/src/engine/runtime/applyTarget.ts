/**
 * The command that applies a file, or one line of it, to a running kernel: for the user to run
 * in their own terminal (the editor never presses Enter). This machine: `sudo sysctl -p FILE` for
 * a saved file, `sudo sysctl -w k=v` otherwise; a host read over SSH: the same values through
 * `ssh -t HOST`, since the file lives here and not there.
 */

import type { ParsedDocument } from '../parser/types';
import { applyFileCommand, applyValuesCommand, overSsh } from './applyCommand';

export interface ApplyTarget {
  /** The host of the snapshot, or undefined for this machine. */
  sshHost?: string;
  /** A saved file on this machine, for `sysctl -p`. */
  filePath?: string;
  /** Only this 0-based line, with `sysctl -w`. */
  line?: number;
}

/** Non-glob assignments in file order (a glob is expanded by sysctl -p, not by -w). */
function settingsOf(document: ParsedDocument, only?: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  document.lines.forEach((line, index) => {
    if (only !== undefined && index !== only) return;
    if (line.kind === 'setting' && !line.key.isGlob && line.key.canonical !== '') out.push([line.key.canonical, line.value.text]);
  });
  return out;
}

export type ApplyCommandResult = { ok: true; command: string } | { ok: false; error: string };

export function applyCommandFor(document: ParsedDocument, target: ApplyTarget): ApplyCommandResult {
  if (target.sshHost === undefined && target.line === undefined && target.filePath !== undefined) return { ok: true, command: applyFileCommand(target.filePath) };
  const settings = settingsOf(document, target.line);
  if (settings.length === 0) return { ok: false, error: target.line === undefined ? 'the file sets no key (globs are applied only by sysctl -p)' : 'this line sets no key' };
  const command = applyValuesCommand(settings);
  return { ok: true, command: target.sshHost === undefined ? command : overSsh(target.sshHost, command) };
}
