#!/usr/bin/env node
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
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
startServer(createConnection(ProposedFeatures.all));
