import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeConfig, configFindings } from '..';
import { analyzePostfix } from './analyze';
import { parsePostfix } from './parser';
import { POSTFIX_RULES } from './rules';

function hover(text: string, word: string): string | undefined {
  return analyzePostfix(text).hoverAt(text.indexOf(word) + 1)?.markdown;
}

const DB = 'smtpd_tls_session_cache_database = btree:${data_directory}/smtpd_scache\n';

describe('Postfix parser', () => {
  it('parameters, continuation lines, comments, spans', () => {
    const text = '# c\na = b\n  c\nsmtpd_tls_session_cache_timeout=1h\n';
    const doc = parsePostfix(text);
    assert.deepEqual(doc.params.map((p) => [p.name, p.value]), [['a', 'b c'], ['smtpd_tls_session_cache_timeout', '1h']]);
    const p = doc.params[0];
    assert.equal(text.slice(p.valueSpan.start, p.valueSpan.end), 'b\n  c');
    assert.deepEqual(doc.errors, []);
  });
  it('reports broken lines and keeps going', () => {
    const doc = parsePostfix(' x\ny\nz = 1\n');
    assert.equal(doc.errors.length, 2);
    assert.equal(doc.params.length, 1);
  });
});

describe('Postfix model (spec §9)', () => {
  it('an external cache: SERVER | NO_INTERNAL | NO_AUTO_CLEAR, size 1, get and new but no remove, twice the timeout', () => {
    const s = analyzePostfix(DB + 'smtpd_tls_session_cache_timeout = 1h\n').settings[0];
    assert.equal(s.mode, 0x0002 | 0x0300 | 0x0080);
    assert.equal(s.cacheSize, 1);
    assert.deepEqual(s.callbacks, { new: true, get: true, remove: false });
    assert.equal(s.timeout, 7200);
    assert.equal(s.tickets, true);
  });
  it('no database: OFF; timeout 0: OFF without tickets; empty ticket cipher: no tickets', () => {
    assert.equal(analyzePostfix('smtpd_tls_security_level = may\n').settings[0].mode, 0);
    const zero = analyzePostfix(DB + 'smtpd_tls_session_cache_timeout = 0\n').settings[0];
    assert.equal(zero.mode, 0);
    assert.equal(zero.tickets, false);
    assert.equal(analyzePostfix(DB + 'tls_session_ticket_cipher =\n').settings[0].tickets, false);
  });
  it('client certificates; no smtpd TLS, no setting; the last assignment wins', () => {
    assert.equal(analyzePostfix(DB + 'smtpd_tls_req_ccert = yes\n').settings[0].verifyPeer, true);
    assert.deepEqual(analyzePostfix('smtp_tls_security_level = may\n').settings, []);
    assert.equal(analyzePostfix(DB + 'smtpd_tls_session_cache_timeout = 1h\nsmtpd_tls_session_cache_timeout = 2h\n').settings[0].timeout, 14400);
  });
});

describe('Postfix hovers', () => {
  it('on the three parameters, with the OpenSSL calls', () => {
    const text = DB + 'smtpd_tls_session_cache_timeout = 2h\ntls_session_ticket_cipher = aes-256-cbc\n';
    assert.match(hover(text, 'smtpd_tls_session_cache_database')!, /SSL_SESS_CACHE_NO_INTERNAL/);
    assert.match(hover(text, 'smtpd_tls_session_cache_timeout')!, /SSL_CTX_set_timeout\(ctx, 14400\)/);
    assert.match(hover(text, 'tls_session_ticket_cipher')!, /Session tickets on/);
    assert.match(hover('tls_session_ticket_cipher =\n', 'tls_session')!, /SSL_OP_NO_TICKET/);
    assert.match(hover('smtpd_tls_session_cache_database =\n', 'smtpd')!, /SSL_SESS_CACHE_OFF/);
    assert.equal(hover('myhostname = x\n', 'myhostname'), undefined);
  });
});

describe('Postfix rules', () => {
  it('every rule flags its bad examples and not its good ones', () => {
    for (const rule of POSTFIX_RULES) {
      for (const e of rule.bad) assert.ok(analyzePostfix(e.code).findings.some((f) => f.ruleId === rule.id), `${rule.id} bad`);
      for (const e of rule.good) assert.ok(!analyzePostfix(e.code).findings.some((f) => f.ruleId === rule.id), `${rule.id} good`);
    }
  });
  it('through the config entry point', () => {
    const doc = analyzeConfig('postfix', DB + 'smtpd_tls_session_cache_timeout = 30d\n', { library: 'openssl-3.0' });
    assert.deepEqual(configFindings(doc, { library: 'openssl-3.0' }).map((f) => f.ruleId), ['postfix-long-timeout-with-tickets']);
  });
});
