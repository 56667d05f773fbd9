import type { Connection, DataCallback, Disposable } from 'vscode-languageserver/node';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createMessageEncoder } from './messageEncoder';
import { startServer } from './server';
import { keepYoungGenerationSmall } from './youngGeneration';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

function main(): void {
  if (!process.argv.some((arg) => TRANSPORTS.some((t) => arg === t || arg.startsWith(t + '=')))) {
    process.stderr.write('sysctl-language-server: choose a transport: --stdio, --node-ipc or --socket=PORT\n');
    process.exit(2);
  }
  keepYoungGenerationSmall();
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
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

/**
 * A reader whose listener never throws into it: the library reports an exception thrown while a
 * message is handled through the same error event as a broken header. One such exception is a
 * bug of vscode-jsonrpc 8 (a second $/cancelRequest for a request that has not started yet calls
 * cancel on a token without one); it must cost that message, not the server.
 */
class HandlingSafeReader extends StreamMessageReader {
  override listen(callback: DataCallback): Disposable {
    return super.listen((message) => {
      try {
        callback(message);
      } catch (error) {
        process.stderr.write(`sysctl-language-server: a message could not be handled and was dropped: ${String(error).split('\n')[0]}\n`);
      }
    });
  }
}

/**
 * The stdio transport with our own reader, so that a broken message header ends the server with a
 * line on stderr instead of leaving it deaf until stdin closes. A body that is not JSON is only
 * reported: the next message is still found by its header.
 */
function stdioConnection(): Connection {
  const reader = new HandlingSafeReader(process.stdin);
  let shutdownReceived = false;
  reader.onError((error) => {
    // A body that is not JSON (SyntaxError) costs one message; any other error is in the framing.
    if (error instanceof SyntaxError) return;
    process.stderr.write(`sysctl-language-server: unreadable message header on stdin, exiting: ${error.message.split('\n')[0]}\n`);
    process.exit(1);
  });
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: createMessageEncoder() }));
  connection.onShutdown(() => {
    shutdownReceived = true;
  });
  // What the library does for a stdin stream it owns: end with the input.
  const end = () => process.exit(shutdownReceived ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  return connection;
}

main();
