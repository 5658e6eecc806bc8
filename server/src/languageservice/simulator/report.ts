import { LIBRARY_NAMES } from '../knowledge/libraries';
import { decodeMode } from '../mode/decode';
import type { SimConfig } from './model';
import { SessionCacheSimulator } from './model';
import { eventCursorOf, simConfigOf } from './run';
import type { Scenario, ScenarioCounters } from './scenario';
import { EventSlot, Workload } from './workload';
import { ReportSummary, SummaryCounter } from './summary';

export { ReportSummary, countConnection, emptySummary } from './summary';

/** A simulation as the report view shows it (client/src/report/reportTypes.ts re-exports these). */
export interface TimelineBucket {
  start: number;
  end: number;
  connections: number;
  resumed: number;
  /** Sessions in the internal cache at the end of the bucket. */
  number: number;
  evicted: number;
  /** Removed by automatic or explicit flushes. */
  flushed: number;
}

export interface SimulationReport {
  title: string;
  library: string;
  protocol: 'TLSv1.2' | 'TLSv1.3';
  preset: string;
  configuration: { label: string; value: string }[];
  capacity: number;
  summary: ReportSummary;
  counters: ScenarioCounters;
  timeline: TimelineBucket[];
  scenario: unknown;
}

export interface WorkloadPreset {
  id: string;
  label: string;
  description: string;
  workload: Omit<Workload, 'seed' | 'flush' | 'start'> & Partial<Pick<Workload, 'seed' | 'flush' | 'start'>>;
}

/** Typical loads: what a web server, an API gateway and a mail relay see. */
export const WORKLOAD_PRESETS: readonly WorkloadPreset[] = [
  {
    id: 'web',
    label: 'Web server: returning browsers',
    description: '5,000 browsers coming back often over two hours; most offer their session; a few close uncleanly.',
    workload: { clients: 5000, connections: 200000, rate: 30, resumeProbability: 0.9, abortProbability: 0.03, flushInterval: 0 },
  },
  {
    id: 'api',
    label: 'API gateway: many short clients',
    description: '100,000 clients, each connecting a few times, few of them resuming.',
    workload: { clients: 100000, connections: 300000, rate: 100, resumeProbability: 0.5, abortProbability: 0.01, flushInterval: 0 },
  },
  {
    id: 'mail',
    label: 'Mail relay: few long-lived peers',
    description: '20 peer servers reconnecting every few minutes for a day.',
    workload: { clients: 20, connections: 10000, rate: 0.12, resumeProbability: 0.95, abortProbability: 0.02, flushInterval: 3600 },
  },
];

export function findPreset(id: string): WorkloadPreset | undefined {
  return WORKLOAD_PRESETS.find((p) => p.id === id);
}

export function workloadOf(preset: WorkloadPreset, overrides: Partial<Workload> = {}): Workload {
  return { seed: 1, flush: 'expired', start: 0, ...preset.workload, ...overrides };
}

export function configurationRows(config: SimConfig): { label: string; value: string }[] {
  const decoded = decodeMode(config.mode);
  const callbacks = (['new', 'get', 'remove'] as const).filter((c) => config.callbacks[c]);
  return [
    { label: 'Mode', value: `${decoded.shortExpression} (${decoded.hex})` },
    { label: 'Cache size', value: config.cacheSize === 0 ? 'unlimited' : String(config.cacheSize) },
    { label: 'Timeout', value: `${config.timeout} s` },
    { label: 'Tickets', value: config.tickets ? (config.protocol === 'TLSv1.3' ? `on (${config.numTickets} per handshake)` : 'on') : 'off (SSL_OP_NO_TICKET)' },
    { label: 'Callbacks', value: callbacks.length ? callbacks.join(', ') : 'none' },
    { label: 'Peer verification', value: config.verifyPeer ? (config.sidCtxLength > 0 ? 'yes, with a session id context' : 'yes, WITHOUT a session id context') : 'no' },
    { label: 'Session id context', value: config.sidCtxLength > 0 ? 'set' : 'not set' },
  ];
}

