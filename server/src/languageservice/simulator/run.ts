import type { ConnectionDetail, SimConfig, SimEvent } from './model';
import { SessionCacheSimulator } from './model';
import type { Scenario, ScenarioCounters, ScenarioEvent, ScenarioResult, TraceEntry } from './scenario';
import { isConnectEvent, resolvedServer } from './scenario';
import { ReportSummary, SummaryCounter } from './summary';
import { EventSlot, WorkloadCursor, expandWorkload } from './workload';

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

/** A scenario's events written one at a time into an EventSlot, clients by number. */
export interface EventCursor {
  next(slot: EventSlot): boolean;
  /** The name of client number `n` (c0, c1, ... for workloads; the scenario's names otherwise). */
  clientName(n: number): string;
  /** How many clients there are, or a guess (the simulator's arrays grow past it). */
  readonly clients: number;
}

/** Explicit events: client names are numbered in order of first appearance. */
class ExplicitEventCursor implements EventCursor {
  private index = 0;
  private readonly numbers = new Map<string, number>();
  private readonly names: string[] = [];
  readonly clients: number;

  constructor(private readonly events: readonly ScenarioEvent[]) {
    for (const e of events) if (isConnectEvent(e) && !this.numbers.has(e.connect)) this.numbers.set(e.connect, this.names.push(e.connect) - 1);
    this.clients = this.names.length;
  }

  next(slot: EventSlot): boolean {
    if (this.index === this.events.length) return false;
    const e = this.events[this.index++];
    slot.at = e.at;
    if (isConnectEvent(e)) {
      slot.kind = 'connect';
      slot.client = this.numbers.get(e.connect)!;
      slot.resume = e.resume !== false;
      slot.abort = e.abort === true;
    } else {
      slot.kind = 'flush';
      slot.all = e.flush === 'all';
    }
    return true;
  }

  clientName(n: number): string {
    return this.names[n];
  }
}

export function eventCursorOf(scenario: Pick<Scenario, 'events' | 'workload'>): EventCursor {
  return scenario.workload ? new WorkloadCursor(scenario.workload) : new ExplicitEventCursor(scenario.events);
}

/** The contract's result object for a scenario (`sesscache simulate FILE --json`). */
export function runScenario(scenario: Scenario): SimulationResult {
  return simulate(simConfigOf(scenario), simEventsOf(scenario));
}

/**
 * Runs a scenario and summarises it without keeping per-connection data (workloads can be huge):
 * the fast path, with no object per event or connection.
 */
export function summariseScenario(scenario: Scenario): { summary: ReportSummary; counters: ScenarioCounters } {
  const cursor = eventCursorOf(scenario);
  const sim = new SessionCacheSimulator(simConfigOf(scenario), cursor.clients);
  const counter = new SummaryCounter();
  const slot = new EventSlot();
  let first: number | undefined;
  let last = 0;
  let index = 0;
  while (cursor.next(slot)) {
    first ??= slot.at;
    last = slot.at;
    if (slot.kind === 'connect') {
      sim.connectClient(slot.client, slot.at, slot.resume, slot.abort);
      counter.countLast(sim);
    } else {
      sim.flushEvent(index, slot.at, slot.all);
      counter.flushes++;
    }
    index++;
  }
  return { summary: counter.summary(first === undefined ? 0 : last - first), counters: sim.finalCounters() };
}
