import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRequest,
  CompletionRequest,
  DidChangeConfigurationNotification,
  DidCloseTextDocumentNotification,
  DocumentFormattingRequest,
  InlayHintRequest,
  MarkupContent,
  Message,
  ResponseError,
  ResponseMessage,
  StreamMessageReader,
  WorkDoneProgressCancelNotification,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';
import { ResyncingMessageReader, contentLengthOf } from './framing';
import { CACHE_C, TLS_C } from '../testing/globalContexts';
import { StdioLspClient } from '../testing/lspClient';
import { repoRoot } from '../testing/paths';

/** A document whose line 0, character 12 is SSL_SESS_CACHE_SERVER: the hover every test checks still works afterwards. */
const PROBE_TEXT = 'int probe = SSL_SESS_CACHE_SERVER;\nvoid f(SSL_CTX *ctx) { SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER); }\n';
const PROBE_URI = 'file:///abuse/probe.c';

function markdownOf(hover: { contents: unknown } | null): string {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

async function assertStillServes(client: StdioLspClient): Promise<void> {
  assert.match(markdownOf(await client.hover(PROBE_URI, 0, 14)), /SSL_SESS_CACHE_SERVER.*0x0002/);
}

async function rejection(promise: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await promise;
  } catch (e) {
    return e as ResponseError<unknown>;
  }
  assert.fail('expected an error response');
}

/** The server over raw stdio: bytes in, parsed messages out (read with vscode-jsonrpc's own reader). */
class RawServer {
  readonly received: Message[] = [];
  private waiters: (() => void)[] = [];
  private nextId = 1000;
  readonly child: ChildProcess;

