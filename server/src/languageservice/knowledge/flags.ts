import type { FlagInfo } from './types';

/** Every bit any known library assigns a meaning to. */
export const KNOWN_MODE_BITS = 0x0783;

const everywhere = {
  'openssl-3.0': 'all 3.x',
  'openssl-1.1.1': 'yes',
  'openssl-1.0.2': 'yes',
  libressl: 'yes',
  boringssl: 'yes',
} as const;

/**
 * The SSL_SESS_CACHE_* constants. Man page quotes are the paragraphs of the seeded
 * 0.9.7d page; its item headers (the flag names) were lost in that copy, so each
 * paragraph is assigned to its flag by its position in the list, which follows the header order of every edition.
 */
export const FLAGS: readonly FlagInfo[] = [
  {
    name: 'SSL_SESS_CACHE_OFF',
    shortName: 'OFF',
    value: 0x0000,
    kind: 'none',
    introduced: 'SSLeay 0.8.1b (1998)',
    availability: everywhere,
    summary: 'No CLIENT or SERVER bit: nothing is stored automatically, and a TLS ≤1.2 server sends an empty session ID.',
    manPage: [
      {
        text: 'No session caching for client or server takes place.',
        correction:
          'Resumption still happens: RFC 5077 tickets (TLS 1.2) and TLS 1.3 tickets resume with OFF, and the server still looks up offered IDs internally and through the get callback.',
      },
    ],
    facts: [
      {
        text: '**Tickets still resume.** OFF does not disable TLS 1.2 session tickets or TLS 1.3 stateless tickets; to stop resumption also set `SSL_OP_NO_TICKET` and `SSL_CTX_set_num_tickets(ctx, 0)`.',
        section: '§8',
      },
      {
        text: 'On BoringSSL `SSL_OP_NO_TICKET` alone stops TLS 1.3 resumption too: its server has no stateful tickets, so it then sends none.',
        section: '§13',
        libraries: ['boringssl'],
      },
      {
        text: 'The server lookup ignores the mode: an offered session ID (or a stateful TLS 1.3 ticket) is still looked up in the internal cache and passed to `get_session_cb`.',
        section: '§4.2',
      },
      {
        text: 'A TLS ≤1.2 server announces an empty session ID, so clients cannot offer one back.',
        section: '§1',
      },
      {
        text: 'Store, `new_session_cb` and auto-flush are all gated on the CLIENT/SERVER bit, so `NO_AUTO_CLEAR`, `NO_INTERNAL_STORE` and `UPDATE_TIME` do nothing here (except on sessions added by hand with `SSL_CTX_add_session`).',
        section: '§8',
      },
      {
        text: 'Used by Apache (`SSLSessionCache none`, its default), nginx `ssl_session_cache off`, Postfix without a cache and HAProxy with `tune.ssl.cachesize 0`.',
        section: '§9',
      },
    ],
  },
  {
    name: 'SSL_SESS_CACHE_CLIENT',
    shortName: 'CLIENT',
    value: 0x0001,
    kind: 'role',
    introduced: 'SSLeay 0.8.1b (1998)',
    availability: everywhere,
    summary:
      'Client handshakes run the store path: the session goes into the client ctx cache and the client `new_session_cb` fires. Nothing is ever looked up automatically.',
    manPage: [
      {
        text: 'Client sessions are added to the session cache. As there is no reliable way for the OpenSSL library to know whether a session should be reused or which session to choose (due to the abstract BIO layer the SSL engine does not have details about the connection), the application must select the session to be reused by using the SSL_set_session(3) function. This option is not activated by default.',
      },
    ],
    facts: [
      {
        text: '**Without this bit the client `new_session_cb` is never called**, even when it is registered; the TLS 1.3 advice to collect tickets with `SSL_CTX_sess_set_new_cb` needs CLIENT.',
        section: '§6',
      },
      {
        text: 'The client never looks anything up: sessions in the client cache are only used if the application passes them to `SSL_set_session`. CLIENT without `NO_INTERNAL_STORE` therefore mostly costs memory; curl, Postfix, Exim, nginx, HAProxy and `s_client` use `CLIENT | NO_INTERNAL[_STORE]` with a `new_session_cb`.',
        section: '§6',
      },
      {
        text: 'TLS 1.3: every NewSessionTicket (2 by default) is stored and reported separately, when the client reads after the handshake; after a resumption the used session is removed (single-use tickets).',
        section: '§3.1',
        libraries: ['openssl-3.0', 'openssl-1.1.1', 'openssl-1.0.2', 'libressl'],
      },
      {
        text: 'TLS 1.3: every NewSessionTicket reaches `new_session_cb` (nothing is stored) when the client reads after the handshake; a BoringSSL server sends its tickets only with its first write. Offer what the callback delivered.',
        section: '§13',
        libraries: ['boringssl'],
      },
      {
        text: 'Client auto-flush counts good client handshakes (`sess_connect_good`).',
        section: '§3.3',
        libraries: ['openssl-3.0', 'openssl-1.1.1', 'openssl-1.0.2', 'libressl'],
      },
      {
        text: 'BoringSSL never stores client sessions in the internal cache: CLIENT only enables the callbacks.',
        section: '§10',
        libraries: ['boringssl'],
      },
    ],
  },
  {
    name: 'SSL_SESS_CACHE_SERVER',
    shortName: 'SERVER',
    value: 0x0002,
    kind: 'role',
    introduced: 'SSLeay 0.8.1b (1998)',
    availability: everywhere,
    summary:
      'Server handshakes run the store path, and a TLS ≤1.2 server announces non-empty session IDs. The default mode, for client contexts too.',
    manPage: [
      {
        text: 'Server sessions are added to the session cache. When a client proposes a session to be reused, the server looks for the corresponding session in (first) the internal session cache (unless SSL_SESS_CACHE_NO_INTERNAL_LOOKUP is set), then (second) in the external cache if available. If the session is found, the server will try to reuse the session. This is the default.',
        correction:
          'The lookup does not depend on this bit (it also runs with OFF), and with default options many sessions are never added: TLS 1.2 ticket sessions have no ID, and TLS 1.3 stateless ticket sessions are not stored.',
      },
    ],
    facts: [
      {
        text: 'TLS 1.2 with tickets (the default) and a ticket-capable client: the new session has an empty ID, so **nothing is stored, `new_session_cb` is not called and auto-flush does not run**.',
        section: '§3.2',
      },
      {
        text: 'TLS 1.3 with default stateless tickets: sessions are **not** stored internally unless a `remove_session_cb` is set, `SSL_OP_NO_TICKET` is set or early data is on; `new_session_cb` is still called, once per ticket.',
        section: '§3.2',
        libraries: ['openssl-3.0', 'openssl-1.1.1', 'libressl'],
      },
      {
        text: 'With `SSL_VERIFY_PEER` and no session id context, sessions are not cached (and auto-flush is skipped); any resumption attempt over a ticket fails the handshake fatally.',
        section: '§4.3',
        libraries: ['openssl-3.0', 'openssl-1.1.1'],
      },
      {
        text: 'With `SSL_VERIFY_PEER` and no session id context, sessions are cached, and the later resumption fails the handshake fatally (`session id context uninitialized`).',
        section: '§4.3',
        libraries: ['openssl-1.0.2'],
      },
      {
        text: 'A TLS ≤1.2 resumption stores nothing and does not call `new_session_cb`; only new sessions do.',
        section: '§3.2',
      },
      {
        text: 'The 3.x cache holds at most `max(1, size-1)` sessions and evicts the one that expires first, not the least recently used.',
        section: '§5.2',
        libraries: ['openssl-3.0'],
      },
      {
        text: 'The cache is FIFO: the oldest insertion is evicted when it is full; a hit does not refresh a session.',
        section: '§5.1',
        libraries: ['openssl-1.1.1', 'openssl-1.0.2', 'libressl', 'boringssl'],
      },
      {
        text: 'BoringSSL\'s TLS 1.3 server never stores a session and never calls a callback; TLS 1.3 resumes over stateless tickets only, so `SSL_OP_NO_TICKET` turns TLS 1.3 resumption off.',
        section: '§13',
        libraries: ['boringssl'],
      },
    ],
  },
  {
    name: 'SSL_SESS_CACHE_BOTH',
    shortName: 'BOTH',
    value: 0x0003,
    kind: 'alias',
    aliasOf: ['SSL_SESS_CACHE_CLIENT', 'SSL_SESS_CACHE_SERVER'],
    introduced: 'SSLeay 0.8.1b (1998)',
    availability: everywhere,
    summary: 'Alias for `CLIENT | SERVER`.',
    manPage: [{ text: 'Enable both SSL_SESS_CACHE_CLIENT and SSL_SESS_CACHE_SERVER at the same time.' }],
    facts: [
      {
        text: 'A context is normally used by one side only; the other bit is inert there. BOTH makes sense for a ctx that both accepts and connects (a proxy sharing one `SSL_CTX`).',
        section: '§8',
      },
      {
        text: 'Auto-flush requires every side bit of the handshake\'s side (`(mode & side) == side`), so BOTH auto-flushes on both sides.',
        section: '§3.3',
      },
    ],
  },
  {
    name: 'SSL_SESS_CACHE_NO_AUTO_CLEAR',
    shortName: 'NO_AUTO_CLEAR',
    value: 0x0080,
    kind: 'modifier',
    introduced: 'SSLeay 0.8.1b (1998)',
    availability: everywhere,
    summary: 'Turns off the automatic flush of expired sessions that normally runs every 256th good handshake.',
    manPage: [
      {
        text: 'Normally the session cache is checked for expired sessions every 255 connections using the SSL_CTX_flush_sessions(3) function. Since this may lead to a delay which cannot be controlled, the automatic flushing may be disabled and SSL_CTX_flush_sessions(3) can be called explicitly by the application.',
        correction:
          'The flush runs during good handshake number 256, 512, … (TLS ≤1.2; 255, 511, … for a TLS 1.3 server), and only handshakes that reach the store path count: ticket handshakes with empty IDs, and peer verification without a session id context, skip it.',
      },
    ],
    facts: [
      {
        text: 'With this flag, expired sessions leave the internal cache only when a lookup finds them, on size eviction, on an explicit `SSL_CTX_flush_sessions`, or at `SSL_CTX_free`. Call the flush yourself, or the cache fills with dead entries (without bound if the cache size is 0).',
        section: '§8',
      },
      {
        text: 'Meaningless when nothing is stored automatically (`NO_INTERNAL_STORE`); HAProxy, Postfix, Node.js and Exim set it there as belt and braces.',
        section: '§8',
      },
      {
        text: 'Without this flag the flush is still defeated by SNI context switches: the counter it reads is charged to the switched-to ctx.',
        section: '§3.3',
      },
      {
        text: 'BoringSSL counts sessions actually stored internally and flushes at the 255th, then restarts the count; resumptions do not count.',
        section: '§13',
        libraries: ['boringssl'],
      },
    ],
  },
  {
    name: 'SSL_SESS_CACHE_NO_INTERNAL_LOOKUP',
    shortName: 'NO_INTERNAL_LOOKUP',
    value: 0x0100,
    kind: 'modifier',
    introduced: 'SSLeay 0.9.0b (1998)',
    availability: everywhere,
    summary: 'The server skips the internal cache on lookup and goes straight to `get_session_cb`.',
    manPage: [
      {
        text: 'By setting this flag, session-resume operations in an SSL/TLS server will not automatically look up sessions in the internal cache, even if sessions are automatically stored there. If external session caching callbacks are in use, this flag guarantees that all lookups are directed to the external cache. As automatic lookup only applies for SSL/TLS servers, the flag has no effect on',
      },
    ],
    manPageNote: 'The seeded copy of the page breaks off after "no effect on"; the sentence ends "clients" in the original.',
    facts: [
      {
        text: '**Without a `get_session_cb`, sessions are stored but never found**: memory, eviction and `remove_session_cb` calls for nothing. Add `NO_INTERNAL_STORE` (that is, `NO_INTERNAL`) or register a get callback.',
        section: '§8',
      },
      {
        text: 'With a `get_session_cb`, every hit is **copied back** into the internal cache unless `NO_INTERNAL_STORE` is also set, where this flag stops it being read: use `NO_INTERNAL`.',
        section: '§4.2',
      },
      {
        text: 'TLS 1.3 early data with anti-replay needs the internal cache: with this flag the PSK is ignored, so neither resumption nor 0-RTT happen (unless `SSL_OP_NO_ANTI_REPLAY`).',
        section: '§8',
        libraries: ['openssl-3.0', 'openssl-1.1.1'],
      },
      {
        text: 'When the lookup is skipped, `sess_miss` is not counted (since 1.0.1).',
        section: '§4.2',
      },
      {
        text: 'History: from 0.9.6d to 0.9.6g this flag also stopped storing; since 0.9.6h/0.9.7 storing is controlled by `NO_INTERNAL_STORE`.',
        section: '§1',
      },
    ],
  },
  {
    name: 'SSL_SESS_CACHE_NO_INTERNAL_STORE',
    shortName: 'NO_INTERNAL_STORE',
    value: 0x0200,
    kind: 'modifier',
    introduced: 'OpenSSL 0.9.6h / 0.9.7 (2002)',
    availability: everywhere,
    summary:
      'Sessions are never added to the internal cache automatically: neither after a handshake nor as a copy of a `get_session_cb` hit.',
    manPage: [
      {
        text: 'Depending on the presence of SSL_SESS_CACHE_CLIENT and/or SSL_SESS_CACHE_SERVER, sessions negotiated in an SSL/TLS handshake may be cached for possible reuse. Normally a new session is added to the internal cache as well as any external session caching (callback) that is configured for the SSL_CTX. This flag will prevent sessions being stored in the internal cache (though the application can add them manually using SSL_CTX_add_session(3)). Note: in any SSL/TLS servers where external caching is configured, any successful session lookups in the external cache (ie. for session-resume requests) would normally be copied into the local cache before processing continues - this flag prevents these additions to the internal cache as well.',
      },
    ],
    facts: [
      {
        text: '**`SERVER | NO_INTERNAL_STORE` without a `new_session_cb` stores sessions nowhere, yet session IDs are still announced**, so clients offer them and always miss. nginx (`ssl_session_cache none`, its default) and Apache (`nonenotnull`) do this on purpose for old clients that dislike empty IDs.',
        section: '§8',
      },
      {
        text: '`new_session_cb` is still called (the store and the callback are independent since 1.1.1).',
        section: '§3.2',
      },
      {
        text: 'The standard client recipe: `CLIENT | NO_INTERNAL_STORE` with a `new_session_cb` and `SSL_set_session`.',
        section: '§6',
      },
      {
        text: 'Before 1.1.0, `remove_session_cb` is never called for sessions that are not in the internal cache, so with this flag it never fires.',
        section: '§5.3',
        libraries: ['openssl-1.0.2'],
      },
      {
        text: 'TLS 1.3 early data with anti-replay needs the internal cache: with this flag no ticket can be found, so there is no resumption and no 0-RTT.',
        section: '§8',
        libraries: ['openssl-3.0', 'openssl-1.1.1'],
      },
      {
        text: 'BoringSSL skips its auto-flush count when this flag is set (it counts only sessions it stores).',
        section: '§3.3',
        libraries: ['boringssl'],
      },
    ],
  },
  {
    name: 'SSL_SESS_CACHE_NO_INTERNAL',
    shortName: 'NO_INTERNAL',
    value: 0x0300,
    kind: 'alias',
    aliasOf: ['SSL_SESS_CACHE_NO_INTERNAL_LOOKUP', 'SSL_SESS_CACHE_NO_INTERNAL_STORE'],
    introduced: 'OpenSSL 0.9.6h / 0.9.7 (2002)',
    availability: everywhere,
    summary: 'Alias for `NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE`: the internal cache is neither written nor read automatically.',
    manPage: [
      { text: 'Enable both SSL_SESS_CACHE_NO_INTERNAL_LOOKUP and SSL_SESS_CACHE_NO_INTERNAL_STORE at the same time.' },
    ],
    facts: [
      {
        text: 'The "external cache only" recipe: `SERVER | NO_INTERNAL` with new, get and remove callbacks (Apache, nginx `shared:`, HAProxy, Postfix, Squid, Node.js, `s_server -ext_cache`).',
        section: '§9',
      },
      {
        text: 'Without callbacks, the server announces session IDs that it never stores (Apache `nonenotnull`).',
        section: '§8',
      },
      {
        text: 'On a client only the STORE half matters; the LOOKUP half has no effect there.',
        section: '§8',
      },
    ],
  },
  {
    name: 'SSL_SESS_CACHE_UPDATE_TIME',
    shortName: 'UPDATE_TIME',
    value: 0x0400,
    kind: 'modifier',
    introduced: 'OpenSSL 3.0.0 (2021)',
    availability: {
      'openssl-3.0': '3.0.0 and later',
      'openssl-1.1.1': false,
      'openssl-1.0.2': false,
      libressl: false,
      boringssl: false,
    },
    summary: 'Whenever `SSL_CTX_add_session` runs, the session\'s time is reset to now.',
    manPage: [],
    manPageNote:
      'The seeded 0.9.7d page predates this flag. The OpenSSL 3 page says it "Updates the timestamp of the session when it is used"; the code only does so in `SSL_CTX_add_session`.',
    facts: [
      {
        text: '**An internal cache hit does not refresh the session**: a resumption from the internal cache never calls `SSL_CTX_add_session`, so the flag is almost a no-op without an external cache.',
        section: '§3.4',
      },
      {
        text: '**Danger with a `get_session_cb` and no `NO_INTERNAL_STORE`**: an expired external session is copied back, its time is reset, and only then checked, so it resumes; lifetimes are extended without end.',
        section: '§3.4',
      },
      {
        text: 'It refreshes sessions added by hand with `SSL_CTX_add_session` and re-sorts an already cached session by its new expiry.',
        section: '§3.4',
      },
      {
        text: 'Not defined by OpenSSL before 3.0, LibreSSL or BoringSSL: the bit is stored silently and has no effect.',
        section: '§1',
      },
    ],
  },
];

const byName = new Map<string, FlagInfo>();
for (const flag of FLAGS) {
  byName.set(flag.name, flag);
}

export function findFlag(name: string): FlagInfo | undefined {
  return byName.get(name);
}

/** Finds a flag by its full name or by its name without the SSL_SESS_CACHE_ prefix. */
export function findFlagByAnyName(name: string): FlagInfo | undefined {
  return byName.get(name) ?? byName.get('SSL_SESS_CACHE_' + name);
}

export const FLAG_PREFIX = 'SSL_SESS_CACHE_';
