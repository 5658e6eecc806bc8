import type { LibraryId } from '../knowledge/libraries';
import type { ConnectTraceEntry, FlushTraceEntry, ScenarioCounters } from './scenario';
import { IdTable } from './idTable';
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
  /**
   * OpenSSL's TLS 1.3 server can cache sessions (stateful tickets under SSL_OP_NO_TICKET); BoringSSL's
   * never stores, looks up or reports one, and SSL_OP_NO_TICKET sends no ticket at all.
   */
  tls13ServerCache: boolean;
  /** How many tickets a TLS 1.3 resumption issues: one (OpenSSL) or numTickets again (BoringSSL). */
  tls13TicketsOnResumption: 'one' | 'all';
  /** TLS 1.3 session lifetime when not the context timeout (BoringSSL's PSK lifetime, 2 days). */
  tls13Lifetime?: number;
  /**
   * BoringSSL: a chain of TLS 1.3 resumptions lives at most this long from its full handshake
   * (the non-renewable auth timeout, 7 days); a resumption's tickets get what is left of it.
   */
  tls13AuthTimeout?: number;
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
    tls13AuthTimeout: 604800,
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

/** Every connection path, indexed by the simulator's path codes (`lastPath`). */
export const CONNECTION_PATHS: readonly ConnectionPath[] = ['ticket', 'internal-hit', 'external-hit', 'miss', 'timeout', 'failure', 'new'];
/** Every place a session can go, indexed by the simulator's codes (`lastStoredIn`). */
export const STORED_IN: readonly StoredIn[] = ['internal', 'external', 'internal+external', 'nowhere'];

const P_TICKET = 0;
const P_INTERNAL_HIT = 1;
const P_EXTERNAL_HIT = 2;
const P_MISS = 3;
const P_TIMEOUT = 4;
const P_FAILURE = 5;
const P_NEW = 6;

const S_INTERNAL = 0;
const S_EXTERNAL = 1;
const S_BOTH = 2;
const S_NOWHERE = 3;

/** What a ClientHello carries. */
const CARRY_NOTHING = 0;
const CARRY_TICKET = 1;
const CARRY_ID = 2;
const CARRY_PSK = 3;

/** No session (a null slot). */
const NONE = -1;

/** Server session slot states: a session of the current connection, one in the internal cache, a free slot. */
const TRANSIENT = 0;
const CACHED = 1;
const FREE = 2;

/** Client flags. */
const HAS_SESSION = 1;
const HOLDS_TICKET = 2;
const STATEFUL_TICKET = 4;
const NOT_RESUMABLE = 8;

/**
 * The server's session objects as parallel typed arrays indexed by slot, not as JS objects: a
 * million cached sessions cost ~60 bytes each and no garbage per connection. Slots of sessions
 * that end up nowhere are recycled when their connection ends.
 */
class SessionSlots {
  id: Float64Array;
  time: Float64Array;
  timeout: Float64Array;
  /** The internal cache list (3.x: sorted by expiry, head = latest; others: insertion order); free slots chain through `next`. */
  prev: Int32Array;
  next: Int32Array;
  state: Uint8Array;
  private freeHead = NONE;
  private used = 0;

  constructor(capacity: number) {
    this.id = new Float64Array(capacity);
    this.time = new Float64Array(capacity);
    this.timeout = new Float64Array(capacity);
    this.prev = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
    this.state = new Uint8Array(capacity);
  }

  allocate(id: number, time: number, timeout: number): number {
    let s = this.freeHead;
    if (s !== NONE) this.freeHead = this.next[s];
    else {
      if (this.used === this.id.length) this.grow();
      s = this.used++;
    }
    this.id[s] = id;
    this.time[s] = time;
    this.timeout[s] = timeout;
    this.prev[s] = NONE;
    this.next[s] = NONE;
    this.state[s] = TRANSIENT;
    return s;
  }

