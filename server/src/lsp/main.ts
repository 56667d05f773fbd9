import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

function main(): void {
  if (!process.argv.some((arg) => TRANSPORTS.some((t) => arg === t || arg.startsWith(t + '=')))) {
    process.stderr.write('sysctl-language-server: choose a transport: --stdio, --node-ipc or --socket=PORT\n');
    process.exit(2);
  }
  const connection = createConnection(ProposedFeatures.all);
  // stdout carries the protocol: route every stray console call to the client's log instead.
  /* eslint-disable no-console */
  console.log = connection.console.log.bind(connection.console);
  console.info = connection.console.info.bind(connection.console);
  console.warn = connection.console.warn.bind(connection.console);
  console.error = connection.console.error.bind(connection.console);
  /* eslint-enable no-console */
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
  startServer(connection);
}

main();
