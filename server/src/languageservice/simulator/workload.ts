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
export function parseWorkload(raw: unknown, path = 'workload'): Workload {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new WorkloadError(path, 'must be an object');
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!(WORKLOAD_FIELDS as readonly string[]).includes(key)) throw new WorkloadError(`${path}.${key}`, 'unknown field');
  }
  const whole = (key: string, min: number, fallback?: number): number => {
    const v = r[key];
    if (v === undefined) {
      if (fallback === undefined) throw new WorkloadError(`${path}.${key}`, 'is required');
      return fallback;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > Number.MAX_SAFE_INTEGER) {
      throw new WorkloadError(`${path}.${key}`, `must be a whole number >= ${min}`);
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
    clients: Math.max(1, whole('clients', 1, 100)),
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

/** The workload's events, in order, generated on demand. */
export function* expandWorkload(w: Workload): Generator<SimEvent> {
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
