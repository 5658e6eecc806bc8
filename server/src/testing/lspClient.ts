import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  ClientCapabilities,
  CodeAction,
  CodeActionRequest,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  Range,
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
  /** The last diagnostics published per document uri, with the version they were computed for. */
  readonly diagnostics = new Map<string, { version?: number; diagnostics: Diagnostic[] }>();
  /** How many times diagnostics were published per document uri. */
  readonly published = new Map<string, number>();
  private diagnosticsWaiters: (() => void)[] = [];

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
    readonly stderr: string[],
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, { version: params.version, diagnostics: params.diagnostics });
      this.published.set(params.uri, (this.published.get(params.uri) ?? 0) + 1);
      const waiters = this.diagnosticsWaiters;
      this.diagnosticsWaiters = [];
      for (const w of waiters) w();
    });
  }

  /** Resolves with the diagnostics for uri once they are published for that version (or any, when omitted). */
  async waitForDiagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const entry = this.diagnostics.get(uri);
      if (entry && (version === undefined || entry.version === version)) return entry.diagnostics;
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} (version ${version}) within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.diagnosticsWaiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** An incremental change, as editors send it: `text` replaces `range` of version - 1. */
  async edit(uri: string, version: number, range: Range, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  codeActions(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<(CodeAction | { title: string })[] | null> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } });
  }

  /** Starts the server; `rootUri` is the workspace it indexes (none by default); `capabilities` are added to the client's. */
  static async start(
    settings?: unknown,
    serverPath = path.join(repoRoot(), 'dist', 'server.js'),
    rootUri: string | null = null,
    capabilities: ClientCapabilities = {},
    beforeInitialize: (connection: ProtocolConnection) => void = () => {},
  ): Promise<StdioLspClient> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    const client = new StdioLspClient(connection, child, stderr);
    beforeInitialize(connection);
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } }, ...capabilities },
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
