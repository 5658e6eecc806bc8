import type { LibraryId } from '../knowledge/libraries';
import type { ConnectTraceEntry, FlushTraceEntry, ScenarioCounters } from './scenario';
import { NO_AUTO_CLEAR, NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, SERVER, UPDATE_TIME } from '../mode/decode';

/**
 * The session cache simulator: one server SSL_CTX and its clients on a virtual clock, following
 * the spec's model (docs/spec/openssl-session-cache.md §11, with the observations of §12 and
 * §13) step by step. Pure and deterministic: session ids are counters, not random bytes.
 */

import type { Protocol } from './scenario';

export type { Protocol };

/** A server configuration with every default resolved. */
export interface SimConfig {
  library: LibraryId;
  protocol: Protocol;
  mode: number;
  /** 0 = unlimited. */
  cacheSize: number;
  timeout: number;
  /** Length in bytes of the session id context (0 = none). */
  sidCtxLength: number;
  verifyPeer: boolean;
  tickets: boolean;
  numTickets: number;
  callbacks: { new: boolean; get: boolean; remove: boolean };
}

export type SimEvent =
  | { at: number; kind: 'connect'; client: string; resume: boolean; abort: boolean }
  | { at: number; kind: 'flush'; all: boolean };

/** How a connection's session was found (or not): the data the editor shows. */
export type ConnectionPath = 'ticket' | 'internal-hit' | 'external-hit' | 'miss' | 'timeout' | 'failure' | 'new';

/** Where a connection's new session went. */
export type StoredIn = 'internal' | 'external' | 'internal+external' | 'nowhere';

/** Per-connection detail beyond the contract: the path taken and where the session went. */
export interface ConnectionDetail {
  event: number;
  offered: boolean;
  resumed: boolean;
  path: ConnectionPath;
  storedIn: StoredIn;
  /** Sessions evicted for size, expired sessions flushed automatically during this connection. */
  evicted: number;
  autoFlushed: number;
}

/** A session object. Server-side objects live in the internal cache and carry list links. */
interface Session {
  /** 0 = empty session id. */
  id: number;
  time: number;
  timeout: number;
  notResumable: boolean;
  /** The client side holds a ticket for it (TLS 1.2 RFC 5077 or TLS 1.3 NewSessionTicket). */
  ticket: boolean;
  /** TLS 1.3 stateful ticket: the ticket is the session id, looked up in the cache. */
  stateful: boolean;
  /** Time the client received it (TLS 1.3 ticket age). */
  receivedAt: number;
  /** Lifetime hint sent with a TLS 1.3 ticket. */
  lifetimeHint: number;
  /** Expiry time (time + timeout). */
  calc: number;
  /** The internal cache list (3.x: sorted by calc, head = latest; others: insertion order). */
  prev: Session | null;
  next: Session | null;
  cached: boolean;
}

/** What the external cache holds: a serialized copy (the contract's i2d/d2i callbacks). */
interface SerializedSession {
  id: number;
  time: number;
  timeout: number;
}

/**
 * How each library's cache differs (spec §3.5, §5, §10, §13). `openssl-3.0` is checked against the
 * real library, `boringssl` is being checked (issue 11); the others are the spec's records.
 */
