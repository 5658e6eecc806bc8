/**
 * The directives of the `.sslcache` language (docs/sslcache.md), as data: the parser checks values
 * by `value`, hovers and completion show `summary`/`description`, and the docs list the same.
 */
import { MAX_CLIENTS } from '../../simulator/workload';

/** How a directive's value is written and checked. */
export type ValueKind =
  | 'library' // a library id: openssl-3.0, ...
  | 'protocols' // TLSv1.2 and/or TLSv1.3
  | 'mode' // flag names and numbers joined by |
  | 'count' // a whole number
  | 'duration' // whole seconds, or with units: 300, 5m, 2h, 1h30m
  | 'string' // a "quoted" string
  | 'boolean' // yes | no
  | 'callbacks' // any of new get remove, or none
  | 'preset' // web | api | mail
  | 'rate' // connections per second, optionally /s /m /h
  | 'probability' // 0..1 or 0%..100%
  | 'flush' // expired | all
  | 'name'; // a workload name

export type DirectiveScope = 'server' | 'workload' | 'header';

export interface DirectiveSpec {
  name: string;
  /** `server`: a top-level line; `workload`: an indented field of a workload; `header`: the `workload NAME` line. */
  scope: DirectiveScope;
  value: ValueKind;
  /** Inclusive bounds for numbers (in seconds for durations, per second for rates). */
  min?: number;
  max?: number;
  /** What a value looks like, for messages ("a duration: 300, 5m or 2h"). */
  expected: string;
  /** One line, for completion details. */
  summary: string;
  /** Markdown paragraphs for hovers and docs. */
  description: string;
  /** The OpenSSL function(s) the directive stands for (server directives). */
  functions?: readonly string[];
  /** The scenario contract field (docs/spec/scenario-contract.md). */
  contractField?: string;
  /** What applies when the directive is absent. */
  absent: string;
  example: string;
}

const MAX_WHOLE = Number.MAX_SAFE_INTEGER;

