import { decodeMode } from '../../mode/decode';
import { formatSeconds } from '../apache/values';
import { callsBlock } from '../markdown';
import type { ConfigHover } from '../model';
import { HAPROXY_CACHE_MODE, HAPROXY_DEFAULT_CACHESIZE, OPENSSL_DEFAULT_TIMEOUT, parseHaproxySeconds } from './build';
import type { HaproxyLine, HaproxyWord } from './parser';
import type { HaproxyBind, HaproxyRuleContext, HaproxyServer } from './types';

function usedBy(binds: HaproxyBind[]): string {
  if (binds.length === 0) return 'No `bind … ssl` line in view uses it.';
  const names = binds.slice(0, 6).map((b) => `\`${b.setting.label}\``);
  return `Applies to ${names.join(', ')}${binds.length > 6 ? ` and ${binds.length - 6} more` : ''}.`;
}

function cachesizeHover(line: HaproxyLine, ctx: HaproxyRuleContext): string {
  const head = `**HAProxy \`tune.ssl.cachesize ${line.words[1]?.value ?? ''}\`** (spec §9)`;
  const n = ctx.model.cachesize?.line === line ? ctx.model.cachesize.value : undefined;
  if (n === undefined) return `${head}\n\n⚠ HAProxy expects a number of blocks (default ${HAPROXY_DEFAULT_CACHESIZE}; 0 disables the cache).`;
  if (n === 0)
    return [
      head,
      '',
      'Mode `SSL_SESS_CACHE_OFF` (0x0): the shared cache is disabled and no callbacks are set. Session tickets still resume unless `no-tls-tickets` is set (spec §8 L2).',
      '',
      callsBlock(['SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF)']),
      '',
      usedBy(ctx.model.binds),
    ].join('\n');
  const decoded = decodeMode(HAPROXY_CACHE_MODE);
  return [
    head,
    '',
    `Sizes HAProxy's shared-memory session cache: ${n} blocks of about 200 bytes (default ${HAPROXY_DEFAULT_CACHESIZE}), shared by all threads and processes. It is not OpenSSL's cache size: OpenSSL's internal cache is off and every session goes through HAProxy's callbacks (spec §9).`,
    '',
    `Mode \`${decoded.expression}\` (${decoded.hex}).`,
    '',
    callsBlock(['SSL_CTX_set_session_cache_mode(ctx, ' + decoded.expression + ')', 'SSL_CTX_sess_set_new_cb(ctx, sh_ssl_sess_new_cb)', 'SSL_CTX_sess_set_get_cb(ctx, sh_ssl_sess_get_cb)', 'SSL_CTX_sess_set_remove_cb(ctx, sh_ssl_sess_remove_cb)']),
    '',
    usedBy(ctx.model.binds),
  ].join('\n');
}

function lifetimeHover(line: HaproxyLine, ctx: HaproxyRuleContext): string {
  const head = `**HAProxy \`tune.ssl.lifetime ${line.words[1]?.value ?? ''}\`** (spec §9)`;
  const t = line.words[1] ? parseHaproxySeconds(line.words[1].value) : undefined;
  if (t === undefined) return `${head}\n\n⚠ HAProxy expects a time: seconds, or a number with s, m, h or d.`;
  if (t === 0) return `${head}\n\n0 is ignored: HAProxy only calls \`SSL_CTX_set_timeout\` for a non-zero lifetime, so OpenSSL's default of ${OPENSSL_DEFAULT_TIMEOUT} s applies (spec §2, §9).`;
  return [
    head,
    '',
    callsBlock([`SSL_CTX_set_timeout(ctx, ${t})`]),
    '',
    `Sessions expire ${t} s (${formatSeconds(t)}) after they were created (spec §2); session tickets carry the same lifetime.`,
    '',
    `Without it HAProxy's documentation says 300 s, but the code leaves OpenSSL's default of ${OPENSSL_DEFAULT_TIMEOUT} s (spec §9, unconfirmed at runtime): set it explicitly.`,
    '',
    usedBy(ctx.model.binds),
  ].join('\n');
}

