/**
 * The real-BoringSSL harness, and what the spec (§13) and docs/boringssl.md say about the real
 * library, each as a small scenario of the contract run against Debian's BoringSSL on the
 * virtual clock (SSL_CTX_set_current_time_cb).
 *
 * Skipped with a message when gcc or android-libboringssl-dev is missing; in CI that is a failure.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parseScenario } from '../scenario';
import { HarnessError, harnessVersion, runBoringSslHarness, runOpenSslHarness } from './harness';
import { HarnessTestRunner, connects, counters, summary } from './testSupport';

const harness = new HarnessTestRunner('boringssl');
const run = harness.run.bind(harness);
after(() => harness.report());

const ZERO_STATISTICS = { accept: 0, acceptGood: 0, hits: 0, misses: 0, timeouts: 0, cbHits: 0, cacheFull: 0 };

describe('BoringSSL harness: the contract', () => {
  it("runs against Debian's BoringSSL", (t) => {
    if (!harness.available(t)) return;
    const version = harnessVersion('boringssl');
    t.diagnostic(version);
    assert.match(version, /^BoringSSL \(built with OpenSSL 1\.1\.1 \(compatible; BoringSSL\)\)$/);
  });

  it('refuses a timeout over 32 bits with a message, as the simulator does', (t) => {
    if (!harness.available(t)) return;
    const scenario = parseScenario(JSON.stringify({ version: 1, library: 'boringssl', protocol: 'TLSv1.2', server: { timeout: 4294967296 }, events: [] }));
    assert.throws(() => runBoringSslHarness(scenario), (e: unknown) => e instanceof HarnessError && /timeout 4294967296: BoringSSL's SSL_CTX_set_timeout takes 32 bits \(at most 4294967295\)/.test(e.message));
    assert.equal(summary(run(t, 'TLSv1.2', { timeout: 4294967295, tickets: false }, connects(2, 0, 'a'), 'timeout 2^32-1')), '-1 R1');
  });

  it('runs only boringssl scenarios, and the OpenSSL harness none of them', (t) => {
    if (!harness.available(t)) return;
    const base = { version: 1, protocol: 'TLSv1.2', events: [] };
    assert.throws(() => runBoringSslHarness(parseScenario(JSON.stringify(base))), /boringssl-harness runs only "library": "boringssl" scenarios, not "openssl-3.0"/);
    assert.throws(() => runOpenSslHarness(parseScenario(JSON.stringify({ ...base, library: 'boringssl' }))), /openssl-harness runs only/);
  });

  it("the contract's procedure gets TLS 1.3 tickets to the client (zero-byte write, client callback)", (t) => {
    if (!harness.available(t)) return;
    // Without the write BoringSSL sends no ticket; without the callback the client's session is not resumable.
    assert.equal(summary(run(t, 'TLSv1.3', {}, connects(3, 0, 'a'))), '-0 R0 R0');
  });
});

describe('BoringSSL harness: the virtual clock reaches the library', () => {
  it('TLS 1.2 sessions expire by virtual time, at age = timeout; flush "expired" only after it', (t) => {
    if (!harness.available(t)) return;
    const r = run(t, 'TLSv1.2', { tickets: false, timeout: 100, callbacks: ['remove'] }, [
      { at: 0, connect: 'a' }, { at: 99, connect: 'a' }, { at: 100, flush: 'expired' }, { at: 100, connect: 'a' }, { at: 200, flush: 'expired' }, { at: 201, flush: 'expired' },
    ]);
    // §13.5: the lookup finds the session expired at age 100 and removes it; flush needs age > timeout.
    assert.equal(summary(r), '-1 R1 f1 o1 f1 f0');
    counters(r, { removeCalls: 2 });
  });

  it('runs decades ahead of the real clock', (t) => {
    if (!harness.available(t)) return;
    const r = run(t, 'TLSv1.2', { tickets: false, timeout: 2_000_000_000 }, [{ at: 0, connect: 'a' }, { at: 7199, connect: 'a' }, { at: 2_000_000_001, connect: 'a' }]);
    assert.equal(summary(r), '-1 R1 o2'); // offered, but the client does not send a session that old (§13.6)
  });
});

describe('BoringSSL harness: spec §13 observations on the real library', () => {
  it('1. the seven statistics counters are stubs that return 0', (t) => {
    if (!harness.available(t)) return;
    const r = run(t, 'TLSv1.2', { tickets: false, cacheSize: 1, timeout: 5, callbacks: ['new', 'get'] }, [
      { at: 0, connect: 'a' }, { at: 1, connect: 'a' }, { at: 1, connect: 'b' }, { at: 2, connect: 'a' }, { at: 10, connect: 'b' },
    ]);
    assert.equal(summary(r), '-1 R1 -1 R1 o1');
    counters(r, { ...ZERO_STATISTICS, newCalls: 3, getCalls: 2 });
  });

  it('2. a TLS 1.3 server stores nothing and calls no callback; NO_TICKET sends no ticket at all', (t) => {
    if (!harness.available(t)) return;
    const all = { callbacks: ['new', 'get', 'remove'] };
    const r = run(t, 'TLSv1.3', all, connects(3, 0, 'a'), 'TLS 1.3 with every callback');
    assert.equal(summary(r), '-0 R0 R0');
    counters(r, { newCalls: 0, getCalls: 0, removeCalls: 0 });
    const noTicket = run(t, 'TLSv1.3', { ...all, tickets: false }, connects(3, 0, 'a'), 'TLS 1.3 NO_TICKET');
    assert.equal(summary(noTicket), '-0 o0 o0'); // OpenSSL: stateful tickets, stored and resumed
    counters(noTicket, { newCalls: 0, getCalls: 0, removeCalls: 0 });
  });

  it('3. capacity is exactly size, the oldest insertion goes, a hit does not refresh', (t) => {
    if (!harness.available(t)) return;
    const r = run(t, 'TLSv1.2', { tickets: false, cacheSize: 2, callbacks: ['remove'] }, [
      { at: 0, connect: 'a' }, { at: 0, connect: 'b' }, { at: 1, connect: 'a' }, { at: 2, connect: 'c' }, { at: 3, connect: 'a' }, { at: 3, connect: 'b' },
    ]);
    // c evicts a (the oldest, though a was just resumed); then a misses and evicts b.
    assert.equal(summary(r), '-1 -2 R2 -2 o2 o2');
    counters(r, { removeCalls: 3 });
  });

  it('4. auto-flush runs at the 255th session stored internally, and never with NO_AUTO_CLEAR', (t) => {
    if (!harness.available(t)) return;
    const events = [{ at: 0, connect: 'old' }, ...connects(254, 100, 'c', { resume: false })];
    const r = run(t, 'TLSv1.2', { tickets: false, timeout: 10, callbacks: ['remove'] }, events, 'auto-flush');
    assert.deepEqual([253, 254, 255].map((n) => r.trace[n - 1].number), [253, 254, 254]);
    counters(r, { removeCalls: 1 });
    const r2 = run(t, 'TLSv1.2', { tickets: false, timeout: 10, mode: 'SERVER|NO_AUTO_CLEAR' }, events, 'NO_AUTO_CLEAR');
    assert.equal(r2.trace[254].number, 255);
  });

  it('6. the TLS 1.2 client does not offer a session 7200 s old, whatever the server allows', (t) => {
    if (!harness.available(t)) return;
    const r = run(t, 'TLSv1.2', { tickets: false, timeout: 100000 }, [{ at: 0, connect: 'a' }, { at: 0, connect: 'b' }, { at: 7199, connect: 'a' }, { at: 7200, connect: 'b' }]);
    assert.equal(summary(r), '-1 -2 R2 o3');
  });

  it('7. remove fires only for sessions in the internal cache', (t) => {
    if (!harness.available(t)) return;
    const r = run(t, 'TLSv1.2', { mode: 'SERVER|NO_INTERNAL', tickets: false, timeout: 10, callbacks: ['new', 'get', 'remove'] }, [{ at: 0, connect: 'a' }, { at: 20, connect: 'a' }]);
    assert.equal(summary(r), '-0 o0');
    counters(r, { removeCalls: 0, externalSize: 2 });
  });

  it('8. an unclean close changes nothing on either side', (t) => {
    if (!harness.available(t)) return;
    const r = run(t, 'TLSv1.2', { tickets: false, callbacks: ['remove'] }, [{ at: 0, connect: 'a', abort: true }, { at: 1, connect: 'a', abort: true }, { at: 2, connect: 'a' }]);
    assert.equal(summary(r), '-1 R1 R1');
    counters(r, { removeCalls: 0 });
  });

  it('9. peer verification without a session id context is not an error', (t) => {
    if (!harness.available(t)) return;
    for (const protocol of ['TLSv1.2', 'TLSv1.3'] as const) {
      assert.equal(summary(run(t, protocol, { verifyPeer: true, tickets: protocol === 'TLSv1.3' }, connects(2, 0, 'a'), `verify ${protocol}`)), protocol === 'TLSv1.2' ? '-1 R1' : '-0 R0');
    }
  });

  it('10. UPDATE_TIME is an unknown bit: no effect', (t) => {
    if (!harness.available(t)) return;
    const r = run(t, 'TLSv1.2', { mode: 'SERVER|UPDATE_TIME', tickets: false, timeout: 100, callbacks: ['new', 'get'] }, [{ at: 0, connect: 'a' }, { at: 1, flush: 'all' }, { at: 150, connect: 'a' }]);
    assert.equal(summary(r), '-1 f0 o1'); // OpenSSL 3.0 revives the session from the get callback
  });

  it('TLS 1.3: tickets live 2 days; a chain of resumptions ends 7 days after its full handshake', (t) => {
    if (!harness.available(t)) return;
    const lifetime = run(t, 'TLSv1.3', { timeout: 10 }, [{ at: 0, connect: 'a' }, { at: 172799, connect: 'a' }, { at: 345598, connect: 'a' }, { at: 518398, connect: 'a' }], '2-day lifetime');
    assert.equal(summary(lifetime), '-0 R0 R0 o0');
    const chain = run(t, 'TLSv1.3', {}, [0, 151200, 302400, 453600, 604799, 604800, 604801].map((at) => ({ at, connect: 'a' })), '7-day chain');
    assert.equal(summary(chain), '-0 R0 R0 R0 R0 o0 R0');
  });
});