  /** Frees a slot unless it is (again) in the cache or already free. */
  releaseIfTransient(s: number): void {
    if (this.state[s] !== TRANSIENT) return;
    this.state[s] = FREE;
    this.next[s] = this.freeHead;
    this.freeHead = s;
  }

  private grow(): void {
    const n = this.id.length * 2;
    this.id = widen(this.id, new Float64Array(n));
    this.time = widen(this.time, new Float64Array(n));
    this.timeout = widen(this.timeout, new Float64Array(n));
    this.prev = widen(this.prev, new Int32Array(n));
    this.next = widen(this.next, new Int32Array(n));
    this.state = widen(this.state, new Uint8Array(n));
  }
}

/** A typed array grown into a larger one: the old contents copied to its start. */
function widen<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** What each client holds (its stored session), indexed by client number. */
class ClientSlots {
  id: Float64Array;
  /** When the session was made, which is also when the client received it (TLS 1.3 ticket age). */
  time: Float64Array;
  /** Lifetime hint sent with a TLS 1.3 ticket. */
  lifetimeHint: Float64Array;
  /** The lifetime of the session a TLS 1.3 ticket decrypts to. */
  ticketTimeout: Float64Array;
  /** When the full handshake of the TLS 1.3 session's resumption chain happened (tls13AuthTimeout). */
  authStart: Float64Array;
  flags: Uint8Array;

  constructor(capacity: number) {
    this.id = new Float64Array(capacity);
    this.time = new Float64Array(capacity);
    this.lifetimeHint = new Float64Array(capacity);
    this.ticketTimeout = new Float64Array(capacity);
    this.authStart = new Float64Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  ensure(index: number): void {
    if (index < this.id.length) return;
    let n = this.id.length * 2;
    while (n <= index) n *= 2;
    this.id = widen(this.id, new Float64Array(n));
    this.time = widen(this.time, new Float64Array(n));
    this.lifetimeHint = widen(this.lifetimeHint, new Float64Array(n));
    this.ticketTimeout = widen(this.ticketTimeout, new Float64Array(n));
    this.authStart = widen(this.authStart, new Float64Array(n));
    this.flags = widen(this.flags, new Uint8Array(n));
  }
}

/** What the external cache holds: a serialized copy (the contract's i2d/d2i callbacks). */
interface SerializedSession {
  time: number;
  timeout: number;
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
  /** The last connection's outcome (connectClient), read without allocating: codes index CONNECTION_PATHS and STORED_IN. */
  lastOffered = false;
  lastResumed = false;
  lastFailed = false;
  lastPath = P_NEW;
  lastStoredIn = S_NOWHERE;
  /** Sessions evicted for size, expired sessions flushed automatically during the last connection. */
  lastEvicted = 0;
  lastAutoFlushed = 0;

  private readonly sessions: SessionSlots;
  /** Session id -> slot of the session in the internal cache. */
  private readonly hash: IdTable;
  private head = NONE;
  private tail = NONE;
  private readonly external = new Map<number, SerializedSession>();
  private readonly clients: ClientSlots;
  /** Client names of explicit events -> client numbers (workloads number their clients themselves). */
  private readonly clientNumbers = new Map<string, number>();
  /** Slots allocated or taken out of the cache by the current event: freed when it ends unless cached. */
  private touched = new Int32Array(64);
  private touchedCount = 0;
  private nextId = 1;
  private now = 0;
  private readonly tls13: boolean;
  private readonly ossl3: boolean;
  private readonly profile: LibraryProfile;
  private readonly mode: number;
  /** SSL_VERIFY_PEER without a session id context: a found session fails the handshake (§4.3). */
  private readonly verifyFails: boolean;
  /** The store path's decisions that depend only on the configuration (§3.2 (b), TLS 1.3 stores, (f)). */
  private readonly storeBlocked: boolean;
  private readonly internalStore: boolean;
  private readonly autoFlushOnAccept: boolean;
  private readonly autoFlushOnStored: boolean;
  /** BoringSSL's auto-flush counter of sessions stored internally. */
  private storedSinceFlush = 0;
  /** Where the last lookup found its session. */
  private lookupFrom: 'internal' | 'external' | undefined;

