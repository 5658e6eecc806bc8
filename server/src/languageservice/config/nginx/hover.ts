import { decodeMode } from '../../mode/decode';
import { callsBlock } from '../markdown';
import type { ConfigHover } from '../model';
import { NGINX_DEFAULT_TIMEOUT, NGINX_SID_CTX_CALL, NGINX_VERIFY_CALL, OPENSSL_DEFAULT_CACHE_SIZE, nginxCacheCalls, nginxCacheParameters } from './build';
import type { NginxDirective } from './parser';
import type { NginxBlock, NginxRuleContext, NginxSite } from './types';
import type { NginxCacheSpec } from './values';
import { SESSIONS_PER_MEGABYTE, cacheKind, formatBytes, formatNginxTime, parseNginxTime, parseSessionCacheArgs, sessionsInZone } from './values';

/** The directives with a hover. */
export const NGINX_HOVER_DIRECTIVES = new Set(['ssl_session_cache', 'ssl_session_timeout', 'ssl_session_tickets', 'ssl_verify_client', 'worker_processes']);

interface Indexed {
  node: NginxDirective;
  /** The http/mail/stream block around it, if any. */
  block?: NginxBlock;
}

/** The document's hoverable directives in order (included files are not part of the document). */
function indexDocument(ctx: NginxRuleContext): Indexed[] {
  const out: Indexed[] = [];
  const blockOf = new Map<NginxDirective, NginxBlock>();
  for (const b of ctx.model.blocks) if (b.node) blockOf.set(b.node, b);
  const implicit = ctx.model.blocks.find((b) => b.implicit);
  const stack: { list: NginxDirective[]; i: number; block?: NginxBlock }[] = [{ list: ctx.document.directives, i: 0, block: implicit }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.i >= f.list.length) {
      stack.pop();
      continue;
    }
    const node = f.list[f.i++];
    if (NGINX_HOVER_DIRECTIVES.has(node.name) && !node.children) out.push({ node, block: f.block });
    if (node.children) stack.push({ list: node.children, i: 0, block: blockOf.get(node) ?? f.block });
  }
  return out;
}

function directiveEnd(d: NginxDirective): number {
  return d.args.length ? d.args[d.args.length - 1].end : d.nameEnd;
}

function usedBy(sites: NginxSite[]): string {
  if (sites.length === 0) return 'No TLS server uses this directive (each sets its own, or none does TLS).';
  const names = sites.slice(0, 6).map((s) => `\`${s.label}\``);
  const more = sites.length > 6 ? ` and ${sites.length - 6} more` : '';
  return `Applies to ${names.join(', ')}${more}.`;
}

function cacheMeaning(spec: NginxCacheSpec, ctx: NginxRuleContext, sites: readonly NginxSite[]): string[] {
  const kind = cacheKind(spec);
  const workers = ctx.model.workers;
  const lines: string[] = [];
  const builtinSize = spec.builtin && spec.builtin.size !== 'default' ? spec.builtin.size : undefined;
  const capacity = builtinSize === 0 ? 'no size limit (`builtin:0` = unlimited, spec §2)' : `up to ${builtinSize ?? OPENSSL_DEFAULT_CACHE_SIZE} sessions${builtinSize === undefined ? " (OpenSSL's default, spec §2)" : ''}`;
  const perWorker =
    workers.count > 1
      ? ` With ${workers.auto ? '`worker_processes auto` (one worker per core)' : `\`worker_processes ${workers.count}\``} that is one independent cache per worker: a client that reconnects to another worker misses.`
      : ctx.model.fragment
        ? ' It is per worker process: with several workers (`worker_processes` in nginx.conf), each has its own.'
        : ' One worker process (`worker_processes` is 1 or unset), so one cache.';
  switch (kind) {
    case 'off':
      lines.push(
        'No SERVER bit: the server sends an empty session ID (TLS ≤1.2) and stores nothing, so no client resumes by session ID. Session tickets still resume unless `ssl_session_tickets off` (spec §1, §8 L2).',
      );
      break;
    case 'none':
      lines.push(
        'SERVER is set, so the server still announces session IDs, but `NO_INTERNAL_STORE` and no new-session callback mean no session is ever stored: a client that offers its ID back always misses (spec §8 L5). nginx does this on purpose for clients that dislike empty IDs; `off` sends none. This is nginx\'s default.',
      );
      break;
    case 'builtin':
      lines.push(`OpenSSL's internal cache in the worker process's memory, ${capacity}.${perWorker}`);
      break;
    case 'shared': {
      const s = spec.shared!;
      lines.push(
        `The internal cache is off (\`NO_INTERNAL\`): sessions go through nginx's callbacks into the shared memory zone \`${s.name}\` (${formatBytes(s.size)}, about ${sessionsInZone(s.size)} sessions at nginx's ${SESSIONS_PER_MEGABYTE} per MB), one cache for all worker processes. When the zone is full, the oldest session is dropped.`,
      );
      break;
    }
    case 'builtin+shared': {
      const s = spec.shared!;
      lines.push(
        `Both: each worker's internal cache (${capacity}) is looked up first, then the shared zone \`${s.name}\` (${formatBytes(s.size)}, about ${sessionsInZone(s.size)} sessions) through \`get_session_cb\`; hits from the zone are copied into the worker's cache (spec §4.2). The zone alone would do: the internal caches only add memory.`,
      );
      break;
    }
  }
  if (kind === 'shared' || kind === 'builtin+shared') {
    const ticketsOff = sites.length > 0 && sites.every((s) => !s.effective.ticketsOn);
    lines.push(
      ticketsOff
        ? "With `ssl_session_tickets off`, every TLS 1.2 session gets a session ID and nginx's callback also stores the TLS 1.3 sessions behind the stateful tickets (spec §9, §3.2 (d)): the zone sees every full handshake."
        : "nginx's new-session callback does not store TLS 1.3 sessions unless `ssl_session_tickets off` (spec §9), and TLS 1.2 clients that use tickets create no session ID to store (spec §3.2 (a)): with tickets on, the zone serves TLS 1.2 clients without ticket support.",
    );
  }
  return lines;
}

