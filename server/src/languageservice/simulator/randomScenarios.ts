import { mulberry32 } from './workload';

/**
 * Seeded random scenarios in the contract's JSON form, for the differential test against the
 * real libraries (and for fuzzing): every flag combination, small caches and timeouts, every
 * callback subset, verification with and without a session id context, tickets on and off,
 * unclean closes, flushes, and now and then more than 256 connections. Only what the library can
 * take (BoringSSL: timeouts of at most 32 bits; these stay under 7201 s).
 */
export function randomScenarioJson(seed: number, library = 'openssl-3.0'): Record<string, unknown> {
  const random = mulberry32(seed * 7919 + 17);
  const chance = (p: number) => random() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const protocol = chance(0.5) ? 'TLSv1.2' : 'TLSv1.3';
  const server: Record<string, unknown> = {};
  if (!chance(0.1)) {
    let mode = 0;
    for (const bit of [0x1, 0x2, 0x80, 0x100, 0x200, 0x400]) if (chance(bit === 0x2 ? 0.75 : 0.35)) mode |= bit;
    if (chance(0.05)) mode |= 0x1000;
    server.mode = mode;
  }
  if (!chance(0.2)) server.cacheSize = int(0, 20);
  const timeout = chance(0.2) ? 7200 : int(1, 40);
  if (timeout !== 7200 || chance(0.5)) server.timeout = timeout;
  const sid = random();
  if (sid < 0.5) server.sessionIdContext = 'app';
  else if (sid < 0.7) server.sessionIdContext = '';
  if (chance(0.3)) server.verifyPeer = true;
  if (chance(0.5)) server.tickets = false;
  if (chance(0.6)) server.numTickets = int(0, 3);
  const callbacks = (['new', 'get', 'remove'] as const).filter(() => chance(0.5));
  if (callbacks.length > 0 || chance(0.3)) server.callbacks = callbacks;

  const events: Record<string, unknown>[] = [];
  const long = chance(0.05);
  const count = long ? int(257, 300) : int(1, 40);
  const clients = int(1, long ? 8 : 4);
  let at = 0;
  // BoringSSL's own lifetimes matter at their edges: its client's 7200 s for TLS 1.2, 2 days per
  // TLS 1.3 ticket, and 7 days per chain of resumptions (crossed by jumps of 1.75 days, each of
  // which a ticket survives).
  const jump = library === 'boringssl' && chance(0.15) ? [7200, 172800, 151200][int(0, 2)] : 0;
  for (let i = 0; i < count; i++) {
    // Steps around the timeout, so that sessions expire now and then.
    at += chance(0.6) ? int(0, 2) : int(0, Math.min(timeout, 60) + 2);
    if (jump > 0 && chance(0.3)) at += jump + int(-2, 2);
    if (chance(0.08)) {
      events.push({ at, flush: chance(0.7) ? 'expired' : 'all' });
      continue;
    }
    const e: Record<string, unknown> = { at, connect: 'c' + int(0, clients - 1) };
    if (chance(0.1)) e.resume = false;
    if (chance(0.1)) e.abort = true;
    events.push(e);
  }
  return { version: 1, library, protocol, server, events };
}
