import type { Connection, Range, ServerCapabilities, TextEdit } from 'vscode-languageserver';
import type { OpenDocuments } from './openDocuments';
import type { LineSpan } from '../engine';
import { formatEdits } from '../engine';

export const FORMATTING_CAPABILITIES: Pick<ServerCapabilities, 'documentFormattingProvider' | 'documentRangeFormattingProvider'> = {
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
};

/** The lines a range covers; a range ending at column 0 does not include that line. */
function linesOf(range: Range): LineSpan {
  const end = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return { start: range.start.line, end };
}

/** Document and range formatting: the same edits `sysctl-lint format --write` applies. */
export function registerFormatting(connection: Connection, documents: OpenDocuments): void {
  connection.onDocumentFormatting((params): TextEdit[] => {
    const document = documents.get(params.textDocument.uri);
    return document ? formatEdits(document.getText()) : [];
  });
  connection.onDocumentRangeFormatting((params): TextEdit[] => {
    const document = documents.get(params.textDocument.uri);
    return document ? formatEdits(document.getText(), linesOf(params.range)) : [];
  });
}
