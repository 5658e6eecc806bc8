import assert, { AssertionError } from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { extractMarkers } from '../testing/markers';
import { repoRoot } from '../testing/paths';

/**
 * The built server (dist/server.js) driven by Neovim's own LSP client, headless:
 * proof that it works in an editor other than VS Code. The Lua side is
 * neovim/harness.lua; see its header for the environment it reads and the
 * result it writes.
 */

const HARNESS = path.join(repoRoot(), 'server/src/languageserver/neovim/harness.lua');
const SERVER = path.join(repoRoot(), 'dist/server.js');
/** The harness's own time limit; it writes its result and quits by then. */
const HARNESS_LIMIT_MS = 10_000;
/** If nvim is still running after this, it is killed (with its process group). */
const HARD_KILL_MS = 20_000;

const FIXTURE = `#include <openssl/ssl.h>

static int new_session_cb(SSL *ssl, SSL_SESSION *session);

/* Sessions live in our external store only: SSL_SESS_CACHE_⟦comment⟧NO_INTERNAL_STORE. */
static const char *why = "SSL_SESS_CACHE_⟦string⟧NO_INTERNAL_STORE";

SSL_CTX *make_server_ctx(void) {
  SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
  if (ctx == NULL) return NULL;
  SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"sesscache", 9);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_⟦flag⟧NO_INTERNAL_STORE);
  SSL_CTX_sess_set_new_cb(ctx, new_session_cb);
  return ctx;
}

void legacy_setup(SSL_CTX *ctx) {
  SSL_CTX_set_session_cache_mode(ctx, ⟦number⟧0x1002);
}
`;

interface HoverPosition {
  name: string;
  line: number;
  character: number;
}

/** What harness.lua writes (only the fields the tests read are typed strictly). */
interface HarnessResult {
  hovers: Record<string, string | null>;
  diagnostics: unknown[];
  errors: string[];
  serverExit: { code: number; signal: number } | null;
  serverStderr: string[];
  elapsedMs: number;
}

interface HarnessRun {
  result: HarnessResult | null;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  killed: boolean;
  wallMs: number;
  output: string;
}

/** Positions of the ⟦markers⟧ as 0-based LSP line/character (UTF-16, like JS strings). */
function hoverPositions(text: string, markers: Map<string, number>): HoverPosition[] {
  return [...markers].map(([name, offset]) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { name, line, character: offset - (before.lastIndexOf('\n') + 1) };
  });
}

/** `nvim --version`'s first line, or null when nvim is not on PATH. */
function nvimVersion(): string | null {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error || probe.status !== 0) return null;
  return probe.stdout.split('\n')[0] ?? 'nvim';
}
const NVIM = nvimVersion();

/** Skips (locally) or fails (in CI) when nvim is missing; true when the test may go on. */
function requireNvim(t: TestContext): boolean {
  if (NVIM) return true;
  if (process.env.CI) {
    assert.fail('neovim is missing: `nvim` is not on PATH, and CI must run the Neovim LSP test (install the `neovim` package)');
  }
  t.skip('nvim not installed');
  return false;
}

