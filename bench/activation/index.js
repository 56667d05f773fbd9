// @ts-check
// extensionTestsPath for the activation benchmark: VS Code's extension host loads this file and
// calls run(). It activates the extension through the API and appends the time activation took
// (loading client/out/extension.js and activate() resolving, which includes starting the language
// server) to $SYSCTL_BENCH_ACTIVATION_OUT as one JSON line.
'use strict';
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const EXTENSION_ID = 'sysctl-tools.sysctl-tools';

module.exports.run = async function run() {
  const record = {};
  try {
    const vscode = require('vscode');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext) throw new Error(`extension ${EXTENSION_ID} not found`);
    record.wasActive = ext.isActive;
    const started = performance.now();
    await ext.activate();
    record.activationMs = performance.now() - started;
    record.vscodeVersion = vscode.version;
  } catch (err) {
    record.error = String((err && err.stack) || err);
  }
  const out = process.env.SYSCTL_BENCH_ACTIVATION_OUT;
  if (out) fs.appendFileSync(out, JSON.stringify(record) + '\n');
  if (record.error) throw new Error(record.error);
};
