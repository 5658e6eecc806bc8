import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeConfig, configFindings } from '..';
import { analyzeStunnel } from './analyze';
import { parseStunnel } from './parser';
import { STUNNEL_RULES } from './rules';

function hover(text: string, word: string): string | undefined {
  return analyzeStunnel(text).hoverAt(text.indexOf(word) + 1)?.markdown;
}

const SERVICE = '[https]\naccept = 443\nconnect = 8080\n';

describe('stunnel parser', () => {
  it('global options, services, comments, spans', () => {
    const text = '; c\n# c\npid = /run/s.pid\n[a]\n  Accept  =  443 \n';
    const doc = parseStunnel(text);
    assert.deepEqual(doc.global.options.map((o) => [o.key, o.value]), [['pid', '/run/s.pid']]);
    assert.equal(doc.services[0].name, 'a');
    const o = doc.services[0].options[0];
    assert.equal(text.slice(o.keySpan.start, o.keySpan.end), 'Accept');
    assert.equal(text.slice(o.valueSpan.start, o.valueSpan.end), '443');
    assert.deepEqual(doc.errors, []);
  });
  it('reports broken lines and keeps going', () => {
    const doc = parseStunnel('[a\nx\ny = 1\n');
    assert.equal(doc.errors.length, 2);
    assert.equal(doc.services[0].options.length, 1);
  });
});

describe('stunnel model (spec §9)', () => {
  it('the defaults: BOTH | NO_INTERNAL_STORE, 1000 sessions, 300 s, the three callbacks', () => {
    const [s] = analyzeStunnel(SERVICE).settings;
    assert.equal(s.mode, 0x0003 | 0x0200);
    assert.equal(s.cacheSize, 1000);
    assert.equal(s.timeout, 300);
    assert.deepEqual(s.callbacks, { new: true, get: true, remove: true });
    assert.equal(s.role, 'server');
    assert.equal(s.numTickets, 2);
    assert.equal(s.label, '[https]');
  });
  it('sessionResume = no: OFF and no TLS 1.3 tickets on a server; global options are defaults', () => {
    const [s] = analyzeStunnel(`sessionResume = no\nsessionCacheSize = 10\n${SERVICE}`).settings;
    assert.equal(s.mode, 0);
    assert.equal(s.numTickets, 0);
    assert.equal(s.cacheSize, 10);
    assert.equal(analyzeStunnel(`sessionResume = no\n${SERVICE}sessionResume = yes\n`).settings[0].mode, 0x0203);
  });
  it('client services, NO_TICKET and verification', () => {
    const [c] = analyzeStunnel('[c]\nclient = yes\nconnect = x:1\n').settings;
    assert.equal(c.role, 'client');
    assert.equal(c.sessionIdContext, false);
    assert.equal(analyzeStunnel(`${SERVICE}options = NO_TICKET\n`).settings[0].tickets, false);
    assert.equal(analyzeStunnel(`${SERVICE}verifyChain = yes\n`).settings[0].verifyPeer, true);
    assert.equal(analyzeStunnel(`${SERVICE}verify = 2\n`).settings[0].verifyPeer, true);
  });
});

describe('stunnel hovers', () => {
  it('on each session option, with the OpenSSL call and the section', () => {
    const text = `sessiond = 127.0.0.1:5\n${SERVICE}sessionCacheSize = 200\nsessionCacheTimeout = 600\nsessionResume = no\noptions = NO_TICKET\n`;
    assert.match(hover(text, 'sessionCacheSize')!, /SSL_CTX_sess_set_cache_size\(ctx, 200\)/);
    assert.match(hover(text, 'sessionCacheTimeout')!, /SSL_CTX_set_timeout\(ctx, 600\)/);
    assert.match(hover(text, 'sessionResume')!, /SSL_SESS_CACHE_OFF/);
    assert.match(hover(text, 'sessiond')!, /external session cache/);
    assert.match(hover(text, 'NO_TICKET')!, /SSL_OP_NO_TICKET/);
    for (const w of ['sessionCacheSize', 'sessiond']) assert.match(hover(text, w)!, /§9/);
    assert.match(hover(text, 'sessiond')!, /Applies to `\[https\]`/);
    assert.equal(hover(text, 'accept'), undefined);
  });
});

describe('stunnel rules', () => {
  it('every rule flags its bad examples and not its good ones', () => {
    for (const rule of STUNNEL_RULES) {
      for (const e of rule.bad) assert.ok(analyzeStunnel(e.code).findings.some((f) => f.ruleId === rule.id), `${rule.id} bad`);
      for (const e of rule.good) assert.ok(!analyzeStunnel(e.code).findings.some((f) => f.ruleId === rule.id), `${rule.id} good`);
    }
  });
  it('through the config entry point', () => {
    const doc = analyzeConfig('stunnel', `sessionCacheTimeout = 604800\n${SERVICE}`, { library: 'openssl-3.0' });
    assert.deepEqual(configFindings(doc, { library: 'openssl-3.0' }).map((f) => f.ruleId), ['stunnel-long-timeout-with-tickets']);
  });
});
