import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mulberry32 } from '../../server/src/languageservice/simulator/workload';
import { StdioLspClient } from '../../server/src/testing/lspClient';
import { median, nowMs, percentile } from '../measure';
import { BenchContext, BenchResult, Benchmark, compared } from '../types';

/**
 * Editor latency over stdio against the built server (dist/server.js --stdio), on a 20,000-line
 * TLS server in C: hover round trips at varied positions, and the time from a `didChange` (a flag
 * changed in a mode expression) to the `publishDiagnostics` of that version. Each is measured
 * alternately with a request or change the server answers with next to no work of ours, so the
 * figures show the protocol's share beside our own.
 */

const LINES = 20_000;
const HOVER_TARGET_MS = 2;
const DIAGNOSTICS_TARGET_MS = 15;

/** The flag the benchmark's edits swap in the main server's mode expression; each gives other findings. */
const EDIT_FLAGS = ['SSL_SESS_CACHE_NO_AUTO_CLEAR', 'SSL_SESS_CACHE_NO_INTERNAL_LOOKUP'] as const;
const EDIT_MARK = '/* bench:edit */ ';

/** A TLS server of about `lines` lines: its cache configuration among a lot of ordinary code. */
export function generateTlsServer(lines: number, seed = 8): string {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const out: string[] = [
    '/*',
    ' * tlsd: a small TLS front end (generated for the editor benchmark).',
    ' * Sessions are cached in-process and in a shared external store.',
    ' */',
    '#include <errno.h>',
    '#include <stdio.h>',
    '#include <stdlib.h>',
    '#include <string.h>',
    '#include <openssl/err.h>',
    '#include <openssl/ssl.h>',
    '',
    '#define TLSD_CACHE_MODE (SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE)',
    '#define TLSD_MAX_CONN 1024',
    '',
    'static SSL_CTX *g_server_ctx;',
    'static const unsigned char SID_CTX[] = "tlsd";',
    '',
  ];
  const nouns = ['conn', 'buffer', 'request', 'header', 'route', 'worker', 'timer', 'queue', 'peer', 'record', 'stats', 'config'];
  const verbs = ['parse', 'reset', 'flush', 'append', 'lookup', 'validate', 'encode', 'decode', 'schedule', 'release', 'count', 'format'];
  const functionNames: string[] = [];
  let contexts = 0;

  const tlsBlock = (): string[] => {
    const n = contexts++;
    const name = n === 0 ? 'tlsd_server_ctx' : `tlsd_ctx_${n}`;
    const server = n % 4 !== 3;
    const lines = [
      `/* TLS context ${n}: ${server ? 'the listener' : 'the upstream client'}; see docs/tls.md. */`,
      `SSL_CTX *${name}(const char *cert, const char *key)`,
      '{',
      `    SSL_CTX *ctx = SSL_CTX_new(${server ? 'TLS_server_method' : 'TLS_client_method'}());`,
      '',
      '    if (ctx == NULL)',
      '        return NULL;',
    ];
    if (server) {
      lines.push(
        '    if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1',
        '        || SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {',
        '        SSL_CTX_free(ctx);',
        '        return NULL;',
        '    }',
        '    SSL_CTX_set_session_id_context(ctx, SID_CTX, sizeof(SID_CTX) - 1);',
      );
      if (n === 0) lines.push(`    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | ${EDIT_MARK}${EDIT_FLAGS[0]});`);
      else lines.push(`    SSL_CTX_set_session_cache_mode(ctx, ${pick(['TLSD_CACHE_MODE', 'SSL_SESS_CACHE_SERVER', 'SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_NO_AUTO_CLEAR'])});`);
      lines.push(`    SSL_CTX_sess_set_cache_size(ctx, ${pick([1024, 20480, 0, 128])});`, `    SSL_CTX_set_timeout(ctx, ${pick([300, 3600, 86400])});`);
    } else {
      lines.push('    (void)cert;', '    (void)key;', '    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);', '    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);');
    }
    lines.push('    return ctx;', '}', '');
    return lines;
  };

  const ordinaryFunction = (): string[] => {
    const noun = pick(nouns);
    const name = `${pick(verbs)}_${noun}_${functionNames.length}`;
    functionNames.push(name);
    const limit = Math.floor(random() * 60) + 4;
    const callee = functionNames.length > 1 ? functionNames[Math.floor(random() * (functionNames.length - 1))] : 'memset';
    return [
      '/*',
      ` * ${name}: walks the ${noun} table and keeps at most ${limit} entries.`,
      ' * Returns the number of entries kept, or -1 with errno set.',
      ' */',
      `static int ${name}(struct ${noun} *items, size_t count, const char *label)`,
      '{',
      '    size_t i;',
      '    int kept = 0;',
      `    char line[${pick([64, 128, 256])}];`,
      '',
      '    if (items == NULL) {',
      '        errno = EINVAL;',
      '        return -1;',
      '    }',
      '    for (i = 0; i < count; i++) {',
      `        if (items[i].size > ${limit} || items[i].flags & 0x${Math.floor(random() * 255).toString(16)})`,
      '            continue; /* too large, or marked */',
      `        snprintf(line, sizeof(line), "%s: ${noun} %zu of %zu", label, i, count);`,
      `        kept += ${callee === 'memset' ? 'line[0] != 0' : `${callee}(items + i, 1, line) > 0`};`,
      '    }',
      '    return kept;',
      '}',
      '',
    ];
  };

  // About one TLS context every 2,500 lines, the listener first.
  while (out.length < lines) {
    const block = contexts * 2500 <= out.length && contexts < 8 ? tlsBlock() : ordinaryFunction();
    out.push(...block);
  }
  out.push('int main(void)', '{', '    g_server_ctx = tlsd_server_ctx("cert.pem", "key.pem");', '    return g_server_ctx == NULL;', '}', '');
  return out.join('\n');
}

