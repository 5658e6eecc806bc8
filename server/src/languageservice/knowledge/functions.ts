import type { ApiFunctionInfo } from './types';

/*
 * The session cache API, as shown in hovers.
 *
 * Every fact cites the section of the behavioural spec (openssl-session-cache.md) that backs
 * it. Quotes are either sentences of the seeded OpenSSL 0.9.7d SSL_CTX_set_session_cache_mode(3)
 * page (source 'seed') or OpenSSL 3 man page sentences that the spec quotes verbatim
 * (source 'openssl-3'). functions.test.ts checks both, and that every cited section exists.
 *
 * Signatures are the OpenSSL 3.x ones. Several "functions" are macros over SSL_CTX_ctrl();
 * the signature shown is the documented one.
 */

/** Library sets used by facts that only hold for some libraries. */
const OPENSSL_110_PLUS = ['openssl-3.0', 'openssl-1.1.1'] as const;
const OPENSSL_3 = ['openssl-3.0'] as const;
const OPENSSL_ALL = ['openssl-3.0', 'openssl-1.1.1', 'openssl-1.0.2'] as const;
const OPENSSL_102 = ['openssl-1.0.2'] as const;
const BORINGSSL = ['boringssl'] as const;

const SEED_SEE_ALSO = 'the seeded SSL_CTX_set_session_cache_mode(3) page (OpenSSL 0.9.7d) lists it under SEE ALSO only.';

const TIMEOUT_QUOTE_CORRECTION =
  'Wrong for the methods in use today: `TLS_method`, `TLS_server_method`, `TLS_client_method` and the TLS/DTLS ' +
  'methods default to **7200 s** (OpenSSL 3.0.19 returns 7200). 300 s was the default of `SSLv23_method` and ' +
  'SSLv2 up to 1.0.2 (§2).';