function noTicketsHover(line: HaproxyLine, ctx: HaproxyRuleContext): string {
  const head = '**HAProxy `no-tls-tickets`** (spec §8 L2, §9; docs/servers.md)';
  const where =
    line.keyword === 'ssl-default-bind-options'
      ? usedBy(ctx.model.binds.filter((b) => b.noTickets && !b.line.words.some((w) => w.value === 'no-tls-tickets')))
      : line.keyword === 'bind'
        ? usedBy(ctx.model.binds.filter((b) => b.line === line))
        : 'On a backend `server` (or its defaults) it applies to HAProxy as a client, whose contexts use `SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE` with a new-session callback (spec §9).';
  return [
    head,
    '',
    callsBlock(['SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)']),
    '',
    'Turns RFC 5077 session tickets off (TLS 1.2), so resumption goes through the session cache; with TLS 1.3 the server then issues stateful tickets whose sessions are kept in the cache (spec §8 L2, L3). Tickets are what resume when `tune.ssl.cachesize 0` turns the cache off.',
    '',
    where,
  ].join('\n');
}

function serverHover(server: HaproxyServer): string {
  const s = server.setting;
  return [
    `**HAProxy \`server … ssl\`: HAProxy as a TLS client** (spec §6, §9)`,
    '',
    callsBlock(s.calls),
    '',
    'Each TLS server of a backend has its own client context. HAProxy keeps the session the new-session callback hands it (OpenSSL stores nothing: `NO_INTERNAL_STORE`) and offers the last one back on the next connection to that server; a client never looks a cache up (spec §6).',
    '',
    server.noReuse
      ? '`no-ssl-reuse`: no session is handed back, so every connection to this server is a full handshake.'
      : s.tickets
        ? 'Resumption: with the ticket the server sent (TLS 1.2 and TLS 1.3).'
        : 'Resumption with `no-tls-tickets`: TLS 1.2 by session id only, if the server caches sessions; TLS 1.3 has no session ids, and resumes only if the server sends stateful tickets (spec §8 L2, L3).',
  ].join('\n');
}

function noReuseHover(line: HaproxyLine): string {
  return [
    '**HAProxy `no-ssl-reuse`** (spec §6, §9)',
    '',
    line.keyword === 'server' || line.keyword === 'default-server'
      ? 'HAProxy keeps no session for this server and never calls `SSL_set_session`: every connection to it is a full handshake. The context still has `SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE` and its new-session callback.'
      : '`no-ssl-reuse` is a `server` option: it stops HAProxy handing a saved session back to that server.',
  ].join('\n');
}

/** Hovers on the session directives: the value, what it sets in OpenSSL and what uses it. */
export function haproxyHoverAt(ctx: HaproxyRuleContext, offset: number): ConfigHover | null {
  const lines = [...ctx.document.loose, ...ctx.document.sections.flatMap((s) => s.lines)];
  for (const line of lines) {
    if (offset < line.start || offset > line.end) continue;
    const at = (w: HaproxyWord, markdown: string): ConfigHover => ({ markdown, start: w.start, end: w.end });
    const first = line.words[0];
    if (line.keyword === 'tune.ssl.cachesize' && offset <= first.end) return at(first, cachesizeHover(line, ctx));
    if (line.keyword === 'tune.ssl.lifetime' && offset <= first.end) return at(first, lifetimeHover(line, ctx));
    const word = line.words.find((w) => w.value === 'no-tls-tickets' && offset >= w.start && offset <= w.end);
    if (word) return at(word, noTicketsHover(line, ctx));
    const noReuse = line.words.find((w) => w.value === 'no-ssl-reuse' && offset >= w.start && offset <= w.end);
    if (noReuse) return at(noReuse, noReuseHover(line));
    const server = line.keyword === 'server' && offset <= first.end ? ctx.model.servers.find((s) => s.line === line) : undefined;
    if (server) return at(first, serverHover(server));
    return null;
  }
  return null;
}
