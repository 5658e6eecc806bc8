import type { SimEvent } from './model';

/**
 * A seeded workload: many clients connecting at a given rate, some resuming, some closing
 * uncleanly, with periodic flushes. It expands lazily to the contract's events, so a
 * million-connection workload never exists as an array.
 */
export interface Workload {
  seed: number;
  /** How many distinct clients (each with its own session). */
  clients: number;
  /** Total connections; or give `duration` (seconds) and it is duration × rate. */
  connections: number;
  /** Mean arrivals per second (exponential inter-arrival times, rounded down to whole seconds). */
  rate: number;
  /** Probability that a returning client offers its session (the contract's `resume`). */
  resumeProbability: number;
  /** Probability that a connection ends without close_notify (the contract's `abort`). */
  abortProbability: number;
  /** Seconds between explicit flushes; 0 = never. */
  flushInterval: number;
  flush: 'expired' | 'all';
  /** Seconds before the first connection. */
  start: number;
}

export const WORKLOAD_FIELDS = [
  'seed',
  'clients',
  'connections',
  'duration',
  'rate',
  'resumeProbability',
  'abortProbability',
  'flushInterval',
  'flush',
  'start',
] as const;

export class WorkloadError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/** Validates a JSON workload object; `path` prefixes the field names in errors. */
/**
 * The most distinct clients a workload may have: the simulator keeps a slot per client number,
 * and a workload's client numbers go up to `clients` however few connections there are.
 */
export const MAX_CLIENTS = 1_000_000;

/** `parent.key`, `parent[3]`, or `parent["odd key"]` when the key is not an identifier: the contract's field paths. */
export function memberPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

export function parseWorkload(raw: unknown, path = 'workload'): Workload {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new WorkloadError(path, 'must be an object');
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!(WORKLOAD_FIELDS as readonly string[]).includes(key)) throw new WorkloadError(memberPath(path, key), 'unknown field');
  }
  const whole = (key: string, min: number, fallback?: number, max = Number.MAX_SAFE_INTEGER): number => {
    const v = r[key];
    if (v === undefined) {
      if (fallback === undefined) throw new WorkloadError(`${path}.${key}`, 'is required');
      return fallback;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new WorkloadError(`${path}.${key}`, max < Number.MAX_SAFE_INTEGER ? `must be a whole number from ${min} to ${max}` : `must be a whole number >= ${min}`);
    }
    return v;
  };
  const real = (key: string, min: number, max: number, fallback: number): number => {
    const v = r[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new WorkloadError(`${path}.${key}`, `must be a number from ${min} to ${max}`);
    return v;
  };
  const rate = real('rate', 1e-6, 1e9, 10);
  if (r.connections !== undefined && r.duration !== undefined) {
    throw new WorkloadError(`${path}.duration`, 'give either connections or duration, not both');
  }
  const connections = r.duration !== undefined ? Math.floor(whole('duration', 1) * rate) : whole('connections', 0, 1000);
  const flush = r.flush ?? 'expired';
  if (flush !== 'expired' && flush !== 'all') throw new WorkloadError(`${path}.flush`, 'must be "expired" or "all"');
  return {
    seed: whole('seed', 0, 1),
    clients: whole('clients', 1, 100, MAX_CLIENTS),
    connections,
    rate,
    resumeProbability: real('resumeProbability', 0, 1, 0.9),
    abortProbability: real('abortProbability', 0, 1, 0),
    flushInterval: whole('flushInterval', 0, 0),
    flush,
    start: whole('start', 0, 0),
  };
}

/** A small, fast, seeded PRNG (mulberry32): identical sequences for identical seeds everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Client names are c0, c1, ...: short, stable, and the same as the harness would use. */
export function clientName(index: number): string {
  return 'c' + index;
}

/**
 * One event written in place by an event cursor: no object per event, so a million-event workload
 * allocates nothing. `client` is a client number (its name is clientName(client) for workloads).
 */
export class EventSlot {
  at = 0;
  kind: 'connect' | 'flush' = 'connect';
  client = 0;
  resume = true;
  abort = false;
  /** A flush of every session, not only the expired ones. */
  all = false;
}

/** A workload's events, in order, generated on demand into an EventSlot (an EventCursor, see run.ts). */
export class WorkloadCursor {
  readonly clients: number;
  private readonly random: () => number;
  private time: number;
  private nextFlush: number;
  private connections = 0;
  /** A connection drawn but not yet given out because flushes due before it come first. */
  private pending = false;
  private pendingAt = 0;

  constructor(private readonly workload: Workload) {
    this.random = mulberry32(workload.seed);
    this.clients = workload.clients;
    this.time = workload.start;
    this.nextFlush = workload.flushInterval > 0 ? workload.start + workload.flushInterval : Infinity;
  }

  /** Writes the next event into `slot`; false when the workload is over. */
  next(slot: EventSlot): boolean {
    const w = this.workload;
    if (!this.pending) {
      if (this.connections === w.connections) return false;
      this.time += -Math.log(1 - this.random()) / w.rate;
      this.pendingAt = Math.floor(this.time);
      this.pending = true;
    }
    if (this.nextFlush <= this.pendingAt) {
      slot.at = this.nextFlush;
      slot.kind = 'flush';
      slot.all = w.flush === 'all';
      this.nextFlush += w.flushInterval;
      return true;
    }
    this.pending = false;
    this.connections++;
    slot.at = this.pendingAt;
    slot.kind = 'connect';
    slot.client = Math.floor(this.random() * w.clients);
    slot.resume = this.random() < w.resumeProbability;
    slot.abort = this.random() < w.abortProbability;
    return true;
  }

  clientName(n: number): string {
    return clientName(n);
  }
}

/** The workload's events, in order, generated on demand, as objects with client names. */
export function* expandWorkload(w: Workload): Generator<SimEvent> {
  const cursor = new WorkloadCursor(w);
  const slot = new EventSlot();
  while (cursor.next(slot)) {
    if (slot.kind === 'flush') yield { at: slot.at, kind: 'flush', all: slot.all };
    else yield { at: slot.at, kind: 'connect', client: clientName(slot.client), resume: slot.resume, abort: slot.abort };
  }
}