/** Escapes a file name for an Ex command line (like fnameescape()). */
function exEscape(file: string): string {
  return file.replace(/[ \t\\%#|"'*?[{`$!<]/g, '\\$&');
}

function parseResult(json: string): HarnessResult {
  const raw: unknown = JSON.parse(json);
  assert.ok(raw !== null && typeof raw === 'object' && !Array.isArray(raw), 'the result is a JSON object');
  const r = raw as Record<string, unknown>;
  assert.ok(r.hovers !== null && typeof r.hovers === 'object' && !Array.isArray(r.hovers), 'hovers is an object');
  for (const [name, value] of Object.entries(r.hovers as Record<string, unknown>)) {
    assert.ok(value === null || typeof value === 'string', `hovers.${name} is a string or null`);
  }
  assert.ok(Array.isArray(r.errors) && r.errors.every((e) => typeof e === 'string'), 'errors is a list of strings');
  assert.ok(Array.isArray(r.diagnostics), 'diagnostics is an array');
  return r as unknown as HarnessResult;
}

let runCounter = 0;

/** Runs harness.lua in a headless, config-free nvim against `server`, with a hard kill. */
function runHarness(opts: {
  tmp: string;
  server: string;
  file: string;
  positions: HoverPosition[];
  limitMs?: number;
  /** Neovim's filetype, sent as the languageId (default c). */
  filetype?: string;
}): Promise<HarnessRun> {
  // Each run gets its own XDG dirs: no user state is read or written, and the
  // LSP log (where Neovim 0.7 puts the server's stderr) is this run's alone.
  const home = path.join(opts.tmp, `run-${++runCounter}`);
  for (const dir of ['config', 'data', 'cache', 'state']) fs.mkdirSync(path.join(home, dir), { recursive: true });
  const output = path.join(home, 'result.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_STATE_HOME: path.join(home, 'state'),
    NVIM_LOG_FILE: path.join(home, 'nvim.log'),
    SESSCACHE_NVIM_NODE: process.execPath,
    SESSCACHE_NVIM_SERVER: opts.server,
    SESSCACHE_NVIM_FILE: opts.file,
    SESSCACHE_NVIM_POSITIONS: JSON.stringify(opts.positions),
    SESSCACHE_NVIM_OUTPUT: output,
    SESSCACHE_NVIM_TIMEOUT_MS: String(opts.limitMs ?? HARNESS_LIMIT_MS),
    SESSCACHE_NVIM_FILETYPE: opts.filetype ?? 'c',
  };
  delete env.NVIM_LISTEN_ADDRESS;
  delete env.NVIM;
  const args = [
    '--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '--noplugin',
    '-c', `luafile ${exEscape(HARNESS)}`,
    // only reached if the harness returned without quitting (e.g. a Lua syntax error)
    '-c', 'cquit 9',
  ];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // detached: nvim leads its own process group, so the hard kill takes the server too
    const child = spawn('nvim', args, { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    let killed = false;
    const hardKill = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, HARD_KILL_MS);
    child.on('error', (e) => {
      clearTimeout(hardKill);
      reject(e);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(hardKill);
      try {
        const result = fs.existsSync(output) ? parseResult(fs.readFileSync(output, 'utf8')) : null;
        resolve({ result, exitCode, signal, killed, wallMs: Date.now() - started, output: out });
      } catch (e) {
        reject(new Error(`unreadable harness result in ${output}: ${(e as Error).message}\n${out}`));
      }
    });
  });
}

/** The harness ran to completion and wrote a result. */
function completed(run: HarnessRun): HarnessResult {
  assert.equal(run.killed, false, `nvim was still running after ${HARD_KILL_MS} ms and was killed\n${run.output}`);
  assert.ok(run.result, `the harness wrote no result (nvim exit ${run.exitCode}, signal ${run.signal})\n${run.output}`);
  return run.result;
}

/** Everything a working sesscache server must give Neovim. Throws AssertionError otherwise. */
function assertWorkingServer(r: HarnessResult): void {
  assert.deepEqual(r.errors, [], 'the harness reports no errors');
  const flag = r.hovers.flag;
  assert.equal(typeof flag, 'string', 'SSL_SESS_CACHE_NO_INTERNAL_STORE has a hover');
  assert.match(flag!, /0x0200/);
  assert.match(flag!, /OpenSSL 0\.9\.7d/);
  const number = r.hovers.number;
  assert.equal(typeof number, 'string', '0x1002 has a hover');
  assert.match(number!, /SSL_SESS_CACHE_SERVER \| 0x1000/);
  assert.equal(r.hovers.comment, null, 'no hover on a flag name in a comment');
  assert.equal(r.hovers.string, null, 'no hover on a flag name in a string');
  assert.ok(Array.isArray(r.diagnostics), 'diagnostics is an array');
  const diagnostics = r.diagnostics as { code?: string; severity?: number; range?: { start: { line: number } } }[];
  assert.ok(
    diagnostics.some((d) => d.code === 'not-a-cache-mode' && d.severity === 1 && d.range?.start.line === 17),
    `Neovim received the not-a-cache-mode error for 0x1002: ${JSON.stringify(diagnostics)}`,
  );
  assert.deepEqual(r.serverExit, { code: 0, signal: 0 }, 'the server exits with 0 after shutdown and exit');
}

/** A minimal stdio LSP "server" that initializes fine but answers every request with null. */
const NULL_SERVER = String.raw`
let buf = Buffer.alloc(0);
const send = (msg) => {
  const body = JSON.stringify(msg);
  process.stdout.write('Content-Length: ' + Buffer.byteLength(body) + '\r\n\r\n' + body);
};
process.stdin.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    const sep = buf.indexOf('\r\n\r\n');
    if (sep < 0) return;
    const m = /Content-Length: *(\d+)/i.exec(buf.subarray(0, sep).toString('ascii'));
    if (!m) process.exit(4);
    const end = sep + 4 + Number(m[1]);
    if (buf.length < end) return;
    const msg = JSON.parse(buf.subarray(sep + 4, end).toString('utf8'));
    buf = buf.subarray(end);
    if (msg.method === 'exit') process.exit(0);
    if (msg.id === undefined || msg.method === undefined) continue;
    const result = msg.method === 'initialize' ? { capabilities: { hoverProvider: true, textDocumentSync: 1 } } : null;
    send({ jsonrpc: '2.0', id: msg.id, result });
  }
});
`;
/** A "server" that dies at once. */
const CRASHING_SERVER = `process.stderr.write('fake server: cannot start\\n'); process.exit(3);\n`;
/** A "server" that never answers initialize. */
const SILENT_SERVER = `process.stdin.resume();\n`;

describe('the language server in headless Neovim (built-in LSP client)', () => {
  let tmp = '';
  let file = '';
  let positions: HoverPosition[] = [];

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-nvim-'));
    const { text, markers } = extractMarkers(FIXTURE);
    file = path.join(tmp, 'server.c');
    fs.writeFileSync(file, text);
    positions = hoverPositions(text, markers);
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('hovers a flag and a numeric mode, and nothing in comments or strings', { timeout: HARD_KILL_MS + 10_000 }, async (t) => {
    if (!requireNvim(t)) return;
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`npm run build\``);
    const run = await runHarness({ tmp, server: SERVER, file, positions });
    const r = completed(run);
    t.diagnostic(`${NVIM}: nvim run took ${run.wallMs} ms (harness ${r.elapsedMs} ms)`);
    assertWorkingServer(r);
    assert.equal(run.exitCode, 0, `nvim exits 0 after a clean run\n${run.output}`);
  });

  it('serves a language binding too: Rust openssl code gets its flag hover and the C rule, spelled for Rust', { timeout: HARD_KILL_MS + 10_000 }, async (t) => {
    if (!requireNvim(t)) return;
    const source = fs.readFileSync(path.join(repoRoot(), 'examples', 'rust', 'session_server.rs'), 'utf8');
    const at = source.indexOf('SslSessionCacheMode::NO_INTERNAL_LOOKUP') + 'SslSessionCacheMode::'.length + 3;
    const { text, markers } = extractMarkers(source.slice(0, at) + '⟦rustFlag⟧' + source.slice(at));
    const rustFile = path.join(tmp, 'session_server.rs');
    fs.writeFileSync(rustFile, text);
    const r = completed(await runHarness({ tmp, server: SERVER, file: rustFile, positions: hoverPositions(text, markers), filetype: 'rust' }));
    assert.deepEqual(r.errors, []);
    assert.match(r.hovers.rustFlag ?? '', /Rust openssl `SslSessionCacheMode::NO_INTERNAL_LOOKUP` is OpenSSL's `SSL_SESS_CACHE_NO_INTERNAL_LOOKUP` = `0x0100`/);
    const codes = (r.diagnostics as { code?: string }[]).map((d) => d.code);
    assert.ok(codes.includes('stored-never-looked-up'), JSON.stringify(r.diagnostics));
  });

  describe('a broken server is caught', () => {
    it('one that answers every hover with null', { timeout: HARD_KILL_MS + 10_000 }, async (t) => {
      if (!requireNvim(t)) return;
      const server = path.join(tmp, 'null-server.cjs');
      fs.writeFileSync(server, NULL_SERVER);
      const run = await runHarness({ tmp, server, file, positions });
      const r = completed(run);
      // The protocol side is fine, so the harness itself reports no errors ...
      assert.deepEqual(r.errors, [], run.output);
      assert.deepEqual(r.hovers, { comment: null, string: null, flag: null, number: null });
      assert.deepEqual(r.serverExit, { code: 0, signal: 0 });
      // ... but the assertions the real server passes reject it.
      assert.throws(() => assertWorkingServer(r), AssertionError);
    });

    it('one that exits at once', { timeout: HARD_KILL_MS + 10_000 }, async (t) => {
      if (!requireNvim(t)) return;
      const server = path.join(tmp, 'crashing-server.cjs');
      fs.writeFileSync(server, CRASHING_SERVER);
      const run = await runHarness({ tmp, server, file, positions });
      const r = completed(run);
      assert.equal(run.exitCode, 1, 'nvim exits 1 when the harness reports errors');
      assert.ok(r.errors.some((e) => /exited/.test(e)), `an error says the server exited: ${JSON.stringify(r.errors)}`);
      assert.deepEqual(r.serverExit, { code: 3, signal: 0 });
      assert.ok(r.serverStderr.join('').includes('fake server: cannot start'), 'the server stderr is reported');
      assert.ok(Object.values(r.hovers).every((h) => h === null), 'no hovers');
      assert.throws(() => assertWorkingServer(r), AssertionError);
    });

    it('one that never answers initialize, within the time limit', { timeout: HARD_KILL_MS + 10_000 }, async (t) => {
      if (!requireNvim(t)) return;
      const server = path.join(tmp, 'silent-server.cjs');
      fs.writeFileSync(server, SILENT_SERVER);
      const limitMs = 1500;
      const run = await runHarness({ tmp, server, file, positions, limitMs });
      const r = completed(run);
      assert.notEqual(run.exitCode, 0);
      assert.ok(r.errors.some((e) => /initialize/.test(e)), `an error names initialize: ${JSON.stringify(r.errors)}`);
      assert.ok(r.elapsedMs <= limitMs + 500, `the harness stopped near its limit (${r.elapsedMs} ms)`);
      assert.throws(() => assertWorkingServer(r), AssertionError);
    });
  });
});
