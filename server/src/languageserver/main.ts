#!/usr/bin/env node
import { Connection, ProposedFeatures, ResponseMessage, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import { ResyncingMessageReader } from './framing';
import { startServer } from './server';

/**
 * Entry point of dist/server.js. The transport comes from the command line:
 * `--stdio` for any LSP editor, `--node-ipc` when VS Code starts it, `--socket=N`.
 */
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    'sesscache-language-server: the sesscache LSP server\n\n' +
      'Usage: sesscache-language-server --stdio | --node-ipc | --socket=PORT\n',
  );
  process.exit(0);
}
const transports = ['--stdio', '--node-ipc', '--socket=', '--pipe='];
if (!process.argv.some((a) => transports.some((t) => a === t || (t.endsWith('=') && a.startsWith(t))))) {
  process.stderr.write('sesscache-language-server: choose a transport: --stdio, --node-ipc or --socket=PORT\n');
  process.exit(2);
}

/**
 * stdio with a reader that resynchronises after a broken frame (framing.ts) and answers it with a
 * JSON-RPC error; the rest is what vscode-languageserver does for its own stdio transport.
 */
function stdioConnection(): Connection {
  const writer = new StreamMessageWriter(process.stdout);
  const reader = new ResyncingMessageReader(process.stdin, (problem) => {
    const response: ResponseMessage = { jsonrpc: '2.0', id: null, error: problem };
    void writer.write(response);
  });
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  // stdout carries the protocol: anything a library prints goes to the client's log instead.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  return connection;
}

if (process.argv.includes('--stdio')) {
  const server = startServer(stdioConnection());
  // The editor closed our input: exit, with 1 when it had not asked for a shutdown first.
  const exit = () => process.exit(server.shutDown() ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
} else {
  startServer(createConnection(ProposedFeatures.all));
}