  constructor(
    private readonly config: SimConfig,
    /** Expected number of clients (the arrays grow past it). */
    clientsHint = 16,
  ) {
    const unsupported = unsupportedConfiguration(config);
    if (unsupported) throw new Error(unsupported);
    this.tls13 = config.protocol === 'TLSv1.3';
    this.profile = LIBRARY_PROFILES[config.library];
    this.ossl3 = this.profile.expirySortedList;
    // Libraries without UPDATE_TIME store the bit and ignore it.
    this.mode = this.profile.updateTime ? config.mode : config.mode & ~UPDATE_TIME;
    this.verifyFails = config.verifyPeer && config.sidCtxLength === 0 && this.profile.verifyFatal;
    const mode = this.mode;
    this.storeBlocked =
      (config.verifyPeer && config.sidCtxLength === 0 && this.profile.verifyGuard) || // (b)
      (this.tls13 && !this.profile.tls13ServerCache);
    // TLS 1.3 stateless tickets are stored only when a remove callback could need them.
    this.internalStore = !(mode & NO_INTERNAL_STORE) && (!this.tls13 || config.callbacks.remove || !config.tickets);
    this.autoFlushOnStored = this.profile.autoFlushCounter === 'stored' && !(mode & NO_AUTO_CLEAR);
    this.autoFlushOnAccept = this.profile.autoFlushCounter === 'accept-good' && !(mode & NO_AUTO_CLEAR) && (mode & SERVER) === SERVER;
    this.sessions = new SessionSlots(1024);
    this.hash = new IdTable(this.sessions);
    this.clients = new ClientSlots(Math.max(16, clientsHint));
  }

  get number(): number {
    return this.hash.size;
  }

  // ---------------------------------------------------------------- the internal cache (§5)

  private calc(s: number): number {
    return this.sessions.time[s] + this.sessions.timeout[s];
  }

  /** Expiry on lookup: OpenSSL `now > time + timeout`; BoringSSL already at `now >= time + timeout`. */
  private isExpired(s: number): boolean {
    return this.profile.expiredAtTimeout ? this.now >= this.calc(s) : this.now > this.calc(s);
  }

  private newSession(id: number): number {
    const s = this.sessions.allocate(id, this.now, this.config.timeout);
    this.track(s);
    return s;
  }

  private uncache(s: number): void {
    this.sessions.state[s] = TRANSIENT;
    this.track(s);
  }

  /** Remembers a slot the current event made or took out of the cache. */
  private track(s: number): void {
    if (this.touchedCount === this.touched.length) this.touched = widen(this.touched, new Int32Array(this.touched.length * 2));
    this.touched[this.touchedCount++] = s;
  }

  /** The end of an event: slots of sessions that are nowhere (not cached) are recycled. */
  private releaseTransients(): void {
    for (let i = 0; i < this.touchedCount; i++) this.sessions.releaseIfTransient(this.touched[i]);
    this.touchedCount = 0;
  }

  private unlink(s: number): void {
    const { prev, next } = this.sessions;
    const p = prev[s];
    const n = next[s];
    if (p !== NONE) next[p] = n;
    else this.head = n;
    if (n !== NONE) prev[n] = p;
    else this.tail = p;
    prev[s] = next[s] = NONE;
  }