export interface LibraryProfile {
  /** 3.x: the list is sorted by expiry and eviction runs before linking with `>=` (capacity size-1). */
  expirySortedList: boolean;
  updateTime: boolean;
  /** ≥1.1.0 call remove_session_cb for any removal, cached or not; 1.0.2 and BoringSSL only for cached ones. */
  removeCallbackAlways: boolean;
  /** ≥1.1.0: sessions are not cached under SSL_VERIFY_PEER without a session id context (§3.2 b). */
  verifyGuard: boolean;
  /** A found session under SSL_VERIFY_PEER without a session id context fails the handshake (§4.3). */
  verifyFatal: boolean;
  /** ≤1.1.0: new_session_cb only when the add created an entry (§3.5). */
  newCallbackCoupled: boolean;
  supportsTls13: boolean;
  /** BoringSSL: a session is expired at age >= timeout on lookup (flush still uses >). */
  expiredAtTimeout: boolean;
  /** BoringSSL's TLS 1.3 server never stores or reports sessions, and re-issues every ticket on resumption. */
  tls13ServerCache: boolean;
  tls13TicketsOnResumption: 'one' | 'all';
  /** TLS 1.3 session lifetime when not the context timeout (BoringSSL's PSK lifetime, 2 days). */
  tls13Lifetime?: number;
  /** Auto-flush counter: good accepts (OpenSSL) or sessions stored internally (BoringSSL). */
  autoFlushCounter: 'accept-good' | 'stored';
  /** BoringSSL's SSL_CTX_sess_* statistics are stubs that return 0. */
  statisticsStubbed: boolean;
  /** An unclean close removes the session (OpenSSL) or changes nothing (BoringSSL). */
  abortRemoves: boolean;
  /** A TLS 1.2 client does not offer sessions this old (BoringSSL: its own 7200 s default). */
  clientMaxAge12?: number;
}

/** OpenSSL 3.x, the profile proven against the real library; the others are described by how they differ. */
const OPENSSL_3: LibraryProfile = {
  expirySortedList: true,
  updateTime: true,
  removeCallbackAlways: true,
  verifyGuard: true,
  verifyFatal: true,
  newCallbackCoupled: false,
  supportsTls13: true,
  expiredAtTimeout: false,
  tls13ServerCache: true,
  tls13TicketsOnResumption: 'one',
  autoFlushCounter: 'accept-good',
  statisticsStubbed: false,
  abortRemoves: true,
};

/** ≤1.1.1 and LibreSSL: insertion-ordered list with exact capacity, no UPDATE_TIME (§5.1, §10). */
const INSERTION_ORDERED: Partial<LibraryProfile> = { expirySortedList: false, updateTime: false };

export const LIBRARY_PROFILES: Record<LibraryId, LibraryProfile> = {
  'openssl-3.0': OPENSSL_3,
  'openssl-1.1.1': { ...OPENSSL_3, ...INSERTION_ORDERED },
  // ≤1.0.2: remove_cb only for cached sessions, no VERIFY_PEER guard, the callback coupled to the add, no TLS 1.3 (§3.5, §5.3).
  'openssl-1.0.2': { ...OPENSSL_3, ...INSERTION_ORDERED, removeCallbackAlways: false, verifyGuard: false, newCallbackCoupled: true, supportsTls13: false },
  libressl: { ...OPENSSL_3, ...INSERTION_ORDERED },
  // §13: what the real BoringSSL showed under the scenario contract.
  boringssl: {
    ...OPENSSL_3,
    ...INSERTION_ORDERED,
    removeCallbackAlways: false,
    verifyGuard: false,
    verifyFatal: false,
    expiredAtTimeout: true,
    tls13ServerCache: false,
    tls13TicketsOnResumption: 'all',
    tls13Lifetime: 172800,
    autoFlushCounter: 'stored',
    statisticsStubbed: true,
    abortRemoves: false,
    clientMaxAge12: 7200,
  },
};

/** A configuration the profile cannot run, as a sentence naming the field; undefined when fine. */
export function unsupportedConfiguration(config: SimConfig): string | undefined {
  const profile = LIBRARY_PROFILES[config.library];
  if (config.protocol === 'TLSv1.3' && !profile.supportsTls13) return `protocol: ${config.library} has no TLS 1.3`;
  if (config.library === 'boringssl' && config.timeout > 4294967295) return 'server.timeout: BoringSSL takes at most 4294967295 (32 bits)';
  return undefined;
}

export class SessionCacheSimulator {
  readonly counters: ScenarioCounters = {
    number: 0,
    accept: 0,
    acceptGood: 0,
    hits: 0,
    misses: 0,
    timeouts: 0,
    cbHits: 0,
    cacheFull: 0,
    newCalls: 0,
    getCalls: 0,
    removeCalls: 0,
    externalSize: 0,
  };
  private readonly hash = new Map<number, Session>();
  private head: Session | null = null;
  private tail: Session | null = null;
  private readonly external = new Map<number, SerializedSession>();
  private readonly clients = new Map<string, Session>();
  private nextId = 1;
  private now = 0;
  private readonly tls13: boolean;
  private readonly ossl3: boolean;
  private readonly profile: LibraryProfile;
  private readonly mode: number;
  /** BoringSSL's auto-flush counter of sessions stored internally. */
  private storedSinceFlush = 0;
  /** Statistics of the current connection, reset by connect(). */
  private evicted = 0;
  private autoFlushed = 0;

