import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeConfig, configFindings } from '..';
import { simConfigsOfSetting } from '../convert';
import { analyzeHaproxy } from './analyze';
import { parseHaproxy } from './parser';
import { HAPROXY_RULES } from './rules';

function hover(text: string, word: string, nth = 0): string | undefined {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  return analyzeHaproxy(text).hoverAt(at + 1)?.markdown;
}

const SITE = 'frontend www\n    bind :443 ssl crt /etc/haproxy/site.pem\n';

describe('HAProxy parser', () => {
  it('splits sections and words, with quotes, escapes and comments', () => {
    const doc = parseHaproxy('global # c\n  log "/dev/log x" local0 # tail\n  a\\ b c\nfrontend f\n  bind :443 ssl\n');
    assert.deepEqual(doc.sections.map((s) => [s.kind, s.name, s.lines.length]), [['global', undefined, 2], ['frontend', 'f', 1]]);
    assert.deepEqual(doc.sections[0].lines[0].words.map((w) => w.value), ['log', '/dev/log x', 'local0']);
    assert.deepEqual(doc.sections[0].lines[1].words.map((w) => w.value), ['a b', 'c']);
    assert.deepEqual(doc.errors, []);
  });
  it('reports an unterminated quote and keeps going', () => {
    const doc = parseHaproxy('global\n  log "x\nfrontend f\n');
    assert.equal(doc.errors.length, 1);
    assert.equal(doc.sections.length, 2);
  });
});

describe('HAProxy model (spec §9)', () => {
  it('the default: the shared cache through callbacks, OpenSSL default timeout, tickets on', () => {
    const [s] = analyzeHaproxy(SITE).settings;
    assert.equal(s.mode, 0x0002 | 0x0100 | 0x0200 | 0x0080);
    assert.deepEqual(s.callbacks, { new: true, get: true, remove: true });
    assert.equal(s.timeout, 7200);
    assert.equal(s.tickets, true);
    assert.equal(s.label, 'frontend www bind :443');
    assert.deepEqual(s.protocols, ['TLSv1.2', 'TLSv1.3']);
  });
  it('cachesize 0 is OFF with no callbacks; lifetime sets the timeout, 0 leaves the default', () => {
    const [off] = analyzeHaproxy(`global\n  tune.ssl.cachesize 0\n  tune.ssl.lifetime 5m\n${SITE}`).settings;
    assert.equal(off.mode, 0);
    assert.deepEqual(off.callbacks, { new: false, get: false, remove: false });
    assert.equal(off.timeout, 300);
    assert.equal(analyzeHaproxy(`global\n  tune.ssl.lifetime 0\n${SITE}`).settings[0].timeout, 7200);
  });
  it('no-tls-tickets on the bind or in ssl-default-bind-options; verify; protocol bounds', () => {
    assert.equal(analyzeHaproxy(`${SITE.trimEnd()} no-tls-tickets\n`).settings[0].tickets, false);
    assert.equal(analyzeHaproxy(`global\n  ssl-default-bind-options no-tls-tickets\n${SITE}`).settings[0].tickets, false);
    const [s] = analyzeHaproxy('listen l\n  bind :1 ssl crt x verify optional ssl-max-ver TLSv1.2\n').settings;
    assert.equal(s.verifyPeer, true);
    assert.deepEqual(s.protocols, ['TLSv1.2']);
    assert.deepEqual(analyzeHaproxy('listen l\n  bind :1 ssl crt x ssl-min-ver TLSv1.3\n').settings[0].protocols, ['TLSv1.3']);
  });
  it('plain binds and plain backend servers give no setting', () => {
    assert.deepEqual(analyzeHaproxy('frontend f\n  bind :80\nbackend b\n  server s 1.2.3.4:80\n').settings, []);
  });
  it('a backend `server … ssl` is a client context: CLIENT | NO_INTERNAL_STORE, the new-session callback, its last session handed back', () => {
    const [s] = analyzeHaproxy('backend b\n  server s 1.2.3.4:443 ssl verify required\n').settings;
    assert.equal(s.label, 'backend b server s');
    assert.equal(s.role, 'client');
    assert.equal(s.mode, 0x201);
    assert.deepEqual(s.callbacks, { new: true, get: false, remove: false });
    assert.equal(s.offersSavedSessions, true);
    assert.ok(s.calls.includes("SSL_set_session(ssl, <the server's last session>)"));
  });
  it('a server named ssl, or at an address like it, is not TLS: only its options count', () => {
    assert.deepEqual(analyzeHaproxy('backend b\n  server ssl 10.0.0.1:80 check\n  server s ssl:80\n').settings, []);
  });
  it('verify, ssl-min-ver and ssl-max-ver come from the line or its default-server; ssl-server-verify is the default', () => {
    const text = ['global', '  ssl-server-verify none', 'defaults', '  default-server ssl ssl-max-ver TLSv1.2', 'backend a', '  server a1 10.0.0.1:443', '  server a2 10.0.0.2:443 verify required ssl-max-ver TLSv1.3', ''].join('\n');
    assert.deepEqual(
      analyzeHaproxy(text).settings.map((s) => [s.label, s.verifyPeer, s.protocols]),
      [
        ['backend a server a1', false, ['TLSv1.2']],
        ['backend a server a2', true, ['TLSv1.2', 'TLSv1.3']],
      ],
    );
  });
  it('default-server, no-ssl, no-ssl-reuse and ssl-default-server-options apply to servers', () => {
    const text = [
      'global',
      '  ssl-default-server-options no-tls-tickets',
      'defaults',
      '  default-server ssl',
      'backend a',
      '  server a1 10.0.0.1:443',
      '  server a2 10.0.0.2:80 no-ssl',
      '  server a3 10.0.0.3:443 no-ssl-reuse tls-tickets',
      '',
    ].join('\n');
    const settings = analyzeHaproxy(text).settings;
    assert.deepEqual(settings.map((s) => [s.label, s.tickets, s.offersSavedSessions]), [
      ['backend a server a1', false, true],
      ['backend a server a3', true, false],
    ]);
  });
  it('settings simulate as they are', () => {
    const [s] = analyzeHaproxy(SITE).settings;
    assert.equal(simConfigsOfSetting(s, 'openssl-3.0').length, 2);
  });
});