  /** 3.x: sorted by expiry, latest at the head; a new entry goes in front of equal ones. Others: at the head. */
  private link(s: number): void {
    const { prev, next } = this.sessions;
    let after = NONE;
    let cursor = this.head;
    if (this.ossl3) {
      const calc = this.calc(s);
      while (cursor !== NONE && this.calc(cursor) > calc) {
        after = cursor;
        cursor = next[cursor];
      }
    }
    prev[s] = after;
    next[s] = cursor;
    if (after !== NONE) next[after] = s;
    else this.head = s;
    if (cursor !== NONE) prev[cursor] = s;
    else this.tail = s;
  }

  /** SSL_CTX_add_session: returns true when a new entry was created. */
  private addSession(s: number): boolean {
    const id = this.sessions.id[s];
    if (id === 0) return false;
    const existing = this.hash.get(id);
    if (existing === s) {
      if (this.mode & UPDATE_TIME) this.refreshTime(s);
      if (this.ossl3) {
        this.unlink(s);
        this.link(s);
      }
      return false;
    }
    if (existing !== NONE) {
      // A different object with the same id is replaced without the remove callback.
      this.unlink(existing);
      this.uncache(existing);
    }
    this.hash.set(s);
    this.sessions.state[s] = CACHED;
    if (this.mode & UPDATE_TIME) this.refreshTime(s);
    const size = this.config.cacheSize;
    if (this.ossl3) {
      // Evict before linking, with `>=`, while the new entry already counts: capacity max(1, size-1).
      if (size > 0) {
        while (this.hash.size >= size && this.tail !== NONE) {
          this.evict(this.tail);
          this.counters.cacheFull++;
          this.lastEvicted++;
        }
      }
      this.link(s);
    } else {
      this.link(s);
      if (size > 0) {
        while (this.hash.size > size && this.tail !== NONE) {
          this.evict(this.tail);
          this.counters.cacheFull++;
          this.lastEvicted++;
        }
      }
    }
    return true;
  }

  /** UPDATE_TIME: the session's time becomes now. */
  private refreshTime(s: number): void {
    this.sessions.time[s] = this.now;
  }

  /** SSL_CTX_remove_session / remove_session_lock (§5.3). */
  private removeSession(s: number): void {
    const id = this.sessions.id[s];
    if (id === 0) return;
    const found = this.hash.get(id);
    const inCache = found !== NONE && (this.profile.removeCallbackAlways || found === s);
    if (inCache) {
      this.hash.delete(id);
      this.unlink(found);
      this.uncache(found);
    }
    // From 1.1.0 the callback is called even for sessions that were not cached; before, only for cached ones.
    if (this.profile.removeCallbackAlways || inCache) this.removeCallback(id);
  }

  /** removeSession for a session known to be in the cache (the list's tail): no lookup needed. */
  private evict(s: number): void {
    const id = this.sessions.id[s];
    this.hash.delete(id);
    this.unlink(s);
    this.uncache(s);
    this.removeCallback(id);
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
      while (this.tail !== NONE && (t === 'all' || t > this.calc(this.tail))) {
        this.removeSession(this.tail);
        removed++;
      }
    } else {
      // Every cached session is on the list: walk it (order does not change what a flush removes).
      for (let s = this.tail; s !== NONE; ) {
        const before = this.sessions.prev[s];
        if (t === 'all' || t > this.calc(s)) {
          this.removeSession(s);
          removed++;
        }
        s = before;
      }
    }
    return removed;
  }

  // ---------------------------------------------------------------- the store path (§3.2)

