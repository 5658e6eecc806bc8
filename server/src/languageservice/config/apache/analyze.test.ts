import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeMode } from '../../mode/decode';
import { extractMarkers } from '../../../testing/markers';
import { analyzeApache } from './analyze';

const vhost = (global: string, inside = '') => `${global}\n<VirtualHost *:443>\n    ServerName t.example\n    SSLEngine on\n${inside}\n</VirtualHost>\n`;

describe('Apache analysis: what each directive turns into (spec §9)', () => {
  it('the defaults: none = OFF, 300 s, tickets on, a per-vhost session id context', () => {
    const a = analyzeApache(vhost(''));
    assert.equal(a.settings.length, 1);
    const s = a.settings[0];
    assert.equal(s.mode, 0);
    assert.equal(s.timeout, 300);
    assert.equal(s.tickets, true);
    assert.equal(s.sessionIdContext, true);
    assert.equal(s.verifyPeer, false);
    assert.equal(s.cacheSize, 20480);
    assert.equal(s.processes, 1);
    assert.equal(s.label, 'VirtualHost t.example:443');
    assert.deepEqual(s.calls, [
      'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF)',
      'SSL_CTX_set_timeout(ctx, 300)',
      'SSL_set_session_id_context(ssl, hex MD5 of the virtual host id, 32) /* per connection */',
    ]);
  });

  const table: [string, string, boolean][] = [
    ['none', 'SSL_SESS_CACHE_OFF', false],
    ['nonenotnull', 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL', false],
    ['shmcb:/var/run/ssl_scache(512000)', 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL', true],
    ['dbm:/var/run/ssl_scache', 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL', true],
    ['memcache:a:11211,b:11211', 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL', true],
    ['redis:r:6379', 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL', true],
    ['dc:UNIX:/run/dc.sock', 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL', true],
    ['NoneNotNull', 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL', false],
  ];
  for (const [value, mode, callbacks] of table) {
    it(`SSLSessionCache ${value}`, () => {
      const s = analyzeApache(vhost(`SSLSessionCache ${value}`)).settings[0];
      assert.equal(decodeMode(s.mode).expression, mode);
      assert.deepEqual(s.callbacks, { new: callbacks, get: callbacks, remove: callbacks });
      assert.equal(s.calls.includes('SSL_CTX_sess_set_new_cb(ctx, ssl_callback_NewSessionCacheEntry)'), callbacks);
    });
  }

  it('timeout, tickets, verification and protocols; vhost values override global ones', () => {
    const text = vhost('SSLSessionCacheTimeout 600\nSSLSessionTickets off\nSSLProtocol all -SSLv3 -TLSv1 -TLSv1.1', '    SSLSessionCacheTimeout 900\n    SSLVerifyClient require\n    SSLProtocol TLSv1.3');
    const s = analyzeApache(text).settings[0];
    assert.equal(s.timeout, 900);
    assert.equal(s.tickets, false);
    assert.equal(s.verifyPeer, true);
    assert.deepEqual(s.protocols, ['TLSv1.3']);
    assert.ok(s.calls.includes('SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)'));
    assert.ok(s.calls.includes('SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, ssl_callback_SSLVerify)'));
    const optional = analyzeApache(vhost('', '    SSLVerifyClient optional_no_ca')).settings[0];
    assert.ok(optional.calls.includes('SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, ssl_callback_SSLVerify)'));
  });

  it('which hosts do TLS: SSLEngine on/optional, inherited from the server config, or by address', () => {
    const text =
      'SSLSessionCache shmcb:x(1000)\n<VirtualHost *:80>\n</VirtualHost>\n<VirtualHost *:443>\nSSLEngine optional\n</VirtualHost>\n' +
      '<IfModule mod_ssl.c>\n<VirtualHost 10.0.0.1:8443>\nServerName in-ifmodule\nSSLEngine on\n</VirtualHost>\n</IfModule>\n';
    assert.deepEqual(analyzeApache(text).settings.map((s) => s.label), ['VirtualHost *:443', 'VirtualHost in-ifmodule:8443']);
    const inherited = 'SSLEngine on\n<VirtualHost *:443>\nServerName a\n</VirtualHost>\n';
    assert.deepEqual(analyzeApache(inherited).settings.map((s) => s.label), ['VirtualHost a:443', 'main server']);
    const byAddress = 'SSLEngine *:443\n<VirtualHost *:443>\nServerName s\n</VirtualHost>\n<VirtualHost *:80>\nServerName p\n</VirtualHost>\n';
    assert.deepEqual(analyzeApache(byAddress).settings.map((s) => s.label), ['VirtualHost s:443']);
  });

  it('a server config alone (mods-enabled/ssl.conf) gets one setting', () => {
    const text = '<IfModule mod_ssl.c>\n\tSSLSessionCache\t\tshmcb:${APACHE_RUN_DIR}/ssl_scache(512000)\n\tSSLSessionCacheTimeout  300\n</IfModule>\n';
    const a = analyzeApache(text);
    assert.deepEqual(a.settings.map((s) => [s.label, text.slice(s.span.start, s.span.end), text.slice(s.modeSpan!.start, s.modeSpan!.end)]), [
      ['server config', 'SSLSessionCache\t\tshmcb:${APACHE_RUN_DIR}/ssl_scache(512000)', 'shmcb:${APACHE_RUN_DIR}/ssl_scache(512000)'],
    ]);
  });

  it('SSLSessionCache inside a section does not apply (httpd refuses it)', () => {
    const a = analyzeApache(vhost('SSLSessionCache none', '    SSLSessionCache shmcb:x(100)'));
    assert.equal(a.settings[0].mode, 0);
    assert.deepEqual(a.findings.map((f) => f.ruleId), ['apache-no-session-cache', 'apache-cache-in-vhost']);
  });

  it('invalid values are apache-syntax errors and do not apply', () => {
    const text = vhost('SSLSessionCacheTimeout soon\nSSLSessionCache "bad provider!"', '    SSLSessionTickets sometimes\n    SSLVerifyClient always\n    SSLProtocol TLSv9');
    const a = analyzeApache(text);
    assert.deepEqual(a.findings.filter((f) => f.ruleId === 'apache-syntax').map((f) => text.slice(f.start, f.end)), ['soon', '"bad provider!"', 'sometimes', 'always', 'SSLProtocol TLSv9']);
    assert.equal(a.settings[0].timeout, 300);
  });
});

describe('Apache hovers', () => {
  const source =
    'SSLSessionCache ⟦c⟧shmcb:${APACHE_RUN_DIR}/ssl_scache(512000)\nSSL⟦t⟧SessionCacheTimeout 300⟦after⟧\n<VirtualHost *:443>\n    SSLEngine ⟦e⟧on\n' +
    '    SSLSessionTickets ⟦k⟧off\n    ⟦v⟧SSLVerifyClient require\n    SSLSessionCache ⟦m⟧none\n</VirtualHost>\n';
  const { text, markers } = extractMarkers(source);
  const a = analyzeApache(text);
  const at = (m: string) => a.hoverAt(markers.get(m)!);

  it('SSLSessionCache with a provider: mode, callbacks, spec §9', () => {
    const h = at('c')!;
    assert.equal(text.slice(h.start, h.end), 'SSLSessionCache shmcb:${APACHE_RUN_DIR}/ssl_scache(512000)');
    assert.match(h.markdown, /spec §9/);
    assert.match(h.markdown, /SSL_SESS_CACHE_SERVER \| SSL_SESS_CACHE_NO_INTERNAL/);
    assert.match(h.markdown, /ssl_callback_GetSessionCacheEntry/);
    assert.match(h.markdown, /512000 bytes/);
    assert.match(h.markdown, /VirtualHost \*:443/);
  });
  it('timeout, tickets, verify; a misplaced cache says so', () => {
    assert.match(at('t')!.markdown, /SSL_CTX_set_timeout\(ctx, 300\);/);
    assert.match(at('k')!.markdown, /SSL_OP_NO_TICKET/);
    assert.match(at('v')!.markdown, /SSL_VERIFY_FAIL_IF_NO_PEER_CERT/);
    assert.match(at('v')!.markdown, /§8 L16/);
    assert.match(at('m')!.markdown, /Not allowed here/);
  });
  it('nothing after the directive or on other directives', () => {
    assert.equal(at('after'), null);
    assert.equal(at('e'), null);
    assert.equal(analyzeApache('').hoverAt(0), null);
  });
});
