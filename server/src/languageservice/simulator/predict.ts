import type { ConnectionDetail, ConnectionPath, SimConfig, SimEvent, StoredIn } from './model';
import { simulate } from './run';

/**
 * What a configuration does, in a few words, found by running small probe workloads through the
 * simulator (the same model `sesscache simulate` runs), not from a table of strings:
 * where a new session goes, how a returning client's session is found, when expired sessions go.
 */
export interface PathPrediction {
  protocol: SimConfig['protocol'];
  /** e.g. "store: internal + new_cb · lookup: ticket → internal → get_cb · flush: every 256th". */
  text: string;
  store: string;
  lookup: string;
  flush: string;
  /** One sentence per step, for the hover/tooltip. */
  explanation: string[];
  /** A client context's paths, from the spec (clientPaths.ts): the simulator models servers only. */
  client?: boolean;
}

const STORE_WORDS: Record<StoredIn, string> = {
  internal: 'internal',
  external: 'new_cb',
  'internal+external': 'internal + new_cb',
  nowhere: 'nothing',
};

const LOOKUP_WORDS: Partial<Record<ConnectionPath, string>> = {
  ticket: 'ticket',
  'internal-hit': 'internal',
  'external-hit': 'get_cb',
};

function probe(config: SimConfig, events: SimEvent[]): ConnectionDetail[] {
  return simulate(config, events).connections;
}

const returning = (gap = 1): SimEvent[] => [
  { at: 0, kind: 'connect', client: 'a', resume: true, abort: false },
  { at: gap, kind: 'connect', client: 'a', resume: true, abort: false },
];

/** Predictions are pure functions of the configuration: keep the recent ones (code lenses ask on every change). */
const cache = new Map<string, PathPrediction>();
const CACHE_LIMIT = 512;

export function predictPaths(config: SimConfig): PathPrediction {
  const key = JSON.stringify(config);
  const hit = cache.get(key);
  if (hit) return hit;
  const prediction = computePrediction(config);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, prediction);
  return prediction;
}

function computePrediction(config: SimConfig): PathPrediction {
  const explanation: string[] = [];

  // Store: the first connection of a client.
  const [first, second] = probe(config, returning());
  let store = STORE_WORDS[first.storedIn];
  if (first.storedIn === 'nowhere') {
    store = second.path === 'ticket' ? 'nothing (tickets only)' : 'nothing';
  }
  explanation.push(
    first.storedIn === 'nowhere'
      ? second.path === 'ticket'
        ? 'A new session is stored nowhere on the server: the client gets a ticket that carries the session itself.'
        : 'A new session is stored nowhere: neither the internal cache nor the new-session callback receives it.'
      : `A new session goes to ${first.storedIn === 'internal' ? 'the internal cache' : first.storedIn === 'external' ? 'the new-session callback (the external cache) only' : 'the internal cache and the new-session callback'}.`,
  );

  // Lookup: the returning client as configured, then without tickets (the session-id path),
  // then with the internal cache emptied (is the external cache consulted after it?).
  const steps: string[] = [];
  const configured = second.path;
  if (configured === 'ticket') steps.push('ticket');
  const idPath = config.tickets ? probe({ ...config, tickets: false }, returning())[1].path : configured;
  if (LOOKUP_WORDS[idPath] && !steps.includes(LOOKUP_WORDS[idPath]!)) steps.push(LOOKUP_WORDS[idPath]!);
  if (idPath === 'internal-hit' && config.callbacks.get) {
    // Remove the internal copy (a flush without the remove callback) and see whether get_cb finds it.
    const events: SimEvent[] = [returning()[0], { at: 1, kind: 'flush', all: true }, { at: 2, kind: 'connect', client: 'a', resume: true, abort: false }];
    const after = probe({ ...config, tickets: false, callbacks: { ...config.callbacks, remove: false } }, events)[1];
    if (after.path === 'external-hit') steps.push('get_cb');
  }
  const resumes = second.resumed;
  const lookup = configured === 'failure' ? 'fails the handshake' : steps.length > 0 ? steps.join(' → ') : 'none';
  explanation.push(
    resumes
      ? `A returning client resumes by ${configured === 'ticket' ? 'its ticket, decrypted without any cache' : configured === 'internal-hit' ? 'its session id, found in the internal cache' : 'its session id, found through the get-session callback'}.`
      : configured === 'failure'
        ? 'A returning client’s resumption fails the handshake (peer verification without a session id context).'
        : 'A returning client does not resume: its session is not found.',
  );
  if (config.tickets && idPath !== configured) {
    explanation.push(
      LOOKUP_WORDS[idPath]
        ? `A client that offers a session id instead is found through ${idPath === 'internal-hit' ? 'the internal cache' : 'the get-session callback'}${steps.includes('get_cb') && idPath === 'internal-hit' ? ', then the get-session callback' : ''}.`
        : 'A client that offers a session id instead is not found anywhere.',
    );
  }

  // Flush: 256 handshakes after an expired session, with a short timeout.
  const flushConfig: SimConfig = { ...config, timeout: 1, cacheSize: 0 };
  const events: SimEvent[] = [{ at: 0, kind: 'connect', client: 'early', resume: true, abort: false }];
  for (let i = 0; i < 256; i++) events.push({ at: 10, kind: 'connect', client: `c${i}`, resume: true, abort: false });
  const details = probe(flushConfig, events);
  // The handshake number (1-based, counting the early one) during which the first automatic flush ran.
  const flushedAt = details.findIndex((d) => d.autoFlushed > 0) + 1;
  const stores = details.some((d) => d.storedIn === 'internal' || d.storedIn === 'internal+external');
  const flush = !stores ? 'nothing to flush' : flushedAt > 0 ? `every ${flushedAt}th` : 'manual only';
  explanation.push(
    !stores
      ? 'Nothing enters the internal cache, so there is nothing to flush.'
      : flushedAt > 0
        ? `Expired sessions are flushed automatically during every ${flushedAt}th good handshake.`
        : 'Expired sessions are never flushed automatically: only a lookup, eviction or SSL_CTX_flush_sessions removes them.',
  );

  const text = `store: ${store} · lookup: ${lookup} · flush: ${flush}`;
  return { protocol: config.protocol, text, store, lookup, flush, explanation };
}