  constructor() {
    this.child = spawn(process.execPath, [path.join(repoRoot(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    new StreamMessageReader(this.child.stdout!).listen((m) => {
      this.received.push(m);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  write(bytes: string): void {
    this.child.stdin!.write(bytes);
  }

  send(message: object): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  async request(method: string, params: unknown): Promise<ResponseMessage> {
    const id = this.nextId++;
    this.send({ id, method, params });
    return this.until((m) => (m as ResponseMessage).id === id) as Promise<ResponseMessage>;
  }

  /** Resolves with the first received message that matches (messages are kept, so none is missed). */
  async until(match: (m: Message) => boolean): Promise<Message> {
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async start(): Promise<void> {
    await this.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    this.send({ method: 'initialized', params: {} });
    this.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: PROBE_URI, languageId: 'c', version: 1, text: PROBE_TEXT } } });
  }

  /** Errors the server sent without an id (for frames it could not read) since `from`. */
  frameErrors(from: number): ResponseMessage['error'][] {
    return this.received.slice(from).flatMap((m) => ((m as ResponseMessage).id === null ? [(m as ResponseMessage).error] : []));
  }

  async assertStillServes(): Promise<void> {
    const response = await this.request('textDocument/hover', { textDocument: { uri: PROBE_URI }, position: { line: 0, character: 14 } });
    assert.match(markdownOf(response.result as { contents: unknown }), /SSL_SESS_CACHE_SERVER.*0x0002/);
  }
}

describe('the server under abuse: malformed JSON-RPC over raw stdio', () => {
  let server: RawServer;
  before(async () => {
    server = new RawServer();
    await server.start();
  });
  after(() => {
    server.child.kill();
  });

  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { textDocument: { uri: PROBE_URI }, position: { line: 0, character: 14 } } });
  const cases: { name: string; bytes: string; codes: number[] }[] = [
    { name: 'a body that is not JSON', bytes: `Content-Length: 12\r\n\r\n{"jsonrpc": `, codes: [-32700] },
    { name: 'a body that is an array', bytes: `Content-Length: 7\r\n\r\n[1,2,3]`, codes: [-32600] },
    { name: 'a body that is a number', bytes: `Content-Length: 2\r\n\r\n42`, codes: [-32600] },
    { name: 'a body that is null', bytes: `Content-Length: 4\r\n\r\nnull`, codes: [-32600] },
    // The rest of the body is then read as a header, which is broken too.
    { name: 'a Content-Length that is too short', bytes: `Content-Length: 10\r\n\r\n${body}`, codes: [-32700, -32700] },
    // The body swallows the start of the next frame (the probe hover), which is read again from its header.
    { name: 'a Content-Length that is too long', bytes: `Content-Length: ${body.length + 20}\r\n\r\n${body}`, codes: [-32700] },
    { name: 'a Content-Length that is not a number', bytes: `Content-Length: lots\r\n\r\n${body}`, codes: [-32700] },
    { name: 'a header without Content-Length', bytes: `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`, codes: [-32700] },
    { name: 'a message without any header', bytes: `${body}\r\n\r\n`, codes: [-32700] },
    { name: 'a garbage header line', bytes: `hello world\r\nContent-Length: 2\r\n\r\n{}`, codes: [-32700] },
  ];
  for (const c of cases) {
    it(`answers ${c.name} with ${c.codes.join(', ')} and keeps serving`, async () => {
      const from = server.received.length;
      server.write(c.bytes);
      await server.assertStillServes();
      assert.deepEqual(
        server.frameErrors(from).map((e) => e?.code),
        c.codes,
        JSON.stringify(server.frameErrors(from)),
      );
    });
  }

  it('answers an unknown request with MethodNotFound and ignores an unknown notification', async () => {
    const response = await server.request('sesscache/noSuchMethod', {});
    assert.equal(response.error?.code, -32601);
    const from = server.received.length;
    server.send({ method: 'sesscache/noSuchNotification', params: {} });
    server.send({ method: '$/noSuchNotification', params: {} });
    await server.assertStillServes();
    assert.deepEqual(
      server.received.slice(from).filter((m) => 'id' in m).length,
      1,
      'only the probe hover is answered',
    );
  });

  it('exits when its input closes (1: no shutdown was asked for)', async () => {
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    server.child.stdin!.end();
    assert.equal(await exited, 1);
  });
});

describe('the resynchronising frame reader', () => {
  it('reads frames split at every byte, and multi-byte characters across chunks', () => {
    const messages = [{ jsonrpc: '2.0', method: 'a', params: { text: 'é😀\r\n\r\nContent-Length: 3' } }, { jsonrpc: '2.0', id: 1, result: null }];
    const bytes = Buffer.from(messages.map((m) => JSON.stringify(m)).map((b) => `Content-Length: ${Buffer.byteLength(b)}\r\ncontent-type: x\r\n\r\n${b}`).join(''));
    const got: unknown[] = [];
    const problems: unknown[] = [];
    const reader = new ResyncingMessageReader(process.stdin, (p) => problems.push(p));
    // listen() is not called: push() is the stream's data handler.
    (reader as unknown as { callback: (m: unknown) => void }).callback = (m) => got.push(m);
    for (let i = 0; i < bytes.length; i++) reader.push(bytes.subarray(i, i + 1));
    assert.deepEqual(got, messages);
    assert.deepEqual(problems, []);
  });

  it('parses Content-Length strictly', () => {
    assert.equal(contentLengthOf('Content-Length: 12'), 12);
    assert.equal(contentLengthOf('content-length:12\r\nContent-Type: a'), 12);
    assert.match(String(contentLengthOf('Content-Length: -1')), /must be a number/);
    assert.match(String(contentLengthOf('Content-Length: 99999999999')), /must be a number/);
    assert.match(String(contentLengthOf('Content-Length: 4294967295')), /limit/);
    assert.match(String(contentLengthOf('Content-Type: a')), /no Content-Length/);
    assert.match(String(contentLengthOf('hello world')), /malformed header/);
    assert.match(String(contentLengthOf('Content-Length: 2\r\n{"id": 1}')), /malformed header/);
  });
});

describe('the server under abuse: bad requests and floods', () => {
  let client: StdioLspClient;
  before(async () => {
    client = await StdioLspClient.start();
    await client.open(PROBE_URI, 'c', PROBE_TEXT);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('answers requests for never-opened and closed documents with nothing, or an error that says so', async () => {
    const closed = 'file:///abuse/closed.c';
    await client.open(closed, 'c', PROBE_TEXT);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: closed } });
    for (const uri of ['file:///abuse/never-opened.c', closed]) {
      const textDocument = { uri };
      const position = { line: 0, character: 14 };
      const range = { start: position, end: position };
      assert.equal(await client.hover(uri, 0, 14), null);
      assert.deepEqual(await client.codeActions(uri, range), []);
      assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument }), []);
      assert.deepEqual(await client.connection.sendRequest(InlayHintRequest.type, { textDocument, range }), []);
      assert.deepEqual(await client.connection.sendRequest(CompletionRequest.type, { textDocument, position }), []);
      assert.deepEqual(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 2, insertSpaces: true } }), []);
      const simulate = await rejection(client.connection.sendRequest('sesscache/simulate', { textDocument, position }));
      assert.equal(simulate.code, -32602);
      assert.match(simulate.message, /is not open/);
      assert.equal((await rejection(client.connection.sendRequest('sesscache/exportSslcache', { textDocument, position }))).code, -32602);
    }
    await assertStillServes(client);
  });

  it('refuses requests without a document or a position as invalid params', async () => {
    for (const params of [{}, { textDocument: { uri: 5 }, position: { line: 0, character: 0 } }, { textDocument: { uri: PROBE_URI } }, { textDocument: { uri: PROBE_URI }, position: 'start' }]) {
      const error = await rejection(client.connection.sendRequest('textDocument/hover', params));
      assert.ok([-32602, -32603].includes(error.code), `${JSON.stringify(params)}: ${error.code} ${error.message}`);
    }
    await assertStillServes(client);
  });

  it('clamps positions past the end (as LSP says), refuses negative and fractional ones, and survives one inside a surrogate pair', async () => {
    const uri = 'file:///abuse/positions.c';
    // The emoji is two UTF-16 units: character 4 is between them.
    const text = '/* 😀 */ int m = SSL_SESS_CACHE_CLIENT;\n#define LAST SSL_SESS_CACHE_SERVER';
    await client.open(uri, 'c', text);
    const lastLength = text.length - text.lastIndexOf('\n') - 1;
    assert.deepEqual(await client.hover(uri, 1e9, 0), await client.hover(uri, 1, lastLength), 'line 1e9 is the end of the document');
    assert.deepEqual(await client.hover(uri, 0, 1e6), await client.hover(uri, 0, text.indexOf('\n')), 'a character past the end of a line is its end');
    assert.match(markdownOf(await client.hover(uri, 1, lastLength - 2)), /SSL_SESS_CACHE_SERVER/);
    assert.equal(await client.hover(uri, 0, 4), null, 'inside the surrogate pair of a comment');
    const after = markdownOf(await client.hover(uri, 0, 20));
    assert.match(after, /SSL_SESS_CACHE_CLIENT/, 'positions after the pair count UTF-16 units');
    for (const position of [{ line: -1, character: 0 }, { line: 0, character: -5 }, { line: 0.5, character: 0 }]) {
      assert.equal((await rejection(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }))).code, -32602);
    }
    const simulate = await rejection(client.connection.sendRequest('sesscache/simulate', { textDocument: { uri }, position: { line: -1, character: 0 } }));
    assert.equal(simulate.code, -32602);
    await assertStillServes(client);
  });

  it('applies changes with ranges out of the document clamped, and survives changes it cannot apply', async () => {
    const uri = 'file:///abuse/ranges.c';
    await client.open(uri, 'c', 'int a;\n');
    const far = { line: 1e9, character: 1e9 };
    await client.edit(uri, 2, { start: far, end: far }, 'int b = SSL_SESS_CACHE_CLIENT;\n');
    // End before start: the range is read the other way round. Negative positions clamp to the start.
    await client.edit(uri, 3, { start: { line: 0, character: 6 }, end: { line: 0, character: 0 } }, 'int a2;');
    await client.edit(uri, 4, { start: { line: -3, character: -3 }, end: { line: -1, character: 0 } }, '/* head */');
    // Not a change at all, and a change to a document that is not open.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 } });
    await client.edit('file:///abuse/never-opened.c', 2, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'x');
    await client.waitForDiagnostics(uri, 4);
    assert.match(markdownOf(await client.hover(uri, 1, 20)), /SSL_SESS_CACHE_CLIENT/, 'the text is "/* head */int a2;\\nint b = SSL_SESS_CACHE_CLIENT;"');
    assert.equal(await client.hover(uri, 0, 3), null);
    await assertStillServes(client);
  });

  it('coalesces a flood of changes: diagnostics for the last version, and hovers answered during it', async () => {
    const uri = 'file:///abuse/flood.c';
    const line = (i: number) => `void f${i}(SSL_CTX *ctx) { SSL_CTX_set_session_cache_mode(ctx, ${i % 2 ? 'SSL_SESS_CACHE_SERVR' : 'SSL_SESS_CACHE_SERVER'}); }\n`;
    await client.open(uri, 'c', '');
    const changes = 3000;
    const hovers: Promise<unknown>[] = [];
    for (let i = 1; i <= changes; i++) {
      // Each change appends a line; every 500th is followed by a hover on the probe.
      void client.edit(uri, i + 1, { start: { line: i - 1, character: 0 }, end: { line: i - 1, character: 0 } }, line(i));
      if (i % 500 === 0) hovers.push(client.hover(PROBE_URI, 0, 14));
    }
    for (const hover of await Promise.all(hovers)) assert.match(markdownOf(hover as { contents: unknown }), /0x0002/);
    const diagnostics = await client.waitForDiagnostics(uri, changes + 1, 60_000);
    // Odd lines misspell the flag: one unknown-flag finding per odd line of the last version.
    assert.equal(diagnostics.filter((d) => d.code === 'unknown-flag').length, changes / 2);
    const published = client.published.get(uri) ?? 0;
    assert.ok(published < changes / 2, `${published} diagnostics publications for ${changes} changes`);
    await assertStillServes(client);
  });
});

