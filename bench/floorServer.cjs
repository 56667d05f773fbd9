#!/usr/bin/env node
// @ts-check
// The floor for the language-server figures: a server built with vscode-languageserver that keeps
// the open documents in sync (incremental changes) and does no other work. Every open or change
// publishes empty diagnostics for that version; hover answers null, completion and code actions an empty list.
'use strict';
const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    completionProvider: { triggerCharacters: ['.', '/', '=', ' '], resolveProvider: false },
    codeActionProvider: true,
  },
  serverInfo: { name: 'bench-floor-server' },
}));

function publish(document) {
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
}
// TextDocuments fires onDidChangeContent for an open too.
documents.onDidChangeContent((event) => publish(event.document));
connection.onHover(() => null);
connection.onCompletion(() => []);
connection.onCodeAction(() => []);

documents.listen(connection);
connection.listen();
