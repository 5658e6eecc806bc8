/**
 * The scenario contract, version 1 (docs/spec/scenario-contract.md): the simulator's input and
 * output types and a strict parser for scenario files. Pure: no I/O.
 *
 * The parser is the contract's gatekeeper: anything the contract calls invalid (unknown fields at
 * any level, duplicate keys, bad flag names, `at` going backwards, an id context over 32 UTF-8
 * bytes, numbers that are not whole or out of range, trailing text, ...) throws a ScenarioError
 * whose message starts with the field path, e.g. `events[3].at: goes backwards (12 after 15)`.
 * Nothing is simulated for such a scenario.
 */
import { Workload, WorkloadError, memberPath, parseWorkload } from './workload';
import { FLAGS, FLAG_PREFIX, findFlagByAnyName } from '../knowledge/flags';
import { DEFAULT_LIBRARY, LIBRARY_IDS, isLibraryId } from '../knowledge/libraries';
import type { LibraryId } from '../knowledge/libraries';
import { closestName } from '../util/closest';

// ---------------------------------------------------------------------------------------------
// Input

export const SCENARIO_VERSION = 1;

export const PROTOCOLS = ['TLSv1.2', 'TLSv1.3'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const CALLBACK_NAMES = ['new', 'get', 'remove'] as const;
export type CallbackName = (typeof CALLBACK_NAMES)[number];

/**
 * The server SSL_CTX's configuration. An absent field means the setter is not called (the
 * library default applies; see resolvedServer).
 */
export interface ServerConfig {
  /** The value given to SSL_CTX_set_session_cache_mode, 0..0xFFFFFFFF (a mode string is evaluated). */
  mode?: number;
  /** SSL_CTX_sess_set_cache_size; 0 = unlimited. */
  cacheSize?: number;
  /** SSL_CTX_set_timeout, seconds >= 1. */
  timeout?: number;
  /** SSL_CTX_set_session_id_context with these bytes (UTF-8, at most 32; "" = length 0). */
  sessionIdContext?: string;
  /** SSL_VERIFY_PEER with an accept-all verify callback; clients then present a certificate. Default false. */
  verifyPeer?: boolean;
  /** false sets SSL_OP_NO_TICKET. Default true. */
  tickets?: boolean;
  /** SSL_CTX_set_num_tickets (TLS 1.3 only; accepted and called on TLS 1.2, where it does nothing). */
  numTickets?: number;
  /** The registered external-cache callbacks: deduplicated, in the order new, get, remove. */
  callbacks?: CallbackName[];
}

/** `{"at": t, "connect": NAME}`: one full client connection at time t. */
export interface ConnectEvent {
  at: number;
  connect: string;
  /** false: offer nothing this time (the stored session is kept). Absent = true. */
  resume?: boolean;
  /** true: both sides are freed without SSL_shutdown. Absent = false. */
  abort?: boolean;
}

/** `{"at": t, "flush": "expired" | "all"}`: SSL_CTX_flush_sessions(ctx, now) or (ctx, 0). */
export interface FlushEvent {
  at: number;
  flush: 'expired' | 'all';
}

export type ScenarioEvent = ConnectEvent | FlushEvent;

/** A validated scenario, as parseScenario returns it (library filled in, server always present). */
export interface Scenario {
  version: 1;
  library: LibraryId;
  protocol: Protocol;
  server: ServerConfig;
  /** Empty when the scenario gives a `workload` instead (which expands to events lazily). */
  events: ScenarioEvent[];
  workload?: Workload;
}

export function isConnectEvent(e: ScenarioEvent): e is ConnectEvent {
  return 'connect' in e;
}

// ---------------------------------------------------------------------------------------------
// Output

export interface ConnectTraceEntry {
  event: number;
  kind: 'connect';
  client: string;
  offered: boolean;
  resumed: boolean;
  failed: boolean;
  number: number;
}

export interface FlushTraceEntry {
  event: number;
  kind: 'flush';
  number: number;
}

export type TraceEntry = ConnectTraceEntry | FlushTraceEntry;

export interface ScenarioCounters {
  number: number;
  accept: number;
  acceptGood: number;
  hits: number;
  misses: number;
  timeouts: number;
  cbHits: number;
  cacheFull: number;
  newCalls: number;
  getCalls: number;
  removeCalls: number;
  externalSize: number;
}

export interface ScenarioResult {
  trace: TraceEntry[];
  counters: ScenarioCounters;
}

/** The counters in the contract's order. */
export const COUNTER_NAMES: readonly (keyof ScenarioCounters)[] = [
  'number', 'accept', 'acceptGood', 'hits', 'misses', 'timeouts',
  'cbHits', 'cacheFull', 'newCalls', 'getCalls', 'removeCalls', 'externalSize',
];

/** The fields of a trace entry in the contract's order. */
export const CONNECT_ENTRY_FIELDS: readonly (keyof ConnectTraceEntry)[] = [
  'event', 'kind', 'client', 'offered', 'resumed', 'failed', 'number',
];
export const FLUSH_ENTRY_FIELDS: readonly (keyof FlushTraceEntry)[] = ['event', 'kind', 'number'];

export function zeroCounters(): ScenarioCounters {
  return {
    number: 0, accept: 0, acceptGood: 0, hits: 0, misses: 0, timeouts: 0,
    cbHits: 0, cacheFull: 0, newCalls: 0, getCalls: 0, removeCalls: 0, externalSize: 0,
  };
}

/**
 * Where two results disagree (the contract: every field of every entry and every counter equal),
 * as lines like `trace[3].resumed: expected true, got false`. Empty when they agree.
 */
export function diffResults(expected: ScenarioResult, actual: ScenarioResult): string[] {
  const out: string[] = [];
  const n = Math.max(expected.trace.length, actual.trace.length);
  for (let i = 0; i < n; i++) {
    const e = expected.trace[i] as unknown as Record<string, unknown> | undefined;
    const a = actual.trace[i] as unknown as Record<string, unknown> | undefined;
    if (!e || !a) {
      out.push(`trace[${i}]: ${e ? 'missing' : 'unexpected'}`);
      continue;
    }
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (e[key] !== a[key]) out.push(`trace[${i}].${key}: expected ${JSON.stringify(e[key])}, got ${JSON.stringify(a[key])}`);
    }
  }
  for (const key of COUNTER_NAMES) {
    if (expected.counters[key] !== actual.counters[key]) {
      out.push(`counters.${key}: expected ${expected.counters[key]}, got ${actual.counters[key]}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Defaults

/** A server configuration with every library default filled in. */
export interface ResolvedServer {
  mode: number;
  cacheSize: number;
  timeout: number;
  /** "" when absent: the same as no context. */
  sessionIdContext: string;
  verifyPeer: boolean;
  tickets: boolean;
  numTickets: number;
  callbacks: { new: boolean; get: boolean; remove: boolean };
}

/** SSL_SESS_CACHE_SERVER (spec §2: the default mode in every line, client contexts too). */
export const DEFAULT_MODE = 0x0002;
/** SSL_SESSION_CACHE_MAX_SIZE_DEFAULT = 1024*20 (spec §2, every library). */
export const DEFAULT_CACHE_SIZE = 20480;
/** ret->num_tickets = 2 (spec §3.1); BoringSSL's kNumTickets is 2 as well. */
export const DEFAULT_NUM_TICKETS = 2;

/**
 * The library's default session timeout for the method a program pinned to one protocol uses
 * (spec §2): 7200 s for TLS_method (1.1.0+, LibreSSL, BoringSSL's TLS ≤1.2 timeout). Up to 1.0.2
 * the usual "any version" method is SSLv23_method, whose default is 300 s.
 */
export function defaultTimeout(library: LibraryId): number {
  return library === 'openssl-1.0.2' ? 300 : 7200;
}

/** The server configuration with library defaults for everything the scenario does not set. */
export function resolvedServer(s: Pick<Scenario, 'library' | 'server'>): ResolvedServer {
  const server = s.server ?? {};
  const callbacks = new Set(server.callbacks ?? []);
  return {
    mode: server.mode ?? DEFAULT_MODE,
    cacheSize: server.cacheSize ?? DEFAULT_CACHE_SIZE,
    timeout: server.timeout ?? defaultTimeout(s.library ?? DEFAULT_LIBRARY),
    sessionIdContext: server.sessionIdContext ?? '',
    verifyPeer: server.verifyPeer ?? false,
    tickets: server.tickets ?? true,
    numTickets: server.numTickets ?? DEFAULT_NUM_TICKETS,
    callbacks: { new: callbacks.has('new'), get: callbacks.has('get'), remove: callbacks.has('remove') },
  };
}

// ---------------------------------------------------------------------------------------------
// Errors

/** A scenario that breaks the contract. `path` is the field, e.g. "events[3].at" ("" = the whole text). */
export class ScenarioError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'ScenarioError';
  }
}

type PathPart = string | number;

function formatPath(parts: readonly PathPart[]): string {
  return parts.reduce<string>(memberPath, '');
}

// ---------------------------------------------------------------------------------------------
// A strict JSON reader: RFC 8259 grammar, plus duplicate keys and lone surrogates rejected.
// Numbers keep their source text so that "whole number" can be decided exactly.

class JsonNumber {
  constructor(readonly text: string) {}
}
class JsonObject {
  readonly entries = new Map<string, Json>();
}

/** A checked JSON value as plain JavaScript (numbers as doubles), for parts validated elsewhere. */
function plainJson(value: Json): unknown {
  if (value instanceof JsonNumber) return Number(value.text);
  if (value instanceof JsonObject) return Object.fromEntries([...value.entries].map(([k, v]) => [k, plainJson(v)]));
  if (Array.isArray(value)) return value.map(plainJson);
  return value;
}
type Json = null | boolean | string | JsonNumber | Json[] | JsonObject;

const MAX_DEPTH = 64;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

class JsonReader {
  private pos = 0;
  private readonly path: PathPart[] = [];

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1; // a byte order mark is ignored (RFC 8259 §8.1)
  }

  readDocument(): Json {
    this.skipBlank();
    if (this.pos >= this.text.length) this.fail('empty input: expected a JSON object');
    const value = this.readValue();
    this.skipBlank();
    if (this.pos < this.text.length) {
      this.path.length = 0;
      this.fail('trailing text after the JSON');
    }
    return value;
  }

  private fail(what: string): never {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < this.pos && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    const where = this.pos >= this.text.length ? 'at the end of the input' : `at line ${line}, column ${this.pos - lineStart + 1}`;
    throw new ScenarioError(formatPath(this.path), `${what} (${where})`);
  }

  private skipBlank(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  private found(): string {
    if (this.pos >= this.text.length) return 'the end of the input';
    return JSON.stringify(String.fromCodePoint(this.text.codePointAt(this.pos)!));
  }

  private readValue(): Json {
    const c = this.text[this.pos];
    if (c === '{') return this.readObject();
    if (c === '[') return this.readArray();
    if (c === '"') return this.readString();
    if (c === '-' || (c >= '0' && c <= '9')) return this.readNumber();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail(`invalid JSON: expected a value, found ${this.found()}`);
  }

  private enter(): void {
    if (this.path.length >= MAX_DEPTH) this.fail('invalid JSON: nested too deeply');
  }

  private readObject(): JsonObject {
    this.enter();
    const obj = new JsonObject();
    this.pos++; // {
    this.skipBlank();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return obj;
    }
    for (;;) {
      if (this.text[this.pos] !== '"') this.fail(`invalid JSON: expected a "quoted" field name, found ${this.found()}`);
      const keyStart = this.pos;
      const key = this.readString();
      this.path.push(key);
      if (obj.entries.has(key)) {
        this.pos = keyStart;
        this.fail('duplicate key');
      }
      this.skipBlank();
      if (this.text[this.pos] !== ':') this.fail(`invalid JSON: expected ":" after the field name, found ${this.found()}`);
      this.pos++;
      this.skipBlank();
      obj.entries.set(key, this.readValue());
      this.path.pop();
      this.skipBlank();
      const c = this.text[this.pos];
      if (c === '}') {
        this.pos++;
        return obj;
      }
      if (c !== ',') this.fail(`invalid JSON: expected "," or "}", found ${this.found()}`);
      this.pos++;
      this.skipBlank();
    }
  }

  private readArray(): Json[] {
    this.enter();
    const out: Json[] = [];
    this.pos++; // [
    this.skipBlank();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.path.push(out.length);
      out.push(this.readValue());
      this.path.pop();
      this.skipBlank();
      const c = this.text[this.pos];
      if (c === ']') {
        this.pos++;
        return out;
      }
      if (c !== ',') this.fail(`invalid JSON: expected "," or "]", found ${this.found()}`);
      this.pos++;
      this.skipBlank();
    }
  }

  private readString(): string {
    const t = this.text;
    this.pos++; // opening quote
    let out = '';
    let chunk = this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail('invalid JSON: unterminated string');
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) break;
      if (c < 0x20) this.fail('invalid JSON: control character in a string (write it as an escape)');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += t.slice(chunk, this.pos);
      const e = t[this.pos + 1];
      if (e !== undefined && e in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[e];
        this.pos += 2;
      } else if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(t.slice(this.pos + 2, this.pos + 6))) {
        out += String.fromCharCode(parseInt(t.slice(this.pos + 2, this.pos + 6), 16));
        this.pos += 6;
      } else {
        this.fail('invalid JSON: bad escape in a string');
      }
      chunk = this.pos;
    }
    out += t.slice(chunk, this.pos);
    const lone = LONE_SURROGATE.exec(out);
    if (lone) {
      this.fail(`invalid string: lone surrogate \\u${lone[0].charCodeAt(0).toString(16).toUpperCase()} is not Unicode text`);
    }
    this.pos++; // closing quote
    return out;
  }

  private readNumber(): JsonNumber {
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.text);
    if (!r || r[0] === '-') this.fail('invalid JSON: bad number');
    this.pos += r[0].length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9.eE+\-A-Za-z_]/.test(next)) this.fail('invalid JSON: bad number');
    return new JsonNumber(r[0]);
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers: whole numbers (1.0 counts as 1) up to 2^53-1, decided on the decimal text exactly.

const MAX_WHOLE = Number.MAX_SAFE_INTEGER; // 2^53-1

type Decimal = { whole: false } | { whole: true; negative: boolean; value: bigint };

function decimalOf(text: string): Decimal {
  const m = /^(-)?([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(text)!;
  const frac = m[3] ?? '';
  let digits = (m[2] + frac).replace(/^0+/, '');
  if (digits === '') return { whole: true, negative: false, value: 0n }; // 0, -0, 0.000e5
  let exp = Number(m[4] ?? '0') - frac.length;
  // By hand: /0+$/ would retry at every zero of a long run (quadratic).
  let significant = digits.length;
  while (digits.charCodeAt(significant - 1) === 48) significant--;
  const trimmed = digits.slice(0, significant);
  exp += digits.length - trimmed.length;
  digits = trimmed;
  if (exp < 0) return { whole: false };
  // Anything with more than 17 digits is far above 2^53; cap it so that huge exponents stay cheap.
  const value = digits.length + exp > 17 ? 10n ** 17n : BigInt(digits + '0'.repeat(exp));
  return { whole: true, negative: m[1] === '-', value };
}

function describe(v: Json | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return 'an array';
  return 'an object';
}

function wholeNumber(v: Json, path: string, min: number, max = MAX_WHOLE, maxText = String(max)): number {
  if (!(v instanceof JsonNumber)) throw new ScenarioError(path, `must be a whole number, got ${describe(v)}`);
  const d = decimalOf(v.text);
  if (!d.whole) throw new ScenarioError(path, `must be a whole number, got ${v.text}`);
  const signed = d.negative ? -d.value : d.value;
  if (signed < BigInt(min)) throw new ScenarioError(path, `must be at least ${min}, got ${v.text}`);
  if (signed > BigInt(max)) throw new ScenarioError(path, `must be at most ${maxText}, got ${v.text}`);
  return Number(signed);
}

// ---------------------------------------------------------------------------------------------
// The mode string

const MAX_MODE = 0xffffffff;

/**
 * Evaluates a mode string of the contract's grammar: tokens joined by "|", blanks (spaces, tabs)
 * allowed around "|"; a token is a flag name (exact case, with or without SSL_SESS_CACHE_) or a
 * number (decimal or 0x hex); the value is 0..0xFFFFFFFF and unknown bits pass through.
 * Stricter than a C expression on purpose: no parentheses, no other operators.
 */
export function parseModeString(text: string, path = 'server.mode'): number {
  let value = 0;
  const parts = text.split('|');
  parts.forEach((raw, i) => {
    const token = trimBlanks(raw);
    if (token === '') {
      if (parts.length === 1) throw new ScenarioError(path, 'is empty (give flag names or a number)');
      const where = i === 0 ? 'before the first "|"' : i === parts.length - 1 ? 'after the last "|"' : 'between two "|"';
      throw new ScenarioError(path, `empty flag ${where}`);
    }
    if (i === 0 && !/^[^ \t]/.test(raw)) throw new ScenarioError(path, 'starts with a blank (blanks are allowed only around "|")');
    if (i === parts.length - 1 && !/[^ \t]$/.test(raw)) throw new ScenarioError(path, 'ends with a blank (blanks are allowed only around "|")');
    value = (value | parseModeToken(token, path)) >>> 0;
  });
  return value;
}

/** `s` without the spaces and tabs around it, in linear time (a /[ \t]+$/ regex is quadratic on long inner runs). */
function trimBlanks(s: string): string {
  const blank = (c: number) => c === 0x20 || c === 0x09;
  let from = 0;
  let to = s.length;
  while (from < to && blank(s.charCodeAt(from))) from++;
  while (to > from && blank(s.charCodeAt(to - 1))) to--;
  return s.slice(from, to);
}

function parseModeToken(token: string, path: string): number {
  if (/^[0-9]+$/.test(token)) return modeNumber(token, BigInt(token), path);
  if (/^0x[0-9A-Fa-f]+$/.test(token)) return modeNumber(token, BigInt(token), path);
  if (/^0X[0-9A-Fa-f]+$/.test(token)) throw new ScenarioError(path, `"${token}": write hex numbers with a lowercase 0x`);
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(token)) {
    const flag = findFlagByAnyName(token);
    if (flag) return flag.value;
    const candidates = token.startsWith(FLAG_PREFIX) ? FLAGS.map((f) => f.name) : FLAGS.map((f) => f.shortName);
    const suggestion = closestName(token, candidates);
    const hint = suggestion
      ? suggestion.toUpperCase() === token.toUpperCase()
        ? `; flag names are case-sensitive: ${suggestion}`
        : `; did you mean ${suggestion}?`
      : '';
    throw new ScenarioError(path, `unknown flag "${token}"${hint}`);
  }
  if (/[ \t]/.test(token)) {
    throw new ScenarioError(path, `"${token}": flags must be joined by "|"`);
  }
  throw new ScenarioError(path, `"${token}" is not a flag name or a number (a mode string is flag names and numbers joined by "|")`);
}

function modeNumber(token: string, v: bigint, path: string): number {
  if (v > BigInt(MAX_MODE)) throw new ScenarioError(path, `${token} is out of range (0..0xFFFFFFFF)`);
  return Number(v);
}

// ---------------------------------------------------------------------------------------------
// Validation

function expectObject(v: Json | undefined, path: string): JsonObject {
  if (!(v instanceof JsonObject)) throw new ScenarioError(path, `must be an object, got ${describe(v)}`);
  return v;
}

function checkFields(obj: JsonObject, parts: readonly PathPart[], allowed: readonly string[]): void {
  for (const key of obj.entries.keys()) {
    if (allowed.includes(key)) continue;
    const suggestion = closestName(key, allowed);
    throw new ScenarioError(formatPath([...parts, key]), 'unknown field' + (suggestion ? `; did you mean "${suggestion}"?` : ''));
  }
}

function boolean(v: Json, path: string): boolean {
  if (typeof v !== 'boolean') throw new ScenarioError(path, `must be true or false, got ${describe(v)}`);
  return v;
}

function string(v: Json, path: string): string {
  if (typeof v !== 'string') throw new ScenarioError(path, `must be a string, got ${describe(v)}`);
  return v;
}

const TOP_FIELDS = ['version', 'library', 'protocol', 'server', 'events', 'workload'] as const;
const SERVER_FIELDS = ['mode', 'cacheSize', 'timeout', 'sessionIdContext', 'verifyPeer', 'tickets', 'numTickets', 'callbacks'] as const;
const EVENT_FIELDS = ['at', 'connect', 'flush', 'resume', 'abort'] as const;

/** Parses and validates a scenario file's text. Throws ScenarioError naming the field. */
export function parseScenario(text: string): Scenario {
  const root = expectObject(new JsonReader(text).readDocument(), '');
  checkFields(root, [], TOP_FIELDS);
  const get = (key: string) => root.entries.get(key);


  const version = get('version');
  if (version === undefined) throw new ScenarioError('version', 'required (1)');
  const v = version instanceof JsonNumber ? decimalOf(version.text) : undefined;
  if (!v || !v.whole || v.negative || v.value !== 1n) {
    throw new ScenarioError('version', `must be ${SCENARIO_VERSION}, got ${describe(version)}`);
  }

  let library: LibraryId = DEFAULT_LIBRARY;
  const lib = get('library');
  if (lib !== undefined) {
    const name = string(lib, 'library');
    if (!isLibraryId(name)) throw new ScenarioError('library', `unknown library ${JSON.stringify(name)}; expected one of: ${LIBRARY_IDS.join(', ')}`);
    library = name;
  }

  const proto = get('protocol');
  if (proto === undefined) throw new ScenarioError('protocol', 'required ("TLSv1.2" or "TLSv1.3")');
  const protocol = string(proto, 'protocol');
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new ScenarioError('protocol', `must be "TLSv1.2" or "TLSv1.3", got ${JSON.stringify(protocol)}`);
  }

  const serverJson = get('server');
  const server = serverJson === undefined ? {} : parseServer(expectObject(serverJson, 'server'));

  const workloadJson = get('workload');
  const eventsJson = get('events');
  if (workloadJson !== undefined) {
    if (eventsJson !== undefined) throw new ScenarioError('workload', 'give either "events" or "workload", not both');
    let workload: Workload;
    try {
      workload = parseWorkload(plainJson(workloadJson), 'workload');
    } catch (e) {
      if (e instanceof WorkloadError) throw new ScenarioError(e.path, e.message.slice(e.path.length + 2));
      throw e;
    }
    return { version: 1, library, protocol: protocol as Protocol, server, events: [], workload };
  }
  if (eventsJson === undefined) throw new ScenarioError('events', 'required (a list of connect and flush events; may be empty), or a "workload"');
  if (!Array.isArray(eventsJson)) throw new ScenarioError('events', `must be an array, got ${describe(eventsJson)}`);
  const events: ScenarioEvent[] = [];
  let lastAt = 0;
  eventsJson.forEach((item, i) => {
    const event = parseEvent(item, i);
    if (i > 0 && event.at < lastAt) throw new ScenarioError(`events[${i}].at`, `goes backwards (${event.at} after ${lastAt})`);
    lastAt = event.at;
    events.push(event);
  });

  return { version: 1, library, protocol: protocol as Protocol, server, events };
}

function parseServer(obj: JsonObject): ServerConfig {
  checkFields(obj, ['server'], SERVER_FIELDS);
  const out: ServerConfig = {};
  const e = obj.entries;
  const mode = e.get('mode');
  if (mode !== undefined) {
    if (typeof mode === 'string') out.mode = parseModeString(mode, 'server.mode');
    else if (mode instanceof JsonNumber) out.mode = wholeNumber(mode, 'server.mode', 0, MAX_MODE, '4294967295 (0xFFFFFFFF)');
    else throw new ScenarioError('server.mode', `must be a number or a string of flag names, got ${describe(mode)}`);
  }
  const cacheSize = e.get('cacheSize');
  if (cacheSize !== undefined) out.cacheSize = wholeNumber(cacheSize, 'server.cacheSize', 0);
  const timeout = e.get('timeout');
  if (timeout !== undefined) out.timeout = wholeNumber(timeout, 'server.timeout', 1);
  const sidCtx = e.get('sessionIdContext');
  if (sidCtx !== undefined) {
    const s = string(sidCtx, 'server.sessionIdContext');
    const bytes = utf8Length(s);
    if (bytes > 32) throw new ScenarioError('server.sessionIdContext', `is ${bytes} bytes (UTF-8); at most 32 are allowed`);
    out.sessionIdContext = s;
  }
  const verifyPeer = e.get('verifyPeer');
  if (verifyPeer !== undefined) out.verifyPeer = boolean(verifyPeer, 'server.verifyPeer');
  const tickets = e.get('tickets');
  if (tickets !== undefined) out.tickets = boolean(tickets, 'server.tickets');
  const numTickets = e.get('numTickets');
  if (numTickets !== undefined) out.numTickets = wholeNumber(numTickets, 'server.numTickets', 0);
  const callbacks = e.get('callbacks');
  if (callbacks !== undefined) {
    if (!Array.isArray(callbacks)) throw new ScenarioError('server.callbacks', `must be an array of "new", "get", "remove", got ${describe(callbacks)}`);
    const seen = new Set<CallbackName>();
    callbacks.forEach((c, i) => {
      const path = `server.callbacks[${i}]`;
      const name = string(c, path);
      if (!(CALLBACK_NAMES as readonly string[]).includes(name)) {
        const suggestion = closestName(name, CALLBACK_NAMES);
        throw new ScenarioError(path, `unknown callback ${JSON.stringify(name)}; expected "new", "get" or "remove"` + (suggestion ? ` (did you mean "${suggestion}"?)` : ''));
      }
      seen.add(name as CallbackName);
    });
    out.callbacks = CALLBACK_NAMES.filter((n) => seen.has(n));
  }
  return out;
}

function parseEvent(item: Json, i: number): ScenarioEvent {
  const base = `events[${i}]`;
  const obj = expectObject(item, base);
  checkFields(obj, ['events', i], EVENT_FIELDS);
  const e = obj.entries;
  const hasConnect = e.has('connect');
  const hasFlush = e.has('flush');
  if (hasConnect && hasFlush) throw new ScenarioError(base, 'has both "connect" and "flush" (one event does one thing)');
  if (!hasConnect && !hasFlush) throw new ScenarioError(base, 'needs "connect" (a client name) or "flush" ("expired" or "all")');
  const atJson = e.get('at');
  if (atJson === undefined) throw new ScenarioError(`${base}.at`, 'required (whole seconds from the start)');
  const at = wholeNumber(atJson, `${base}.at`, 0);
  if (hasFlush) {
    for (const key of ['resume', 'abort']) {
      if (e.has(key)) throw new ScenarioError(`${base}.${key}`, 'not allowed on a flush (only on a connect)');
    }
    const flush = string(e.get('flush')!, `${base}.flush`);
    if (flush !== 'expired' && flush !== 'all') throw new ScenarioError(`${base}.flush`, `must be "expired" or "all", got ${JSON.stringify(flush)}`);
    return { at, flush };
  }
  const name = string(e.get('connect')!, `${base}.connect`);
  if (name === '') throw new ScenarioError(`${base}.connect`, 'the client name is empty');
  const event: ConnectEvent = { at, connect: name };
  const resume = e.get('resume');
  if (resume !== undefined) event.resume = boolean(resume, `${base}.resume`);
  const abort = e.get('abort');
  if (abort !== undefined) event.abort = boolean(abort, `${base}.abort`);
  return event;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
