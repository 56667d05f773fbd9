import type { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditableDocument } from '../engine/model/editableDocument';
import type { ContentChange } from '../engine/model/editableDocument';

/**
 * One open document. Until something needs its lines it is plain text (a file too large to
 * analyse is never split); from then on the lines are the only copy, edited in place, and the
 * whole text is joined only when asked for. The document manager of vscode-languageserver would
 * flatten the whole text on every edit, which on a 100,000-line file cost more than checking it.
 */
export class OpenDocument {
  private plain: TextDocument | undefined;
  private editable: EditableDocument | undefined;
  /** The whole text, joined from the lines; dropped on every change. */
  private joined: string | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    text: string,
  ) {
    this.plain = TextDocument.create(uri, languageId, currentVersion, text);
  }

  get version(): number {
    return this.currentVersion;
  }

  /** Length of the text in UTF-16 code units, without joining it. */
  get length(): number {
    return this.plain ? this.plain.getText().length : this.lines().length;
  }

  getText(): string {
    if (this.plain) return this.plain.getText();
    this.joined ??= this.lines().getText();
    return this.joined;
  }

  /** The text of one line without its terminator ('' past the end). */
  lineText(line: number): string {
    if (this.plain) {
      return this.plain.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r\n$|[\r\n]$/, '');
    }
    return this.lines().lineText(line);
  }

  /** The lines, split and parsed on first use. */
  lines(): EditableDocument {
    if (!this.editable) {
      this.editable = new EditableDocument(this.plain?.getText() ?? '');
      this.plain = undefined;
    }
    return this.editable;
  }

  apply(changes: readonly ContentChange[], version: number): void {
    if (this.plain) {
      // A fresh document per change, not TextDocument.update: that one keeps wrong line offsets
      // after a range past the end of the text, and later edits land in the wrong place.
      for (const change of changes) {
        const text = change.range ? TextDocument.applyEdits(this.plain, [{ range: change.range, newText: change.text }]) : change.text;
        this.plain = TextDocument.create(this.uri, this.languageId, version, text);
      }
    } else {
      this.editable?.applyChanges(changes);
    }
    this.joined = undefined;
    this.currentVersion = version;
  }
}

type Listener = (document: OpenDocument) => void;

/**
 * The documents the client has open, kept in sync from didOpen, didChange (incremental or full)
 * and didClose, in place of vscode-languageserver's TextDocuments.
 */
export class OpenDocuments {
  private readonly documents = new Map<string, OpenDocument>();
  private readonly opened: Listener[] = [];
  private readonly changed: Listener[] = [];
  private readonly closed: Listener[] = [];

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }

  onDidOpen(listener: Listener): void {
    this.opened.push(listener);
  }

  /** After an edit (not after an open). */
  onDidChange(listener: Listener): void {
    this.changed.push(listener);
  }

  onDidClose(listener: Listener): void {
    this.closed.push(listener);
  }

  listen(connection: Connection): void {
    connection.onDidOpenTextDocument(({ textDocument }) => {
      const document = new OpenDocument(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
      this.documents.set(document.uri, document);
      for (const listener of this.opened) listener(document);
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      const document = this.documents.get(textDocument.uri);
      // As TextDocuments: a change without a version or to a document not open is ignored.
      if (!document || contentChanges.length === 0 || typeof textDocument.version !== 'number') return;
      document.apply(contentChanges, textDocument.version);
      for (const listener of this.changed) listener(document);
    });
    connection.onDidCloseTextDocument(({ textDocument }) => {
      const document = this.documents.get(textDocument.uri);
      if (!document) return;
      this.documents.delete(textDocument.uri);
      for (const listener of this.closed) listener(document);
    });
  }
}