export const SERVER_DIRECTIVES: readonly DirectiveSpec[] = [
  {
    name: 'library',
    scope: 'server',
    value: 'library',
    expected: 'a library: openssl-3.0, openssl-1.1.1, openssl-1.0.2, libressl or boringssl',
    summary: 'The TLS library the server is built with',
    description:
      'The TLS library whose session cache behaviour hovers, diagnostics and simulations describe. Not an OpenSSL call: ' +
      'the libraries differ in eviction order, capacity, default timeouts and the TLS 1.3 store path (spec §5, §10).',
    contractField: 'library',
    absent: 'the editor setting `sesscache.library` (default `openssl-3.0`)',
    example: 'library openssl-3.0',
  },
  {
    name: 'protocol',
    scope: 'server',
    value: 'protocols',
    expected: 'TLSv1.2, TLSv1.3 or both',
    summary: 'The TLS versions the server accepts',
    description:
      'The protocol versions the server accepts: one of them or both. The session cache works differently for each: TLS 1.2 ' +
      'announces session IDs and tickets carry no ID, TLS 1.3 resumes over tickets only (spec §3.2). A simulation pins one ' +
      'version, the **last** one listed.',
    functions: ['SSL_CTX_set_min_proto_version', 'SSL_CTX_set_max_proto_version'],
    contractField: 'protocol',
    absent: 'both (TLS_method negotiates the highest; OpenSSL 1.0.2 has TLS 1.2 only)',
    example: 'protocol TLSv1.2 TLSv1.3',
  },
  {
    name: 'mode',
    scope: 'server',
    value: 'mode',
    expected: 'flag names or numbers joined by "|", e.g. SERVER | NO_INTERNAL',
    summary: 'The session cache mode (SSL_CTX_set_session_cache_mode)',
    description:
      'The value given to `SSL_CTX_set_session_cache_mode`: flag names, with or without `SSL_SESS_CACHE_` (exact case), and ' +
      'numbers (decimal or `0x` hex) joined by `|`. It decides whether new sessions are stored in the internal cache and ' +
      'given to `new_session_cb`, whether the internal cache is looked up, and whether it is flushed automatically (spec §3, §4).',
    functions: ['SSL_CTX_set_session_cache_mode'],
    contractField: 'server.mode',
    absent: 'not called: `SSL_SESS_CACHE_SERVER`, the default (spec §2)',
    example: 'mode SERVER | NO_INTERNAL',
  },
  {
    name: 'cache-size',
    scope: 'server',
    value: 'count',
    min: 0,
    max: MAX_WHOLE,
    expected: 'a whole number of sessions (0 = unlimited)',
    summary: 'The internal cache size; 0 = unlimited',
    description:
      'How many sessions the internal cache holds before it evicts; `0` means unlimited. OpenSSL 3.x holds at most ' +
      '`max(1, size-1)` and evicts the session that expires first; older lines evict the oldest insertion (spec §5.2).',
    functions: ['SSL_CTX_sess_set_cache_size'],
    contractField: 'server.cacheSize',
    absent: 'not called: 20480 (`SSL_SESSION_CACHE_MAX_SIZE_DEFAULT`, spec §2)',
    example: 'cache-size 20480',
  },
  {
    name: 'timeout',
    scope: 'server',
    value: 'duration',
    min: 1,
    max: MAX_WHOLE,
    expected: 'a duration: whole seconds, or a number with a unit s, m, h or d (300, 5m, 2h, 1h30m)',
    summary: 'How long new sessions stay valid',
    description:
      'The lifetime of sessions created from now on, in seconds (units `s`, `m`, `h`, `d` are converted). A session ' +
      'expires when `now > time + timeout` (spec §2); expired sessions are removed on lookup and by flushes.',
    functions: ['SSL_CTX_set_timeout'],
    contractField: 'server.timeout',
    absent: 'not called: 7200 s (300 s for OpenSSL 1.0.2\'s SSLv23_method, spec §2)',
    example: 'timeout 5m',
  },
  {
    name: 'session-id-context',
    scope: 'server',
    value: 'string',
    max: 32,
    expected: 'a "quoted" string of at most 32 bytes',
    summary: 'The session id context (at most 32 bytes)',
    description:
      'The bytes every new session is tagged with, at most 32 bytes (`SSL_MAX_SID_CTX_LENGTH`); a session is only resumed by a ' +
      'context with the same bytes. With ' +
      '`verify-peer yes` a context is required: without one, sessions are not cached (1.1.0+) and a resumption fails the ' +
      'handshake (spec §4.3). `""` is allowed and is the same as none. Escapes: `\\"`, `\\\\`, `\\n`, `\\r`, `\\t`, `\\u{HEX}`.',
    functions: ['SSL_CTX_set_session_id_context'],
    contractField: 'server.sessionIdContext',
    absent: 'not called: no context (length 0)',
    example: 'session-id-context "example"',
  },
  {
    name: 'verify-peer',
    scope: 'server',
    value: 'boolean',
    expected: 'yes or no',
    summary: 'Request client certificates (SSL_VERIFY_PEER)',
    description:
      '`yes`: the server requests a client certificate (`SSL_VERIFY_PEER`, with a callback that accepts any). Sessions then ' +
      'need a session id context (spec §4.3).',
    functions: ['SSL_CTX_set_verify'],
    contractField: 'server.verifyPeer',
    absent: 'no (`SSL_VERIFY_NONE`)',
    example: 'verify-peer no',
  },
  {
    name: 'tickets',
    scope: 'server',
    value: 'boolean',
    expected: 'yes or no',
    summary: 'Session tickets on or off (SSL_OP_NO_TICKET)',
    description:
      '`no` sets `SSL_OP_NO_TICKET`: TLS 1.2 sessions then get IDs and go through the cache; TLS 1.3 sessions become ' +
      'stateful and are stored (spec §3.2). `yes` (the default) leaves tickets on: TLS 1.2 ticket sessions are never stored.',
    functions: ['SSL_CTX_set_options', 'SSL_CTX_clear_options'],
    contractField: 'server.tickets',
    absent: 'yes (tickets on)',
    example: 'tickets yes',
  },
  {
    name: 'num-tickets',
    scope: 'server',
    value: 'count',
    min: 0,
    max: MAX_WHOLE,
    expected: 'a whole number of tickets',
    summary: 'TLS 1.3 tickets sent per handshake',
    description:
      'How many TLS 1.3 tickets the server sends after a full handshake; each is a separate session (spec §3.1). `0` sends ' +
      'none, which with `tickets no` ends TLS 1.3 resumption. No effect on TLS 1.2.',
    functions: ['SSL_CTX_set_num_tickets'],
    contractField: 'server.numTickets',
    absent: 'not called: 2 (spec §3.1)',
    example: 'num-tickets 2',
  },
  {
    name: 'callbacks',
    scope: 'server',
    value: 'callbacks',
    expected: 'any of new, get and remove, or none',
    summary: 'The external cache callbacks registered',
    description:
      'Which external-cache callbacks the application registers: `new` (`new_session_cb`: store a serialized copy), `get` ' +
      '(`get_session_cb`: look up an ID the internal cache does not have), `remove` (`remove_session_cb`: delete it). ' +
      '`none` registers none.',
    functions: ['SSL_CTX_sess_set_new_cb', 'SSL_CTX_sess_set_get_cb', 'SSL_CTX_sess_set_remove_cb'],
    contractField: 'server.callbacks',
    absent: 'none',
    example: 'callbacks new get remove',
  },
];

