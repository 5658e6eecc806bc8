import { CLIENT, NO_AUTO_CLEAR, NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, SERVER } from '../../mode/decode';
import { OPENSSL_DEFAULT_CACHE_SIZE, OPENSSL_DEFAULT_NUM_TICKETS } from '../nginx/build';
import type { ConfigCacheSetting } from '../model';
import { protocolsBetween } from '../protocols';
import type { HaproxyDocument, HaproxyLine, HaproxySection, HaproxyWord } from './parser';
import type { HaproxyBind, HaproxyModel, HaproxyServer } from './types';

/** `SSLCACHESIZE`, HAProxy's default shctx size in blocks (spec §9). */
export const HAPROXY_DEFAULT_CACHESIZE = 20000;
/** Without `tune.ssl.lifetime` HAProxy leaves OpenSSL's default timeout (spec §2, §9: unconfirmed at runtime). */
export const OPENSSL_DEFAULT_TIMEOUT = 7200;
/** `ssl_set_shctx`: the shared cache through callbacks, the internal one off (spec §9). */
export const HAPROXY_CACHE_MODE = SERVER | NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE | NO_AUTO_CLEAR;
/** A backend server's context: HAProxy keeps the session from its new-session callback (spec §9). */
export const HAPROXY_SERVER_MODE = CLIENT | NO_INTERNAL_STORE;

const TIME_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** A time in seconds; HAProxy's time format takes a unit suffix, seconds when none (tune.ssl.lifetime, spec §9). */
export function parseHaproxySeconds(value: string): number | undefined {
  const m = /^(\d{1,12})(s|m|h|d)?$/.exec(value);
  return m ? Number(m[1]) * TIME_UNITS[m[2] ?? 's'] : undefined;
}

/** The OpenSSL calls HAProxy makes for a bind, one per line (spec §9). */
export function haproxyCalls(cachesize: number, timeout: number | undefined, noTickets: boolean): string[] {
  const calls = ['SSL_CTX_set_session_id_context(ctx, SHCTX_APPNAME, …)'];
  if (cachesize === 0) calls.push('SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF)');
  else
    calls.push(
      'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_NO_AUTO_CLEAR)',
      'SSL_CTX_sess_set_new_cb(ctx, sh_ssl_sess_new_cb)',
      'SSL_CTX_sess_set_get_cb(ctx, sh_ssl_sess_get_cb)',
      'SSL_CTX_sess_set_remove_cb(ctx, sh_ssl_sess_remove_cb)',
    );
  if (timeout !== undefined && timeout > 0) calls.push(`SSL_CTX_set_timeout(ctx, ${timeout})`);
  if (noTickets) calls.push('SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)');
  return calls;
}

function bindLabel(section: HaproxySection, line: HaproxyLine): string {
  return `${section.kind}${section.name ? ' ' + section.name : ''} bind ${line.words[1]?.value ?? ''}`.trim();
}

/** The word after `keyword` on a line, lower-cased. */
function after(line: HaproxyLine, keyword: string): string | undefined {
  const i = line.words.findIndex((w) => w.value === keyword);
  return i >= 0 ? line.words[i + 1]?.value.toLowerCase() : undefined;
}

/** The global session settings and one cache setting per `bind … ssl` line. */
export function buildHaproxyModel(document: HaproxyDocument): HaproxyModel {
  const model: HaproxyModel = { binds: [], servers: [], frontends: false, valueErrors: [] };
  for (const section of document.sections) {
    if (section.kind !== 'global') continue;
    for (const line of section.lines) {
      const arg = line.words[1];
      if (line.keyword === 'tune.ssl.cachesize') {
        const n = arg && /^\d{1,12}$/.test(arg.value) ? Number(arg.value) : undefined;
        if (n === undefined) model.valueErrors.push({ message: 'tune.ssl.cachesize expects a number of blocks (0 disables the cache)', start: line.start, end: line.end });
        else model.cachesize = { line, value: n };
      } else if (line.keyword === 'tune.ssl.lifetime') {
        const t = arg ? parseHaproxySeconds(arg.value) : undefined;
        if (t === undefined) model.valueErrors.push({ message: 'tune.ssl.lifetime expects a time (seconds, or a number with s, m, h or d)', start: line.start, end: line.end });
        else model.lifetime = { line, value: t };
      } else if (line.keyword === 'ssl-default-bind-options') {
        model.defaultNoTickets = line.words.find((w) => w.value === 'no-tls-tickets') ?? model.defaultNoTickets;
      } else if (line.keyword === 'ssl-default-server-options') {
        model.defaultServerNoTickets = line.words.find((w) => w.value === 'no-tls-tickets') ?? model.defaultServerNoTickets;
      } else if (line.keyword === 'ssl-server-verify') {
        model.serverVerify = arg?.value.toLowerCase();
      }
    }
  }
  const cachesize = model.cachesize?.value ?? HAPROXY_DEFAULT_CACHESIZE;
  const lifetime = model.lifetime?.value;
  // `default-server` lines apply to the servers after them: those of the last defaults section, then the section's own.
  let defaults: HaproxyLine[] = [];
  for (const section of document.sections) {
    if (section.kind === 'defaults') defaults = section.lines.filter((l) => l.keyword === 'default-server');
    if (section.kind === 'frontend' || section.kind === 'listen') {
      model.frontends = true;
      for (const line of section.lines) {
        if (line.keyword !== 'bind' || !line.words.some((w) => w.value === 'ssl')) continue;
        model.binds.push(bindOf(section, line, model, cachesize, lifetime));
      }
    }
    if (section.kind === 'backend' || section.kind === 'listen') {
      const inherited = [...defaults];
      for (const line of section.lines) {
        if (line.keyword === 'default-server') inherited.push(line);
        if (line.keyword !== 'server') continue;
        const server = serverOf(section, line, inherited, model);
        if (server) model.servers.push(server);
      }
    }
  }
  return model;
}

