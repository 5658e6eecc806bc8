import { SessionCacheSimulator } from '../../server/src/languageservice/simulator/model';
import { simConfigOf } from '../../server/src/languageservice/simulator/run';
import { EventSlot, WorkloadCursor } from '../../server/src/languageservice/simulator/workload';
import { bareCache, bareLoop } from './simulatorBareLoop';
import { benchmarkScenario } from './simulator';

/**
 * Run with --expose-gc in a fresh process (bench/benchmarks/simulator.ts does): memory per cached
 * session with 1,000,000 sessions in the cache, ours (everything the simulator holds: the cache,
 * the list, the clients' sessions) and the bare loop's (a Map of entry objects). Prints JSON.
 */

const SESSIONS = 1_000_000;

function used(): number {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

// A million clients connect once each, nothing expires, the cache is unlimited: a million sessions.
const base = benchmarkScenario('TLSv1.2', SESSIONS, SESSIONS);
const workload = { ...base.workload!, resumeProbability: 0, abortProbability: 0 };
const config = { ...simConfigOf(base), cacheSize: 0, timeout: 1e9 };

if (typeof (globalThis as { gc?: unknown }).gc !== 'function') throw new Error('run with --expose-gc');

const before = used();
const sim = new SessionCacheSimulator(config, workload.clients);
const cursor = new WorkloadCursor(workload);
const slot = new EventSlot();
while (cursor.next(slot)) if (slot.kind === 'connect') sim.connectClient(slot.client, slot.at, slot.resume, slot.abort);
const ours = used() - before;
if (sim.number !== SESSIONS) throw new Error(`expected ${SESSIONS} cached sessions, got ${sim.number}`);

const beforeBare = used();
const cache = bareCache();
bareLoop(workload, { cacheSize: 0, timeout: 1e9 }, cache);
const bare = used() - beforeBare;
if (cache.map.size !== SESSIONS) throw new Error(`bare loop: expected ${SESSIONS} entries, got ${cache.map.size}`);

process.stdout.write(JSON.stringify({ sessions: SESSIONS, oursBytesPerSession: ours / sim.number, bareBytesPerSession: bare / cache.map.size, keep: sim.number + cache.map.size }) + '\n');