function cacheHover(node: NginxDirective, ctx: NginxRuleContext): string {
  const parsed = parseSessionCacheArgs(node.args.map((a) => a.value));
  const written = node.args.map((a) => a.value).join(' ');
  const head = `**nginx \`ssl_session_cache ${written}\`** (spec §9)`;
  if (!parsed.spec) return `${head}\n\n⚠ nginx rejects this: ${parsed.invalid?.message ?? 'missing value'}. Accepted: \`off\`, \`none\`, \`builtin[:N]\`, \`shared:name:size\`, or \`builtin[:N] shared:name:size\`.`;
  const spec = parsed.spec;
  const kind = cacheKind(spec);
  const p = nginxCacheParameters({ kind, cache: { node, anchor: node, value: spec } });
  const decoded = decodeMode(p.mode);
  const sites = ctx.model.sites.filter((s) => s.effective.cache?.node === node);
  const out = [head, '', `Mode \`${decoded.expression}\` (${decoded.hex}).`, '', ...cacheMeaning(spec, ctx, sites).flatMap((l) => [l, '']), callsBlock(nginxCacheCalls({ kind, cache: { node, anchor: node, value: spec } }))];
  out.push('', `nginx also sets \`SSL_CTX_set_timeout\` (from \`ssl_session_timeout\`) and always a session ID context (a SHA-1 of the certificates and client CA names), so sessions stay resumable with client verification (spec §8 L16).`);
  out.push('', usedBy(sites));
  return out.join('\n');
}

function timeoutHover(node: NginxDirective, ctx: NginxRuleContext): string {
  const written = node.args.map((a) => a.value).join(' ');
  const head = `**nginx \`ssl_session_timeout ${written}\`** (spec §9)`;
  const t = node.args.length === 1 ? parseNginxTime(node.args[0].value) : undefined;
  if (t === undefined) return `${head}\n\n⚠ nginx rejects this value: expected a time such as \`300\`, \`5m\`, \`1h30m\` or \`1d\`.`;
  const sites = ctx.model.sites.filter((s) => s.effective.timeout?.node === node);
  return [
    head,
    '',
    callsBlock([`SSL_CTX_set_timeout(ctx, ${t})`]),
    '',
    `Sessions expire ${t} s (${formatNginxTime(t)}) after they were created: OpenSSL treats a session as expired when now > time + timeout (spec §2). nginx also stamps entries of a shared zone with this expiry, and session tickets carry the same lifetime.`,
    '',
    `nginx's default is ${NGINX_DEFAULT_TIMEOUT} s (5m), not OpenSSL's 7200 s (spec §2, §9).`,
    '',
    usedBy(sites),
  ].join('\n');
}