  constructor(private readonly config: SimConfig) {
    const unsupported = unsupportedConfiguration(config);
    if (unsupported) throw new Error(unsupported);
    this.tls13 = config.protocol === 'TLSv1.3';
    this.profile = LIBRARY_PROFILES[config.library];
    this.ossl3 = this.profile.expirySortedList;
    // Libraries without UPDATE_TIME store the bit and ignore it.
    this.mode = this.profile.updateTime ? config.mode : config.mode & ~UPDATE_TIME;
  }

  get number(): number {
    return this.hash.size;
  }

  // ---------------------------------------------------------------- the internal cache (§5)

  /** Expiry on lookup: OpenSSL `now > time + timeout`; BoringSSL already at `now >= time + timeout`. */
  private isExpired(s: { time: number; timeout: number }, t: number): boolean {
    return this.profile.expiredAtTimeout ? t >= s.time + s.timeout : t > s.time + s.timeout;
  }

  private unlink(s: Session): void {
    if (s.prev) s.prev.next = s.next;
    else this.head = s.next;
    if (s.next) s.next.prev = s.prev;
    else this.tail = s.prev;
    s.prev = s.next = null;
  }

  /** 3.x: sorted by expiry, latest at the head; a new entry goes in front of equal ones. Others: at the head. */
  private link(s: Session): void {
    if (this.ossl3) {
      let after: Session | null = null;
      let cursor = this.head;
      while (cursor && cursor.calc > s.calc) {
        after = cursor;
        cursor = cursor.next;
      }
      s.prev = after;
      s.next = cursor;
      if (after) after.next = s;
      else this.head = s;
      if (cursor) cursor.prev = s;
      else this.tail = s;
    } else {
      s.prev = null;
      s.next = this.head;
      if (this.head) this.head.prev = s;
      this.head = s;
      if (!this.tail) this.tail = s;
    }
  }

  /** SSL_CTX_add_session: returns true when a new entry was created. */
  private addSession(s: Session): boolean {
    if (s.id === 0) return false;
    const existing = this.hash.get(s.id);
    if (existing === s) {
      if (this.mode & UPDATE_TIME) this.touch(s);
      if (this.ossl3) {
        this.unlink(s);
        this.link(s);
      }
      return false;
    }
    if (existing) {
      // A different object with the same id is replaced without the remove callback.
      this.unlink(existing);
      existing.cached = false;
    }
    this.hash.set(s.id, s);
    s.cached = true;
    if (this.mode & UPDATE_TIME) this.touch(s);
    const size = this.config.cacheSize;
    if (this.ossl3) {
      // Evict before linking, with `>=`, while the new entry already counts: capacity max(1, size-1).
      if (size > 0) {
        while (this.hash.size >= size && this.tail) {
          this.removeSession(this.tail);
          this.counters.cacheFull++;
          this.evicted++;
        }
      }
      this.link(s);
    } else {
      this.link(s);
      if (size > 0) {
        while (this.hash.size > size && this.tail) {
          this.removeSession(this.tail);
          this.counters.cacheFull++;
          this.evicted++;
        }
      }
    }
    return true;
  }

  private touch(s: Session): void {
    s.time = this.now;
    s.calc = s.time + s.timeout;
  }

  /** SSL_CTX_remove_session / remove_session_lock (§5.3). */
  private removeSession(s: Session): void {
    if (s.id === 0) return;
    const found = this.hash.get(s.id);
    const inCache = found !== undefined && (this.profile.removeCallbackAlways || found === s);
    if (inCache) {
      this.hash.delete(s.id);
      this.unlink(found);
      found.cached = false;
    }
    // From 1.1.0 the callback is called even for sessions that were not cached; before, only for cached ones.
    if (this.profile.removeCallbackAlways || inCache) {
      s.notResumable = true;
      if (found) found.notResumable = true;
      this.removeCallback(s.id);
    }
  }

