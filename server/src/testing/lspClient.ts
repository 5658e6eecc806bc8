import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  DidOpenTextDocumentNotification,
  ExitNotification,
  Hover,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  ProtocolConnection,
  ShutdownRequest,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { repoRoot } from './paths';

/** A real LSP client talking to the built server (dist/server.js) over stdio. */
export class StdioLspClient {
  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
    readonly stderr: string[],
  ) {}

  static async start(settings?: unknown, serverPath = path.join(repoRoot(), 'dist', 'server.js')): Promise<StdioLspClient> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    const client = new StdioLspClient(connection, child, stderr);
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
      initializationOptions: settings === undefined ? undefined : { settings },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  /** Shuts the server down politely; resolves with its exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      const code = await exited;
      clearTimeout(timer);
      this.connection.dispose();
      return code;
    }
  }
}
