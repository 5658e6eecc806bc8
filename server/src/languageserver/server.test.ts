import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, MarkupContent, WorkDoneProgress } from 'vscode-languageserver-protocol';
import type { SimulationReport } from '../languageservice/simulator/report';
import { runScenario } from '../languageservice/simulator/run';
import { parseScenario } from '../languageservice/simulator/scenario';
import { analyzeSslcache, sslcacheToScenario } from '../languageservice/config/sslcache';
import { extractMarkers } from '../testing/markers';
import { StdioLspClient } from '../testing/lspClient';
import { parseSettings } from './server';

/** Line and character of an offset. */
function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const SOURCE = `#include <openssl/ssl.h>
/* SSL_SESS_CACHE_⟦comment⟧NO_INTERNAL_STORE */
static const char *s = "SSL_SESS_CACHE_⟦string⟧NO_INTERNAL_STORE";
void setup(SSL_CTX *ctx) {
  ⟦fn⟧SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_⟦flag⟧NO_INTERNAL_STORE);
  SSL_CTX_set_session_cache_mode(ctx, ⟦number⟧0x1002);
}
`;

describe('language server over stdio (dist/server.js)', () => {
  let client: StdioLspClient;
  const { text, markers } = extractMarkers(SOURCE);
  const uri = 'file:///work/example/server.c';
  const hoverAt = async (marker: string, documentUri = uri) => {
    const { line, character } = positionOf(text, markers.get(marker)!);
    return client.hover(documentUri, line, character);
  };
  const markdownOf = (hover: Awaited<ReturnType<typeof hoverAt>>): string => {
    assert.ok(hover, 'expected a hover');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    return contents.value;
  };

  before(async () => {
    client = await StdioLspClient.start();
    await client.open(uri, 'c', text);
  });
  after(async () => {
    const code = await client.stop();
    assert.equal(code, 0, 'the server exits with 0 after shutdown and exit');
  });

  it('hovering SSL_SESS_CACHE_NO_INTERNAL_STORE gives its value, a quote and the attribution', async () => {
    const hover = await hoverAt('flag');
    const md = markdownOf(hover);
    assert.match(md, /0x0200/);
    assert.match(md, /> .*This flag will prevent sessions being stored in the internal cache/);
    assert.match(md, /SSL_CTX_set_session_cache_mode\(3\), OpenSSL 0\.9\.7d/);
    assert.match(md, /OpenSSL License/);
    const start = markers.get('flag')! - 'SSL_SESS_CACHE_'.length;
    assert.deepEqual(hover!.range, {
      start: positionOf(text, start),
      end: positionOf(text, start + 'SSL_SESS_CACHE_NO_INTERNAL_STORE'.length),
    });
  });

  it('hovering the numeric mode 0x1002 names SERVER and the unknown bit', async () => {
    const md = markdownOf(await hoverAt('number'));
    assert.match(md, /SSL_SESS_CACHE_SERVER \| 0x1000/);
    assert.match(md, /Unknown bit 0x1000/);
  });

  it('hovering SSL_CTX_set_session_cache_mode says it returns the previous mode', async () => {
    assert.match(markdownOf(await hoverAt('fn')), /previous/i);
  });

  it('flag names in comments and strings get no hover', async () => {
    assert.equal(await hoverAt('comment'), null);
    assert.equal(await hoverAt('string'), null);
  });

  it('answers for C++ and Objective-C documents too, and not for other languages', async () => {
    for (const [language, extension] of [['cpp', 'cc'], ['objective-c', 'm'], ['objective-cpp', 'mm']]) {
      const other = `file:///work/example/server.${extension}`;
      await client.open(other, language, text);
      assert.match(markdownOf(await hoverAt('flag', other)), /0x0200/);
    }
    const plain = 'file:///work/example/notes.txt';
    await client.open(plain, 'plaintext', text);
    assert.equal(await hoverAt('flag', plain), null);
  });

  it("knows other editors' names for its languages (Neovim's objc, cuda, apache, pfmain; eglot's c++)", async () => {
    for (const [language, extension] of [['objc', 'm'], ['objcpp', 'mm'], ['cuda', 'cu'], ['c++', 'hpp']]) {
      const other = `file:///work/example/alias.${extension}`;
      await client.open(other, language, text);
      assert.match(markdownOf(await hoverAt('flag', other)), /0x0200/, language);
    }
    const mainCf = 'file:///work/example/postfix/main.cf';
    await client.open(mainCf, 'pfmain', 'smtpd_tls_security_level = may\nsmtpd_tls_session_cache_database = btree:${data_directory}/smtpd_scache\nsmtpd_tls_session_cache_timeout = 30d\n');
    assert.ok((await client.waitForDiagnostics(mainCf)).some((d) => d.code === 'postfix-long-timeout-with-tickets'), 'Postfix diagnostics under Neovim\'s pfmain');
    const apache = 'file:///work/example/apache2/apache2.conf';
    await client.open(apache, 'apache', 'SSLSessionCache none\n<VirtualHost *:443>\n  SSLEngine on\n  SSLSessionCache shmcb:/x(512000)\n</VirtualHost>\n');
    assert.ok((await client.waitForDiagnostics(apache)).length > 0, "Apache diagnostics under Neovim's apache");
  });

  it('a hover on an unknown document or out of range answers null, and the server keeps serving', async () => {
    assert.equal(await client.hover('file:///nowhere.c', 0, 0), null);
    assert.equal(await client.hover(uri, 9999, 9999), null);
    assert.match(markdownOf(await hoverAt('flag')), /0x0200/);
  });
});

