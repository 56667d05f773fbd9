import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

/**
 * The JSON encoder of the stream transports, with one difference: each diagnostic of a
 * `publishDiagnostics` is serialised once and its text reused. A publish carries every diagnostic
 * of the file, and after a one-line edit nearly all of them are the same objects as before (the
 * server converts each finding once); stringifying thousands of them again per keystroke was the
 * largest cost of an edit. The bytes are exactly what JSON.stringify of the whole message gives.
 *
 * Diagnostic objects must not be changed after they are first published (the server never does).
 */
export function createMessageEncoder(): ContentTypeEncoder {
  const serialised = new WeakMap<object, string>();
  const diagnosticJson = (diagnostic: object): string => {
    let json = serialised.get(diagnostic);
    if (json === undefined) {
      json = JSON.stringify(diagnostic);
      serialised.set(diagnostic, json);
    }
    return json;
  };
  return {
    name: 'application/json',
    encode: (message, options) => {
      try {
        return Promise.resolve(Buffer.from(encodeMessage(message, diagnosticJson), options.charset));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/** Stands in for the diagnostics in the frame; a uri that serialises the same way shows up as a second match. */
const PLACEHOLDER = '\u0000diagnostics\u0000';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

/** The message as JSON.stringify writes it, with publishDiagnostics' diagnostics taken from `diagnosticJson`. */
export function encodeMessage(message: Message, diagnosticJson: (diagnostic: object) => string): string {
  const notification = message as { method?: unknown; params?: { diagnostics?: unknown } };
  const diagnostics = notification.params?.diagnostics;
  if (notification.method !== 'textDocument/publishDiagnostics' || !Array.isArray(diagnostics) || !diagnostics.every(isPlainObject)) {
    return JSON.stringify(message, undefined, 0);
  }
  const frame = JSON.stringify({ ...message, params: { ...notification.params, diagnostics: PLACEHOLDER } });
  const at = frame.indexOf(PLACEHOLDER_JSON);
  // Not exactly one match (a uri made to look like the placeholder): take no shortcut.
  if (at < 0 || frame.indexOf(PLACEHOLDER_JSON, at + 1) >= 0) return JSON.stringify(message, undefined, 0);
  const parts = new Array<string>(diagnostics.length);
  for (let i = 0; i < diagnostics.length; i++) parts[i] = diagnosticJson(diagnostics[i]);
  return `${frame.slice(0, at)}[${parts.join(',')}]${frame.slice(at + PLACEHOLDER_JSON.length)}`;
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