describe('HAProxy hovers', () => {
  it('a backend `server … ssl`: HAProxy as a client, its calls, how it resumes; no-ssl-reuse', () => {
    const text = 'backend b\n  server s1 10.0.0.1:443 ssl\n  server s2 10.0.0.2:443 ssl no-ssl-reuse\n';
    const h = hover(text, 'server s1')!;
    assert.match(h, /HAProxy as a TLS client/);
    assert.match(h, /SSL_SESS_CACHE_CLIENT \| SSL_SESS_CACHE_NO_INTERNAL_STORE/);
    assert.match(h, /SSL_set_session\(ssl, <the server's last session>\)/);
    assert.match(hover(text, 'server s2')!, /every connection to this server is a full handshake/);
    assert.match(hover(text, 'no-ssl-reuse')!, /never calls `SSL_set_session`/);
    assert.equal(hover('backend b\n  server s3 10.0.0.3:80\n', 'server s3'), undefined, 'no TLS, no hover');
  });

  it('tune.ssl.cachesize: the shctx size, the mode and the callbacks; 0 is OFF', () => {
    const h = hover(`global\n  tune.ssl.cachesize 100000\n${SITE}`, 'tune.ssl.cachesize')!;
    assert.match(h, /100000 blocks/);
    assert.match(h, /SSL_SESS_CACHE_NO_AUTO_CLEAR/);
    assert.match(h, /§9/);
    assert.match(h, /frontend www bind :443/);
    assert.match(hover(`global\n  tune.ssl.cachesize 0\n`, 'tune.ssl.cachesize')!, /SSL_SESS_CACHE_OFF/);
  });
  it('tune.ssl.lifetime: SSL_CTX_set_timeout, units', () => {
    assert.match(hover('global\n  tune.ssl.lifetime 2h\n', 'tune.ssl.lifetime')!, /SSL_CTX_set_timeout\(ctx, 7200\)/);
    assert.match(hover('global\n  tune.ssl.lifetime x\n', 'tune.ssl.lifetime')!, /expects a time/);
  });
  it('no-tls-tickets: SSL_OP_NO_TICKET, on a bind, in default options and on a server', () => {
    const text = `global\n  ssl-default-bind-options no-tls-tickets\n${SITE.trimEnd()} no-tls-tickets\nbackend b\n  server s 1.2.3.4:443 ssl no-tls-tickets\n`;
    for (let i = 0; i < 3; i++) assert.match(hover(text, 'no-tls-tickets', i)!, /SSL_OP_NO_TICKET/);
    assert.match(hover(text, 'no-tls-tickets', 2)!, /client/);
  });
  it('nothing elsewhere', () => {
    assert.equal(hover(SITE, 'bind'), undefined);
  });
});

describe('HAProxy rules', () => {
  it('every rule flags its bad examples and not its good ones', () => {
    for (const rule of HAPROXY_RULES) {
      for (const e of rule.bad) assert.ok(analyzeHaproxy(e.code).findings.some((f) => f.ruleId === rule.id), `${rule.id} bad`);
      for (const e of rule.good) assert.ok(!analyzeHaproxy(e.code).findings.some((f) => f.ruleId === rule.id), `${rule.id} good`);
    }
  });
  it('the long lifetime fix writes one day', () => {
    const text = 'global\n  tune.ssl.lifetime 7d\n';
    const [f] = analyzeHaproxy(text).findings;
    assert.equal(f.ruleId, 'haproxy-long-timeout-with-tickets');
    const e = f.fixes[0].edits[0];
    assert.equal(text.slice(0, e.start) + e.newText + text.slice(e.end), 'global\n  tune.ssl.lifetime 86400\n');
  });
  it('through the config entry point, with severities', () => {
    const doc = analyzeConfig('haproxy', 'global\n  tune.ssl.lifetime 7d\n', { library: 'openssl-3.0' });
    assert.equal(configFindings(doc, { library: 'openssl-3.0' }).length, 1);
    assert.equal(configFindings(doc, { library: 'openssl-3.0', severities: { 'haproxy-long-timeout-with-tickets': 'off' } }).length, 0);
  });
});