describe('diagnostics and quick fixes over stdio', () => {
  const uri = 'file:///work/example/lint.c';
  const source = 'void setup(SSL_CTX *ctx)\n{\n    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVR);\n}\n';
  let client: StdioLspClient;
  before(async () => {
    client = await StdioLspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('publishes diagnostics with code, severity, source and a documentation link', async () => {
    await client.open(uri, 'c', source, 1);
    const diagnostics = await client.waitForDiagnostics(uri, 1);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d.code, 'unknown-flag');
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'sesscache');
    assert.match(String(d.message), /did you mean SSL_SESS_CACHE_SERVER\?/);
    assert.deepEqual(d.range, { start: { line: 2, character: 40 }, end: { line: 2, character: 60 } });
    assert.match(d.codeDescription!.href, /docs\/rules\.md#unknown-flag$/);
  });

  it('offers the fix, an ignore comment and the documentation; the fix clears the diagnostic as you type', async () => {
    const actions = (await client.codeActions(uri, { start: { line: 2, character: 45 }, end: { line: 2, character: 45 } }))!;
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, ['Replace with SSL_SESS_CACHE_SERVER', 'Ignore unknown-flag on this line', 'Show documentation for unknown-flag']);
    const fix = actions[0] as { edit: { changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> } };
    const [edit] = fix.edit.changes[uri];
    const lines = source.split('\n');
    lines[edit.range.start.line] = lines[edit.range.start.line].slice(0, edit.range.start.character) + edit.newText + lines[edit.range.start.line].slice(edit.range.end.character);
    await client.change(uri, 2, lines.join('\n'));
    assert.deepEqual(await client.waitForDiagnostics(uri, 2), []);
  });

  it('an ignore comment silences the finding', async () => {
    await client.change(uri, 3, source.replace('{\n', '{\n    // sesscache-ignore unknown-flag\n'));
    assert.deepEqual(await client.waitForDiagnostics(uri, 3), []);
  });
});

describe('contexts configured across open files', () => {
  it('a callback registered in one document changes the diagnostics of another, live', async () => {
    const client = await StdioLspClient.start();
    try {
      const tls = 'file:///work/ws/tls.c';
      const cache = 'file:///work/ws/cache.c';
      await client.open(
        tls,
        'c',
        'SSL_CTX *g_ctx;\nvoid init(void) {\n  g_ctx = SSL_CTX_new(TLS_client_method());\n  SSL_CTX_set_session_cache_mode(g_ctx, SSL_SESS_CACHE_SERVER);\n}\n',
        1,
      );
      assert.deepEqual((await client.waitForDiagnostics(tls, 1)).map((d) => d.code), ['role-mismatch']);
      const cacheText = 'extern SSL_CTX *g_ctx;\nvoid cache(void) {\n  SSL_CTX_sess_set_new_cb(g_ctx, save);\n}\n';
      client.diagnostics.delete(tls);
      await client.open(cache, 'c', cacheText, 1);
      await client.waitForDiagnostics(cache, 1);
      const codes = (await client.waitForDiagnostics(tls)).map((d) => d.code);
      assert.deepEqual(codes.sort(), ['client-new-cb-without-client-bit', 'role-mismatch']);
      client.diagnostics.delete(tls);
      await client.change(cache, 2, 'extern SSL_CTX *g_ctx;\n');
      assert.deepEqual((await client.waitForDiagnostics(tls)).map((d) => d.code), ['role-mismatch']);
    } finally {
      await client.stop();
    }
  });
});

