import type { ConnectionPath, SimulationReport, StoredIn, TimelineBucket } from '../../src/report/reportTypes';

/**
 * Realistic simulation reports for the report view's tests and screenshots, made by a small seeded
 * model (not the simulator): a TLS 1.2 web server without tickets, an internal cache with a
 * timeout, a shared external cache behind the new/get/remove callbacks, returning browsers with a
 * burst of first-time visitors in the middle, the automatic flush every 255 accepted handshakes
 * and an explicit flush of expired sessions every 15 minutes. Every total agrees with the
 * timeline and the counters, and the same options always give the same report.
 */
export interface SampleOptions {
  /** SSL_CTX_sess_set_cache_size; 0 = unlimited. Default 1024. */
  capacity?: number;
  /** SSL_CTX_set_timeout in seconds. Default 300. */
  timeout?: number;
  /** Seed of the workload. Default 7. */
  seed?: number;
  /** Number of timeline buckets (each 72 virtual seconds). Default 50. */
  buckets?: number;
  title?: string;
}

export function sampleReport(options: SampleOptions = {}): SimulationReport {
  const capacity = options.capacity ?? 1024;
  const timeout = options.timeout ?? 300;
  const seed = options.seed ?? 7;
  const bucketCount = options.buckets ?? 50;
  const bucketSeconds = 72;
  const returningClients = 2400;
  const resumeProbability = 0.93;
  const failureProbability = 0.008;
  const abortProbability = 0.03;
  const externalDeclines = 0.05;
  const flushInterval = 900;
  const random = mulberry32(seed);

  const internal = new Map<number, number>(); // session id -> expiry, oldest first
  const external = new Map<number, number>();
  const sessionOf = new Map<string, number>();
  let nextSession = 1;
  let nextVisitor = 0;
  let nextExplicitFlush = flushInterval;

  const paths: Record<ConnectionPath, number> = { ticket: 0, 'internal-hit': 0, 'external-hit': 0, miss: 0, timeout: 0, failure: 0, new: 0 };
  const storedIn: Record<StoredIn, number> = { internal: 0, external: 0, 'internal+external': 0, nowhere: 0 };
  const c = { accept: 0, acceptGood: 0, hits: 0, misses: 0, timeouts: 0, cbHits: 0, cacheFull: 0, newCalls: 0, getCalls: 0, removeCalls: 0 };
  let offered = 0;
  let resumed = 0;
  let flushes = 0;
  let autoFlushed = 0;
  const timeline: TimelineBucket[] = [];

  const flushExpired = (now: number): number => {
    let removed = 0;
    for (const [id, expiry] of internal) {
      if (expiry <= now) {
        internal.delete(id);
        external.delete(id);
        c.removeCalls++;
        removed++;
      }
    }
    flushes++;
    return removed;
  };

  for (let b = 0; b < bucketCount; b++) {
    const start = b * bucketSeconds;
    const end = start + bucketSeconds;
    const bucket: TimelineBucket = { start, end, connections: 0, resumed: 0, number: 0, evicted: 0, flushed: 0 };
    // Daily-like swell, plus a burst of first-time visitors (a link shared somewhere) in buckets 28 to 33.
    const burst = b >= 28 && b < 34;
    const arrivals = Math.round(380 + 140 * Math.sin((2 * Math.PI * b) / bucketCount - 1) + 60 * random() + (burst ? 520 : 0));

    for (let i = 0; i < arrivals; i++) {
      const now = start + Math.floor((i * bucketSeconds) / arrivals);
      while (now >= nextExplicitFlush) {
        bucket.flushed += flushExpired(nextExplicitFlush);
        nextExplicitFlush += flushInterval;
      }
      const firstTimer = burst && random() < 0.55;
      const client = firstTimer ? `visitor-${nextVisitor++}` : `browser-${Math.floor(returningClients * random() ** 1.6)}`;
      bucket.connections++;
      c.accept++;
      const held = sessionOf.get(client);
      const offers = held !== undefined && random() < resumeProbability;
      if (offers) offered++;

      if (random() < failureProbability) {
        paths.failure++;
        continue;
      }
      c.acceptGood++;

      let path: ConnectionPath = 'new';
      if (offers) {
        const expiry = internal.get(held);
        if (expiry !== undefined) {
          if (expiry > now) {
            path = 'internal-hit';
            c.hits++;
          } else {
            path = 'timeout';
            c.timeouts++;
            internal.delete(held);
            external.delete(held);
            c.removeCalls++;
          }
        } else {
          c.misses++;
          c.getCalls++;
          const externalExpiry = external.get(held);
          if (externalExpiry !== undefined && externalExpiry > now) {
            path = 'external-hit';
            c.cbHits++;
            bucket.evicted += store(held, externalExpiry);
          } else if (externalExpiry !== undefined) {
            path = 'timeout';
            c.timeouts++;
            external.delete(held);
            c.removeCalls++;
          } else {
            path = 'miss';
          }
        }
      }
      paths[path]++;
      if (path === 'internal-hit' || path === 'external-hit') {
        resumed++;
        bucket.resumed++;
      } else if (random() < abortProbability) {
        // An unclean close: the new session is removed again before anyone can resume it.
        storedIn.nowhere++;
        sessionOf.delete(client);
      } else {
        const id = nextSession++;
        bucket.evicted += store(id, now + timeout);
        if (random() < externalDeclines) {
          storedIn.internal++;
        } else {
          external.set(id, now + timeout);
          c.newCalls++;
          storedIn['internal+external']++;
        }
        sessionOf.set(client, id);
      }
      // The automatic flush of expired sessions, every 255 accepted handshakes.
      if ((c.acceptGood & 0xff) === 0xff) {
        const removed = flushExpired(now);
        bucket.flushed += removed;
        autoFlushed += removed;
      }
    }
    bucket.number = internal.size;
    timeline.push(bucket);
  }

  function store(id: number, expiry: number): number {
    let evicted = 0;
    internal.delete(id);
    while (capacity > 0 && internal.size >= capacity) {
      const oldest = internal.keys().next().value as number;
      internal.delete(oldest);
      c.cacheFull++;
      evicted++;
    }
    internal.set(id, expiry);
    return evicted;
  }

  const evicted = timeline.reduce((a, t) => a + t.evicted, 0);
  const durationSeconds = bucketCount * bucketSeconds;
  const scenario = {
    version: 1,
    library: 'openssl-3.0',
    protocol: 'TLSv1.2',
    server: {
      mode: 'SSL_SESS_CACHE_SERVER',
      cacheSize: capacity,
      timeout,
      sessionIdContext: 'web',
      tickets: false,
      callbacks: ['new', 'get', 'remove'],
    },
    workload: {
      seed,
      clients: returningClients,
      duration: durationSeconds,
      rate: +(timeline.reduce((a, t) => a + t.connections, 0) / durationSeconds).toFixed(2),
      resumeProbability,
      abortProbability,
      flushInterval,
      flush: 'expired',
    },
  };
  return {
    title: options.title ?? 'external_cache_server.c:63 · ctx',
    library: 'OpenSSL 3.x',
    protocol: 'TLSv1.2',
    preset: 'Web server: returning browsers',
    configuration: [
      { label: 'Mode', value: 'SSL_SESS_CACHE_SERVER' },
      { label: 'Cache size', value: capacity > 0 ? `${capacity.toLocaleString('en-US')} sessions` : 'unlimited (0)' },
      { label: 'Timeout', value: `${timeout} s` },
      { label: 'Session id context', value: '"web"' },
      { label: 'Tickets', value: 'off (SSL_OP_NO_TICKET)' },
      { label: 'External cache callbacks', value: 'new, get, remove' },
      { label: 'Verify peer', value: 'no' },
      { label: 'Explicit flush', value: `expired sessions every ${flushInterval} s` },
    ],
    capacity,
    summary: {
      connections: c.accept,
      offered,
      resumed,
      failed: paths.failure,
      flushes,
      paths,
      storedIn,
      evicted,
      autoFlushed,
      durationSeconds,
    },
    counters: {
      number: internal.size,
      accept: c.accept,
      acceptGood: c.acceptGood,
      hits: c.hits,
      misses: c.misses,
      timeouts: c.timeouts,
      cbHits: c.cbHits,
      cacheFull: c.cacheFull,
      newCalls: c.newCalls,
      getCalls: c.getCalls,
      removeCalls: c.removeCalls,
      externalSize: external.size,
    },
    timeline,
    scenario,
  };
}

/** Two reports for a side-by-side comparison: the default cache, then one 8 times larger with a longer timeout. */
export function sampleComparison(): [SimulationReport, SimulationReport] {
  return [sampleReport(), sampleReport({ capacity: 8192, timeout: 1800, title: 'external_cache_server.c:63 · ctx (8192 sessions, 1800 s)' })];
}

/** A small, fast, seeded generator (mulberry32): the same seed gives the same report everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
