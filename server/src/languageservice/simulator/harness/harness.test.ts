/**
 * The real-OpenSSL harness, and the spec's facts about the real library checked through it:
 * §11's invariants and §12's observations (docs/spec/openssl-session-cache.md), each as a small
 * scenario of the contract run against the system libssl 3.0 on the virtual clock.
 *
 * Skipped with a message when gcc or the OpenSSL headers are missing; in CI that is a failure.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { readRepoFile } from '../../../testing/paths';
import { COUNTER_NAMES, CONNECT_ENTRY_FIELDS, FLUSH_ENTRY_FIELDS, parseScenario } from '../scenario';
import type { Protocol, ScenarioCounters, ScenarioResult } from '../scenario';
import {
  HarnessError,
  formatHarnessInput,
  harnessVersion,
  runHarness,
  runOpenSslHarness,
} from './harness';
import { HarnessTestRunner, connects, counters, summary } from './testSupport';
import type { EventJson, ServerJson } from './testSupport';

const harness = new HarnessTestRunner('openssl-3.0');
const timings = harness.timings;
const requireHarness = (t: TestContext): boolean => harness.available(t);
const run = (t: TestContext, protocol: Protocol, server: ServerJson, events: EventJson[], name = t.name): ScenarioResult =>
  harness.run(t, protocol, server, events, name);

after(() => harness.report());

// ---------------------------------------------------------------------------------------------

describe('OpenSSL harness: the contract', () => {
  it('runs against the system OpenSSL 3.0', (t) => {
    if (!requireHarness(t)) return;
    const version = harnessVersion('openssl-3.0');
    t.diagnostic(version);
    assert.match(version, /^OpenSSL 3\.0\.\d+/);
  });

  it("runs the contract's example scenario and prints the contract's object, field for field", (t) => {
    if (!requireHarness(t)) return;
    const contract = readRepoFile('docs', 'spec', 'scenario-contract.md');
    const example = parseScenario(/## Input\s+```json\n([\s\S]*?)```/.exec(contract)![1]);
    const r = runOpenSslHarness(example);
    timings.push({ name: t.name, ms: r.elapsedMs, events: example.events.length });
    const result = r.result;
    assert.deepEqual(Object.keys(result), ['trace', 'counters']);
    assert.equal(result.trace.length, example.events.length);
    result.trace.forEach((e, i) => {
      assert.deepEqual(Object.keys(e), e.kind === 'connect' ? CONNECT_ENTRY_FIELDS : FLUSH_ENTRY_FIELDS);
      assert.equal(e.event, i);
    });
    assert.deepEqual(Object.keys(result.counters), COUNTER_NAMES);
    // TLS 1.2 with tickets: everything resumes over tickets, nothing has an id to store, so the
    // callbacks see nothing; the unclean close of bob's resumed connection calls remove once.
    assert.deepEqual(result.trace[0], { event: 0, kind: 'connect', client: 'alice', offered: false, resumed: false, failed: false, number: 0 });
    assert.deepEqual(result.trace[4], { event: 4, kind: 'flush', number: 0 });
    assert.equal(summary(result), '-0 R0 -0 R0 f0 f0');
    assert.deepEqual(result.counters, {
      number: 0, accept: 4, acceptGood: 4, hits: 2, misses: 0, timeouts: 0,
      cbHits: 0, cacheFull: 0, newCalls: 0, getCalls: 0, removeCalls: 1, externalSize: 0,
    });
  });

  it('gives an empty trace and zero counters for no events', (t) => {
    if (!requireHarness(t)) return;
    const r = run(t, 'TLSv1.3', { callbacks: ['new', 'get', 'remove'] }, []);
    assert.deepEqual(r, {
      trace: [],
      counters: { number: 0, accept: 0, acceptGood: 0, hits: 0, misses: 0, timeouts: 0, cbHits: 0, cacheFull: 0, newCalls: 0, getCalls: 0, removeCalls: 0, externalSize: 0 },
    });
  });

  it('passes client names of any text through unchanged', (t) => {
    if (!requireHarness(t)) return;
    const names = ['ünï "côdé"\\', 'tab\there\nnewline', '😀', ' '];
    const r = run(t, 'TLSv1.2', {}, names.map((name, i) => ({ at: i, connect: name })));
    assert.deepEqual(r.trace.map((e) => (e.kind === 'connect' ? e.client : '')), names);
  });

  it('resume: false offers nothing and keeps the stored session for later', (t) => {
    if (!requireHarness(t)) return;
    const r = run(t, 'TLSv1.2', { tickets: false }, [
      { at: 0, connect: 'a' }, { at: 1, connect: 'a', resume: false }, { at: 2, connect: 'a' }, { at: 3, connect: 'a' },
    ]);
    // The 3rd connect resumes the session of the 2nd: the client stored it (SSL_get1_session).
    assert.equal(summary(r), '-1 -2 R2 R2');
  });

  it('holds all TLS 1.3 tickets of a handshake in flight (numTickets 1000)', (t) => {
    if (!requireHarness(t)) return;
    const r = run(t, 'TLSv1.3', { numTickets: 1000, callbacks: ['remove'] }, connects(2, 0, 'a'));
    assert.equal(summary(r), '-1000 R1001');
  });

  it('uses the compiled-in library defaults: no openssl.cnf is loaded', (t) => {
    if (!requireHarness(t)) return;
    // A configuration that would turn tickets off; if it were loaded, the server would store the id session.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-harness-'));
    const cnf = path.join(dir, 'openssl.cnf');
    fs.writeFileSync(cnf, [
      'openssl_conf = default_conf', '[default_conf]', 'ssl_conf = ssl_sect', '[ssl_sect]',
      'system_default = system_default_sect', '[system_default_sect]', 'Options = -SessionTicket', '',
    ].join('\n'));
    const saved = process.env.OPENSSL_CONF;
    process.env.OPENSSL_CONF = cnf;
    try {
      assert.equal(summary(run(t, 'TLSv1.2', {}, connects(2, 0, 'a'))), '-0 R0');
    } finally {
      if (saved === undefined) delete process.env.OPENSSL_CONF;
      else process.env.OPENSSL_CONF = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses other libraries: BoringSSL has its own harness, the other profiles none', (t) => {
    if (!requireHarness(t)) return;
    const base = { version: 1, protocol: 'TLSv1.2', events: [] };
    assert.throws(() => runOpenSslHarness(parseScenario(JSON.stringify({ ...base, library: 'boringssl' }))), (e: unknown) => e instanceof HarnessError && /openssl-harness runs only "library": "openssl-3.0" scenarios, not "boringssl"/.test(e.message));
    assert.throws(() => runHarness(parseScenario(JSON.stringify({ ...base, library: 'libressl' }))), (e: unknown) => e instanceof HarnessError && /"libressl".*simulator's own profile/.test(e.message));
  });

  it('writes the line format the C side reads', () => {
    const s = parseScenario(JSON.stringify({
      version: 1, protocol: 'TLSv1.3',
      server: { mode: 'SERVER|NO_INTERNAL', cacheSize: 0, timeout: 9007199254740991, sessionIdContext: '', verifyPeer: true, tickets: false, numTickets: 0, callbacks: ['remove', 'new'] },
      events: [{ at: 0, connect: 'b' }, { at: 1, connect: 'é', resume: false, abort: true }, { at: 1, connect: 'b' }, { at: 2, flush: 'expired' }, { at: 3, flush: 'all' }],
    }));
    assert.equal(formatHarnessInput(s), [
      'sesscache-harness 1', 'protocol TLSv1.3', 'mode 770', 'cacheSize 0', 'timeout 9007199254740991', 'sessionIdContext -',
      'verifyPeer 1', 'tickets 0', 'numTickets 0', 'callbacks new remove', 'client 0 62', 'client 1 c3a9',
      'connect 0 0 1 0', 'connect 1 1 0 1', 'connect 1 0 1 0', 'flush 2 expired', 'flush 3 all', 'end', '',
    ].join('\n'));
    assert.equal(formatHarnessInput(parseScenario('{"version":1,"protocol":"TLSv1.2","events":[]}')), 'sesscache-harness 1\nprotocol TLSv1.2\nend\n');
  });
});

describe('OpenSSL harness: the virtual clock reaches the library', () => {
  it('sessions expire by virtual time: hit at age = timeout, timeout at age = timeout + 1 (TLS 1.2 ids)', (t) => {
    if (!requireHarness(t)) return;
    // Real time moves by milliseconds here; only a working clock hook makes the session expire.
    const r = run(t, 'TLSv1.2', { tickets: false, timeout: 100, callbacks: ['remove'] }, [
      { at: 0, connect: 'a' }, { at: 100, connect: 'a' }, { at: 201, connect: 'a' },
    ]);
    assert.equal(summary(r), '-1 R1 o1');
    counters(r, { hits: 1, timeouts: 1, removeCalls: 1 });
  });

  it('flush "expired" compares with the virtual now, strictly (age > timeout)', (t) => {
    if (!requireHarness(t)) return;
    const r = run(t, 'TLSv1.2', { tickets: false, timeout: 10 }, [
      { at: 0, connect: 'a' }, { at: 10, flush: 'expired' }, { at: 11, flush: 'expired' },
    ]);
    assert.equal(summary(r), '-1 f1 f0');
  });

  it('TLS 1.3 ticket ages come from the virtual clock too', (t) => {
    if (!requireHarness(t)) return;
    const r = run(t, 'TLSv1.3', { timeout: 50 }, [{ at: 0, connect: 'a' }, { at: 50, connect: 'a' }, { at: 101, connect: 'a' }]);
    assert.equal(summary(r), '-0 R0 o0');
    counters(r, { hits: 1, timeouts: 1 });
  });

  it('runs decades ahead of the real clock', (t) => {
    if (!requireHarness(t)) return;
    const r = run(t, 'TLSv1.2', { tickets: false, timeout: 2_000_000_000 }, [
      { at: 0, connect: 'a' }, { at: 1_999_999_999, connect: 'a' }, { at: 2_000_000_001, connect: 'a' },
    ]);
    assert.equal(summary(r), '-1 R1 o1');
  });
});

describe('OpenSSL harness: spec §11 invariants on the real library', () => {
  it('1. a 3.x cache of size N holds max(1, N-1) sessions; 0 is unlimited', (t) => {
    if (!requireHarness(t)) return;
    for (const [size, holds] of [[1, 1], [2, 1], [3, 2], [4, 3], [5, 4], [0, 6]]) {
      const r = run(t, 'TLSv1.2', { tickets: false, cacheSize: size }, Array.from({ length: 6 }, (_, i) => ({ at: i, connect: `c${i}` })), `size ${size}`);
      assert.equal(Math.max(...r.trace.map((e) => e.number)), holds, `size ${size}`);
      counters(r, { number: holds, cacheFull: 6 - holds });
    }
    // TLS 1.3 stateful tickets (2 sessions per handshake): the same capacity.
    const r = run(t, 'TLSv1.3', { tickets: false, cacheSize: 3 }, connects(3, 0, 'c', { resume: false }), 'TLS 1.3 size 3');
    assert.equal(summary(r), '-2 -2 -2');
    counters(r, { cacheFull: 4 });
  });

  it('1. the victim is the earliest-expiring session; among equal expiry the oldest insertion', (t) => {
    if (!requireHarness(t)) return;
    const r = run(t, 'TLSv1.2', { tickets: false, cacheSize: 3 }, [
      { at: 0, connect: 'a' }, { at: 0, connect: 'b' }, { at: 0, connect: 'c' }, // c evicts a
      { at: 1, connect: 'b' }, // hit: a hit does not move b
      { at: 2, connect: 'a' }, // miss; a's new session evicts b (the tail)
      { at: 3, connect: 'b' }, // miss
    ]);
    assert.equal(summary(r), '-1 -2 -2 R2 o2 o2');
    counters(r, { hits: 1, misses: 2, cacheFull: 3 });
  });

  it('2. a TLS 1.2 server auto-flushes during its 256th good handshake (and never with NO_AUTO_CLEAR)', (t) => {
    if (!requireHarness(t)) return;
    // One session at 0 that expires at 10, then 255 more at 100: the flush at #256 removes it.
    const events = [{ at: 0, connect: 'old' }, ...connects(255, 100, 'c', { resume: false })];
    const r = run(t, 'TLSv1.2', { tickets: false, timeout: 10, callbacks: ['remove'] }, events, 'TLS 1.2 auto-flush');
    assert.deepEqual([254, 255, 256].map((n) => r.trace[n - 1].number), [254, 255, 255]);
    counters(r, { removeCalls: 1, acceptGood: 256 });
    const r2 = run(t, 'TLSv1.2', { tickets: false, timeout: 10, mode: 'SERVER|NO_AUTO_CLEAR' }, events, 'TLS 1.2 NO_AUTO_CLEAR');
    assert.equal(r2.trace[255].number, 256);
  });

  it('3. a TLS 1.3 server auto-flushes at handshake 255', (t) => {
    if (!requireHarness(t)) return;
    const events = [{ at: 0, connect: 'old' }, ...connects(254, 100, 'c', { resume: false })];
    const r = run(t, 'TLSv1.3', { tickets: false, timeout: 10, callbacks: ['remove'] }, events, 'TLS 1.3 auto-flush');
    // 2 stateful tickets per handshake; at #255 the 2 sessions of #1 are flushed.
    assert.deepEqual([253, 254, 255].map((n) => r.trace[n - 1].number), [506, 508, 508]);
    counters(r, { removeCalls: 2 });
  });

  it('4. with tickets, or VERIFY_PEER without an id context, nothing is stored (so there is nothing to flush)', (t) => {
    if (!requireHarness(t)) return;
    // The auto-flush itself cannot be observed under the contract: no session can get into the
    // cache in these configurations. What can be observed: nothing stored, no new callback.
    const all = { callbacks: ['new', 'get', 'remove'] };
    const r1 = run(t, 'TLSv1.2', all, connects(3, 0, 'a'), 'TLS 1.2 tickets');
    assert.equal(summary(r1), '-0 R0 R0');
    counters(r1, { newCalls: 0, removeCalls: 0, externalSize: 0 });
    const r2 = run(t, 'TLSv1.2', { ...all, verifyPeer: true, tickets: false }, connects(3, 0, 'a'), 'VERIFY_PEER, no id context');
    assert.equal(summary(r2), '-0 o0 o0');
    counters(r2, { newCalls: 0, misses: 2, getCalls: 2 }); // the id was sent, but never stored
    const r3 = run(t, 'TLSv1.2', { ...all, verifyPeer: true, tickets: false, sessionIdContext: 'x' }, connects(3, 0, 'a'), 'VERIFY_PEER with id context');
    assert.equal(summary(r3), '-1 R1 R1');
    // §3.2 (c), (e): resumptions call no new callback; its return value 0 does not uncache.
    counters(r3, { newCalls: 1, number: 1 });
  });

  it('5. OFF still resumes over tickets (and a TLS 1.2 OFF server sends no id)', (t) => {
    if (!requireHarness(t)) return;
    assert.equal(summary(run(t, 'TLSv1.2', { mode: 'OFF' }, connects(3, 0, 'a'), 'OFF TLS 1.2')), '-0 R0 R0');
    assert.equal(summary(run(t, 'TLSv1.3', { mode: 'OFF' }, connects(3, 0, 'a'), 'OFF TLS 1.3')), '-0 R0 R0');
    const r = run(t, 'TLSv1.2', { mode: 'OFF', tickets: false }, connects(3, 0, 'a'), 'OFF TLS 1.2 no tickets');
    assert.equal(summary(r), '-0 o0 o0');
    counters(r, { misses: 0, hits: 0 }); // empty id: nothing to look up
  });

  it('6. SERVER|NO_INTERNAL_STORE without callbacks sends ids and never resumes', (t) => {
    if (!requireHarness(t)) return;
    for (const protocol of ['TLSv1.2', 'TLSv1.3'] as const) {
      const r = run(t, protocol, { mode: 'SERVER|NO_INTERNAL_STORE', tickets: false }, connects(3, 0, 'a'), `NO_INTERNAL_STORE ${protocol}`);
      assert.equal(summary(r), '-0 o0 o0');
      counters(r, { misses: 2, hits: 0 }); // each offer carried an id (or stateful ticket) that was looked up
    }
  });

  it('7. UPDATE_TIME does not refresh on internal hits', (t) => {
    if (!requireHarness(t)) return;
    const events = [{ at: 0, connect: 'a' }, { at: 90, connect: 'a' }, { at: 150, connect: 'a' }];
    for (const mode of ['SERVER|UPDATE_TIME', 'SERVER']) {
      const r = run(t, 'TLSv1.2', { mode, tickets: false, timeout: 100 }, events, `internal hit, ${mode}`);
      assert.equal(summary(r), '-1 R1 o1', mode);
      counters(r, { hits: 1, timeouts: 1 });
    }
  });

  it('7. UPDATE_TIME revives an expired session from the get callback', (t) => {
    if (!requireHarness(t)) return;
    const events = [{ at: 0, connect: 'a' }, { at: 1, flush: 'all' }, { at: 1000, connect: 'a' }];
    const revived = run(t, 'TLSv1.2', { mode: 'SERVER|UPDATE_TIME', tickets: false, timeout: 100, callbacks: ['new', 'get'] }, events, 'get_cb, UPDATE_TIME');
    assert.equal(summary(revived), '-1 f0 R1');
    counters(revived, { hits: 1, cbHits: 1, timeouts: 0, misses: 1 });
    const expired = run(t, 'TLSv1.2', { mode: 'SERVER', tickets: false, timeout: 100, callbacks: ['new', 'get'] }, events, 'get_cb, no UPDATE_TIME');
    assert.equal(summary(expired), '-1 f0 o1');
    counters(expired, { hits: 0, cbHits: 1, timeouts: 1, newCalls: 2, externalSize: 2 });
  });

  it('8. a TLS 1.3 server stores 0 sessions by default, 2 per handshake with a remove callback (1 on a resumption)', (t) => {
    if (!requireHarness(t)) return;
    const events = [{ at: 0, connect: 'a', resume: false }, { at: 1, connect: 'a', resume: false }, { at: 2, connect: 'a' }];
    assert.equal(summary(run(t, 'TLSv1.3', {}, events, 'TLS 1.3 default')), '-0 -0 R0');
    const withNew = run(t, 'TLSv1.3', { callbacks: ['new'] }, events, 'TLS 1.3 new callback');
    assert.equal(summary(withNew), '-0 -0 R0');
    counters(withNew, { newCalls: 5, externalSize: 5 }); // new_cb still sees every ticket's session
    assert.equal(summary(run(t, 'TLSv1.3', { callbacks: ['remove'] }, events, 'TLS 1.3 remove callback')), '-2 -4 R5');
    assert.equal(summary(run(t, 'TLSv1.3', { tickets: false }, events, 'TLS 1.3 NO_TICKET')), '-2 -4 R5');
    assert.equal(summary(run(t, 'TLSv1.3', { callbacks: ['remove'], numTickets: 3 }, events, 'TLS 1.3 numTickets 3')), '-3 -6 R7');
  });

  it('§4.2, §5.4: the internal lookup ignores the SERVER bit; NO_INTERNAL_LOOKUP counts no miss; flushes call remove', (t) => {
    if (!requireHarness(t)) return;
    const two = [{ at: 0, connect: 'a' }, { at: 1, connect: 'a' }];
    const off = run(t, 'TLSv1.3', { mode: 'OFF', tickets: false }, two, 'OFF, TLS 1.3 stateful');
    assert.equal(summary(off), '-0 o0');
    counters(off, { misses: 1 });
    const noLookup = run(t, 'TLSv1.2', { mode: 'SERVER|NO_INTERNAL_LOOKUP', tickets: false }, two, 'NO_INTERNAL_LOOKUP');
    assert.equal(summary(noLookup), '-1 o2');
    counters(noLookup, { misses: 0 });
    const viaGet = run(t, 'TLSv1.2', { mode: 'SERVER|NO_INTERNAL_LOOKUP', tickets: false, callbacks: ['new', 'get'] }, two, 'NO_INTERNAL_LOOKUP with get');
    assert.equal(summary(viaGet), '-1 R1');
    counters(viaGet, { misses: 0, cbHits: 1, hits: 1 });
    const flush = run(t, 'TLSv1.2', { tickets: false, timeout: 10, callbacks: ['remove'] }, [
      { at: 0, connect: 'a' }, { at: 5, connect: 'b' }, { at: 11, flush: 'expired' }, { at: 12, flush: 'all' },
    ], 'flushes');
    assert.equal(summary(flush), '-1 -2 f1 f0');
    counters(flush, { removeCalls: 2 });
  });

  // 9. (SNI-switched connections and session_ctx's auto-flush counter) cannot be expressed in a
  //    contract scenario: there is one server SSL_CTX and no SSL_set_SSL_CTX.
});

describe('OpenSSL harness: spec §12 observations on the real library', () => {
  it('1. an unclean close kills the client stored session: offered, nothing sent, no miss; the server removes', (t) => {
    if (!requireHarness(t)) return;
    const events = [{ at: 0, connect: 'a', abort: true }, { at: 1, connect: 'a' }, { at: 2, connect: 'a' }];
    const ids = run(t, 'TLSv1.2', { tickets: false, callbacks: ['remove'] }, events, 'abort, TLS 1.2 ids');
    assert.equal(summary(ids), '-0 o1 R1');
    counters(ids, { misses: 0, removeCalls: 1 });
    const tickets12 = run(t, 'TLSv1.2', { callbacks: ['remove'] }, events, 'abort, TLS 1.2 tickets');
    assert.equal(summary(tickets12), '-0 o0 R0');
    counters(tickets12, { misses: 0, timeouts: 0, removeCalls: 0 });
    // TLS 1.3: the server's last ticket session is removed (2 stored, 1 left).
    const tls13 = run(t, 'TLSv1.3', { callbacks: ['remove'] }, events, 'abort, TLS 1.3');
    assert.equal(summary(tls13), '-1 o3 R4');
    counters(tls13, { misses: 0, removeCalls: 1 });
  });

  it('2. a TLS 1.3 client sends its ticket only while age - 1 <= min(timeout, 1 week)', (t) => {
    if (!requireHarness(t)) return;
    const cases: [number, number, string, Partial<ScenarioCounters>][] = [
      [100, 100, 'R0', { hits: 1, timeouts: 0 }], // age = T: a hit
      [100, 101, 'o0', { hits: 0, timeouts: 1 }], // age = T+1: sent, the server counts a timeout
      [100, 102, 'o0', { hits: 0, timeouts: 0 }], // age >= T+2: not sent
      [1_209_600, 604_801, 'R0', { hits: 1 }], // hint capped at a week; sent at week+1, still valid
      [1_209_600, 604_802, 'o0', { hits: 0, timeouts: 0 }], // week+2: not sent though valid
    ];
    for (const [timeout, age, second, expected] of cases) {
      const r = run(t, 'TLSv1.3', { timeout }, [{ at: 0, connect: 'a' }, { at: age, connect: 'a' }], `timeout ${timeout}, age ${age}`);
      assert.equal(summary(r), `-0 ${second}`, `timeout ${timeout}, age ${age}`);
      counters(r, expected);
    }
  });

  it('3. an expired TLS 1.3 stateful ticket stays in the cache (a TLS 1.2 id is removed)', (t) => {
    if (!requireHarness(t)) return;
    const events = [{ at: 0, connect: 'a' }, { at: 101, connect: 'a' }];
    const tls13 = run(t, 'TLSv1.3', { tickets: false, timeout: 100, callbacks: ['remove'] }, events, 'expired stateful ticket');
    assert.equal(summary(tls13), '-2 o4');
    counters(tls13, { timeouts: 1, removeCalls: 0 });
    const tls12 = run(t, 'TLSv1.2', { tickets: false, timeout: 100, callbacks: ['remove'] }, events, 'expired TLS 1.2 id');
    assert.equal(summary(tls12), '-1 o1');
    counters(tls12, { timeouts: 1, removeCalls: 1 });
  });

  it('4. a fatal TLS 1.3 resumption failure (VERIFY_PEER, no id context) calls remove once; TLS 1.2 tickets do not', (t) => {
    if (!requireHarness(t)) return;
    const server = { verifyPeer: true, callbacks: ['new', 'get', 'remove'] };
    const events = [{ at: 0, connect: 'a' }, { at: 1, connect: 'a' }];
    const tls13 = runOpenSslHarness(parseScenario(JSON.stringify({ version: 1, protocol: 'TLSv1.3', server, events })));
    timings.push({ name: 'fatal resumption, TLS 1.3', ms: tls13.elapsedMs, events: 2 });
    assert.equal(summary(tls13.result), '-0 F0');
    counters(tls13.result, { removeCalls: 1, number: 0, externalSize: 0, newCalls: 0, acceptGood: 1 });
    assert.match(tls13.log, /event 1: server handshake failed: .*session id context uninitialized/);
    const tls12 = run(t, 'TLSv1.2', server, events, 'fatal resumption, TLS 1.2 tickets');
    assert.equal(summary(tls12), '-0 F0');
    counters(tls12, { removeCalls: 0 });
  });

  it('5. numTickets 0 on TLS 1.3: the stored session has no ticket, later offers carry nothing', (t) => {
    if (!requireHarness(t)) return;
    const r = run(t, 'TLSv1.3', { numTickets: 0, callbacks: ['new', 'get', 'remove'] }, connects(3, 0, 'a'));
    assert.equal(summary(r), '-0 o0 o0');
    counters(r, { misses: 0, timeouts: 0, hits: 0, newCalls: 0, getCalls: 0 });
    // On TLS 1.2 the setter is called and does nothing.
    assert.equal(summary(run(t, 'TLSv1.2', { numTickets: 0 }, connects(3, 0, 'a'), 'numTickets 0 on TLS 1.2')), '-0 R0 R0');
  });

  it('6. a failed connect changes nothing on the client: it offers the same session and fails again', (t) => {
    if (!requireHarness(t)) return;
    const r = run(t, 'TLSv1.3', { verifyPeer: true, callbacks: ['remove'] }, connects(4, 0, 'a'));
    assert.equal(summary(r), '-0 F0 F0 F0');
    counters(r, { accept: 4, acceptGood: 1, removeCalls: 3 });
  });
});