export interface ReportOptions {
  title: string;
  preset: string;
  /** About this many timeline buckets. */
  buckets?: number;
  /** Checked between chunks; a true result stops the run (the promise rejects with CancelledError). */
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
  /** Lets the caller's event loop breathe between chunks (the server passes setImmediate). */
  pause?: () => Promise<void>;
  chunk?: number;
}

export class CancelledError extends Error {
  /** `done` of `total` connections had run when the run stopped. */
  constructor(
    readonly done: number,
    readonly total: number,
  ) {
    super(`the simulation was cancelled after ${done.toLocaleString('en')} of ${total.toLocaleString('en')} connections`);
  }
}

function estimatedEnd(scenario: Scenario): number {
  if (scenario.workload) return scenario.workload.start + scenario.workload.connections / scenario.workload.rate;
  return scenario.events.length ? scenario.events[scenario.events.length - 1].at : 0;
}

/** How many connect and flush events a scenario runs (what the progress counts and the simulation limit bounds). */
export function totalEvents(scenario: Scenario): number {
  return scenario.workload ? scenario.workload.connections : scenario.events.length;
}

/** Runs a scenario and collects what the report view shows. */
export async function buildReport(scenario: Scenario, options: ReportOptions): Promise<SimulationReport> {
  const config = simConfigOf(scenario);
  const cursor = eventCursorOf(scenario);
  const sim = new SessionCacheSimulator(config, cursor.clients);
  const start = scenario.workload ? scenario.workload.start : (scenario.events[0]?.at ?? 0);
  const width = Math.max(1, Math.ceil((estimatedEnd(scenario) - start + 1) / (options.buckets ?? 60)));
  const timeline: TimelineBucket[] = [];
  const counter = new SummaryCounter();
  const bucketFor = (at: number): TimelineBucket => {
    const index = Math.floor((at - start) / width);
    while (timeline.length <= index) {
      const b = timeline.length;
      timeline.push({ start: start + b * width, end: start + (b + 1) * width, connections: 0, resumed: 0, number: sim.number, evicted: 0, flushed: 0 });
    }
    return timeline[index];
  };
  const chunk = options.chunk ?? 20000;
  const total = totalEvents(scenario);
  const slot = new EventSlot();
  let done = 0;
  let index = 0;
  let last = start;
  while (cursor.next(slot)) {
    const bucket = bucketFor(slot.at);
    if (slot.kind === 'connect') {
      sim.connectClient(slot.client, slot.at, slot.resume, slot.abort);
      counter.countLast(sim);
      bucket.connections++;
      if (sim.lastResumed) bucket.resumed++;
      bucket.evicted += sim.lastEvicted;
      bucket.flushed += sim.lastAutoFlushed;
      done++;
    } else {
      const before = sim.number;
      sim.flushEvent(index, slot.at, slot.all);
      counter.flushes++;
      bucket.flushed += before - sim.number;
    }
    bucket.number = sim.number;
    last = slot.at;
    index++;
    if (index % chunk === 0) {
      if (options.isCancelled?.()) throw new CancelledError(done, total);
      options.onProgress?.(done, total);
      if (options.pause) await options.pause();
      if (options.isCancelled?.()) throw new CancelledError(done, total);
    }
  }
  const summary = counter.summary(last - start);
  const capacity = config.cacheSize === 0 ? 0 : config.library === 'openssl-3.0' ? Math.max(1, config.cacheSize - 1) : config.cacheSize;
  return {
    title: options.title,
    library: LIBRARY_NAMES[config.library],
    protocol: config.protocol,
    preset: options.preset,
    configuration: configurationRows(config),
    capacity,
    summary,
    counters: sim.finalCounters(),
    timeline,
    scenario: scenarioJson(scenario),
  };
}

/** The scenario as the contract's JSON (workload or events), for export and `sesscache simulate`. */
export function scenarioJson(scenario: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = { version: 1, library: scenario.library, protocol: scenario.protocol, server: scenario.server };
  if (scenario.workload) out.workload = scenario.workload;
  else out.events = scenario.events;
  return out;
}
