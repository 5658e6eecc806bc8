import { NO_AUTO_CLEAR, NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, SERVER } from '../../mode/decode';
import { OPENSSL_DEFAULT_CACHE_SIZE, OPENSSL_DEFAULT_NUM_TICKETS } from '../nginx/build';
import type { ConfigCacheSetting } from '../model';
import type { HaproxyDocument, HaproxyLine, HaproxySection } from './parser';
import type { HaproxyBind, HaproxyModel } from './types';

/** `SSLCACHESIZE`, HAProxy's default shctx size in blocks (spec §9). */
export const HAPROXY_DEFAULT_CACHESIZE = 20000;
/** Without `tune.ssl.lifetime` HAProxy leaves OpenSSL's default timeout (spec §2, §9: unconfirmed at runtime). */
export const OPENSSL_DEFAULT_TIMEOUT = 7200;
/** `ssl_set_shctx`: the shared cache through callbacks, the internal one off (spec §9). */
export const HAPROXY_CACHE_MODE = SERVER | NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE | NO_AUTO_CLEAR;

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
  const model: HaproxyModel = { binds: [], frontends: false, valueErrors: [] };
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
      }
    }
  }
  const cachesize = model.cachesize?.value ?? HAPROXY_DEFAULT_CACHESIZE;
  const lifetime = model.lifetime?.value;
  for (const section of document.sections) {
    if (section.kind !== 'frontend' && section.kind !== 'listen') continue;
    model.frontends = true;
    for (const line of section.lines) {
      if (line.keyword !== 'bind' || !line.words.some((w) => w.value === 'ssl')) continue;
      model.binds.push(bindOf(section, line, model, cachesize, lifetime));
    }
  }
  return model;
}

function bindOf(section: HaproxySection, line: HaproxyLine, model: HaproxyModel, cachesize: number, lifetime: number | undefined): HaproxyBind {
  const noTickets = line.words.find((w) => w.value === 'no-tls-tickets') ?? model.defaultNoTickets;
  const verify = after(line, 'verify');
  const min = after(line, 'ssl-min-ver');
  const max = after(line, 'ssl-max-ver');
  const protocols: ('TLSv1.2' | 'TLSv1.3')[] = [];
  if (min !== 'tlsv1.3') protocols.push('TLSv1.2');
  if (!max || max === 'tlsv1.3') protocols.push('TLSv1.3');
  const off = cachesize === 0;
  const setting: ConfigCacheSetting = {
    span: { start: line.start, end: line.end },
    label: bindLabel(section, line),
    role: 'server',
    protocols: protocols.length ? protocols : ['TLSv1.2'],
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
