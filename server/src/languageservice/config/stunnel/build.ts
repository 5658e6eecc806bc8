import { CLIENT, NO_INTERNAL_STORE, SERVER } from '../../mode/decode';
import type { ConfigCacheSetting } from '../model';
import { protocolsBetween } from '../protocols';
import { OPENSSL_DEFAULT_NUM_TICKETS } from '../nginx/build';
import type { StunnelDocument, StunnelOption, StunnelSection, StunnelSyntaxError } from './parser';
import type { StunnelEffective, StunnelModel, StunnelService } from './types';

/** stunnel's defaults: `sessionCacheSize` 1000, `sessionCacheTimeout` 300 s (spec §9, `src/options.c`). */
export const STUNNEL_DEFAULT_CACHE_SIZE = 1000;
export const STUNNEL_DEFAULT_TIMEOUT = 300;
/** `sessionResume = yes` (the default): BOTH with NO_INTERNAL_STORE; stunnel adds sessions itself (spec §9). */
export const STUNNEL_RESUME_MODE = CLIENT | SERVER | NO_INTERNAL_STORE;

const YES = new Set(['yes', 'true', 'on', '1']);
const NO = new Set(['no', 'false', 'off', '0']);

export function parseStunnelBoolean(value: string): boolean | undefined {
  const v = value.toLowerCase();
  return YES.has(v) ? true : NO.has(v) ? false : undefined;
}

export function parseStunnelNumber(value: string): number | undefined {
  return /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}

/** The OpenSSL calls stunnel's `context_init` makes for a service (spec §9). */
export function stunnelCalls(resume: boolean, server: boolean, cacheSize: number, timeout: number, noTicket: boolean): string[] {
  const calls: string[] = [];
  if (server) calls.push('SSL_CTX_set_session_id_context(ctx, <service name>, …)');
  if (server && !resume) calls.push('SSL_CTX_set_num_tickets(ctx, 0)');
  calls.push(
    `SSL_CTX_set_session_cache_mode(ctx, ${resume ? 'SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_NO_INTERNAL_STORE' : 'SSL_SESS_CACHE_OFF'})`,
    `SSL_CTX_sess_set_cache_size(ctx, ${cacheSize})`,
    `SSL_CTX_set_timeout(ctx, ${timeout})`,
    'SSL_CTX_sess_set_new_cb(ctx, sess_new_cb)',
    'SSL_CTX_sess_set_get_cb(ctx, sess_get_cb)',
    'SSL_CTX_sess_set_remove_cb(ctx, sess_remove_cb)',
  );
  if (noTicket) calls.push('SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)');
  return calls;
}

function find(section: StunnelSection, key: string): StunnelOption | undefined {
  let found: StunnelOption | undefined;
  for (const o of section.options) if (o.key === key) found = o;
  return found;
}

/** A service option, else the global section's default for it (docs/servers.md). */
function option(doc: StunnelDocument, section: StunnelSection, key: string): StunnelOption | undefined {
  return find(section, key) ?? find(doc.global, key);
}

function checkValues(section: StunnelSection, errors: StunnelSyntaxError[]): void {
  for (const o of section.options) {
    const bad = (message: string) => errors.push({ message, start: o.valueSpan.start, end: Math.max(o.valueSpan.end, o.valueSpan.start) });
    if ((o.key === 'sessioncachesize' || o.key === 'sessioncachetimeout') && parseStunnelNumber(o.value) === undefined) bad(`${o.key === 'sessioncachesize' ? 'sessionCacheSize' : 'sessionCacheTimeout'} expects a number`);
    if ((o.key === 'sessionresume' || o.key === 'client') && parseStunnelBoolean(o.value) === undefined) bad(`${o.key === 'client' ? 'client' : 'sessionResume'} expects yes or no`);
  }
}

/** One cache setting per `[service]`, with the global section's options as defaults. */
export function buildStunnelModel(doc: StunnelDocument): StunnelModel {
  const model: StunnelModel = { services: [], valueErrors: [] };
  for (const s of [doc.global, ...doc.services]) checkValues(s, model.valueErrors);
  for (const section of doc.services) model.services.push(serviceOf(doc, section));
  return model;
}

function serviceOf(doc: StunnelDocument, section: StunnelSection): StunnelService {
  const get = (key: string) => option(doc, section, key);
  const noTicket = [...doc.global.options, ...section.options].filter((o) => o.key === 'options' && o.value.toUpperCase() === 'NO_TICKET').pop();
  const effective: StunnelEffective = { cacheSize: get('sessioncachesize'), timeout: get('sessioncachetimeout'), resume: get('sessionresume'), sessiond: get('sessiond'), noTicket };
  const server = !parseStunnelBoolean(get('client')?.value ?? 'no');
  const resume = parseStunnelBoolean(effective.resume?.value ?? 'yes') ?? true;
  const cacheSize = parseStunnelNumber(effective.cacheSize?.value ?? '') ?? STUNNEL_DEFAULT_CACHE_SIZE;
  const timeout = parseStunnelNumber(effective.timeout?.value ?? '') ?? STUNNEL_DEFAULT_TIMEOUT;
  const verifyLevel = parseStunnelNumber(get('verify')?.value ?? '') ?? 0;
  const verifyPeer = verifyLevel >= 1 || ['verifychain', 'verifypeer', 'requirecert'].some((k) => parseStunnelBoolean(get(k)?.value ?? 'no'));
  const min = get('sslversionmin')?.value.toLowerCase() ?? get('sslversion')?.value.toLowerCase();
  const max = get('sslversionmax')?.value.toLowerCase() ?? get('sslversion')?.value.toLowerCase();
  const header = section.header ?? { start: 0, end: 0 };
  const setting: ConfigCacheSetting = {
    span: { start: header.start, end: header.end },
    label: `[${section.name ?? ''}]${server ? '' : ' client'}`,
    role: server ? 'server' : 'client',
    protocols: protocolsBetween(min, max),
    mode: resume ? STUNNEL_RESUME_MODE : 0,
    cacheSize,
    timeout,
    sessionIdContext: server,
    verifyPeer,
    tickets: !noTicket,
    numTickets: server && !resume ? 0 : OPENSSL_DEFAULT_NUM_TICKETS,
    // The callbacks are set whatever sessionResume says (spec §9).
    callbacks: { new: true, get: true, remove: true },
    calls: stunnelCalls(resume, server, cacheSize, timeout, !!noTicket),
    processes: 1,
    // A client service hands its last session back, SSL_set_session(c->ssl, c->opt->session) (client.c).
    offersSavedSessions: !server && resume,
  };
  return { section, effective, setting };
}
