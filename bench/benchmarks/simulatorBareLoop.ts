import { mulberry32, Workload } from '../../server/src/languageservice/simulator/workload';

/**
 * The reference for the simulator's speed: the least a session cache simulation must do per
 * connection, written as plainly as possible. The same seeded arrivals as the workload (same PRNG
 * draws), each client's session id in an array, a Map from id to entry, a doubly linked list in
 * expiry order with eviction at the tail, expiry on lookup, removal on an unclean close. No
 * library profile, no callbacks, no tickets, no statistics. With `newSessionOnResumption` (TLS 1.3:
 * every handshake, resumed or not, issues a new stateful ticket that is stored), a resumption also
 * stores a new entry, as the simulator's TLS 1.3 path does.
 */

interface Entry {
  id: number;
  expires: number;
  prev: Entry | null;
  next: Entry | null;
}

export interface BareCache {
  map: Map<number, Entry>;
  head: Entry | null;
  tail: Entry | null;
}

export function bareCache(): BareCache {
  return { map: new Map(), head: null, tail: null };
}

function unlink(c: BareCache, e: Entry): void {
  if (e.prev) e.prev.next = e.next;
  else c.head = e.next;
  if (e.next) e.next.prev = e.prev;
  else c.tail = e.prev;
}

function remove(c: BareCache, e: Entry): void {
  c.map.delete(e.id);
  unlink(c, e);
}

/** Runs the workload's connections; returns how many were run. `cache` lets the caller keep the result alive (memory). */
export function bareLoop(w: Workload, options: { cacheSize: number; timeout: number; newSessionOnResumption?: boolean }, cache: BareCache = bareCache()): number {
  const renew = options.newSessionOnResumption === true;
  const random = mulberry32(w.seed);
  const clientSession = new Float64Array(w.clients);
  let time = w.start;
  let nextId = 1;
  let connections = 0;
  for (let i = 0; i < w.connections; i++) {
    time += -Math.log(1 - random()) / w.rate;
    const now = Math.floor(time);
    const client = Math.floor(random() * w.clients);
    const resume = random() < w.resumeProbability;
    const abort = random() < w.abortProbability;
    let entry = resume && clientSession[client] !== 0 ? cache.map.get(clientSession[client]) : undefined;
    if (entry && now > entry.expires) {
      remove(cache, entry);
      entry = undefined;
    }
    if (!entry || renew) {
      entry = { id: nextId++, expires: now + options.timeout, prev: null, next: cache.head };
      if (cache.head) cache.head.prev = entry;
      cache.head = entry;
      if (!cache.tail) cache.tail = entry;
      cache.map.set(entry.id, entry);
      while (options.cacheSize > 0 && cache.map.size > options.cacheSize && cache.tail) remove(cache, cache.tail);
      clientSession[client] = entry.id;
    }
    if (abort) {
      remove(cache, entry);
      clientSession[client] = 0;
    }
    connections++;
  }
  return connections;
}
