import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SimConfig } from './model';
import { predictPaths } from './predict';

const base: SimConfig = {
  library: 'openssl-3.0',
  protocol: 'TLSv1.2',
  mode: 0x0002,
  cacheSize: 20480,
  timeout: 7200,
  sidCtxLength: 3,
  verifyPeer: false,
  tickets: true,
  numTickets: 2,
  callbacks: { new: false, get: false, remove: false },
};
const text = (patch: Partial<SimConfig>) => predictPaths({ ...base, ...patch }).text;

describe('inline path predictions come from simulator probes', () => {
  const cases: [string, Partial<SimConfig>, string][] = [
    ['default TLS 1.2 with tickets', {}, 'store: nothing (tickets only) · lookup: ticket → internal · flush: nothing to flush'],
    ['internal cache, no tickets', { tickets: false }, 'store: internal · lookup: internal · flush: every 256th'],
    ['TLS 1.3 stateful tickets flush at 255', { protocol: 'TLSv1.3', tickets: false }, 'store: internal · lookup: internal · flush: every 255th'],
    ['external only', { mode: 0x0302, tickets: false, callbacks: { new: true, get: true, remove: true } }, 'store: new_cb · lookup: get_cb · flush: nothing to flush'],
    ['both caches, no auto clear', { mode: 0x0082, tickets: false, callbacks: { new: true, get: true, remove: false } }, 'store: internal + new_cb · lookup: internal → get_cb · flush: manual only'],
    ['announce but never store', { mode: 0x0202, tickets: false }, 'store: nothing · lookup: none · flush: nothing to flush'],
    ['verification without a context', { tickets: false, verifyPeer: true, sidCtxLength: 0, callbacks: { new: false, get: false, remove: false } }, 'store: nothing · lookup: none · flush: nothing to flush'],
    ['TLS 1.3 ticket failure', { protocol: 'TLSv1.3', verifyPeer: true, sidCtxLength: 0 }, 'store: nothing · lookup: fails the handshake · flush: nothing to flush'],
  ];
  for (const [name, patch, expected] of cases) {
    it(name, () => assert.equal(text(patch), expected));
  }
  it('explains every step', () => {
    const p = predictPaths({ ...base, tickets: false });
    assert.deepEqual(p.explanation, [
      'A new session goes to the internal cache.',
      'A returning client resumes by its session id, found in the internal cache.',
      'Expired sessions are flushed automatically during every 256th good handshake.',
    ]);
  });
  it('follows the library: BoringSSL flushes after 255 stored sessions', () => {
    assert.equal(text({ library: 'boringssl', tickets: false }), 'store: internal · lookup: internal · flush: every 255th');
  });
});
