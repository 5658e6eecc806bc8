import { NO_AUTO_CLEAR, NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, SERVER } from '../../mode/decode';
import { OPENSSL_DEFAULT_TIMEOUT } from '../haproxy/build';
import { OPENSSL_DEFAULT_CACHE_SIZE, OPENSSL_DEFAULT_NUM_TICKETS } from '../nginx/build';
import type { PostfixDocument, PostfixParam } from './parser';
import type { PostfixModel } from './types';

/** `smtpd_tls_session_cache_timeout` default, 3600 s (postconf(5), docs/servers.md). */
export const POSTFIX_DEFAULT_TIMEOUT = 3600;
/** `tls_server.c` with an external cache: the cache through get/new callbacks only (spec §9). */
export const POSTFIX_CACHE_MODE = SERVER | NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE | NO_AUTO_CLEAR;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** A Postfix time: a number with an optional s, m, h, d or w unit (seconds when none). */
export function parsePostfixSeconds(value: string): number | undefined {
  const m = /^(\d{1,12})([smhdw])?$/.exec(value);
  return m ? Number(m[1]) * UNITS[m[2] ?? 's'] : undefined;
}

/** The OpenSSL calls of `tls_server.c` for these parameters (spec §9). */
export function postfixCalls(cachable: boolean, timeout: number, tickets: boolean): string[] {
  if (!cachable) return ['SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF)', ...(tickets ? [] : ['SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)'])];
  return [
    'SSL_CTX_set_session_id_context(ctx, "Postfix/TLS"-style context, …)',
    'SSL_CTX_sess_set_cache_size(ctx, 1)',
    'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_NO_AUTO_CLEAR)',
    'SSL_CTX_sess_set_get_cb(ctx, get_server_session_cb)',
    'SSL_CTX_sess_set_new_cb(ctx, new_server_session_cb)',
    `SSL_CTX_set_timeout(ctx, ${2 * timeout})`,
    ...(tickets ? [] : ['SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)']),
  ];
}

export function buildPostfixModel(doc: PostfixDocument): PostfixModel {
  const last = (name: string): PostfixParam | undefined => {
    let found: PostfixParam | undefined;
    for (const p of doc.params) if (p.name === name) found = p;
    return found;
  };
  const database = last('smtpd_tls_session_cache_database');
  const timeout = last('smtpd_tls_session_cache_timeout');
  const ticketCipher = last('tls_session_ticket_cipher');
  const model: PostfixModel = { database, timeout, ticketCipher, timeoutSeconds: POSTFIX_DEFAULT_TIMEOUT, valueErrors: [] };
  if (timeout) {
    const t = parsePostfixSeconds(timeout.value);
    if (t === undefined) model.valueErrors.push({ message: 'smtpd_tls_session_cache_timeout expects a time (a number with s, m, h, d or w)', start: timeout.valueSpan.start, end: Math.max(timeout.valueSpan.end, timeout.end) });
    else model.timeoutSeconds = t;
  }
  const tlsParams = doc.params.filter((p) => p.name.startsWith('smtpd_tls_') || p.name === 'smtpd_use_tls');
  if (tlsParams.length === 0) return model;
  // A timeout of 0 turns off both the cache and tickets (docs/servers.md).
  const cachable = !!database?.value && model.timeoutSeconds > 0;
  const tickets = model.timeoutSeconds > 0 && (ticketCipher ? ticketCipher.value !== '' : true);
  const yes = (name: string) => last(name)?.value.toLowerCase() === 'yes';
  const anchor = database ?? tlsParams[0];
  model.setting = {
    span: { start: anchor.start, end: anchor.end },
    label: 'smtpd',
    role: 'server',
    protocols: ['TLSv1.2', 'TLSv1.3'],
    mode: cachable ? POSTFIX_CACHE_MODE : 0,
    cacheSize: cachable ? 1 : OPENSSL_DEFAULT_CACHE_SIZE,
    timeout: cachable ? 2 * model.timeoutSeconds : OPENSSL_DEFAULT_TIMEOUT,
    sessionIdContext: true,
    verifyPeer: yes('smtpd_tls_ask_ccert') || yes('smtpd_tls_req_ccert'),
    tickets,
    numTickets: OPENSSL_DEFAULT_NUM_TICKETS,
    callbacks: { new: cachable, get: cachable, remove: false },
    calls: postfixCalls(cachable, model.timeoutSeconds, tickets),
    processes: 1,
  };
  return model;
}
