// Shared helpers for the extension-host tests. Every wait is event- or
// predicate-driven and bounded by a timeout with a message saying what was
// awaited and what was last seen; nothing sleeps and hopes.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'sysctl-tools.sysctl-tools';
export const DEFAULT_WAIT_MS = 30_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: the runner must open test/fixtures/workspace (a copy of it)');
  return folder.uri;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

export async function writeWorkspaceFile(relativePath: string, content: string): Promise<vscode.Uri> {
  const uri = workspaceUri(relativePath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  return uri;
}

export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(workspaceUri(relativePath));
}

/**
 * Polls `probe` until `predicate` holds for its value, at most `timeoutMs`.
 * For state that has no change event (extension activation, providers that
 * become available once the language server is up).
 */
export async function waitFor<T>(
  description: string,
  probe: () => T | Thenable<T>,
  predicate: (value: T) => boolean,
  timeoutMs = DEFAULT_WAIT_MS,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (predicate(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const seen = lastError !== undefined ? `last error: ${String(lastError)}` : `last value: ${safeJson(last)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}; ${seen}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Subscribes to diagnostics changes for `uri` FIRST, then runs `action`
 * (e.g. opening the document), and resolves with the diagnostics once
 * `predicate` holds (checked on every change event for the uri and once after
 * the action, in case they were already there).
 */
export function waitForDiagnostics(
  description: string,
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  action?: () => Thenable<unknown> | Promise<unknown> | void,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise<vscode.Diagnostic[]>((resolve, reject) => {
    const key = uri.toString();
    let settled = false;
    const finish = (err: Error | undefined, diagnostics?: vscode.Diagnostic[]) => {
      if (settled) return;
      settled = true;
      subscription.dispose();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(diagnostics ?? []);
    };
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (predicate(diagnostics)) finish(undefined, diagnostics);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      const last = vscode.languages.getDiagnostics(uri).map(describeDiagnostic);
      finish(new Error(`timed out after ${timeoutMs} ms waiting for ${description} on ${uri.path}; last diagnostics: ${safeJson(last)}`));
    }, timeoutMs);
    Promise.resolve()
      .then(() => action?.())
      .then(check, (err: unknown) => finish(err instanceof Error ? err : new Error(String(err))));
  });
}

export function diagnosticCode(d: vscode.Diagnostic): string | number | undefined {
  const code = d.code;
  if (code !== undefined && typeof code === 'object') return code.value;
  return code;
}

export function describeDiagnostic(d: vscode.Diagnostic) {
  return {
    code: diagnosticCode(d),
    source: d.source,
    severity: vscode.DiagnosticSeverity[d.severity],
    range: describeRange(d.range),
    message: d.message,
  };
}

export function describeRange(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Flattens DocumentSymbol trees / SymbolInformation lists into name + range. */
export function flattenSymbols(
  symbols: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined,
): { name: string; range: vscode.Range }[] {
  const out: { name: string; range: vscode.Range }[] = [];
  const visit = (s: vscode.DocumentSymbol | vscode.SymbolInformation) => {
    const range = 'location' in s && s.location ? s.location.range : (s as vscode.DocumentSymbol).range;
    out.push({ name: s.name, range });
    const children = (s as vscode.DocumentSymbol).children;
    if (Array.isArray(children)) children.forEach(visit);
  };
  (symbols ?? []).forEach(visit);
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
