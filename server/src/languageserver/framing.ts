import { AbstractMessageReader, DataCallback, Disposable, Message, MessageReader } from 'vscode-languageserver/node';

/** Bodies above this are refused rather than buffered (a V8 string cannot hold much more anyway). */
const MAX_BODY_BYTES = 512 * 1024 * 1024;
/** Header blocks are a line or two; this much without a blank line means the stream is out of step. */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /content-length:/i;

/** Why a frame was dropped: the JSON-RPC error the client is sent for it (with `id: null`, as nothing else is known). */
export interface FrameProblem {
  code: -32700 | -32600;
  message: string;
}

/**
 * Reads LSP base-protocol frames (`Content-Length: N\r\n\r\n` + N bytes of JSON) from a byte
 * stream like vscode-jsonrpc's StreamMessageReader, but survives a broken client: a missing or
 * wrong header, a wrong length or a body that is not a JSON object is reported through
 * `onProblem` and the reader skips to the next `Content-Length:` header instead of staying out of
 * step for the rest of the session (vscode-jsonrpc's reader does, and the server then answers
 * nothing again).
 */
export class ResyncingMessageReader extends AbstractMessageReader implements MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** Chunks received while a body is incomplete, joined once it is (not per chunk: a 50 MB didOpen comes in 64 KB pieces). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The body length of the frame being read, once its header is parsed. */
  private expected = -1;
  /** After a broken frame, until the next `Content-Length:` arrives (reported once, not per chunk). */
  private resyncing = false;
  private callback: DataCallback | undefined;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly onProblem: (problem: FrameProblem) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string) => this.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('close', onClose);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('close', onClose);
    });
  }

  /** Takes the next bytes of the stream and delivers every complete message in them. */
  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.expected >= 0 && this.buffer.length + this.pendingBytes < this.expected) return;
    this.buffer = Buffer.concat([this.buffer, ...this.pending]);
    this.pending = [];
    this.pendingBytes = 0;
    for (;;) {
      if (this.resyncing && !this.skipToHeader(0)) return;
      if (this.expected < 0) {
        const end = this.buffer.indexOf(HEADER_END);
        if (end < 0) {
          if (this.buffer.length > MAX_HEADER_BYTES) this.drop(`no header end (\\r\\n\\r\\n) in ${this.buffer.length} bytes`);
          return;
        }
        const length = contentLengthOf(this.buffer.toString('latin1', 0, end));
        if (typeof length === 'string') {
          this.drop(length);
          continue;
        }
        this.buffer = this.buffer.subarray(end + HEADER_END.length);
        this.expected = length;
      }
      if (this.buffer.length < this.expected) return;
      const body = this.buffer.subarray(0, this.expected);
      const length = this.expected;
      this.expected = -1;
      let message: unknown;
      try {
        message = JSON.parse(body.toString('utf8'));
      } catch (e) {
        // A too long Content-Length swallows the frames after it: read them again from their header.
        const next = nextHeader(body, 0);
        this.buffer = this.buffer.subarray(next >= 0 ? next : length);
        this.onProblem({ code: -32700, message: `Parse error: the body of ${length} bytes is not JSON (${(e as Error).message})` });
        continue;
      }
      this.buffer = this.buffer.subarray(length);
      if (message === null || typeof message !== 'object' || Array.isArray(message)) {
        this.onProblem({ code: -32600, message: `Invalid request: a message must be a JSON object, got ${Array.isArray(message) ? 'an array' : JSON.stringify(message)}` });
        continue;
      }
      this.callback?.(message as Message);
    }
  }

  /** Reports a broken header and skips to the next `Content-Length:`. */
  private drop(problem: string): void {
    this.onProblem({ code: -32700, message: `Parse error: ${problem}; skipped to the next Content-Length header` });
    this.skipToHeader(1);
  }

  /** Drops the bytes before the next `Content-Length:` at or after `from`; false when none has arrived yet. */
  private skipToHeader(from: number): boolean {
    const next = nextHeader(this.buffer, from);
    this.resyncing = next < 0;
    // Without one, keep a tail that may be the start of a header split across chunks.
    this.buffer = next >= 0 ? this.buffer.subarray(next) : this.buffer.subarray(Math.max(0, this.buffer.length - ('content-length:'.length - 1)));
    return !this.resyncing;
  }
}

/** The Content-Length of a header block, or what is wrong with it. */
export function contentLengthOf(header: string): number | string {
  let length: number | string = 'the header has no Content-Length';
  for (const line of header.split('\r\n')) {
    // A field name is an RFC 9110 token: a JSON body read as a header is not one.
    const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) return `malformed header line ${JSON.stringify(line.slice(0, 80))}`;
    if (m[1].toLowerCase() !== 'content-length') continue;
    if (!/^\d{1,10}$/.test(m[2])) return `Content-Length must be a number of bytes, got ${JSON.stringify(m[2].slice(0, 40))}`;
    const n = Number(m[2]);
    if (n > MAX_BODY_BYTES) return `Content-Length ${n} is above the ${MAX_BODY_BYTES}-byte limit`;
    length = n;
  }
  return length;
}

/** Where the next `Content-Length:` header starts at or after `from`, or -1. */
function nextHeader(buffer: Buffer, from: number): number {
  // latin1 keeps one character per byte, so string indices are byte offsets.
  const text = buffer.toString('latin1', from);
  const at = text.search(CONTENT_LENGTH);
  return at < 0 ? -1 : from + at;
}