  private removeCallback(id: number): void {
    if (!this.config.callbacks.remove) return;
    this.counters.removeCalls++;
    this.external.delete(id);
  }

  /** SSL_CTX_flush_sessions(ctx, t): 3.x walks from the tail (earliest expiry) and stops at the first live one. */
  flush(t: number | 'all'): number {
    let removed = 0;
    if (this.ossl3) {
      while (this.tail && (t === 'all' || t > this.tail.calc)) {
        this.removeSession(this.tail);
        removed++;
      }
    } else {
      for (const s of [...this.hash.values()]) {
        if (t === 'all' || t > s.calc) {
          this.removeSession(s);
          removed++;
        }
      }
    }
    return removed;
  }

  // ---------------------------------------------------------------- the store path (§3.2)

  private newSession(id: number): Session {
    return {
      id,
      time: this.now,
      timeout: this.config.timeout,
      notResumable: false,
      ticket: false,
      stateful: false,
      receivedAt: this.now,
      lifetimeHint: 0,
      calc: this.now + this.config.timeout,
      prev: null,
      next: null,
      cached: false,
    };
  }

  /** ssl_update_cache(s, SERVER). Returns where the session went. */
  private updateCache(s: Session, hit: boolean): StoredIn {
    if (s.id === 0) return 'nowhere'; // (a): no store, no callback, no auto-flush
    if (this.config.verifyPeer && this.config.sidCtxLength === 0 && this.profile.verifyGuard) {
      return 'nowhere'; // (b)
    }
    if (this.tls13 && !this.profile.tls13ServerCache) return 'nowhere';
    const mode = this.mode;
    let internal = false;
    let external = false;
    if (mode & SERVER && (!hit || this.tls13)) {
      const store =
        !(mode & NO_INTERNAL_STORE) &&
        (!this.tls13 || this.config.callbacks.remove || !this.config.tickets);
      if (this.profile.newCallbackCoupled) {
        // ≤1.1.0: the callback runs only when the add created an entry (or the store is off).
        const added = store ? this.addSession(s) : false;
        internal = added;
        if ((mode & NO_INTERNAL_STORE || added) && this.config.callbacks.new) external = this.newCallback(s);
      } else {
        if (store) internal = this.addSession(s) || s.cached;
        if (this.config.callbacks.new) external = this.newCallback(s);
      }
    }
    // (f) auto-flush: read before the accept_good increment (TLS ≤1.2) or after it (TLS 1.3).
    if (this.profile.autoFlushCounter === 'stored') {
      // BoringSSL counts sessions it stored internally and flushes at the 255th, then starts again.
      if (internal && !(mode & NO_AUTO_CLEAR) && ++this.storedSinceFlush >= 255) {
        this.storedSinceFlush = 0;
        this.autoFlushed += this.flush(this.now);
      }
    } else if (!(mode & NO_AUTO_CLEAR) && (mode & SERVER) === SERVER && (this.counters.acceptGood & 0xff) === 0xff) {
      this.autoFlushed += this.flush(this.now);
    }
    return internal && external ? 'internal+external' : internal ? 'internal' : external ? 'external' : 'nowhere';
  }

  private newCallback(s: Session): boolean {
    this.counters.newCalls++;
    this.external.set(s.id, { id: s.id, time: s.time, timeout: s.timeout });
    return true;
  }

  // ---------------------------------------------------------------- the lookup path (§4)

  /** lookup_sess_in_cache: internal (unless NO_INTERNAL_LOOKUP), then the get callback with copy-back. */
  private lookup(id: number): { session: Session | undefined; from: 'internal' | 'external' | undefined } {
    if (!(this.mode & NO_INTERNAL_LOOKUP)) {
      const found = this.hash.get(id);
      if (found) return { session: found, from: 'internal' };
      this.counters.misses++;
    }
    if (this.config.callbacks.get) {
      this.counters.getCalls++;
      const copy = this.external.get(id);
      if (copy) {
        const s = this.newSession(copy.id);
        s.time = copy.time;
        s.timeout = copy.timeout;
        s.calc = s.time + s.timeout;
        this.counters.cbHits++;
        if (!(this.mode & NO_INTERNAL_STORE)) this.addSession(s); // copy-back; UPDATE_TIME bites here
        return { session: s, from: 'external' };
      }
    }
    return { session: undefined, from: undefined };
  }