  /** ssl_update_cache(s, SERVER). Returns where the session went (a STORED_IN code). */
  private updateCache(s: number, hit: boolean): number {
    if (this.sessions.id[s] === 0) return S_NOWHERE; // (a): no store, no callback, no auto-flush
    if (this.storeBlocked) return S_NOWHERE; // (b), and BoringSSL's TLS 1.3 server
    const mode = this.mode;
    let internal = false;
    let external = false;
    if (mode & SERVER && (!hit || this.tls13)) {
      const store = this.internalStore;
      if (this.profile.newCallbackCoupled) {
        // ≤1.1.0: the callback runs only when the add created an entry (or the store is off).
        const added = store ? this.addSession(s) : false;
        internal = added;
        if ((mode & NO_INTERNAL_STORE || added) && this.config.callbacks.new) external = this.newCallback(s);
      } else {
        if (store) internal = this.addSession(s) || this.sessions.state[s] === CACHED;
        if (this.config.callbacks.new) external = this.newCallback(s);
      }
    }
    // (f) auto-flush: read before the accept_good increment (TLS ≤1.2) or after it (TLS 1.3).
    if (this.autoFlushOnStored) {
      // BoringSSL counts sessions it stored internally and flushes at the 255th, then starts again.
      if (internal && ++this.storedSinceFlush >= 255) {
        this.storedSinceFlush = 0;
        this.lastAutoFlushed += this.flush(this.now);
      }
    } else if (this.autoFlushOnAccept && (this.counters.acceptGood & 0xff) === 0xff) {
      this.lastAutoFlushed += this.flush(this.now);
    }
    return internal && external ? S_BOTH : internal ? S_INTERNAL : external ? S_EXTERNAL : S_NOWHERE;
  }

  private newCallback(s: number): boolean {
    this.counters.newCalls++;
    this.external.set(this.sessions.id[s], { time: this.sessions.time[s], timeout: this.sessions.timeout[s] });
    return true;
  }

  // ---------------------------------------------------------------- the lookup path (§4)

  /** lookup_sess_in_cache: internal (unless NO_INTERNAL_LOOKUP), then the get callback with copy-back. Sets lookupFrom. */
  private lookup(id: number): number {
    if (!(this.mode & NO_INTERNAL_LOOKUP)) {
      const found = this.hash.get(id);
      if (found !== NONE) {
        this.lookupFrom = 'internal';
        return found;
      }
      this.counters.misses++;
    }
    if (this.config.callbacks.get) {
      this.counters.getCalls++;
      const copy = this.external.get(id);
      if (copy) {
        const s = this.newSession(id);
        this.sessions.time[s] = copy.time;
        this.sessions.timeout[s] = copy.timeout;
        this.counters.cbHits++;
        if (!(this.mode & NO_INTERNAL_STORE)) this.addSession(s); // copy-back; UPDATE_TIME bites here
        this.lookupFrom = 'external';
        return s;
      }
    }
    this.lookupFrom = undefined;
    return NONE;
  }

  // ---------------------------------------------------------------- a connection

  /** The client number of an explicit event's client name (numbers are given in order of first appearance). */
  clientNumber(name: string): number {
    let n = this.clientNumbers.get(name);
    if (n === undefined) {
      n = this.clientNumbers.size;
      this.clientNumbers.set(name, n);
    }
    return n;
  }

  /** A connection by a named client, with the contract's trace entry and the connection's detail. */
  connect(event: number, at: number, clientName: string, resume: boolean, abort: boolean): { trace: ConnectTraceEntry; detail: ConnectionDetail } {
    this.connectClient(this.clientNumber(clientName), at, resume, abort);
    return {
      trace: { event, kind: 'connect', client: clientName, offered: this.lastOffered, resumed: this.lastResumed, failed: this.lastFailed, number: this.hash.size },
      detail: this.lastDetail(event),
    };
  }

  /** The last connection's outcome as an object. */
  lastDetail(event: number): ConnectionDetail {
    return {
      event,
      offered: this.lastOffered,
      resumed: this.lastResumed,
      path: CONNECTION_PATHS[this.lastPath],
      storedIn: STORED_IN[this.lastStoredIn],
      evicted: this.lastEvicted,
      autoFlushed: this.lastAutoFlushed,
    };
  }

