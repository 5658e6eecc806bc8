import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LibraryId } from '../knowledge/libraries';
import { runScenario } from './run';
import { parseScenario } from './scenario';

/** Runs a scenario given as an object, on a library, and returns the result. */
function run(library: LibraryId, protocol: 'TLSv1.2' | 'TLSv1.3', server: Record<string, unknown>, events: Record<string, unknown>[]) {
  return runScenario(parseScenario(JSON.stringify({ version: 1, library, protocol, server, events })));
}
const connects = (n: number, at = 0) => Array.from({ length: n }, (_, i) => ({ at, connect: `c${i}` }));

describe('library profiles (the differences the spec records)', () => {
  it('OpenSSL 3.x holds size-1 sessions; 1.1.1, LibreSSL and BoringSSL hold exactly size', () => {
    const server = { mode: 'SERVER', cacheSize: 4, tickets: false };
    assert.equal(run('openssl-3.0', 'TLSv1.2', server, connects(8)).counters.number, 3);
    for (const lib of ['openssl-1.1.1', 'libressl', 'boringssl'] as const) assert.equal(run(lib, 'TLSv1.2', server, connects(8)).counters.number, 4, lib);
  });

  it('UPDATE_TIME only exists on OpenSSL 3.x: elsewhere the expired external session stays expired', () => {
    const server = { mode: 'SERVER|UPDATE_TIME', timeout: 10, tickets: false, callbacks: ['new', 'get'] };
    const events = [{ at: 0, connect: 'a' }, { at: 1, flush: 'all' }, { at: 30, connect: 'a' }];
    assert.equal(run('openssl-3.0', 'TLSv1.2', server, events).trace[2].kind === 'connect' && (run('openssl-3.0', 'TLSv1.2', server, events).trace[2] as { resumed: boolean }).resumed, true);
    assert.equal((run('openssl-1.1.1', 'TLSv1.2', server, events).trace[2] as { resumed: boolean }).resumed, false);
  });

  it('OpenSSL 1.0.2 has no TLS 1.3, and calls remove only for cached sessions', () => {
    assert.throws(() => run('openssl-1.0.2', 'TLSv1.3', {}, []), /openssl-1\.0\.2 has no TLS 1\.3/);
    // An unclean close of a session that NO_INTERNAL_STORE kept out of the cache.
    const server = { mode: 'SERVER|NO_INTERNAL_STORE', tickets: false, callbacks: ['new', 'remove'] };
    const events = [{ at: 0, connect: 'a', abort: true }];
    assert.equal(run('openssl-3.0', 'TLSv1.2', server, events).counters.removeCalls, 1);
    assert.equal(run('openssl-1.0.2', 'TLSv1.2', server, events).counters.removeCalls, 0);
  });

  it('OpenSSL 1.0.2 caches sessions under peer verification without an id context, then fails the resumption', () => {
    const server = { mode: 'SERVER', tickets: false, verifyPeer: true };
    const r = run('openssl-1.0.2', 'TLSv1.2', server, [{ at: 0, connect: 'a' }, { at: 1, connect: 'a' }]);
    assert.equal(r.trace[0].number, 1);
    assert.equal((r.trace[1] as { failed: boolean }).failed, true);
    const r3 = run('openssl-3.0', 'TLSv1.2', server, [{ at: 0, connect: 'a' }, { at: 1, connect: 'a' }]);
    assert.equal(r3.trace[0].number, 0);
  });

  it('BoringSSL: statistics are stubs, TLS 1.3 servers store nothing, an abort changes nothing, verification without a context is fine', () => {
    const r = run('boringssl', 'TLSv1.3', { mode: 'SERVER', callbacks: ['new', 'remove'] }, [{ at: 0, connect: 'a' }, { at: 1, connect: 'a' }]);
    assert.deepEqual([r.counters.accept, r.counters.hits, r.counters.number, r.counters.newCalls], [0, 0, 0, 0]);
    assert.equal((r.trace[1] as { resumed: boolean }).resumed, true);
    const abort = run('boringssl', 'TLSv1.2', { mode: 'SERVER', tickets: false, callbacks: ['remove'] }, [{ at: 0, connect: 'a', abort: true }, { at: 1, connect: 'a' }]);
    assert.equal(abort.counters.removeCalls, 0);
    assert.equal((abort.trace[1] as { resumed: boolean }).resumed, true);
    const verify = run('boringssl', 'TLSv1.2', { mode: 'SERVER', tickets: false, verifyPeer: true }, [{ at: 0, connect: 'a' }, { at: 1, connect: 'a' }]);
    assert.equal((verify.trace[1] as { resumed: boolean; failed: boolean }).resumed, true);
  });

  it('BoringSSL expires a session at age = timeout; OpenSSL one second later', () => {
    const server = { mode: 'SERVER', tickets: false, timeout: 10 };
    const events = [{ at: 0, connect: 'a' }, { at: 10, connect: 'a' }];
    assert.equal((run('openssl-3.0', 'TLSv1.2', server, events).trace[1] as { resumed: boolean }).resumed, true);
    assert.equal((run('boringssl', 'TLSv1.2', server, events).trace[1] as { resumed: boolean }).resumed, false);
  });

  it('the same seed gives the same result; a different seed a different one', () => {
    const scenario = (seed: number) =>
      parseScenario(JSON.stringify({ version: 1, protocol: 'TLSv1.2', server: { tickets: false, cacheSize: 100 }, workload: { seed, clients: 300, connections: 5000, rate: 20, abortProbability: 0.05 } }));
    assert.deepEqual(runScenario(scenario(3)), runScenario(scenario(3)));
    assert.notDeepEqual(runScenario(scenario(3)).counters, runScenario(scenario(4)).counters);
  });
});