describe('limits', () => {
  it('a document above sesscache.maxFileSize gets one notice instead of analysis, and is analysed once the limit is raised', async () => {
    const client = await StdioLspClient.start({ maxFileSize: 0.01 });
    try {
      await client.open(PROBE_URI, 'c', PROBE_TEXT);
      const uri = 'file:///abuse/large.c';
      // About 20 KB: above 0.01 MB (10,486 bytes).
      const text = 'void f(SSL_CTX *ctx) { SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVR); }\n' + '/* padding */\n'.repeat(1500);
      await client.open(uri, 'c', text);
      const [notice, ...rest] = await client.waitForDiagnostics(uri, 1);
      assert.deepEqual(rest, []);
      assert.equal(notice.code, 'file-too-large');
      assert.equal(notice.severity, 3);
      assert.deepEqual(notice.range.start, { line: 0, character: 0 });
      assert.match(String(notice.message), /this file is 21 KB, above the limit of 0\.01 MB \(setting sesscache\.maxFileSize\)/);
      assert.equal(await client.hover(uri, 0, 70), null);
      assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), []);
      const simulate = await rejection(client.connection.sendRequest('sesscache/simulate', { textDocument: { uri }, position: { line: 0, character: 30 } }));
      assert.match(simulate.message, /sesscache\.maxFileSize/);
      await assertStillServes(client);

      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { sesscache: { maxFileSize: 1 } } });
      await client.waitForDiagnostics(uri, 1);
      const deadline = Date.now() + 10_000;
      while (client.diagnostics.get(uri)?.diagnostics[0]?.code === 'file-too-large' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(client.diagnostics.get(uri)?.diagnostics.map((d) => d.code), ['unknown-flag']);
      assert.match(markdownOf(await client.hover(uri, 0, 70)), /SSL_SESS_CACHE_SERVR/);
    } finally {
      await client.stop();
    }
  });

  it('a simulation of more events than the request allows is refused with the count, and runs when allowed', async () => {
    const client = await StdioLspClient.start();
    try {
      await client.open(PROBE_URI, 'c', PROBE_TEXT);
      const params = { textDocument: { uri: PROBE_URI }, position: { line: 1, character: 30 }, preset: 'web', workload: { connections: 20000 } };
      const refused = await rejection(client.connection.sendRequest('sesscache/simulate', { ...params, maxEvents: 19999 }));
      assert.equal(refused.code, -32001);
      assert.deepEqual(refused.data, { events: 20000, limit: 19999 });
      const report = await client.connection.sendRequest<{ summary: { connections: number } }>('sesscache/simulate', { ...params, maxEvents: 20000 });
      assert.equal(report.summary.connections, 20000);
      assert.equal((await client.connection.sendRequest<{ summary: { connections: number } }>('sesscache/simulate', params)).summary.connections, 20000);
    } finally {
      await client.stop();
    }
  });

  it('cancelling the workspace index stops it before its end', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-index-cancel-'));
    // Files that configure a context each: indexing them all takes many slices.
    const files = 3000;
    for (let i = 0; i < files; i++) fs.writeFileSync(path.join(dir, `ctx${i}.c`), `${CACHE_C}\nint util${i}(void) { return ${i}; }\n`.repeat(4));
    const progress: { kind: string; message?: string }[] = [];
    let ended!: () => void;
    const end = new Promise<void>((resolve) => (ended = resolve));
    const client = await StdioLspClient.start({}, undefined, pathToFileURL(dir).href, { window: { workDoneProgress: true } }, (connection) => {
      connection.onRequest(WorkDoneProgressCreateRequest.method, () => null);
      connection.onNotification('$/progress', (p: { token: string | number; value: { kind: string; message?: string } }) => {
        progress.push(p.value);
        // The user presses Cancel on the first report.
        if (p.value.kind === 'report' && progress.filter((v) => v.kind === 'report').length === 1) void connection.sendNotification(WorkDoneProgressCancelNotification.type, { token: p.token });
        if (p.value.kind === 'end') ended();
      });
    });
    try {
      await end;
      const reports = progress.filter((v) => v.kind === 'report').map((v) => Number(/^(\d+) of/.exec(v.message ?? '')?.[1]));
      assert.ok(reports.length >= 1);
      assert.ok(reports.every((done) => done < files), `stopped before the end: ${reports.join(', ')} of ${files}`);
      // And the server still answers.
      assert.ok(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nothing.c' }, position: { line: 0, character: 0 } }) === null);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the workspace index reports progress, and skips files above sesscache.maxFileSize', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-index-'));
    const files = 40;
    for (let i = 0; i < files; i++) fs.writeFileSync(path.join(dir, `util${i}.c`), `int util${i}(int x) { return x + ${i}; }\n`);
    // The callback half of a context configured across two files (workspaceIndex.test.ts finds it),
    // in a file above the limit: the index does not read it.
    fs.writeFileSync(path.join(dir, 'cache.c'), CACHE_C + '/* padding */\n'.repeat(1000));
    const progress: { kind: string; title?: string; message?: string }[] = [];
    let ended!: () => void;
    const end = new Promise<void>((resolve) => (ended = resolve));
    const client = await StdioLspClient.start({ maxFileSize: 0.01 }, undefined, pathToFileURL(dir).href, { window: { workDoneProgress: true } }, (connection) => {
      connection.onRequest(WorkDoneProgressCreateRequest.method, () => null);
      connection.onNotification('$/progress', (p: { value: { kind: string; title?: string; message?: string } }) => {
        progress.push(p.value);
        if (p.value.kind === 'end') ended();
      });
    });
    try {
      await end;
      assert.equal(progress[0].kind, 'begin');
      assert.equal(progress[0].title, 'sesscache: indexing C files');
      assert.equal(progress[0].message, `0 of ${files + 1} files`);
      assert.equal(progress.at(-2)?.message, `${files + 1} of ${files + 1} files`);
      const uri = pathToFileURL(path.join(dir, 'tls.c')).href;
      await client.open(uri, 'c', TLS_C);
      const codes = (await client.waitForDiagnostics(uri, 1)).map((d) => d.code);
      assert.ok(codes.includes('role-mismatch'), codes.join(', '));
      assert.ok(!codes.includes('client-new-cb-without-client-bit'), 'cache.c was not indexed');
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('virtual workspaces: documents that are not files never touch the disk', () => {
  let dir: string;
  let client: StdioLspClient;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-virtual-'));
    fs.writeFileSync(path.join(dir, 'modes.h'), '#define MY_MODE (SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE)\n');
    client = await StdioLspClient.start();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a file: document follows its quoted include, the same path under vscode-vfs: does not', async () => {
    const text = '#include "modes.h"\nvoid f(SSL_CTX *ctx) { SSL_CTX_set_session_cache_mode(ctx, MY_MODE); }\n';
    const character = text.split('\n')[1].indexOf('MY_MODE') + 2;
    const onDisk = pathToFileURL(path.join(dir, 'main.c')).href;
    const virtual = onDisk.replace(/^file:\/\//, 'vscode-vfs://github');
    await client.open(onDisk, 'c', text);
    await client.open(virtual, 'c', text);
    assert.match(markdownOf(await client.hover(onDisk, 1, character)), /NO_INTERNAL_STORE/, 'the header is read for a file: document');
    const hover = await client.hover(virtual, 1, character);
    assert.doesNotMatch(hover === null ? '' : markdownOf(hover), /NO_INTERNAL_STORE/, 'nothing is read for a vscode-vfs: document');
  });
});