function ticketsHover(node: NginxDirective, ctx: NginxRuleContext): string {
  const v = node.args.length === 1 ? node.args[0].value.toLowerCase() : '';
  const head = `**nginx \`ssl_session_tickets ${node.args.map((a) => a.value).join(' ')}\`** (spec §9)`;
  const sites = ctx.model.sites.filter((s) => s.effective.tickets?.node === node);
  if (v === 'on')
    return [
      head,
      '',
      'The default. OpenSSL issues session tickets: RFC 5077 tickets on TLS 1.2 (the new session then gets an empty session ID, so nothing is stored in any cache and no new-session callback runs, spec §3.2 (a)) and stateless tickets on TLS 1.3 (2 per full handshake, spec §3.1). Tickets resume without any session cache, even with `ssl_session_cache off` (spec §8 L2).',
      '',
      usedBy(sites),
    ].join('\n');
  if (v === 'off')
    return [
      head,
      '',
      callsBlock(['SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)']),
      '',
      'No TLS 1.2 tickets: resumption goes through the session cache. On TLS 1.3 the server still sends tickets, but stateful ones whose session must be found in the cache (spec §3.2 (d)); with `ssl_session_cache off` or `none` they never resume (spec §8 L3). nginx\'s shared-zone callback stores TLS 1.3 sessions only in this case (spec §9).',
      '',
      usedBy(sites),
    ].join('\n');
  return `${head}\n\n⚠ nginx accepts only \`on\` or \`off\`.`;
}

function verifyHover(node: NginxDirective, ctx: NginxRuleContext): string {
  const v = node.args.length === 1 ? node.args[0].value.toLowerCase() : '';
  const head = `**nginx \`ssl_verify_client ${node.args.map((a) => a.value).join(' ')}\`** (spec §9)`;
  const sites = ctx.model.sites.filter((s) => s.effective.verify?.node === node);
  if (v === 'off') return [head, '', 'The default: no client certificate is requested and `SSL_CTX_set_verify` is not called.', '', usedBy(sites)].join('\n');
  if (v === 'on' || v === 'optional' || v === 'optional_no_ca') {
    const enforce =
      v === 'on'
        ? 'nginx requests a certificate and rejects a request without a valid one itself (400), after the handshake.'
        : v === 'optional'
          ? 'nginx requests a certificate and lets the request in without one.'
          : 'nginx requests a certificate and does not require it to verify against the CA.';
    return [
      head,
      '',
      callsBlock([NGINX_VERIFY_CALL, NGINX_SID_CTX_CALL]),
      '',
      `${enforce} With \`SSL_VERIFY_PEER\`, OpenSSL caches no session and fails every resumption attempt unless a session ID context is set (spec §8 L16); nginx always sets one, over the certificates and the client CA names, so sessions stay resumable. Servers sharing a \`shared:\` zone with different policies see each other's sessions (rule nginx-zone-shared-across-verify-policies).`,
      '',
      usedBy(sites),
    ].join('\n');
  }
  return `${head}\n\n⚠ nginx accepts \`on\`, \`off\`, \`optional\` or \`optional_no_ca\`.`;
}

function workersHover(node: NginxDirective, ctx: NginxRuleContext): string {
  const v = node.args[0]?.value ?? '';
  const head = `**nginx \`worker_processes ${node.args.map((a) => a.value).join(' ')}\`** (spec §9)`;
  const n = v === 'auto' ? 'one worker process per CPU core' : /^[0-9]+$/.test(v) ? `${v} worker process${v === '1' ? '' : 'es'}` : undefined;
  if (!n) return `${head}\n\n⚠ nginx expects a number or \`auto\`.`;
  const builtin = ctx.model.sites.filter((s) => s.effective.kind === 'builtin');
  const lines = [
    head,
    '',
    `${n[0].toUpperCase()}${n.slice(1)}. Each worker has its own SSL_CTX copies, so \`ssl_session_cache builtin\` (OpenSSL's internal cache) exists once per worker and a client that reconnects to another worker misses; a \`shared:\` zone is one cache in shared memory for all of them.`,
  ];
  if (builtin.length) lines.push('', `Per-worker caches here: ${builtin.map((s) => `\`${s.label}\``).join(', ')}.`);
  return lines.join('\n');
}

/** The hover for the directive under offset, or null. */
export function nginxHoverAt(ctx: NginxRuleContext, index: { list?: Indexed[] }, offset: number): ConfigHover | null {
  const list = (index.list ??= indexDocument(ctx));
  // Binary search for the last directive starting at or before offset.
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].node.nameStart <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return null;
  const { node } = list[found];
  const end = directiveEnd(node);
  if (offset >= end) return null;
  let markdown: string;
  switch (node.name) {
    case 'ssl_session_cache':
      markdown = cacheHover(node, ctx);
      break;
    case 'ssl_session_timeout':
      markdown = timeoutHover(node, ctx);
      break;
    case 'ssl_session_tickets':
      markdown = ticketsHover(node, ctx);
      break;
    case 'ssl_verify_client':
      markdown = verifyHover(node, ctx);
      break;
    default:
      markdown = workersHover(node, ctx);
  }
  return { markdown, start: node.nameStart, end };
}