describe('inline predictions and the simulate request over stdio', () => {
  const uri = 'file:///work/example/sim.c';
  const source = [
    'void setup(void)',
    '{',
    '    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());',
    '    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);',
    '    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);',
    '    SSL_CTX_sess_set_cache_size(ctx, 100);',
    '    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);',
    '}',
    '',
  ].join('\n');
  let client: StdioLspClient;
  before(async () => {
    client = await StdioLspClient.start({ inline: { inlayHints: true } });
    await client.open(uri, 'c', source, 1);
  });
  after(async () => {
    await client.stop();
  });

  it('gives a code lens with the predicted paths above the mode call, clicking it simulates', async () => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }[];
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 6);
    assert.equal(lenses[0].command.title, 'TLS 1.2: store: internal · lookup: internal · flush: every 256th');
    assert.equal(lenses[0].command.command, 'sesscache.simulate');
  });

  it('gives an inlay hint whose tooltip explains each step', async () => {
    const hints = (await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } } })) as { label: string; tooltip: { value: string } }[];
    assert.equal(hints.length, 1);
    assert.match(hints[0].label, /store: internal/);
    assert.match(hints[0].tooltip.value, /A new session goes to the internal cache\./);
  });

  it('sesscache/simulate returns a report that equals the simulation of its own scenario', async () => {
    const report = (await client.connection.sendRequest('sesscache/simulate', {
      textDocument: { uri },
      position: { line: 6, character: 10 },
      preset: 'web',
      workload: { connections: 5000 },
    })) as SimulationReport;
    assert.equal(report.protocol, 'TLSv1.2');
    assert.equal(report.summary.connections, 5000);
    assert.equal(report.capacity, 99);
    assert.deepEqual(report.counters, runScenario(parseScenario(JSON.stringify(report.scenario))).counters);
    assert.match(report.title, /^sim\.c:7 · ctx$/);
  });

  it('sesscache/exportSslcache writes the configuration as a .sslcache file that parses and simulates the same', async () => {
    const { text } = (await client.connection.sendRequest('sesscache/exportSslcache', { textDocument: { uri }, position: { line: 6, character: 10 } })) as { text: string };
    assert.match(text, /^# sim\.c:7 \(ctx\), exported by sesscache$/m);
    assert.match(text, /^protocol TLSv1\.2$/m);
    assert.match(text, /^mode SERVER$/m);
    assert.match(text, /^cache-size 100$/m);
    assert.match(text, /^tickets no$/m);
    const analysis = analyzeSslcache(text);
    assert.deepEqual(analysis.findings.filter((f) => f.severity === 'error'), []);
    const fromFile = runScenario(parseScenario(JSON.stringify(sslcacheToScenario(analysis.document))));
    assert.ok(fromFile.counters.accept > 0);
    await assert.rejects(client.connection.sendRequest('sesscache/exportSslcache', { textDocument: { uri: 'file:///x.sslcache' }, position: { line: 0, character: 0 } }), /open a C or C\+\+ document/);
  });

  it('a client context gets its own paths (spec §6), not a server simulation, and is not simulated', async () => {
    const clientUri = 'file:///work/example/client.c';
    const clientSource = [
      'static SSL_SESSION *last;',
      'static int keep(SSL *ssl, SSL_SESSION *sess) { last = sess; return 1; }',
      'SSL *dial(void)',
      '{',
      '    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());',
      '    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);',
      '    SSL_CTX_sess_set_new_cb(ctx, keep);',
      '    SSL *ssl = SSL_new(ctx);',
      '    if (last) SSL_set_session(ssl, last);',
      '    return ssl;',
      '}',
      '',
    ].join('\n');
    await client.open(clientUri, 'c', clientSource, 1);
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: clientUri } })) as { command: { title: string; command: string; tooltip: string } }[];
    assert.deepEqual(
      lenses.map((l) => l.command.title),
      ['TLS 1.2: client · store: new_cb · lookup: SSL_set_session · flush: nothing to flush', 'TLS 1.3: client · store: new_cb · lookup: SSL_set_session · flush: nothing to flush'],
    );
    assert.ok(lenses.every((l) => l.command.command === ''), 'nothing to run: a label');
    assert.match(lenses[1].command.tooltip, /one per ticket/);
    await assert.rejects(
      client.connection.sendRequest('sesscache/simulate', { textDocument: { uri: clientUri }, position: { line: 5, character: 10 } }),
      /the context ctx is a TLS client: the simulator models a server's session cache/,
    );
    await assert.rejects(
      client.connection.sendRequest('sesscache/exportSslcache', { textDocument: { uri: clientUri }, position: { line: 5, character: 10 } }),
      /sesscache\/exportSslcache: the context ctx is a TLS client/,
    );
  });

  it('sesscache/simulate can be cancelled, and explains bad requests', async () => {
    const source2 = new CancellationTokenSource();
    // Cancelled once the server says it has begun (its progress), not after a delay.
    const progress = client.connection.onProgress(WorkDoneProgress.type, 'cancel-me', (value) => {
      if (value.kind === 'begin') source2.cancel();
    });
    const pending = client.connection.sendRequest(
      'sesscache/simulate',
      { textDocument: { uri }, position: { line: 6, character: 10 }, workload: { connections: 5000000 }, workDoneToken: 'cancel-me' },
      source2.token,
    );
    await assert.rejects(pending, (e: { code?: number; message?: string; data?: { done: number; total: number } }) => {
      // It says where it stopped, which is before the end.
      assert.equal(e.code, -32800);
      assert.match(e.message ?? '', /cancelled after [\d,]+ of 5,000,000 connections/);
      assert.ok(e.data && e.data.total === 5_000_000 && e.data.done < e.data.total, JSON.stringify(e.data));
      return true;
    });
    progress.dispose();
    await assert.rejects(client.connection.sendRequest('sesscache/simulate', { textDocument: { uri }, position: { line: 6, character: 10 }, preset: 'nope' }), /unknown preset "nope"/);
    await assert.rejects(client.connection.sendRequest('sesscache/simulate', { textDocument: { uri: 'file:///closed.c' }, position: { line: 0, character: 0 } }), /is not open/);
  });
});

