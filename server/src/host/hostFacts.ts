/**
 * Host facts (RAM, architecture, kernel release) as gathered by an I/O adapter, with where they
 * came from. Shared by the CLI and the VS Code client, so nothing here may import `vscode`.
 */

import type { HostFacts } from '../engine/sizing';

export type { HostFacts };

/** Where the facts came from: this machine, or a host reached with the system ssh client. */
export type HostFactsSource = { kind: 'local' } | { kind: 'ssh'; host: string };

export interface SourcedHostFacts extends HostFacts {
  source: HostFactsSource;
}

/** What the adapters resolve to; they never reject. `error` is always a single line. */
export type HostFactsReadResult = { ok: true; value: SourcedHostFacts } | { ok: false; error: string };

/** A short human description of a source, e.g. for a status line: "this machine", "ssh db-1". */
export function describeSource(source: HostFactsSource): string {
  return source.kind === 'local' ? 'this machine' : `ssh ${source.host}`;
}

const MAX_MESSAGE_CHARS = 600;

/**
 * Makes text from outside (remote output, ssh stderr, a user's host string) safe to show as one
 * line: control characters and line/paragraph separators become escapes, and it is shortened.
 */
export function oneLine(text: string, maxChars = MAX_MESSAGE_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return escaped.length > maxChars ? `${escaped.slice(0, maxChars - 1)}…` : escaped;
}