/** Hover positions of each kind, spread over the file: flags, API functions, ordinary identifiers, comments. */
function hoverPositions(text: string, perKind: number): { kind: string; line: number; character: number }[] {
  const document = TextDocument.create('file:///bench/positions.c', 'c', 1, text);
  const kinds: [string, RegExp][] = [
    ['flag', /\bSSL_SESS_CACHE_\w+/g],
    ['api', /\bSSL_CTX_\w+(?=\()/g],
    ['identifier', /\b(?:kept|items|count|label|line)\b/g],
    ['comment', /\/\* .*?\*\/|^ \* .*$/gm],
  ];
  const random = mulberry32(99);
  const out: { kind: string; line: number; character: number }[] = [];
  for (const [kind, re] of kinds) {
    const offsets = [...text.matchAll(re)].map((m) => m.index! + Math.floor(m[0].length / 2));
    for (let i = 0; i < perKind; i++) out.push({ kind, ...document.positionAt(offsets[Math.floor(random() * offsets.length)]) });
  }
  // Interleave the kinds, as a reader's mouse would.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

async function measureHovers(client: StdioLspClient, uri: string, text: string, context: BenchContext): Promise<BenchResult> {
  const trivialUri = 'file:///bench/notes.txt';
  await client.open(trivialUri, 'plaintext', 'notes\n');
  const positions = hoverPositions(text, 50 * Math.max(1, context.runs));
  const warm = positions.slice(0, Math.min(positions.length, 50 * Math.max(1, context.warmups)));
  for (const p of warm) await client.hover(uri, p.line, p.character);
  const ours: number[] = [];
  const trivial: number[] = [];
  const byKind = new Map<string, number[]>();
  let answered = 0;
  for (const [i, p] of positions.entries()) {
    const timeOurs = async () => {
      const start = nowMs();
      const hover = await client.hover(uri, p.line, p.character);
      const ms = nowMs() - start;
      ours.push(ms);
      (byKind.get(p.kind) ?? byKind.set(p.kind, []).get(p.kind)!).push(ms);
      if (hover) answered++;
    };
    const timeTrivial = async () => {
      const start = nowMs();
      await client.hover(trivialUri, 0, 1);
      trivial.push(nowMs() - start);
    };
    if (i % 2 === 0) {
      await timeOurs();
      await timeTrivial();
    } else {
      await timeTrivial();
      await timeOurs();
    }
  }
  const p99 = percentile(ours, 99);
  const details: Record<string, number | string> = {
    hovers: ours.length,
    answered,
    p50: round(median(ours)),
    p99: round(p99),
    max: round(Math.max(...ours)),
    trivialP50: round(median(trivial)),
    trivialP99: round(percentile(trivial, 99)),
  };
  for (const [kind, samples] of byKind) details[`${kind}P99`] = round(percentile(samples, 99));
  context.log(`hover: p50 ${details.p50} ms, p99 ${details.p99} ms (trivial request: p50 ${details.trivialP50}, p99 ${details.trivialP99}) over ${ours.length}`);
  return compared(
    {
      name: 'editor-hover-p99',
      title: `hover round trip p99 (${LINES.toLocaleString('en')}-line C file, stdio)`,
      ours: p99,
      referenceName: 'hover on a plain-text document: no work of ours',
      reference: percentile(trivial, 99),
      unit: 'ms',
      target: `hover p99 under ${HOVER_TARGET_MS} ms`,
      details,
    },
    (ours) => ours < HOVER_TARGET_MS,
  );
}

/** Times didChange -> publishDiagnostics for that version, alternating with the same edit in a small C file. */
async function measureDiagnostics(client: StdioLspClient, uri: string, text: string, context: BenchContext): Promise<BenchResult> {
  const smallUri = 'file:///bench/small.c';
  const small = `#include <openssl/ssl.h>\nvoid setup(SSL_CTX *ctx)\n{\n    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | ${EDIT_MARK}${EDIT_FLAGS[0]});\n}\n`;
  await client.open(smallUri, 'c', small);
  await client.waitForDiagnostics(smallUri, 1);
  const documents = [uri, smallUri].map((u, i) => {
    const d = TextDocument.create(u, 'c', 1, i === 0 ? text : small);
    return { document: d, flagAt: d.positionAt(d.getText().indexOf(EDIT_MARK) + EDIT_MARK.length), flag: 0 };
  });
  // What the large file's diagnostics were after each flag, to check that the edits really change them.
  const seen = [new Set<string>(), new Set<string>()];

  /** Swaps the flag for the other one and returns the ms until the diagnostics of the new version arrive. */
  const change = async (which: number): Promise<number> => {
    const d = documents[which];
    const range: Range = { start: d.flagAt, end: { line: d.flagAt.line, character: d.flagAt.character + EDIT_FLAGS[d.flag].length } };
    d.flag = 1 - d.flag;
    const version = d.document.version + 1;
    d.document = TextDocument.update(d.document, [{ range, text: EDIT_FLAGS[d.flag] }], version);
    const start = nowMs();
    await client.edit(d.document.uri, version, range, EDIT_FLAGS[d.flag]);
    const diagnostics: Diagnostic[] = await client.waitForDiagnostics(d.document.uri, version);
    const ms = nowMs() - start;
    if (which === 0) seen[d.flag].add(diagnostics.map((x) => `${x.code}@${x.range.start.line}`).sort().join(','));
    return ms;
  };
  for (let i = 0; i < Math.max(2, context.warmups * 2); i++) {
    await change(0);
    await change(1);
  }
  const runs = Math.max(20, context.runs * 4);
  const ours: number[] = [];
  const reference: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      ours.push(await change(0));
      reference.push(await change(1));
    } else {
      reference.push(await change(1));
      ours.push(await change(0));
    }
  }
  const [a, b] = seen.map((set) => [...set]);
  if (a.length !== 1 || b.length !== 1 || a[0] === b[0]) {
    throw new Error(`editor benchmark: each flag should give its own, steady diagnostics; got ${JSON.stringify({ a, b })}`);
  }
  const ms = median(ours);
  const ref = median(reference);
  context.log(`diagnostics: median ${round(ms)} ms, p90 ${round(percentile(ours, 90))} ms (5-line file: ${round(ref)} ms) over ${runs} edits`);
  return compared(
    {
      name: 'editor-diagnostics',
      title: `didChange to publishDiagnostics median (${LINES.toLocaleString('en')}-line C file, stdio)`,
      ours: ms,
      referenceName: 'the same edit in a 5-line C file',
      reference: ref,
      unit: 'ms',
      target: `diagnostics under ${DIAGNOSTICS_TARGET_MS} ms (median)`,
      details: { edits: runs, median: round(ms), p90: round(percentile(ours, 90)), max: round(Math.max(...ours)), smallFileMedian: round(ref) },
    },
    (ours) => ours < DIAGNOSTICS_TARGET_MS,
  );
}

export const editorBenchmark: Benchmark = {
  id: 'editor',
  description: `hover and diagnostics latency over stdio on a ${LINES.toLocaleString('en')}-line C file`,
  async run(context: BenchContext): Promise<BenchResult[]> {
    const text = generateTlsServer(LINES);
    const uri = 'file:///bench/tlsd.c';
    const client = await StdioLspClient.start();
    try {
      const opened = nowMs();
      await client.open(uri, 'c', text);
      await client.waitForDiagnostics(uri, 1, 60_000);
      context.log(`opened ${text.split('\n').length} lines (${Math.round(text.length / 1024)} KiB): first diagnostics after ${round(nowMs() - opened)} ms`);
      const hover = await measureHovers(client, uri, text, context);
      const diagnostics = await measureDiagnostics(client, uri, text, context);
      return [hover, diagnostics];
    } finally {
      await client.stop();
    }
  },
};