describe('language server settings', () => {
  it('the library setting changes hovers', async () => {
    const client = await StdioLspClient.start({ library: 'openssl-1.1.1' });
    try {
      const doc = 'file:///work/example/t.c';
      await client.open(doc, 'c', 'long m = SSL_SESS_CACHE_UPDATE_TIME;');
      const hover = await client.hover(doc, 0, 20);
      assert.match((hover!.contents as MarkupContent).value, /Not defined by OpenSSL 1\.1\.1/);
    } finally {
      await client.stop();
    }
  });
  it('bad values fall back to defaults with a warning', () => {
    const warnings: string[] = [];
    const settings = parseSettings(
      { library: 'openssl-9', hover: { enable: 'yes' }, lint: { severity: { 'no-such-rule': 'error', 'numeric-mode': 'loud', 'unknown-flag': 'off' } } },
      (m) => warnings.push(m),
    );
    assert.equal(settings.library, 'openssl-3.0');
    assert.equal(settings.hover.enable, true);
    assert.deepEqual(settings.lint.severity, { 'unknown-flag': 'off' });
    assert.match(warnings[0], /unknown library "openssl-9"/);
    assert.match(warnings[1], /unknown rule "no-such-rule"/);
    assert.match(warnings[2], /numeric-mode: expected/);
  });
  it('rule severities from initializationOptions apply', async () => {
    const client = await StdioLspClient.start({ lint: { severity: { 'unknown-flag': 'hint' } } });
    try {
      await client.open('file:///s.c', 'c', 'void f(SSL_CTX *c) { SSL_CTX_set_session_cache_mode(c, SSL_SESS_CACHE_SERVR); }', 1);
      const [d] = await client.waitForDiagnostics('file:///s.c', 1);
      assert.equal(d.severity, 4);
    } finally {
      await client.stop();
    }
  });

  it('hovers can be switched off', async () => {
    const client = await StdioLspClient.start({ hover: { enable: false } });
    try {
      await client.open('file:///x.c', 'c', 'SSL_SESS_CACHE_OFF');
      assert.equal(await client.hover('file:///x.c', 0, 3), null);
    } finally {
      await client.stop();
    }
  });
});
