import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { LIBRARY_IDS } from '../knowledge/libraries';
import { randomScenarioJson } from './randomScenarios';
import { simConfigOf, simEventsOf, simulate, summariseScenario } from './run';
import { parseScenario, Scenario } from './scenario';
import { countConnection, emptySummary } from './summary';
import { Workload, clientName, expandWorkload, mulberry32 } from './workload';

/** The summary built the slow way: an object per event and per connection, counted one by one. */
function summaryFromDetails(scenario: Scenario) {
  const summary = emptySummary();
  const events = [...simEventsOf(scenario)];
  summary.flushes = events.filter((e) => e.kind === 'flush').length;
  summary.durationSeconds = events.length ? events[events.length - 1].at - events[0].at : 0;
  const result = simulate(simConfigOf(scenario), events, { onConnection: (d) => countConnection(summary, d) });
  return { summary, counters: result.counters };
}

function scenarioOrUndefined(json: Record<string, unknown>): Scenario | undefined {
  try {
    const scenario = parseScenario(JSON.stringify(json));
    simConfigOf(scenario);
    summariseScenario(scenario);
    return scenario;
  } catch {
    return undefined; // e.g. TLS 1.3 on a library without it
  }
}

test('the fast path (client numbers, no objects) summarises exactly as the per-connection path, on every library', () => {
  let compared = 0;
  for (let seed = 0; seed < 300; seed++) {
    for (const library of LIBRARY_IDS) {
      const scenario = scenarioOrUndefined(randomScenarioJson(seed, library));
      if (!scenario) continue;
      assert.deepEqual(summariseScenario(scenario), summaryFromDetails(scenario), `seed ${seed}, ${library}`);
      compared++;
    }
  }
  assert.ok(compared > 1000);
});

test('the fast path agrees on seeded workloads with evictions, flushes, unclean closes and callbacks', () => {
  for (const library of LIBRARY_IDS) {
    for (const protocol of ['TLSv1.2', 'TLSv1.3']) {
      for (const server of [
        { tickets: false, cacheSize: 50, timeout: 20 },
        { tickets: false, callbacks: ['new', 'get', 'remove'], mode: 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_UPDATE_TIME', cacheSize: 30 },
        { callbacks: ['new', 'get'], mode: 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE' },
      ]) {
        const scenario = scenarioOrUndefined({
          version: 1,
          library,
          protocol,
          server,
          workload: { seed: 3, clients: 80, connections: 3000, rate: 5, resumeProbability: 0.8, abortProbability: 0.05, flushInterval: 40 },
        });
        if (!scenario) continue;
        assert.deepEqual(summariseScenario(scenario), summaryFromDetails(scenario), `${library} ${protocol} ${JSON.stringify(server)}`);
      }
    }
  }
});

/** The workload's events by the plain algorithm (exponential arrivals; client, resume, abort drawn in that order). */
function* referenceWorkload(w: Workload) {
  const random = mulberry32(w.seed);
  let time = w.start;
  let nextFlush = w.flushInterval > 0 ? w.start + w.flushInterval : Infinity;
  for (let i = 0; i < w.connections; i++) {
    time += -Math.log(1 - random()) / w.rate;
    const at = Math.floor(time);
    while (nextFlush <= at) {
      yield { at: nextFlush, kind: 'flush', all: w.flush === 'all' };
      nextFlush += w.flushInterval;
    }
    const client = clientName(Math.floor(random() * w.clients));
    const resume = random() < w.resumeProbability;
    const abort = random() < w.abortProbability;
    yield { at, kind: 'connect', client, resume, abort };
  }
}

test('a workload expands to the same events for the same seed: flushes before the connection they precede', () => {
  const w: Workload = { seed: 9, clients: 5, connections: 200, rate: 0.5, resumeProbability: 0.7, abortProbability: 0.1, flushInterval: 7, flush: 'all', start: 3 };
  const expanded = [...expandWorkload(w)];
  assert.deepEqual(expanded, [...referenceWorkload(w)]);
  assert.equal(expanded.filter((e) => e.kind === 'connect').length, 200);
  assert.ok(expanded.some((e) => e.kind === 'flush'));
});
