import type { ConnectionDetail, SimConfig, SimEvent } from './model';
import { SessionCacheSimulator } from './model';
import type { Scenario, ScenarioResult, TraceEntry } from './scenario';
import { isConnectEvent, resolvedServer } from './scenario';
import { expandWorkload } from './workload';

export interface SimulationResult extends ScenarioResult {
  /** One per connect event, in order: the path taken and where the session went. */
  connections: ConnectionDetail[];
}

/** Runs events through a fresh simulator. Without `keepTrace`, only counters (and callbacks) are produced. */
export function simulate(
  config: SimConfig,
  events: Iterable<SimEvent>,
  options: { keepTrace?: boolean; onConnection?: (detail: ConnectionDetail, event: SimEvent) => void } = {},
): SimulationResult {
  const sim = new SessionCacheSimulator(config);
  const keepTrace = options.keepTrace ?? true;
  const trace: TraceEntry[] = [];
  const connections: ConnectionDetail[] = [];
  let index = 0;
  for (const e of events) {
    if (e.kind === 'connect') {
      const r = sim.connect(index, e.at, e.client, e.resume, e.abort);
      if (keepTrace) {
        trace.push(r.trace);
        connections.push(r.detail);
      }
      options.onConnection?.(r.detail, e);
    } else {
      const entry = sim.flushEvent(index, e.at, e.all);
      if (keepTrace) trace.push(entry);
    }
    index++;
  }
  return { trace, counters: sim.finalCounters(), connections };
}

/** The simulator's configuration for a validated scenario (library defaults resolved). */
export function simConfigOf(scenario: Pick<Scenario, 'library' | 'protocol' | 'server'>): SimConfig {
  const server = resolvedServer(scenario);
  return {
    library: scenario.library,
    protocol: scenario.protocol,
    mode: server.mode,
    cacheSize: server.cacheSize,
    timeout: server.timeout,
    sidCtxLength: new TextEncoder().encode(server.sessionIdContext).length,
    verifyPeer: server.verifyPeer,
    tickets: server.tickets,
    numTickets: server.numTickets,
    callbacks: server.callbacks,
  };
}

export function* simEventsOf(scenario: Pick<Scenario, 'events' | 'workload'>): Generator<SimEvent> {
  if (scenario.workload) {
    yield* expandWorkload(scenario.workload);
    return;
  }
  for (const e of scenario.events) {
    if (isConnectEvent(e)) yield { at: e.at, kind: 'connect', client: e.connect, resume: e.resume !== false, abort: e.abort === true };
    else yield { at: e.at, kind: 'flush', all: e.flush === 'all' };
  }
}

/** The contract's result object for a scenario (`sesscache simulate FILE --json`). */
export function runScenario(scenario: Scenario): SimulationResult {
  return simulate(simConfigOf(scenario), simEventsOf(scenario));
}