/** A server line's options: after `server <name> <address>`, or after `default-server`. */
const optionsOf = (line: HaproxyLine): HaproxyWord[] => line.words.slice(line.keyword === 'server' ? 3 : 1);

/**
 * The last of `yes`/`no` among the server line's options, else its default-server lines' (the
 * line itself wins): the word and whether it says yes; undefined when neither is written.
 */
function serverOption(line: HaproxyLine, inherited: readonly HaproxyLine[], yes: string, no?: string): { word: HaproxyWord; on: boolean } | undefined {
  for (const l of [line, ...[...inherited].reverse()]) {
    const word = optionsOf(l).reverse().find((w) => w.value === yes || w.value === no);
    if (word) return { word, on: word.value === yes };
  }
  return undefined;
}

/** The value after an option keyword (`verify required`), from the server line, else its default-server lines; lower-cased. */
function serverValue(line: HaproxyLine, inherited: readonly HaproxyLine[], keyword: string): string | undefined {
  for (const l of [line, ...[...inherited].reverse()]) {
    const options = optionsOf(l);
    const i = options.map((w) => w.value).lastIndexOf(keyword);
    if (i >= 0) return options[i + 1]?.value.toLowerCase();
  }
  return undefined;
}

/** A backend `server` that speaks TLS (`ssl` on it or its default-server, and no `no-ssl`): one client SSL_CTX (spec §9). */
function serverOf(section: HaproxySection, line: HaproxyLine, inherited: readonly HaproxyLine[], model: HaproxyModel): HaproxyServer | undefined {
  if (!serverOption(line, inherited, 'ssl', 'no-ssl')?.on) return undefined;
  const tickets = serverOption(line, inherited, 'no-tls-tickets', 'tls-tickets');
  const noTickets = tickets ? (tickets.on ? tickets.word : undefined) : model.defaultServerNoTickets;
  const noReuse = serverOption(line, inherited, 'no-ssl-reuse', 'ssl-reuse');
  const noReuseWord = noReuse?.on ? noReuse.word : undefined;
  // Servers are verified unless `verify none`, or the global `ssl-server-verify none` (HAProxy's default is required).
  const verify = serverValue(line, inherited, 'verify') ?? model.serverVerify ?? 'required';
  const calls = ['SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE)', 'SSL_CTX_sess_set_new_cb(ctx, ssl_sess_new_srv_cb)'];
  if (noTickets) calls.push('SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)');
  if (!noReuseWord) calls.push("SSL_set_session(ssl, <the server's last session>)");
  const setting: ConfigCacheSetting = {
    span: { start: line.start, end: line.end },
    label: `${section.kind}${section.name ? ' ' + section.name : ''} server ${line.words[1]?.value ?? ''}`.trim(),
    role: 'client',
    protocols: protocolsBetween(serverValue(line, inherited, 'ssl-min-ver'), serverValue(line, inherited, 'ssl-max-ver')),
    mode: HAPROXY_SERVER_MODE,
    cacheSize: OPENSSL_DEFAULT_CACHE_SIZE,
    timeout: OPENSSL_DEFAULT_TIMEOUT,
    sessionIdContext: false,
    verifyPeer: verify !== 'none',
    tickets: !noTickets,
    numTickets: OPENSSL_DEFAULT_NUM_TICKETS,
    callbacks: { new: true, get: false, remove: false },
    calls,
    processes: 1,
    offersSavedSessions: !noReuseWord,
  };
  return { section, line, noTickets, noReuse: noReuseWord, setting };
}

function bindOf(section: HaproxySection, line: HaproxyLine, model: HaproxyModel, cachesize: number, lifetime: number | undefined): HaproxyBind {
  const noTickets = line.words.find((w) => w.value === 'no-tls-tickets') ?? model.defaultNoTickets;
  const verify = after(line, 'verify');
  const min = after(line, 'ssl-min-ver');
  const max = after(line, 'ssl-max-ver');
  const off = cachesize === 0;
  const setting: ConfigCacheSetting = {
    span: { start: line.start, end: line.end },
    label: bindLabel(section, line),
    role: 'server',
    protocols: protocolsBetween(min, max),
    mode: off ? 0 : HAPROXY_CACHE_MODE,
    cacheSize: OPENSSL_DEFAULT_CACHE_SIZE,
    timeout: lifetime && lifetime > 0 ? lifetime : OPENSSL_DEFAULT_TIMEOUT,
    sessionIdContext: true,
    verifyPeer: verify === 'required' || verify === 'optional',
    tickets: !noTickets,
    numTickets: OPENSSL_DEFAULT_NUM_TICKETS,
    callbacks: { new: !off, get: !off, remove: !off },
    calls: haproxyCalls(cachesize, lifetime, !!noTickets),
    // One shared-memory cache for all threads and processes (spec §9).
    processes: 1,
  };
  return { section, line, noTickets, setting };
}
