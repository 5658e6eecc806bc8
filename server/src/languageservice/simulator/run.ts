import { ConnectionDetail, Counters, SessionCacheSimulator, SimConfig, SimEvent, TraceEntry } from './model';

export interface SimulationResult {
  trace: TraceEntry[];
  counters: Counters;
  /** One per connect event, in order: the path taken and where the session went. */
  connections: ConnectionDetail[];
}

/** Runs events through a fresh simulator. `onProgress` is called every `progressEvery` events. */
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