export const API_FUNCTIONS: readonly ApiFunctionInfo[] = [
  // ---------------------------------------------------------------- mode
  {
    name: 'SSL_CTX_set_session_cache_mode',
    signature: 'long SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode);',
    implementation:
      'Macro in OpenSSL and LibreSSL: `SSL_CTX_ctrl(ctx, SSL_CTRL_SET_SESS_CACHE_MODE /* 44 */, mode, NULL)`. ' +
      'BoringSSL: a real function, `int SSL_CTX_set_session_cache_mode(SSL_CTX*, int)`.',
    summary: 'Sets the `SSL_SESS_CACHE_*` mode bits of an `SSL_CTX`: which sides store sessions, and how the internal cache is used.',
    returns:
      'The **previous** mode (a `long`; `int` on BoringSSL). It never reports an error: there is no validation, any value is stored.',
    manPage: [
      {
        text: 'SSL_CTX_set_session_cache_mode() enables/disables session caching by setting the operational mode for ctx to <mode>.',
        source: 'seed',
        correction:
          'Misleading: the mode governs the session-ID cache and its callbacks, not resumption as such. ' +
          '`SSL_SESS_CACHE_OFF` still resumes over TLS 1.2 tickets and TLS 1.3 stateless tickets (§8, L2).',
      },
      { text: 'The default mode is SSL_SESS_CACHE_SERVER.', source: 'seed' },
      { text: 'SSL_CTX_set_session_cache_mode() returns the previously set cache mode.', source: 'seed' },
      {
        text: "In order to reuse a session, a client must send the session's id to the server. It can only send exactly one id.",
        source: 'seed',
        correction:
          'Outdated: with a TLS 1.2 ticket the server ignores the session ID and does no cache lookup, and TLS 1.3 ' +
          'never looks session IDs up; it resumes from the PSK/ticket (§4.1).',
      },
    ],
    facts: [
      {
        text: 'Returns the **previous** mode and cannot fail: unknown bits are stored unchecked (`set(0xFFFF)` is accepted and read back as 65535).',
        section: '§7',
      },
      {
        text: 'The default is `SSL_SESS_CACHE_SERVER` (2) for **client contexts too**. A client `new_session_cb` is never called until `SSL_SESS_CACHE_CLIENT` is set.',
        section: '§6',
        libraries: OPENSSL_ALL,
      },
      {
        text: '`SSL_SESS_CACHE_OFF` does **not** disable resumption: TLS 1.2 and TLS 1.3 tickets still resume. Also set `SSL_OP_NO_TICKET` and `SSL_CTX_set_num_tickets(ctx, 0)`.',
        section: '§8',
      },
      {
        text: 'The server lookup ignores the SERVER bit: whenever a client offers a session ID, the internal cache and `get_session_cb` are consulted, even with `OFF`.',
        section: '§4.2',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'The mode is read from the connection\'s `session_ctx` (the `SSL_CTX` it was created with), not from a ctx set later by `SSL_set_SSL_CTX`. Only the TLS ≤1.2 choice to send a non-empty session ID follows the switched ctx.',
        section: '§7',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'A plain, unlocked field store: a change takes effect from the next handshake step that reads the mode.',
        section: '§7',
      },
      {
        text: '`SSL_SESS_CACHE_UPDATE_TIME` (0x400) does not exist here: the bit is stored and has no effect.',
        section: '§1',
        libraries: ['openssl-1.1.1', 'openssl-1.0.2', 'libressl', 'boringssl'],
      },
      {
        text: 'Clients never use the internal cache: `SSL_SESS_CACHE_CLIENT` only enables `new_session_cb`.',
        section: '§10',
        libraries: BORINGSSL,
      },
    ],
    related: [
      'SSL_CTX_get_session_cache_mode',
      'SSL_SESS_CACHE_OFF',
      'SSL_SESS_CACHE_CLIENT',
      'SSL_SESS_CACHE_SERVER',
      'SSL_SESS_CACHE_BOTH',
      'SSL_SESS_CACHE_NO_AUTO_CLEAR',
      'SSL_SESS_CACHE_NO_INTERNAL_LOOKUP',
      'SSL_SESS_CACHE_NO_INTERNAL_STORE',
      'SSL_SESS_CACHE_NO_INTERNAL',
      'SSL_SESS_CACHE_UPDATE_TIME',
      'SSL_CTX_sess_set_new_cb',
      'SSL_CTX_set_num_tickets',
      'SSL_CTX_ctrl',
    ],
  },
  {
    name: 'SSL_CTX_get_session_cache_mode',
    signature: 'long SSL_CTX_get_session_cache_mode(SSL_CTX *ctx);',
    implementation:
      'Macro in OpenSSL and LibreSSL: `SSL_CTX_ctrl(ctx, SSL_CTRL_GET_SESS_CACHE_MODE /* 45 */, 0, NULL)`. ' +
      'BoringSSL: a real function returning `int`.',
    summary: 'Reads the `SSL_SESS_CACHE_*` mode bits of an `SSL_CTX`.',
    returns: 'The mode exactly as last stored, unknown bits included. A new context returns 2 (`SSL_SESS_CACHE_SERVER`).',
    manPage: [
      { text: 'SSL_CTX_get_session_cache_mode() returns the currently used cache mode.', source: 'seed' },
      { text: 'SSL_CTX_get_session_cache_mode() returns the currently set cache mode.', source: 'seed' },
      { text: 'The default mode is SSL_SESS_CACHE_SERVER.', source: 'seed' },
    ],
    facts: [
      {
        text: 'A fresh context reports mode 2 (`SERVER`), for client methods too.',
        section: '§2',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'Returns whatever was stored, including bits that mean nothing (0x0004–0x0040, 0x0800 and up).',
        section: '§1',
      },
      {
        text: 'Per `SSL_CTX`: after an SNI switch, storing follows the original ctx\'s mode and the session-ID announcement follows the new ctx\'s.',
        section: '§7',
        libraries: OPENSSL_ALL,
      },
      {
        text: '`SSL_SESS_CACHE_UPDATE_TIME` (0x400) reads back if set, but this library does not define it and ignores it.',
        section: '§1',
        libraries: ['openssl-1.1.1', 'openssl-1.0.2', 'libressl', 'boringssl'],
      },
    ],
    related: ['SSL_CTX_set_session_cache_mode', 'SSL_CTX_ctrl', 'SSL_SESS_CACHE_SERVER', 'SSL_SESS_CACHE_UPDATE_TIME'],
  },

  // ---------------------------------------------------------------- size
  {
    name: 'SSL_CTX_sess_set_cache_size',
    signature: 'long SSL_CTX_sess_set_cache_size(SSL_CTX *ctx, long t);',
    implementation: 'Macro: `SSL_CTX_ctrl(ctx, SSL_CTRL_SET_SESS_CACHE_SIZE /* 42 */, t, NULL)`.',
    summary: 'Sets the maximum number of sessions in the context\'s internal cache (0 = unlimited).',
    returns:
      'The previous size. On OpenSSL ≥ 1.1.0 a negative size is rejected: the call returns 0 and leaves the size unchanged.',
    manPage: [],
    manPageNote: `Not quoted: ${SEED_SEE_ALSO}`,
    facts: [
      {
        text: 'Default **20480** (`SSL_SESSION_CACHE_MAX_SIZE_DEFAULT` = 1024*20) in every OpenSSL line, LibreSSL and BoringSSL. "20000" in the man page is loose wording.',
        section: '§2',
      },
      {
        text: '**0 means unlimited**: eviction only runs while the size is > 0.',
        section: '§2',
      },
      {
        text: '**The cache holds at most `max(1, size-1)` sessions** (3.0.6 or so onwards): eviction runs before the new entry is linked, with `>=`. Sizes 1 and 2 both hold one session.',
        section: '§5.2',
        libraries: OPENSSL_3,
      },
      {
        text: 'The size is the exact capacity: the new session is added at the head, then the tail is evicted while `number > size`.',
        section: '§5.2',
        libraries: ['openssl-1.1.1', 'openssl-1.0.2', 'libressl', 'boringssl'],
      },
      {
        text: 'The victim is the list tail: the session that **expires first** on 3.x, the **oldest insertion** elsewhere. Hits never move an entry, so this is not LRU.',
        section: '§5.1',
      },
      {
        text: 'Every eviction calls `remove_session_cb` (an external cache loses the entry too) and increments `sess_cache_full`.',
        section: '§5.2',
      },
      {
        text: 'A smaller size takes effect only at the next `SSL_CTX_add_session`; nothing is evicted by this call.',
        section: '§11',
      },
      {
        text: 'A negative size is stored and behaves as unlimited (1.1.0 and later reject it).',
        section: '§2',
        libraries: OPENSSL_102,
      },
    ],
    related: ['SSL_CTX_sess_get_cache_size', 'SSL_CTX_sess_number', 'SSL_CTX_add_session', 'SSL_CTX_sess_set_remove_cb', 'SSL_CTX_ctrl'],
  },
  {
    name: 'SSL_CTX_sess_get_cache_size',
    signature: 'long SSL_CTX_sess_get_cache_size(SSL_CTX *ctx);',
    implementation: 'Macro: `SSL_CTX_ctrl(ctx, SSL_CTRL_GET_SESS_CACHE_SIZE /* 43 */, 0, NULL)`.',
    summary: 'Reads the configured maximum size of the context\'s internal session cache.',
    returns:
      'The configured maximum (default 20480; 0 = unlimited). This is the setting, not the number of cached sessions (that is `SSL_CTX_sess_number`).',
    manPage: [],
    manPageNote:
      'Not mentioned on the seeded SSL_CTX_set_session_cache_mode(3) page; its SEE ALSO lists SSL_CTX_sess_set_cache_size(3).',
    facts: [
      { text: 'A new context returns **20480** (`SSL_SESSION_CACHE_MAX_SIZE_DEFAULT`) for client and server methods alike.', section: '§2' },
      { text: '0 means unlimited: the eviction loop is guarded by `if (SSL_CTX_sess_get_cache_size(ctx) > 0)`.', section: '§2' },
      {
        text: 'The real capacity is one less than this value (`max(1, size-1)`) because of how eviction is ordered.',
        section: '§5.2',
        libraries: OPENSSL_3,
      },
      {
        text: 'May return a negative value stored earlier; it behaves as unlimited.',
        section: '§2',
        libraries: OPENSSL_102,
      },
    ],
    related: ['SSL_CTX_sess_set_cache_size', 'SSL_CTX_sess_number', 'SSL_CTX_ctrl'],
  },

  // ---------------------------------------------------------------- timeout
  {
    name: 'SSL_CTX_set_timeout',
    signature: 'long SSL_CTX_set_timeout(SSL_CTX *ctx, long t);',
    implementation: 'Real function (not a ctrl macro). BoringSSL: `uint32_t SSL_CTX_set_timeout(SSL_CTX *ctx, uint32_t timeout)`, so at most 4294967295 s.',
    summary: 'Sets the lifetime, in seconds, given to sessions created from now on by this context.',
    returns: 'The previous timeout, in seconds.',
    manPage: [
      {
        text: 'All currently supported protocols have the same default timeout value of 300 seconds',
        source: 'openssl-3',
        correction: TIMEOUT_QUOTE_CORRECTION,
      },
    ],
    manPageNote: `The quote is from the OpenSSL 3 SSL_CTX_set_timeout(3) page, as cited by the spec; ${SEED_SEE_ALSO}`,
    facts: [
      {
        text: 'Only sessions created **later** get the new value; each session keeps the timeout it was created with.',
        section: '§2',
      },
      {
        text: 'Default is `method->get_timeout()`: **7200 s** for `TLS_method` and the TLS/DTLS methods, not the 300 s the man page claims.',
        section: '§2',
        libraries: ['openssl-3.0', 'openssl-1.1.1', 'boringssl'],
      },
      {
        text: 'The usual "any version" `SSLv23_method` defaulted to **300 s**, so sessions expired after 5 minutes (the SSLv3/TLSv1 methods: 7200 s).',
        section: '§2',
        libraries: OPENSSL_102,
      },
      {
        text: 'A ctx timeout of 0 makes new sessions use the method default instead.',
        section: '§2',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'Expiry is strict: a session is expired when `now > time + timeout`.',
        section: '§2',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'Nothing expires in the background: expired sessions leave the cache only on lookup, flush (auto or manual) or size eviction.',
        section: '§11',
      },
      {
        text: 'Only TLS ≤1.2 sessions use it. TLS 1.3 has its own lifetime, `SSL_CTX_set_session_psk_dhe_timeout` (default 2 days).',
        section: '§10',
        libraries: BORINGSSL,
      },
      {
        text: 'A session is expired at age `>= timeout` (OpenSSL: `>`), but "flush expired" only removes age `> timeout`. A chain of TLS 1.3 resumptions ends **7 days** after its full handshake: each resumption\'s tickets get only what is left of the 7 days.',
        section: '§13',
        libraries: BORINGSSL,
      },
    ],
    related: ['SSL_CTX_get_timeout', 'SSL_CTX_flush_sessions', 'SSL_CTX_flush_sessions_ex', 'SSL_SESS_CACHE_UPDATE_TIME'],
  },
  {
    name: 'SSL_CTX_get_timeout',
    signature: 'long SSL_CTX_get_timeout(const SSL_CTX *ctx);',
    implementation: 'Real function (not a ctrl macro).',
    summary: 'Reads the lifetime, in seconds, that this context gives to new sessions.',
    returns: 'The context\'s session timeout in seconds: the value last set, or the method default.',
    manPage: [
      {
        text: 'All currently supported protocols have the same default timeout value of 300 seconds',
        source: 'openssl-3',
        correction: TIMEOUT_QUOTE_CORRECTION,
      },
    ],
    manPageNote:
      'The quote is from the OpenSSL 3 SSL_CTX_set_timeout(3) page, as cited by the spec; the seeded page lists SSL_CTX_set_timeout(3) under SEE ALSO only.',
    facts: [
      {
        text: 'A new `TLS_method`/`TLS_server_method`/`TLS_client_method` context returns **7200**.',
        section: '§2',
        libraries: ['openssl-3.0', 'openssl-1.1.1', 'boringssl'],
      },
      {
        text: 'A new `SSLv23_method` context returns **300**; `SSLv3`/`TLSv1` method contexts return 7200.',
        section: '§2',
        libraries: OPENSSL_102,
      },
      {
        text: 'This is the value for sessions created from now on; sessions already created keep their own timeout.',
        section: '§2',
      },
      {
        text: 'Sessions built by hand with `SSL_SESSION_new()` start with 304 s, not this value.',
        section: '§2',
      },
    ],
    related: ['SSL_CTX_set_timeout', 'SSL_CTX_flush_sessions'],
  },

  // ---------------------------------------------------------------- flush
  {
    name: 'SSL_CTX_flush_sessions',
    signature: 'void SSL_CTX_flush_sessions(SSL_CTX *ctx, long tm);',
    implementation:
      'Real function. Deprecated in OpenSSL 3.4 (a `long` time is not Y2038-safe) in favour of `SSL_CTX_flush_sessions_ex`.',
    summary: 'Removes from the internal cache every session that has expired at time `tm` (all sessions if `tm` is 0).',
    returns: 'Nothing (`void`).',
    manPage: [
      {
        text: 'Normally the session cache is checked for expired sessions every 255 connections using the SSL_CTX_flush_sessions(3) function.',
        source: 'seed',
        correction:
          'Not quite. The automatic flush runs when the good-handshake counter read has its low byte at 0xff: during handshake ' +
          '**256, 512, …** for TLS ≤1.2, and 255, 511, … for a TLS 1.3 server. It is skipped for sessions with an empty ID ' +
          '(TLS 1.2 tickets), and an SNI-switched connection never advances the counter (§3.3).',
      },
      {
        text: 'Since this may lead to a delay which cannot be controlled, the automatic flushing may be disabled and SSL_CTX_flush_sessions(3) can be called explicitly by the application.',
        source: 'seed',
      },
    ],
    manPageNote:
      'Quoted from the SSL_SESS_CACHE_NO_AUTO_CLEAR paragraph of the seeded SSL_CTX_set_session_cache_mode(3) page; SSL_CTX_flush_sessions(3) itself is listed under SEE ALSO.',
    facts: [
      {
        text: 'Removes every internal-cache session with `tm > time + timeout`; `tm == 0` removes **all** of them.',
        section: '§5.4',
      },
      {
        text: 'Each removed session is passed to `remove_session_cb`, called while the ctx lock is held.',
        section: '§5.4',
        libraries: ['openssl-3.0', 'openssl-1.1.1', 'openssl-1.0.2', 'libressl'],
      },
      {
        text: 'Only the internal cache is examined; an external cache learns of removals only through `remove_session_cb`.',
        section: '§5.4',
      },
      {
        text: 'Walks from the earliest-expiring end of the sorted list and stops at the first unexpired session; removed sessions are marked `not_resumable`.',
        section: '§5.4',
        libraries: OPENSSL_3,
      },
      {
        text: 'Walks the hash table, so the removal order is undefined.',
        section: '§5.4',
        libraries: ['openssl-1.1.1', 'openssl-1.0.2', 'libressl'],
      },
      {
        text: '`SSL_CTX_free` calls `SSL_CTX_flush_sessions(ctx, 0)`, so `remove_session_cb` fires for **every** cached session at teardown.',
        section: '§5.4',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'With `SSL_SESS_CACHE_NO_AUTO_CLEAR` and internal storing on, call it periodically: otherwise dead sessions fill the cache up to its size (without bound at size 0).',
        section: '§8',
      },
    ],
    related: ['SSL_CTX_flush_sessions_ex', 'SSL_SESS_CACHE_NO_AUTO_CLEAR', 'SSL_CTX_set_timeout', 'SSL_CTX_sess_set_remove_cb'],
  },
  {
    name: 'SSL_CTX_flush_sessions_ex',
    signature: 'void SSL_CTX_flush_sessions_ex(SSL_CTX *ctx, time_t tm);',
    implementation: 'Real function, added in OpenSSL 3.4 as the Y2038-safe (`time_t`) form of `SSL_CTX_flush_sessions`.',
    summary: 'Removes from the internal cache every session that has expired at time `tm` (all sessions if `tm` is 0).',
    returns: 'Nothing (`void`).',
    manPage: [],
    manPageNote: 'Not on the seeded OpenSSL 0.9.7d page: the function dates from OpenSSL 3.4.',
    facts: [
      {
        text: 'Added in OpenSSL **3.4**, when the `long` form `SSL_CTX_flush_sessions` was deprecated; older libraries only have that form.',
        section: '§5.4',
      },
      {
        text: 'Removes sessions with `tm > time + timeout`, walking from the earliest expiry and stopping at the first live one; `tm == 0` removes all.',
        section: '§5.4',
      },
      {
        text: 'Each removed session is marked `not_resumable` and passed to `remove_session_cb` under the ctx lock.',
        section: '§5.4',
      },
      {
        text: 'This is what the automatic flush calls in 3.4+: `SSL_CTX_flush_sessions_ex(session_ctx, time(NULL))`.',
        section: '§3.3',
      },
      {
        text: 'Only the internal cache is examined.',
        section: '§5.4',
      },
    ],
    related: ['SSL_CTX_flush_sessions', 'SSL_SESS_CACHE_NO_AUTO_CLEAR', 'SSL_CTX_sess_set_remove_cb'],
  },

  // ---------------------------------------------------------------- session id context
  {
    name: 'SSL_CTX_set_session_id_context',
    signature:
      'int SSL_CTX_set_session_id_context(SSL_CTX *ctx, const unsigned char *sid_ctx, unsigned int sid_ctx_len);',
    implementation: 'Real function.',
    summary: 'Sets the session ID context that new sessions of this context are tagged with and that a resumed session must match.',
    returns:
      '1 on success; 0 if `sid_ctx_len` is over `SSL_MAX_SID_CTX_LENGTH` (32), with the error `SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG`.',
    manPage: [
      {
        text: 'Since a client may try to reuse a session intended for use in a different context, the session id context must be set by the server',
        source: 'seed',
      },
    ],
    manPageNote: 'The seeded web copy cuts this sentence off before its reference to SSL_CTX_set_session_id_context(3), which is also listed under SEE ALSO.',
    facts: [
      {
        text: '**Required on servers that verify clients.** With `SSL_VERIFY_PEER` and no sid_ctx, ID sessions are silently not cached, auto-flush is skipped, and any ticket or TLS 1.3 resumption attempt is a **fatal** `SESSION_ID_CONTEXT_UNINITIALIZED` error.',
        section: '§8',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'With `SSL_VERIFY_PEER` and no sid_ctx, sessions are cached, and the later resumption attempt fails with a fatal error.',
        section: '§3.2',
        libraries: OPENSSL_102,
      },
      {
        text: 'New sessions copy the connection\'s sid_ctx. On lookup, a session with a different sid_ctx is a quiet cache miss.',
        section: '§4.3',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'On the client, a server that resumes a session whose sid_ctx differs from the client\'s makes the handshake fail (`SSL_R_ATTEMPT_TO_REUSE_SESSION_IN_DIFFERENT_CONTEXT`).',
        section: '§4.3',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'Any fixed value works: CPython sets `"Python"` and lighttpd `"lighttpd"`, just so that servers verifying client certificates can resume.',
        section: '§9',
      },
      {
        text: 'Peer verification without a session ID context is not an error: sessions are stored and resumed.',
        section: '§13',
        libraries: BORINGSSL,
      },
    ],
    related: ['SSL_set_session_id_context', 'SSL_CTX_set_session_cache_mode', 'SSL_set_session'],
  },
  {
    name: 'SSL_set_session_id_context',
    signature: 'int SSL_set_session_id_context(SSL *ssl, const unsigned char *sid_ctx, unsigned int sid_ctx_len);',
    implementation: 'Real function.',
    summary: 'Sets the session ID context of one connection, overriding the one it got from its `SSL_CTX`.',
    returns:
      '1 on success; 0 if `sid_ctx_len` is over `SSL_MAX_SID_CTX_LENGTH` (32), with the error `SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG`.',
    manPage: [],
    manPageNote:
      'Not mentioned on the seeded page, which only refers servers to SSL_CTX_set_session_id_context(3).',
    facts: [
      {
        text: 'Sessions created on the connection copy this sid_ctx; a cached session with another sid_ctx is a quiet miss. Apache uses it for a per-vhost context.',
        section: '§4.3',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'With `SSL_VERIFY_PEER` the check is on the connection\'s sid_ctx: if it is empty, any session found for resumption fails the handshake fatally.',
        section: '§4.1',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'A TLS 1.3 PSK session is duplicated and given the server\'s current sid_ctx before the checks run.',
        section: '§4.1',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'Peer verification without a session ID context is not an error here.',
        section: '§13',
        libraries: BORINGSSL,
      },
    ],
    related: ['SSL_CTX_set_session_id_context', 'SSL_set_session'],
  },

  // ---------------------------------------------------------------- callbacks
  {
    name: 'SSL_CTX_sess_set_new_cb',
    signature: 'void SSL_CTX_sess_set_new_cb(SSL_CTX *ctx, int (*new_session_cb)(SSL *ssl, SSL_SESSION *sess));',
    implementation: 'Real function.',
    summary: 'Registers the callback told about each new session, typically to store it in an external cache.',
    returns:
      'Nothing (`void`). The callback returns **1** to keep the extra reference the library took for it (and must `SSL_SESSION_free` it later), or **0** to let the library free it at once.',
    manPage: [
      {
        text: 'If the callback returns 0, the session will be immediately removed from the internal cache',
        source: 'openssl-3',
        correction:
          'False. Returning 0 only makes the library drop the extra reference it took for the callback; the session stays in ' +
          'the internal cache (the number of cached sessions stays at 1–2 with such a callback). BoringSSL documents the meaning correctly (§3.2).',
      },
    ],
    manPageNote:
      'The quote is the OpenSSL 3 man page sentence cited by the spec; the seeded 0.9.7d page does not mention this function.',
    facts: [
      {
        text: 'Return 1 = "I keep this reference" (free it later, or it leaks); return 0 = the library frees it. **Neither removes anything from the cache.**',
        section: '§3.2',
      },
      {
        text: 'Only called when this side\'s mode bit is set. Client contexts default to `SERVER`, so a client callback is never called until `SSL_SESS_CACHE_CLIENT` is set.',
        section: '§6',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'Not called for a TLS ≤1.2 resumption, nor for TLS 1.2 sessions that get an empty ID because a ticket is issued (the default with ticket-capable clients).',
        section: '§3.2',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'TLS 1.3: called once per ticket (2 per full handshake by default), for clients only once the application reads after the handshake.',
        section: '§6',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'Called whether or not the session went into the internal cache, even for TLS 1.3 server sessions that are never stored.',
        section: '§3.2',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'Called only if `SSL_CTX_add_session` created a new entry (or `NO_INTERNAL_STORE` is set), so it is skipped for a session that was already cached.',
        section: '§3.5',
        libraries: OPENSSL_102,
      },
      {
        text: 'Store a serialised copy, not the pointer: once the internal cache drops the session the object is marked `not_resumable`, and a later `get_session_cb` return of it is rejected.',
        section: '§4.2',
        libraries: OPENSSL_3,
      },
    ],
    related: [
      'SSL_CTX_sess_get_new_cb',
      'SSL_CTX_sess_set_get_cb',
      'SSL_CTX_sess_set_remove_cb',
      'SSL_SESS_CACHE_CLIENT',
      'SSL_SESS_CACHE_NO_INTERNAL_STORE',
      'SSL_set_session',
    ],
  },
  {
    name: 'SSL_CTX_sess_set_get_cb',
    signature:
      'void SSL_CTX_sess_set_get_cb(SSL_CTX *ctx, SSL_SESSION *(*get_session_cb)(SSL *ssl, const unsigned char *data, int len, int *copy));',
    implementation: 'Real function.',
    summary: 'Registers the server callback that looks a session ID up in an external cache.',
    returns:
      'Nothing (`void`). The callback returns the session or NULL; `*copy` is 1 on entry, meaning the library takes its own reference, and setting it to 0 hands the library your reference.',
    manPage: [
      {
        text: 'If the session is not found in internal storage or lookups for the internal storage have been deactivated (SSL_SESS_CACHE_NO_INTERNAL_LOOKUP), the server will try the external storage if available.',
        source: 'seed',
      },
    ],
    manPageNote:
      'Quoted from the seeded SSL_CTX_set_session_cache_mode(3) page, which lists SSL_CTX_sess_set_get_cb(3) under SEE ALSO.',
    facts: [
      {
        text: 'Server only. Called when the internal lookup misses or is disabled (`NO_INTERNAL_LOOKUP`), **whatever the mode bits**: even with `SSL_SESS_CACHE_OFF`.',
        section: '§4.2',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'A hit is **copied back** into the internal cache unless `SSL_SESS_CACHE_NO_INTERNAL_STORE` is set; use `NO_INTERNAL` for a purely external cache.',
        section: '§4.2',
      },
      {
        text: '`*copy = 0` hands your reference to the library, which suits an object just made with `d2i_SSL_SESSION`.',
        section: '§4.2',
      },
      {
        text: 'The returned session must still pass the version, sid_ctx, expiry and EMS checks. An expired one counts `sess_timeout` and gives a full handshake.',
        section: '§4.1',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'Not used for TLS 1.2 tickets or default TLS 1.3 tickets. In TLS 1.3 it only sees stateful tickets (`SSL_OP_NO_TICKET`, or early data with anti-replay), keyed by the 32-byte PSK identity.',
        section: '§4.1',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'With `SSL_SESS_CACHE_UPDATE_TIME` and no `NO_INTERNAL_STORE`, an **expired** session returned here is revived: its time is reset before the expiry check, and it resumes.',
        section: '§3.4',
        libraries: OPENSSL_3,
      },
      {
        text: 'A returned session flagged `not_resumable` is treated as a miss (3.0.19 and master).',
        section: '§4.2',
        libraries: OPENSSL_3,
      },
      {
        text: 'Without a `new_session_cb` as well, OpenSSL never fills the external cache this callback reads.',
        section: '§8',
      },
    ],
    related: [
      'SSL_CTX_sess_get_get_cb',
      'SSL_CTX_sess_set_new_cb',
      'SSL_SESS_CACHE_NO_INTERNAL_LOOKUP',
      'SSL_SESS_CACHE_NO_INTERNAL_STORE',
      'SSL_SESS_CACHE_NO_INTERNAL',
      'SSL_SESS_CACHE_UPDATE_TIME',
    ],
  },
  {
    name: 'SSL_CTX_sess_set_remove_cb',
    signature: 'void SSL_CTX_sess_set_remove_cb(SSL_CTX *ctx, void (*remove_session_cb)(SSL_CTX *ctx, SSL_SESSION *sess));',
    implementation: 'Real function.',
    summary: 'Registers the callback told when a session is removed, so that an external cache can drop it too.',
    returns: 'Nothing (`void`).',
    manPage: [],
    manPageNote: 'Not mentioned on the seeded SSL_CTX_set_session_cache_mode(3) page.',
    facts: [
      {
        text: '**Side effect on TLS 1.3 servers:** registering it turns on internal storage of stateless-ticket sessions, two per full handshake by default.',
        section: '§3.2',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'Fires on eviction for size, flush (automatic, manual and at `SSL_CTX_free`), an expired session found on lookup, `SSL_free` without `SSL_shutdown`, fatal alerts and `SSL_CTX_remove_session`.',
        section: '§5.3',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'Called **even for sessions not in the internal cache**, so `NO_INTERNAL_STORE` setups still get invalidations.',
        section: '§5.3',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'Called only when that same pointer was in the internal cache, so with `NO_INTERNAL` or `NO_INTERNAL_STORE` it is **never** called.',
        section: '§5.3',
        libraries: OPENSSL_102,
      },
      {
        text: 'Do not call `SSL_CTX_remove_session` from inside it: that recurses.',
        section: '§8',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'Context teardown flushes every entry through it, which is why h2o and others do nothing in it.',
        section: '§5.4',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'Fires only for sessions in the internal cache.',
        section: '§13',
        libraries: BORINGSSL,
      },
    ],
    related: [
      'SSL_CTX_sess_get_remove_cb',
      'SSL_CTX_remove_session',
      'SSL_CTX_flush_sessions',
      'SSL_CTX_sess_set_new_cb',
      'SSL_SESS_CACHE_NO_INTERNAL_STORE',
    ],
  },
  {
    name: 'SSL_CTX_sess_get_new_cb',
    signature: 'int (*SSL_CTX_sess_get_new_cb(SSL_CTX *ctx))(SSL *ssl, SSL_SESSION *sess);',
    implementation: 'Real function.',
    summary: 'Returns the callback set with `SSL_CTX_sess_set_new_cb`.',
    returns: 'The new-session callback, or NULL if none is set.',
    manPage: [],
    manPageNote: 'Not mentioned on the seeded SSL_CTX_set_session_cache_mode(3) page.',
    facts: [
      {
        text: 'Having a callback does not mean it fires: a client needs `SSL_SESS_CACHE_CLIENT` and a server `SSL_SESS_CACHE_SERVER`.',
        section: '§8',
      },
      {
        text: 'Its return value only governs the reference taken for it; returning 0 never removes the session from the cache.',
        section: '§3.2',
      },
      {
        text: 'TLS 1.2 sessions that get an empty ID because a ticket is issued never reach it.',
        section: '§3.2',
        libraries: OPENSSL_ALL,
      },
    ],
    related: ['SSL_CTX_sess_set_new_cb', 'SSL_SESS_CACHE_CLIENT', 'SSL_SESS_CACHE_SERVER'],
  },
  {
    name: 'SSL_CTX_sess_get_get_cb',
    signature:
      'SSL_SESSION *(*SSL_CTX_sess_get_get_cb(SSL_CTX *ctx))(SSL *ssl, const unsigned char *data, int len, int *copy);',
    implementation: 'Real function.',
    summary: 'Returns the callback set with `SSL_CTX_sess_set_get_cb`.',
    returns: 'The get-session callback, or NULL if none is set.',
    manPage: [],
    manPageNote: 'The seeded SSL_CTX_set_session_cache_mode(3) page lists SSL_CTX_sess_set_get_cb(3) under SEE ALSO only.',
    facts: [
      {
        text: 'On a server it is consulted whenever the internal lookup misses or is disabled, whatever the mode bits.',
        section: '§4.2',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'Its hits are copied into the internal cache unless `SSL_SESS_CACHE_NO_INTERNAL_STORE` is set.',
        section: '§4.2',
      },
      {
        text: 'Clients never call it: client resumption needs `SSL_set_session`.',
        section: '§6',
      },
    ],
    related: ['SSL_CTX_sess_set_get_cb', 'SSL_SESS_CACHE_NO_INTERNAL_LOOKUP', 'SSL_SESS_CACHE_NO_INTERNAL_STORE'],
  },
  {
    name: 'SSL_CTX_sess_get_remove_cb',
    signature: 'void (*SSL_CTX_sess_get_remove_cb(SSL_CTX *ctx))(SSL_CTX *ctx, SSL_SESSION *sess);',
    implementation: 'Real function.',
    summary: 'Returns the callback set with `SSL_CTX_sess_set_remove_cb`.',
    returns: 'The remove-session callback, or NULL if none is set.',
    manPage: [],
    manPageNote: 'Not mentioned on the seeded SSL_CTX_set_session_cache_mode(3) page.',
    facts: [
      {
        text: 'A non-NULL remove callback is one of the conditions that make a TLS 1.3 server store its ticket sessions internally.',
        section: '§3.2',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'It is called for every removal, even of sessions that were not in the internal cache.',
        section: '§5.3',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: '`SSL_CTX_free` runs it for every cached session.',
        section: '§5.4',
        libraries: OPENSSL_ALL,
      },
    ],
    related: ['SSL_CTX_sess_set_remove_cb', 'SSL_CTX_remove_session'],
  },

  // ---------------------------------------------------------------- sessions
  {
    name: 'SSL_set_session',
    signature: 'int SSL_set_session(SSL *ssl, SSL_SESSION *session);',
    implementation: 'Real function.',
    summary: 'Sets the session a client offers for resumption on its next handshake.',
    returns: '1 on success, 0 on failure.',
    manPage: [
      {
        text: 'As there is no reliable way for the OpenSSL library to know whether a session should be reused or which session to choose (due to the abstract BIO layer the SSL engine does not have details about the connection), the application must select the session to be reused by using the SSL_set_session(3) function.',
        source: 'seed',
      },
    ],
    manPageNote:
      'Quoted from the SSL_SESS_CACHE_CLIENT paragraph of the seeded SSL_CTX_set_session_cache_mode(3) page; SSL_set_session(3) is listed under SEE ALSO.',
    facts: [
      {
        text: '**The only way a client resumes**: OpenSSL never looks sessions up on the client, even with `SSL_SESS_CACHE_CLIENT`. Call it before `SSL_connect`.',
        section: '§6',
      },
      {
        text: 'Sessions usually come from `new_session_cb` (curl, Postfix, Exim, HAProxy backends, nginx upstream, `s_client`).',
        section: '§9',
      },
      {
        text: 'TLS 1.3 tickets arrive after the handshake, so `SSL_get_session()` right after `SSL_connect` may have no ticket yet.',
        section: '§6',
      },
      {
        text: 'TLS 1.3: after a resumption with the CLIENT bit set, the client removes the session it used from its ctx cache (tickets are single-use).',
        section: '§3.1',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'A session killed by an unclean close (`SSL_free` without `SSL_shutdown`) is not resumable: setting it still works, but the hello offers nothing and a full handshake follows.',
        section: '§12',
        libraries: OPENSSL_3,
      },
      {
        text: 'If the server resumes a session whose sid_ctx differs from the client\'s, the handshake fails.',
        section: '§4.3',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'An offered session that the server does not resume counts `sess_miss`; a resumed one `sess_hit`.',
        section: '§6',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'The client does not offer TLS 1.2 sessions older than its own default 7200 s.',
        section: '§13',
        libraries: BORINGSSL,
      },
    ],
    related: ['SSL_session_reused', 'SSL_CTX_sess_set_new_cb', 'SSL_SESS_CACHE_CLIENT', 'SSL_CTX_set_session_id_context'],
  },
  {
    name: 'SSL_CTX_add_session',
    signature: 'int SSL_CTX_add_session(SSL_CTX *ctx, SSL_SESSION *session);',
    implementation: 'Real function. The library calls it itself to store new sessions and `get_session_cb` hits.',
    summary: 'Adds a session to the context\'s internal cache.',
    returns:
      '1 if a new entry was created (including when it replaced a different object with the same ID); 0 if that object was already cached, or on failure.',
    manPage: [
      {
        text: 'This flag will prevent sessions being stored in the internal cache (though the application can add them manually using SSL_CTX_add_session(3)).',
        source: 'seed',
      },
    ],
    manPageNote:
      'Quoted from the SSL_SESS_CACHE_NO_INTERNAL_STORE paragraph of the seeded page; SSL_CTX_add_session(3) is listed under SEE ALSO.',
    facts: [
      {
        text: 'A different object with the same ID is replaced **without** `remove_session_cb`. Re-adding the same object returns 0.',
        section: '§5.2',
      },
      {
        text: 'A new entry evicts from the tail while `number >= size`, before it is linked in: capacity `max(1, size-1)`. Each eviction calls `remove_session_cb`.',
        section: '§5.2',
        libraries: OPENSSL_3,
      },
      {
        text: 'A new entry goes to the head, then the tail is evicted while `number > size`. A re-added session is not moved, so eviction is FIFO.',
        section: '§5.1',
        libraries: ['openssl-1.1.1', 'openssl-1.0.2', 'libressl'],
      },
      {
        text: 'With `SSL_SESS_CACHE_UPDATE_TIME` it resets the session\'s time to now and re-sorts it. This is the **only** place that flag is read.',
        section: '§3.4',
        libraries: OPENSSL_3,
      },
      {
        text: '`NO_INTERNAL_STORE` only stops automatic adds: stunnel sets it and calls this itself after a full handshake.',
        section: '§9',
      },
      {
        text: 'The cache key is (protocol version, session ID): a session is only found by a hello that negotiates the same version.',
        section: '§5.1',
      },
      {
        text: 'The cache holds one reference per entry.',
        section: '§5.1',
      },
      {
        text: '3.0.0–3.0.5 linked first and evicted afterwards, and could evict the session just added (issue #18690).',
        section: '§5.2',
        libraries: OPENSSL_3,
      },
    ],
    related: [
      'SSL_CTX_remove_session',
      'SSL_CTX_sess_set_cache_size',
      'SSL_CTX_sess_number',
      'SSL_SESS_CACHE_NO_INTERNAL_STORE',
      'SSL_SESS_CACHE_UPDATE_TIME',
    ],
  },
  {
    name: 'SSL_CTX_remove_session',
    signature: 'int SSL_CTX_remove_session(SSL_CTX *ctx, SSL_SESSION *session);',
    implementation: 'Real function. The library calls it itself for expired, failed and single-use sessions.',
    summary: 'Removes a session from the context\'s internal cache and tells `remove_session_cb`.',
    returns: '1 if the session was found in the internal cache and removed, else 0.',
    manPage: [],
    manPageNote: 'Not mentioned on the seeded SSL_CTX_set_session_cache_mode(3) page.',
    facts: [
      {
        text: 'Marks the session object `not_resumable` and calls `remove_session_cb` **even if it was not in the internal cache**.',
        section: '§5.3',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'Marks and calls back only if that same pointer was found in the cache.',
        section: '§5.3',
        libraries: OPENSSL_102,
      },
      {
        text: 'A session with an empty ID is ignored; no callback is made.',
        section: '§5.3',
      },
      {
        text: 'The library calls it for expired lookups, `SSL_free`/`SSL_clear` without close_notify, fatal alerts, TLS 1.3 anti-replay and a TLS 1.3 client\'s used ticket.',
        section: '§5.3',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'Calling it from inside `remove_session_cb` recurses.',
        section: '§5.3',
        libraries: OPENSSL_110_PLUS,
      },
    ],
    related: ['SSL_CTX_add_session', 'SSL_CTX_sess_set_remove_cb', 'SSL_CTX_flush_sessions'],
  },
  {
    name: 'SSL_CTX_sess_number',
    signature: 'long SSL_CTX_sess_number(SSL_CTX *ctx);',
    implementation: 'Macro: `SSL_CTX_ctrl(ctx, SSL_CTRL_SESS_NUMBER /* 20 */, 0, NULL)`, the item count of `ctx->sessions`.',
    summary: 'Returns the number of sessions in the context\'s internal cache.',
    returns: 'The number of sessions currently in the internal cache (`lh_SSL_SESSION_num_items(ctx->sessions)`).',
    manPage: [],
    manPageNote: `Not quoted: ${SEED_SEE_ALSO}`,
    facts: [
      {
        text: 'Counts the internal cache only. Expired sessions still count until a lookup, flush or eviction removes them.',
        section: '§11',
      },
      {
        text: 'A TLS 1.3 server with default stateless tickets stores nothing (stays 0), unless a `remove_session_cb`, `SSL_OP_NO_TICKET` or anti-replay early data is set: then it grows by 2 per handshake.',
        section: '§3.2',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'TLS 1.2 with tickets (the default) and a ticket-capable client: new sessions have empty IDs and are not stored.',
        section: '§3.2',
        libraries: OPENSSL_ALL,
      },
      {
        text: 'Never exceeds `max(1, size-1)` for a cache size > 0.',
        section: '§5.2',
        libraries: OPENSSL_3,
      },
      {
        text: 'With `SERVER|NO_INTERNAL_LOOKUP` and no `get_session_cb` it grows, but the sessions are never found.',
        section: '§8',
      },
    ],
    related: ['SSL_CTX_sess_get_cache_size', 'SSL_CTX_add_session', 'SSL_CTX_flush_sessions'],
  },
  {
    name: 'SSL_CTX_set_num_tickets',
    signature: 'int SSL_CTX_set_num_tickets(SSL_CTX *ctx, size_t num_tickets);',
    implementation: 'Real function: the number of TLS 1.3 NewSessionTicket messages a server sends.',
    summary: 'Sets how many TLS 1.3 tickets the server sends after a full handshake.',
    returns: '1 (success).',
    manPage: [],
    manPageNote: 'Not on the seeded OpenSSL 0.9.7d page, which predates TLS 1.3 tickets.',
    facts: [
      {
        text: 'Default **2** per full handshake; a resumption sends at most 1.',
        section: '§3.1',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: '**`SSL_CTX_set_num_tickets(ctx, 0)` is what stops TLS 1.3 resumption**: `SSL_SESS_CACHE_OFF` does not. For TLS 1.2 also set `SSL_OP_NO_TICKET`.',
        section: '§8',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'With `OFF` and `SSL_OP_NO_TICKET`, stateful tickets are still sent but never stored, so clients waste them. Set 0 tickets.',
        section: '§8',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'Each extra ticket (and the ticket of a resumption) is a duplicated session with a fresh 32-byte ID: a separate cache entry when stored, and one `new_session_cb` call per ticket.',
        section: '§3.1',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'The TLS 1.3 server\'s auto-flush check runs once per ticket, so with 2 tickets it may run twice.',
        section: '§3.3',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: 'With 0 tickets, the client\'s stored session has neither ticket nor ID, and later offers carry nothing.',
        section: '§12',
        libraries: OPENSSL_3,
      },
      {
        text: 'A resumption issues the configured number of tickets again (OpenSSL: 1).',
        section: '§13',
        libraries: BORINGSSL,
      },
      {
        text: 'With `SSL_OP_NO_TICKET` no ticket is sent, whatever this number (OpenSSL sends stateful tickets).',
        section: '§13',
        libraries: BORINGSSL,
      },
    ],
    related: ['SSL_CTX_set_session_cache_mode', 'SSL_CTX_sess_set_new_cb', 'SSL_CTX_sess_set_remove_cb', 'SSL_SESS_CACHE_OFF'],
  },
  {
    name: 'SSL_session_reused',
    signature: 'int SSL_session_reused(const SSL *s);',
    implementation:
      'Real function since 1.1.0 (`SSL *s` before 3.0). OpenSSL 1.0.2 had a macro over `SSL_ctrl(ssl, SSL_CTRL_GET_SESSION_REUSED, 0, NULL)`.',
    summary: 'Tells whether the handshake on this connection resumed a session.',
    returns: '1 if the handshake resumed a session (by session ID, ticket or TLS 1.3 PSK), 0 for a full handshake.',
    manPage: [],
    manPageNote: `Not quoted: ${SEED_SEE_ALSO}`,
    facts: [
      {
        text: 'Resumption over tickets counts: it can be 1 with `SSL_SESS_CACHE_OFF`, with TLS 1.2 and TLS 1.3 alike.',
        section: '§8',
      },
      {
        text: 'Expired, version-mismatched and sid_ctx-mismatched sessions give a full handshake (0), not an error. Only `SSL_VERIFY_PEER` without a sid_ctx, or an EMS downgrade, fail the handshake.',
        section: '§4.1',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: '`SERVER|NO_INTERNAL_STORE` with no callbacks sends session IDs but never resumes them: always 0 for ID resumption.',
        section: '§8',
      },
      {
        text: 'A client only resumes after offering a session with `SSL_set_session`.',
        section: '§6',
      },
      {
        text: 'The server counts each resumption in `sess_hit` (`SSL_CTX_sess_hits`), tickets and PSKs included.',
        section: '§4.4',
        libraries: OPENSSL_3,
      },
    ],
    related: ['SSL_set_session', 'SSL_CTX_sess_set_get_cb', 'SSL_CTX_set_session_id_context'],
  },

  // ---------------------------------------------------------------- ctrl
  {
    name: 'SSL_CTX_ctrl',
    signature: 'long SSL_CTX_ctrl(SSL_CTX *ctx, int cmd, long larg, void *parg);',
    implementation:
      'Real function, the generic control call behind the cache macros. Cache commands: `SSL_CTRL_SET_SESS_CACHE_SIZE` (42), ' +
      '`SSL_CTRL_GET_SESS_CACHE_SIZE` (43), `SSL_CTRL_SET_SESS_CACHE_MODE` (44), `SSL_CTRL_GET_SESS_CACHE_MODE` (45).',
    summary: 'Generic `SSL_CTX` control call; commands 42–45 set and get the session cache size and mode.',
    returns:
      'Depends on `cmd`: 44 returns the previous mode and 45 the current one; 42 returns the previous size (0 when a negative size is rejected on ≥1.1.0) and 43 the current one.',
    manPage: [],
    manPageNote:
      'Not on the seeded page, whose synopsis shows SSL_CTX_set/get_session_cache_mode as functions although they are macros over this call.',
    facts: [
      {
        text: '`SSL_CTRL_SET_SESS_CACHE_MODE` (44) stores `larg` unchecked and returns the previous mode; `SSL_CTRL_GET_SESS_CACHE_MODE` (45) returns it.',
        section: '§7',
      },
      {
        text: 'The mode is stored as `uint32_t` in 3.x and `int` before that.',
        section: '§7',
      },
      {
        text: '`SSL_CTRL_SET_SESS_CACHE_SIZE` (42) with a negative `larg` returns 0 and changes nothing (`if (larg < 0) return 0;`).',
        section: '§2',
        libraries: OPENSSL_110_PLUS,
      },
      {
        text: '`SSL_CTRL_SET_SESS_CACHE_SIZE` (42) stores any value; a negative size behaves as unlimited.',
        section: '§2',
        libraries: OPENSSL_102,
      },
      {
        text: 'Bindings go through it too: Net::SSLeay implements `CTX_set_session_cache_mode` as `SSL_CTX_ctrl(ctx, SSL_CTRL_SET_SESS_CACHE_MODE, m, NULL)`.',
        section: '§1.1',
      },
      {
        text: 'Setting and reading the mode are real functions returning `int`, not ctrl commands.',
        section: '§10',
        libraries: BORINGSSL,
      },
    ],
    related: [
      'SSL_CTX_set_session_cache_mode',
      'SSL_CTX_get_session_cache_mode',
      'SSL_CTX_sess_set_cache_size',
      'SSL_CTX_sess_get_cache_size',
    ],
  },
];

const BY_NAME: ReadonlyMap<string, ApiFunctionInfo> = new Map(API_FUNCTIONS.map((fn) => [fn.name, fn]));

/** The entry for an exact C name, e.g. "SSL_CTX_set_timeout". */
export function findApiFunction(name: string): ApiFunctionInfo | undefined {
  return BY_NAME.get(name);
}
