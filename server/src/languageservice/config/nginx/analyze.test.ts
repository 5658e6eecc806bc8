import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeMode } from '../../mode/decode';
import { extractMarkers } from '../../../testing/markers';
import { analyzeNginx } from './analyze';

function only(text: string) {
  const a = analyzeNginx(text);
  assert.equal(a.settings.length, 1, JSON.stringify(a.settings.map((s) => s.label)));
  return { setting: a.settings[0], analysis: a };
}

const tls = (body: string, http = '') => `events {}\nhttp {\n${http}\n  server {\n    listen 443 ssl;\n    server_name t.example;\n${body}\n  }\n}\n`;

describe('nginx analysis: what each directive turns into (spec §9)', () => {
  it('absent: the default none, 300 s, tickets on, TLSv1.2 + TLSv1.3', () => {
    const { setting } = only(tls(''));
    assert.equal(decodeMode(setting.mode).expression, 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR | SSL_SESS_CACHE_NO_INTERNAL_STORE');
    assert.equal(setting.cacheSize, 1);
    assert.equal(setting.timeout, 300);
    assert.equal(setting.tickets, true);
    assert.equal(setting.numTickets, 2);
    assert.equal(setting.sessionIdContext, true);
    assert.equal(setting.verifyPeer, false);
    assert.deepEqual(setting.protocols, ['TLSv1.2', 'TLSv1.3']);
    assert.deepEqual(setting.callbacks, { new: false, get: false, remove: false });
    assert.equal(setting.role, 'server');
    assert.equal(setting.label, 'server t.example:443');
    assert.deepEqual(setting.calls, [
      'SSL_CTX_set_timeout(ctx, 300)',
      'SSL_CTX_set_session_id_context(ctx, SHA-1 of the certificates and client CA names, 20)',
      'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR | SSL_SESS_CACHE_NO_INTERNAL_STORE)',
      'SSL_CTX_sess_set_cache_size(ctx, 1)',
    ]);
  });

  const table: [string, string, number, boolean][] = [
    ['off', 'SSL_SESS_CACHE_OFF', 20480, false],
    ['none', 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR | SSL_SESS_CACHE_NO_INTERNAL_STORE', 1, false],
    ['builtin', 'SSL_SESS_CACHE_SERVER', 20480, false],
    ['builtin:1000', 'SSL_SESS_CACHE_SERVER', 1000, false],
    ['builtin:0', 'SSL_SESS_CACHE_SERVER', 0, false],
    ['shared:SSL:10m', 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL', 20480, true],
    ['builtin:1000 shared:SSL:10m', 'SSL_SESS_CACHE_SERVER', 1000, true],
    ['builtin shared:SSL:10m', 'SSL_SESS_CACHE_SERVER', 20480, true],
  ];
  for (const [value, mode, size, callbacks] of table) {
    it(`ssl_session_cache ${value}`, () => {
      const { setting } = only(tls(`    ssl_session_cache ${value};`));
      assert.equal(decodeMode(setting.mode).expression, mode);
      assert.equal(setting.cacheSize, size);
      assert.deepEqual(setting.callbacks, { new: callbacks, get: callbacks, remove: callbacks });
      assert.equal(setting.calls.includes('SSL_CTX_sess_set_new_cb(ctx, ngx_ssl_new_session)'), callbacks);
      assert.equal(setting.calls.some((c) => c.startsWith('SSL_CTX_sess_set_cache_size')), value === 'none' || /builtin:\d/.test(value));
    });
  }

  it('timeouts, tickets, verification and protocols become calls', () => {
    const { setting } = only(tls('    ssl_session_timeout 1h30m;\n    ssl_session_tickets off;\n    ssl_verify_client optional_no_ca;\n    ssl_protocols TLSv1 TLSv1.2;'));
    assert.equal(setting.timeout, 5400);
    assert.equal(setting.tickets, false);
    assert.equal(setting.verifyPeer, true);
    assert.deepEqual(setting.protocols, ['TLSv1.2']);
    assert.ok(setting.calls.includes('SSL_CTX_set_timeout(ctx, 5400)'));
    assert.ok(setting.calls.includes('SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)'));
    assert.ok(setting.calls.includes('SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, ngx_ssl_verify_callback)'));
  });

  it('worker processes: builtin caches are per worker, shared ones are one', () => {
    const conf = (workers: string, cache: string) => `worker_processes ${workers};\nevents {}\nhttp {\n  ssl_session_cache ${cache};\n  server { listen 443 ssl; }\n}\n`;
    assert.equal(only(conf('6', 'builtin')).setting.processes, 6);
    assert.equal(only(conf('auto', 'builtin:100')).setting.processes, 2);
    assert.equal(only(conf('6', 'shared:SSL:1m')).setting.processes, 1);
    assert.equal(only(conf('6', 'builtin:100 shared:SSL:1m')).setting.processes, 1);
    assert.equal(only(conf('6', 'none')).setting.processes, 1);
    assert.equal(only(`events {}\nhttp { ssl_session_cache builtin; server { listen 443 ssl; } }`).setting.processes, 1);
  });
});

describe('nginx analysis: inheritance and which servers count', () => {
  it('a server inherits ssl_session_* from http unless it sets its own', () => {
    const text =
      'events {}\nhttp {\n  ssl_session_cache shared:SSL:10m;\n  ssl_session_timeout 1h;\n' +
      '  server { listen 443 ssl; server_name a; }\n' +
      '  server { listen 443 ssl; server_name b; ssl_session_cache off; }\n' +
      '  server { listen 443 ssl; server_name c; ssl_session_timeout 5m; }\n' +
      '  server { listen 80; server_name plain; }\n}\n';
    const a = analyzeNginx(text);
    assert.deepEqual(
      a.settings.map((s) => [s.label, decodeMode(s.mode).shortExpression, s.timeout, text.slice(s.span.start, s.span.end)]),
      [
        ['server a:443', 'SERVER | NO_INTERNAL', 3600, 'ssl_session_cache shared:SSL:10m;'],
        ['server b:443', 'OFF', 3600, 'ssl_session_cache off;'],
        ['server c:443', 'SERVER | NO_INTERNAL', 300, 'ssl_session_cache shared:SSL:10m;'],
      ],
    );
    assert.deepEqual(a.settings[0].modeSpan && text.slice(a.settings[0].modeSpan.start, a.settings[0].modeSpan.end), 'shared:SSL:10m');
  });

  it('TLS servers: listen … ssl, ssl_certificate, ssl on (also inherited), mail starttls', () => {
    const text =
      'events {}\nhttp {\n  server { listen 8443 ssl; }\n  server { ssl_certificate c.pem; server_name cert; }\n  server { listen 80; }\n}\n' +
      'mail {\n  ssl_certificate c.pem;\n  server { listen 143; starttls only; }\n  server { listen 110; }\n}\n';
    assert.deepEqual(analyzeNginx(text).settings.map((s) => s.label), ['server *:8443', 'server cert', 'mail server *:143']);
    const inherited = 'events {}\nhttp {\n  ssl on;\n  server { listen 443; server_name x; }\n}\n';
    assert.deepEqual(analyzeNginx(inherited).settings.map((s) => s.label), ['server x:443']);
  });

  it('a block with cache directives but no TLS server gets a setting of its own', () => {
    const text = 'events {}\nhttp {\n  ssl_session_cache builtin:500;\n  server { listen 80; }\n}\nstream {\n  ssl_session_timeout 10m;\n}\n';
    const a = analyzeNginx(text);
    assert.deepEqual(a.settings.map((s) => [s.label, s.cacheSize, s.timeout, text.slice(s.span.start, s.span.end)]), [
      ['http', 500, 300, 'ssl_session_cache builtin:500;'],
      ['stream', 1, 600, 'ssl_session_timeout 10m;'],
    ]);
  });

  it('a file of bare server blocks is read as the inside of http', () => {
    const a = analyzeNginx('ssl_session_cache shared:SSL:1m;\nserver {\n  listen 443 ssl;\n  server_name frag;\n}\n');
    assert.deepEqual(a.settings.map((s) => [s.label, decodeMode(s.mode).shortExpression]), [['server frag:443', 'SERVER | NO_INTERNAL']]);
  });

  it('labels from listen addresses', () => {
    const text = 'events {}\nhttp {\n  server { listen [::]:8443 ssl; server_name v6; }\n  server { listen 127.0.0.1:9443 ssl; }\n  server { listen unix:/run/tls.sock ssl; server_name sock; }\n}\n';
    assert.deepEqual(analyzeNginx(text).settings.map((s) => s.label), ['server v6:8443', 'server *:9443', 'server sock:unix:/run/tls.sock']);
  });

  it('spans come from included files as their include line, or the server keyword', () => {
    const files: Record<string, string> = { 'tls.conf': 'ssl_session_cache shared:SSL:10m;\n', 'site.conf': 'server { listen 443 ssl; server_name inc; }\n' };
    const load = (n: string) => (files[n] === undefined ? undefined : [{ name: n, text: files[n] }]);
    const text = 'events {}\nhttp {\n  include tls.conf;\n  server { listen 443 ssl; server_name doc; }\n  include site.conf;\n}\n';
    const a = analyzeNginx(text, { loadInclude: load });
    assert.deepEqual(a.settings.map((s) => [s.label, text.slice(s.span.start, s.span.end), decodeMode(s.mode).shortExpression]), [
      ['server doc:443', 'server', 'SERVER | NO_INTERNAL'],
      ['server inc:443', 'include site.conf;', 'SERVER | NO_INTERNAL'],
    ]);
  });

  it('invalid values are nginx-syntax errors and do not apply', () => {
    const text = tls('    ssl_session_cache shared:SSL;\n    ssl_session_timeout forever;\n    ssl_verify_client maybe;\n    ssl_session_tickets yes;\n    ssl_protocols TLSv9;');
    const a = analyzeNginx(text);
    assert.deepEqual(
      a.findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [
        ['nginx-syntax', 'shared:SSL'],
        ['nginx-syntax', 'forever'],
        ['nginx-syntax', 'maybe'],
        ['nginx-syntax', 'yes'],
        ['nginx-syntax', 'TLSv9'],
      ],
    );
    assert.equal(a.settings[0].timeout, 300);
  });

  it('one zone name with two sizes, or in two modules, is an error', () => {
    const text = 'events {}\nhttp {\n  ssl_session_cache shared:SSL:10m;\n  server { listen 443 ssl; ssl_session_cache shared:SSL:20m; }\n}\nmail {\n  ssl_session_cache shared:SSL:10m;\n}\n';
    const messages = analyzeNginx(text).findings.filter((f) => f.ruleId === 'nginx-syntax').map((f) => f.message);
    assert.deepEqual(messages, [
      'the size 20971520 of shared memory zone "SSL" conflicts with already declared size 10485760',
      'the shared memory zone "SSL" is already declared for a different use (http)',
    ]);
  });
});

describe('nginx hovers', () => {
  const source =
    'worker_processes ⟦w⟧4;\nevents {}\nhttp {\n  ssl_session_⟦c⟧cache builtin:1000;\n  ssl_session_timeout ⟦t⟧1h;⟦after⟧\n  ssl_session_tickets ⟦k⟧off;\n' +
    '  server {\n    listen 443 ssl;\n    ⟦v⟧ssl_verify_client on;\n    ssl_session_cache ⟦s⟧shared:SSL:10m;\n    ssl_session_cache ⟦n⟧none;\n  }\n}\n';
  const { text, markers } = extractMarkers(source);
  const a = analyzeNginx(text);
  const at = (m: string) => a.hoverAt(markers.get(m)!);

  it('ssl_session_cache builtin: mode, calls, per-worker note, spec §9', () => {
    const h = at('c')!;
    assert.equal(text.slice(h.start, h.end), 'ssl_session_cache builtin:1000');
    assert.match(h.markdown, /spec §9/);
    assert.match(h.markdown, /`SSL_SESS_CACHE_SERVER` \(0x0002\)/);
    assert.match(h.markdown, /SSL_CTX_sess_set_cache_size\(ctx, 1000\);/);
    assert.match(h.markdown, /worker_processes 4/);
    assert.match(h.markdown, /one independent cache per worker/);
  });
  it('shared and none', () => {
    assert.match(at('s')!.markdown, /SSL_SESS_CACHE_SERVER \| SSL_SESS_CACHE_NO_INTERNAL/);
    assert.match(at('s')!.markdown, /about 40000 sessions/);
    assert.match(at('s')!.markdown, /SSL_CTX_sess_set_get_cb\(ctx, ngx_ssl_get_cached_session\);/);
    assert.match(at('n')!.markdown, /§8 L5/);
    assert.match(at('n')!.markdown, /NO_INTERNAL_STORE/);
  });
  it('timeout, tickets, verify, workers', () => {
    assert.match(at('t')!.markdown, /SSL_CTX_set_timeout\(ctx, 3600\);/);
    assert.match(at('t')!.markdown, /default is 300 s/);
    assert.match(at('k')!.markdown, /SSL_OP_NO_TICKET/);
    assert.match(at('k')!.markdown, /§8 L3/);
    assert.match(at('v')!.markdown, /SSL_VERIFY_PEER/);
    assert.match(at('v')!.markdown, /§8 L16/);
    assert.match(at('w')!.markdown, /4 worker processes/);
  });
  it('nothing after a directive, on other directives, or on an empty file', () => {
    assert.equal(at('after'), null);
    assert.equal(a.hoverAt(text.indexOf('listen')), null);
    assert.equal(analyzeNginx('').hoverAt(0), null);
  });
  it('covers every character of the directive and not the one after', () => {
    const start = text.indexOf('ssl_session_timeout');
    const end = text.indexOf(';', start);
    for (let o = start; o < end; o++) assert.ok(a.hoverAt(o), `offset ${o}`);
    assert.equal(a.hoverAt(end), null);
  });
});