  /**
   * One full connection of client number `client` at time `at`. The outcome is left in the `last*`
   * fields: nothing is allocated per connection, so million-connection workloads run at full speed.
   * Use either client numbers (workloads) or names (connect) with one simulator, not both.
   */
  connectClient(client: number, at: number, resume: boolean, abort: boolean): void {
    this.now = at;
    this.lastEvicted = 0;
    this.lastAutoFlushed = 0;
    const clients = this.clients;
    clients.ensure(client);
    const flags = clients.flags[client];
    const storedId = clients.id[client];
    const offered = (flags & HAS_SESSION) !== 0 && resume;
    this.counters.accept++;

    // What the ClientHello carries.
    let carried = CARRY_NOTHING;
    if (offered && !(flags & NOT_RESUMABLE)) {
      if (this.tls13) {
        // The client drops a ticket older than its lifetime hint (age - 1 > hint), §12.2.
        if (flags & HOLDS_TICKET && !(this.now - clients.time[client] - 1 > clients.lifetimeHint[client])) carried = CARRY_PSK;
      } else if (this.profile.clientMaxAge12 !== undefined && this.now - clients.time[client] >= this.profile.clientMaxAge12) {
        carried = CARRY_NOTHING; // BoringSSL's client does not offer a session older than its own timeout
      } else if (flags & HOLDS_TICKET) carried = CARRY_TICKET;
      else if (storedId !== 0) carried = CARRY_ID;
    }

    let session = NONE;
    let path = P_NEW;
    let hit = false;
    let failed = false;

    if (carried === CARRY_PSK) {
      if (flags & STATEFUL_TICKET) {
        if (!this.config.tickets) {
          session = this.lookup(storedId);
          path = this.lookupFrom === 'external' ? P_EXTERNAL_HIT : P_INTERNAL_HIT;
        }
        // else: a stateful ticket offered to a server that now uses stateless tickets: undecryptable.
      } else if (this.config.tickets) {
        session = this.decryptTicket(client);
        path = P_TICKET;
      }
      if (session !== NONE) {
        // The PSK's session is duplicated and given the server's current session id context.
        if (this.verifyFails) {
          failed = true;
          path = P_FAILURE;
          // §12.4: the failing handshake removes the PSK's session (in neither cache).
          this.removeSession(session);
        } else if (this.isExpired(session)) {
          this.counters.timeouts++;
          path = P_TIMEOUT;
          session = NONE; // §12.3: an expired stateful ticket stays in the cache
        } else {
          hit = true;
        }
      } else if (path !== P_NEW) {
        path = P_MISS;
      }
    } else if (carried === CARRY_TICKET) {
      if (this.config.tickets) {
        session = this.decryptTicket(client);
        path = P_TICKET;
        if (this.verifyFails) {
          failed = true;
          path = P_FAILURE;
        } else if (this.isExpired(session)) {
          this.counters.timeouts++;
          path = P_TIMEOUT;
          session = NONE;
        } else {
          hit = true;
          // The resumed ticket session takes the id the client sent with it.
          this.sessions.id[session] = storedId;
        }
      } else if (storedId !== 0) {
        carried = CARRY_ID;
      }
    }
    if (carried === CARRY_ID) {
      session = this.lookup(storedId);
      path = this.lookupFrom === 'external' ? P_EXTERNAL_HIT : this.lookupFrom === 'internal' ? P_INTERNAL_HIT : P_MISS;
      if (session !== NONE) {
        if (this.verifyFails) {
          failed = true;
          path = P_FAILURE;
        } else if (this.isExpired(session)) {
          this.counters.timeouts++;
          path = P_TIMEOUT;
          this.removeSession(session);
          session = NONE;
        } else {
          hit = true;
        }
      }
    }

    this.lastOffered = offered;
    if (failed) {
      // The handshake stops; both sides are freed; the client keeps its stored session.
      this.lastResumed = false;
      this.lastFailed = true;
      this.lastPath = P_FAILURE;
      this.lastStoredIn = S_NOWHERE;
      this.releaseTransients();
      return;
    }

    let storedIn = S_NOWHERE;
    let clientFlags = flags;
    if (hit) this.counters.hits++;
    if (!this.tls13) {
      if (hit) {
        // A resumption stores nothing; with an id it still reaches the auto-flush check; the client keeps its session.
        this.updateCache(session, true);
        this.counters.acceptGood++;
      } else {
        const ticketIssued = this.config.tickets;
        const id = ticketIssued ? 0 : this.mode & SERVER ? this.nextId++ : 0;
        session = this.newSession(id);
        storedIn = this.updateCache(session, false);
        this.counters.acceptGood++;
        // The client's session: with a ticket, the ticket's SHA-256 is its id.
        clients.id[client] = ticketIssued ? this.nextId++ : id;
        clients.time[client] = this.now;
        clients.lifetimeHint[client] = 0;
        clientFlags = HAS_SESSION | (ticketIssued ? HOLDS_TICKET : 0);
      }
    } else {
      this.counters.acceptGood++;
      // A full handshake's session gets its id with the first ticket (none without tickets);
      // every other ticket is a dup with a fresh id.
      const handshake = hit ? session : this.newSession(0);
      const tickets =
        !this.config.tickets && !this.profile.tls13ServerCache ? 0 : hit && this.profile.tls13TicketsOnResumption === 'one' ? 1 : this.config.numTickets;
      let last = handshake;
      for (let i = 0; i < tickets; i++) {
        const t = i === 0 && !hit ? handshake : this.newSession(0);
        this.sessions.id[t] = this.nextId++;
        const where = this.updateCache(t, hit);
        if (where !== S_NOWHERE) storedIn = where;
        last = t;
      }
      session = last;
      let lifetime = this.profile.tls13Lifetime ?? this.config.timeout;
      const authTimeout = this.profile.tls13AuthTimeout;
      if (authTimeout !== undefined) {
        const authStart = hit ? clients.authStart[client] : this.now;
        lifetime = Math.min(lifetime, authStart + authTimeout - this.now);
        clients.authStart[client] = authStart;
      }
      clients.id[client] = tickets > 0 ? this.sessions.id[last] : 0;
      clients.time[client] = this.now;
      clients.ticketTimeout[client] = lifetime;
      clients.lifetimeHint[client] = tickets > 0 ? Math.min(lifetime, 604800) : 0;
      clientFlags = HAS_SESSION | (tickets > 0 ? HOLDS_TICKET | (this.config.tickets ? 0 : STATEFUL_TICKET) : 0);
    }

    if (abort && this.profile.abortRemoves) {
      // Unclean close: the server removes its session (TLS 1.2: the id session; TLS 1.3: the last ticket's).
      if (session !== NONE) this.removeSession(session);
      // The client's own SSL_free marks its stored session not resumable (§12.1).
      clientFlags |= NOT_RESUMABLE;
    }
    clients.flags[client] = clientFlags;

    this.lastResumed = hit;
    this.lastFailed = false;
    // Nothing offered, nothing carried, or an undecryptable ticket: a plain new session.
    this.lastPath = hit ? path : path === P_MISS || path === P_TIMEOUT ? path : P_NEW;
    this.lastStoredIn = storedIn;
    this.releaseTransients();
  }

  /** A ticket decrypts to the session it was issued for: its time and timeout travel with it. */
  private decryptTicket(client: number): number {
    // A TLS 1.3 ticket carries its session's id; a TLS 1.2 ticket session gets the id the client sends.
    const s = this.newSession(this.tls13 ? this.clients.id[client] : 0);
    this.sessions.time[s] = this.clients.time[client];
    this.sessions.timeout[s] = this.tls13 ? this.clients.ticketTimeout[client] : this.config.timeout;
    return s;
  }

  flushEvent(event: number, at: number, all: boolean): FlushTraceEntry {
    this.now = at;
    this.flush(all ? 'all' : at);
    this.releaseTransients();
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