  // ---------------------------------------------------------------- a connection

  connect(event: number, at: number, clientName: string, resume: boolean, abort: boolean): { trace: ConnectTraceEntry; detail: ConnectionDetail } {
    this.now = at;
    this.evicted = 0;
    this.autoFlushed = 0;
    const stored = this.clients.get(clientName);
    const offered = stored !== undefined && resume;
    this.counters.accept++;

    // What the ClientHello carries.
    let carried: 'ticket' | 'id' | 'psk' | undefined;
    if (offered && !stored.notResumable) {
      if (this.tls13) {
        // The client drops a ticket older than its lifetime hint (age - 1 > hint), §12.2.
        if (stored.ticket && !(this.now - stored.receivedAt - 1 > stored.lifetimeHint)) carried = 'psk';
      } else if (this.profile.clientMaxAge12 !== undefined && this.now - stored.time >= this.profile.clientMaxAge12) {
        carried = undefined; // BoringSSL's client does not offer a session older than its own timeout
      } else if (stored.ticket) carried = 'ticket';
      else if (stored.id !== 0) carried = 'id';
    }

    let session: Session | undefined;
    let path: ConnectionPath = 'new';
    let hit = false;
    let failed = false;
    let fromCache = false;

    if (carried === 'psk') {
      if (stored!.stateful) {
        if (this.config.tickets) {
          // A stateful ticket offered to a server that now uses stateless tickets: undecryptable.
          session = undefined;
        } else {
          const r = this.lookup(stored!.id);
          session = r.session;
          path = r.from === 'external' ? 'external-hit' : 'internal-hit';
        }
      } else if (this.config.tickets) {
        session = this.decryptTicket(stored!);
        path = 'ticket';
      }
      if (session) {
        // The PSK's session is duplicated and given the server's current session id context.
        if (this.config.verifyPeer && this.config.sidCtxLength === 0 && this.profile.verifyFatal) {
          failed = true;
          path = 'failure';
          // §12.4: the failing handshake removes the PSK's session (in neither cache).
          this.removeSession(session);
        } else if (this.isExpired(session, this.now)) {
          this.counters.timeouts++;
          path = 'timeout';
          session = undefined; // §12.3: an expired stateful ticket stays in the cache
        } else {
          hit = true;
        }
      } else if (path !== 'new') {
        path = 'miss';
      }
    } else if (carried === 'ticket') {
      if (this.config.tickets) {
        session = this.decryptTicket(stored!);
        path = 'ticket';
        if (this.config.verifyPeer && this.config.sidCtxLength === 0 && this.profile.verifyFatal) {
          failed = true;
          path = 'failure';
        } else if (this.isExpired(session, this.now)) {
          this.counters.timeouts++;
          path = 'timeout';
          session = undefined;
        } else {
          hit = true;
          // The resumed ticket session takes the id the client sent with it.
          session.id = stored!.id;
        }
      } else if (stored!.id !== 0) {
        carried = 'id';
      }
    }
    if (carried === 'id') {
      const r = this.lookup(stored!.id);
      fromCache = true;
      session = r.session;
      path = r.from === 'external' ? 'external-hit' : r.from === 'internal' ? 'internal-hit' : 'miss';
      if (session) {
        if (this.config.verifyPeer && this.config.sidCtxLength === 0 && this.profile.verifyFatal) {
          failed = true;
          path = 'failure';
        } else if (this.isExpired(session, this.now)) {
          this.counters.timeouts++;
          path = 'timeout';
          if (fromCache) this.removeSession(session);
          session = undefined;
        } else {
          hit = true;
        }
      }
    }

    if (failed) {
      // The handshake stops; both sides are freed; the client keeps its stored session.
      return {
        trace: { event, kind: 'connect', client: clientName, offered, resumed: false, failed: true, number: this.hash.size },
        detail: { event, offered, resumed: false, path: 'failure', storedIn: 'nowhere', evicted: this.evicted, autoFlushed: this.autoFlushed },
      };
    }

    let storedIn: StoredIn = 'nowhere';
    let clientSession: Session;
    if (hit) this.counters.hits++;
    if (!this.tls13) {
      if (hit) {
        // A resumption stores nothing; with an id it still reaches the auto-flush check.
        this.updateCache(session!, true);
        this.counters.acceptGood++;
        clientSession = stored!;
      } else {
        const ticketIssued = this.config.tickets;
        const id = ticketIssued ? 0 : this.mode & SERVER ? this.nextId++ : 0;
        session = this.newSession(id);
        storedIn = this.updateCache(session, false);
        this.counters.acceptGood++;
        clientSession = this.newSession(0);
        clientSession.time = session.time;
        if (ticketIssued) {
          clientSession.ticket = true;
          clientSession.id = this.nextId++; // SHA-256 of the ticket
        } else {
          clientSession.id = id;
        }
      }
    } else {
      this.counters.acceptGood++;
      // A full handshake's session gets its id with the first ticket (none without tickets);
      // every other ticket is a dup with a fresh id.
      const handshake = hit ? session! : this.newSession(0);
      const tickets = hit && this.profile.tls13TicketsOnResumption === 'one' ? 1 : this.config.numTickets;
      let last: Session = handshake;
      for (let i = 0; i < tickets; i++) {
        const t = i === 0 && !hit ? handshake : this.newSession(0);
        t.id = this.nextId++;
        t.stateful = !this.config.tickets;
        const where = this.updateCache(t, hit);
        if (where !== 'nowhere') storedIn = where;
        last = t;
      }
      session = last;
      clientSession = this.newSession(tickets > 0 ? last.id : 0);
      if (tickets > 0) {
        clientSession.ticket = true;
        clientSession.stateful = last.stateful;
        clientSession.lifetimeHint = Math.min(this.profile.tls13Lifetime ?? this.config.timeout, 604800);
      }
    }
    this.clients.set(clientName, clientSession);

    if (abort && this.profile.abortRemoves) {
      // Unclean close: the server removes its session (TLS 1.2: the id session; TLS 1.3: the last ticket's).
      if (session) this.removeSession(session);
      // The client's own SSL_free marks its stored session not resumable (§12.1).
      clientSession.notResumable = true;
    }

    // Nothing offered, nothing carried, or an undecryptable ticket: a plain new session.
    const resultPath: ConnectionPath = hit ? path : path === 'miss' || path === 'timeout' ? path : 'new';
    return {
      trace: { event, kind: 'connect', client: clientName, offered, resumed: hit, failed: false, number: this.hash.size },
      detail: { event, offered, resumed: hit, path: resultPath, storedIn, evicted: this.evicted, autoFlushed: this.autoFlushed },
    };
  }

  /** A ticket decrypts to the session it was issued for: its time and timeout travel with it. */
  private decryptTicket(clientSession: Session): Session {
    // A TLS 1.3 ticket carries its session's id; a TLS 1.2 ticket session gets the id the client sends.
    const s = this.newSession(this.tls13 ? clientSession.id : 0);
    s.time = clientSession.time;
    s.timeout = this.tls13 ? (this.profile.tls13Lifetime ?? this.config.timeout) : this.config.timeout;
    s.calc = s.time + s.timeout;
    return s;
  }

  flushEvent(event: number, at: number, all: boolean): FlushTraceEntry {
    this.now = at;
    this.flush(all ? 'all' : at);
    return { event, kind: 'flush', number: this.hash.size };
  }

  finalCounters(): ScenarioCounters {
    const c = { ...this.counters, number: this.hash.size, externalSize: this.external.size };
    if (this.profile.statisticsStubbed) {
      c.accept = c.acceptGood = c.hits = c.misses = c.timeouts = c.cbHits = c.cacheFull = 0;
    }
    return c;
  }
}