export const WORKLOAD_HEADER: DirectiveSpec = {
  name: 'workload',
  scope: 'header',
  value: 'name',
  expected: 'a name of letters, digits, "-", "_" and "."',
  summary: 'A named workload to simulate (fields indented below)',
  description:
    'Starts a named workload: a seeded generator of client connections that the simulator runs against the server above. ' +
    'Its fields follow on indented lines; a `preset` gives defaults for the fields not written.',
  contractField: 'workload',
  absent: 'the preset `web`',
  example: 'workload peak',
};

export const WORKLOAD_DIRECTIVES: readonly DirectiveSpec[] = [
  {
    name: 'preset',
    scope: 'workload',
    value: 'preset',
    expected: 'web, api or mail',
    summary: 'Defaults for the fields not written',
    description: 'A typical load whose values apply to every field this workload does not write: `web`, `api` or `mail`.',
    absent: 'no preset: the contract defaults (100 clients, 1000 connections, rate 10, resume 0.9, abort 0)',
    example: 'preset web',
  },
  {
    name: 'clients',
    scope: 'workload',
    value: 'count',
    min: 1,
    max: MAX_CLIENTS,
    expected: `a whole number of clients (1 to ${MAX_CLIENTS})`,
    summary: 'How many distinct clients',
    description: 'How many distinct clients connect; each keeps the last session it obtained and offers it when it comes back.',
    contractField: 'workload.clients',
    absent: '100 (or the preset\'s)',
    example: 'clients 5000',
  },
  {
    name: 'connections',
    scope: 'workload',
    value: 'count',
    min: 0,
    max: MAX_WHOLE,
    expected: 'a whole number of connections',
    summary: 'Total connections (or give duration)',
    description: 'The total number of connections. Give either `connections` or `duration`, not both.',
    contractField: 'workload.connections',
    absent: '1000 (or the preset\'s)',
    example: 'connections 100000',
  },
  {
    name: 'duration',
    scope: 'workload',
    value: 'duration',
    min: 1,
    max: MAX_WHOLE,
    expected: 'a duration: whole seconds, or a number with a unit s, m, h or d (3600, 90m, 1h)',
    summary: 'How long the workload runs (connections = duration × rate)',
    description: 'How long the workload runs; the number of connections is `duration × rate`, rounded down. Give either `connections` or `duration`, not both.',
    contractField: 'workload.duration',
    absent: 'the connection count decides',
    example: 'duration 1h',
  },
  {
    name: 'rate',
    scope: 'workload',
    value: 'rate',
    min: 1e-6,
    max: 1e9,
    expected: 'connections per second, e.g. 30, 0.5, or 2/m with a unit /s, /m or /h',
    summary: 'Mean connections per second',
    description: 'The mean arrival rate in connections per second (exponential inter-arrival times); `/m` and `/h` give it per minute or hour.',
    contractField: 'workload.rate',
    absent: '10 per second (or the preset\'s)',
    example: 'rate 30',
  },
  {
    name: 'resume',
    scope: 'workload',
    value: 'probability',
    min: 0,
    max: 1,
    expected: 'a probability from 0 to 1, or a percentage (0.9, 90%)',
    summary: 'Probability that a returning client offers its session',
    description: 'The probability that a returning client offers the session it has (`SSL_set_session`); otherwise it makes a full handshake and keeps its session.',
    contractField: 'workload.resumeProbability',
    absent: '0.9 (or the preset\'s)',
    example: 'resume 0.9',
  },
  {
    name: 'abort',
    scope: 'workload',
    value: 'probability',
    min: 0,
    max: 1,
    expected: 'a probability from 0 to 1, or a percentage (0.02, 2%)',
    summary: 'Probability of an unclean close',
    description: 'The probability that a connection ends without close_notify. The library then removes the session from the cache (spec §5.3).',
    contractField: 'workload.abortProbability',
    absent: '0 (or the preset\'s)',
    example: 'abort 0.02',
  },
  {
    name: 'flush-interval',
    scope: 'workload',
    value: 'duration',
    min: 0,
    max: MAX_WHOLE,
    expected: 'a duration: whole seconds, or a number with a unit s, m, h or d (600, 10m); 0 = never',
    summary: 'Seconds between explicit flushes; 0 = never',
    description: 'How often the application calls `SSL_CTX_flush_sessions`; `0` never does (needed with `NO_AUTO_CLEAR`, spec §3.3).',
    contractField: 'workload.flushInterval',
    absent: '0: never (or the preset\'s)',
    example: 'flush-interval 10m',
  },
  {
    name: 'flush',
    scope: 'workload',
    value: 'flush',
    expected: 'expired or all',
    summary: 'What each explicit flush removes',
    description: '`expired`: `SSL_CTX_flush_sessions(ctx, now)`, the expired sessions; `all`: `SSL_CTX_flush_sessions(ctx, 0)`, every session.',
    contractField: 'workload.flush',
    absent: 'expired',
    example: 'flush expired',
  },
  {
    name: 'start',
    scope: 'workload',
    value: 'duration',
    min: 0,
    max: MAX_WHOLE,
    expected: 'a duration: whole seconds, or a number with a unit s, m, h or d',
    summary: 'Virtual time before the first connection',
    description: 'Seconds of virtual time before the first connection.',
    contractField: 'workload.start',
    absent: '0',
    example: 'start 0',
  },
  {
    name: 'seed',
    scope: 'workload',
    value: 'count',
    min: 0,
    max: MAX_WHOLE,
    expected: 'a whole number',
    summary: 'The random seed (same seed, same run)',
    description: 'The seed of the random generator: the same seed gives the same connections everywhere.',
    contractField: 'workload.seed',
    absent: '1',
    example: 'seed 1',
  },
];

export const ALL_DIRECTIVES: readonly DirectiveSpec[] = [...SERVER_DIRECTIVES, WORKLOAD_HEADER, ...WORKLOAD_DIRECTIVES];

const byName = new Map(ALL_DIRECTIVES.map((d) => [d.name, d]));

export function findDirective(name: string): DirectiveSpec | undefined {
  return byName.get(name);
}

/** The workload field names and the scenario contract's names for them. */
export const WORKLOAD_FIELD_TO_CONTRACT: Readonly<Record<string, string>> = Object.fromEntries(
  WORKLOAD_DIRECTIVES.filter((d) => d.contractField).map((d) => [d.name, d.contractField!.slice('workload.'.length)]),
);

export const BOOLEAN_WORDS = ['yes', 'no'] as const;
export const FLUSH_KINDS = ['expired', 'all'] as const;

/** Seconds per duration unit. */
export const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };
