import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LibraryId } from '../knowledge/libraries';
import { clientNotSimulated, isClientContext, predictClientPaths } from './clientPaths';

/** [library, protocol, mode, new_session_cb, offers saved sessions, the lens text] (spec §6, §3.3). */
const CASES: [LibraryId, 'TLSv1.2' | 'TLSv1.3', number, boolean, boolean, string][] = [
  // curl, s_client, HAProxy: CLIENT | NO_INTERNAL_STORE with a callback, sessions handed back.
  ['openssl-3.0', 'TLSv1.2', 0x201, true, true, 'client · store: new_cb · lookup: SSL_set_session · flush: nothing to flush'],
  ['openssl-3.0', 'TLSv1.3', 0x301, true, true, 'client · store: new_cb · lookup: SSL_set_session · flush: nothing to flush'],
  // CLIENT alone: the internal client cache, which nothing reads; auto-flushed.
  ['openssl-3.0', 'TLSv1.2', 0x001, false, false, 'client · store: internal · lookup: none · flush: every 256th connect'],
  // TLS 1.3: the ticket is stored after sess_connect_good went up (spec §3.1, §3.3).
  ['openssl-3.0', 'TLSv1.3', 0x001, false, false, 'client · store: internal · lookup: none · flush: every 255th connect'],
  ['openssl-1.1.1', 'TLSv1.3', 0x081, true, true, 'client · store: internal + new_cb · lookup: SSL_set_session · flush: never (NO_AUTO_CLEAR)'],
  // The default mode on a client: no CLIENT bit, nothing stored, the callback never called.
  ['openssl-3.0', 'TLSv1.3', 0x002, true, true, 'client · store: nothing · lookup: SSL_set_session · flush: nothing to flush'],
  // BoringSSL never stores client sessions internally: CLIENT only enables the callback.
  ['boringssl', 'TLSv1.3', 0x001, true, true, 'client · store: new_cb · lookup: SSL_set_session · flush: nothing to flush'],
  ['boringssl', 'TLSv1.2', 0x001, false, false, 'client · store: nothing · lookup: none · flush: nothing to flush'],
];

describe('client paths (spec §6)', () => {
  for (const [library, protocol, mode, newCallback, offersSavedSessions, text] of CASES) {
    it(`${library} ${protocol} mode 0x${mode.toString(16)}${newCallback ? ' + new_cb' : ''}${offersSavedSessions ? ' + SSL_set_session' : ''}`, () => {
      const p = predictClientPaths({ library, protocol, mode, callbacks: { new: newCallback } }, offersSavedSessions);
      assert.equal(p.text, text);
      assert.equal(p.client, true);
      assert.equal(p.protocol, protocol);
      assert.ok(p.explanation.length >= 2 && p.explanation.every((e) => e.endsWith('.')), p.explanation.join(' / '));
    });
  }

  it('explains what matters: the callback without the CLIENT bit, TLS 1.3 tickets, a client that never resumes', () => {
    assert.match(predictClientPaths({ library: 'openssl-3.0', protocol: 'TLSv1.2', mode: 0x2, callbacks: { new: true } }, false).explanation.join(' '), /new_session_cb is never called/);
    assert.match(predictClientPaths({ library: 'openssl-3.0', protocol: 'TLSv1.3', mode: 0x201, callbacks: { new: true } }, true).explanation.join(' '), /one per ticket.*NewSessionTicket/s);
    assert.match(predictClientPaths({ library: 'openssl-3.0', protocol: 'TLSv1.2', mode: 0x1, callbacks: { new: false } }, false).explanation.join(' '), /never resumes/);
    assert.match(predictClientPaths({ library: 'openssl-3.0', protocol: 'TLSv1.3', mode: 0x1, callbacks: { new: false } }, true).explanation.join(' '), /removes the session it used/);
  });

  it('a context is a client when its code says so, or when its mode has only the CLIENT role bit', () => {
    assert.equal(isClientContext('client', 0x2), true);
    assert.equal(isClientContext('server', 0x1), false);
    assert.equal(isClientContext('unknown', 0x201), true);
    assert.equal(isClientContext('unknown', 0x3), false);
    assert.equal(isClientContext('unknown', 0x0), false);
    assert.match(clientNotSimulated('ctx'), /^ctx is a TLS client: the simulator models a server's session cache/);
  });
});
