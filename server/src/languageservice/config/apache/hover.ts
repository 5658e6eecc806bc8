import { decodeMode } from '../../mode/decode';
import { callsBlock } from '../markdown';
import type { ConfigHover } from '../model';
import { APACHE_DEFAULT_TIMEOUT, APACHE_SID_CTX_CALL, apacheCacheCalls, apacheCacheParameters, apacheVerifyCall } from './build';
import type { ApacheDirective } from './parser';
import type { ApacheRuleContext, ApacheSite } from './types';
import { KNOWN_PROVIDERS, formatSeconds, parseApacheCache, parseApacheSeconds, parseApacheVerify } from './values';

export const APACHE_HOVER_DIRECTIVES = new Set(['sslsessioncache', 'sslsessioncachetimeout', 'sslsessiontickets', 'sslverifyclient']);

function indexDocument(ctx: ApacheRuleContext): ApacheDirective[] {
  const out: ApacheDirective[] = [];
  const stack: { list: ApacheDirective[]; i: number }[] = [{ list: ctx.document.directives, i: 0 }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.i >= f.list.length) {
      stack.pop();
      continue;
    }
    const node = f.list[f.i++];
    if (node.section) stack.push({ list: node.section.children, i: 0 });
    else if (APACHE_HOVER_DIRECTIVES.has(node.lower)) out.push(node);
  }
  return out;
}

function usedBy(sites: ApacheSite[]): string {
  if (sites.length === 0) return 'No TLS virtual host in view uses it (`SSLEngine on` turns TLS on for a host).';
  const names = sites.slice(0, 6).map((s) => `\`${s.label}\``);
  return `Applies to ${names.join(', ')}${sites.length > 6 ? ` and ${sites.length - 6} more` : ''}.`;
}

function head(node: ApacheDirective): string {
  return `**Apache httpd \`${node.name} ${node.args.map((a) => a.value).join(' ')}\`** (mod_ssl, spec §9)`;
}

function cacheHover(node: ApacheDirective, ctx: ApacheRuleContext): string {
  const h = head(node);
  const misplaced = ctx.model.misplacedCaches.some((m) => m.located.node === node);
  if (misplaced) return `${h}\n\n⚠ Not allowed here: SSLSessionCache belongs to the server config only, and httpd refuses to start (rule apache-cache-in-vhost).`;
  const spec = node.args.length === 1 ? parseApacheCache(node.args[0].value) : { invalid: 'SSLSessionCache takes one argument' };
  if ('invalid' in spec) return `${h}\n\n⚠ ${spec.invalid}.`;
  const p = apacheCacheParameters(spec);
  const decoded = decodeMode(p.mode);
  const lines = [h, '', `Mode \`${decoded.expression}\` (${decoded.hex}).`, ''];
  if (spec.kind === 'none')
    lines.push(
      "mod_ssl's default. No SERVER bit: the server sends empty session IDs (TLS ≤1.2) and stores nothing, so only session tickets resume; with `SSLSessionTickets off` nothing does (spec §8 L2, §8 L3).",
    );
  else if (spec.kind === 'nonenotnull')
    lines.push(
      'SERVER is set, so session IDs are announced, but the internal cache is off (`NO_INTERNAL`) and no callbacks are set: no session is stored anywhere and every client that offers its ID back misses (spec §8 L5). Meant for clients that fail on empty IDs.',
    );
  else {
    const what = KNOWN_PROVIDERS[spec.provider] ?? `the socache provider "${spec.provider}" (needs \`LoadModule socache_${spec.provider}_module\`; httpd refuses an unknown provider)`;
    const size = spec.size !== undefined ? ` The shmcb buffer is ${spec.size} bytes; when it is full the oldest sessions are dropped.` : '';
    lines.push(
      `The internal cache is off (\`NO_INTERNAL\`): OpenSSL hands every new session to mod_ssl's callbacks, which store it in ${what}, and looks sessions up there (spec §9).${size} One cache for the whole server: virtual hosts are kept apart by their session ID contexts.`,
    );
  }
  lines.push('', callsBlock(apacheCacheCalls(spec)), '', `Per virtual host mod_ssl also sets \`SSL_CTX_set_timeout\` (from SSLSessionCacheTimeout, default ${APACHE_DEFAULT_TIMEOUT}) and a session ID context per connection, so sessions stay resumable with client verification (spec §8 L16).`);
  lines.push('', usedBy(ctx.model.sites.filter((s) => s.effective.cache?.node === node)));
  return lines.join('\n');
}

function timeoutHover(node: ApacheDirective, ctx: ApacheRuleContext): string {
  const h = head(node);
  const t = node.args.length === 1 ? parseApacheSeconds(node.args[0].value) : undefined;
  if (t === undefined) return `${h}\n\n⚠ httpd expects a number of seconds.`;
  return [
    h,
    '',
    callsBlock([`SSL_CTX_set_timeout(ctx, ${t})`]),
    '',
    `Sessions expire ${t} s (${formatSeconds(t)}) after they were created: OpenSSL treats a session as expired when now > time + timeout (spec §2); the socache entries get the same expiry, and session tickets carry the same lifetime.`,
    '',
    `mod_ssl's default is ${APACHE_DEFAULT_TIMEOUT} s, not OpenSSL's 7200 s (spec §2, §9).`,
    '',
    usedBy(ctx.model.sites.filter((s) => s.effective.timeout?.node === node)),
  ].join('\n');
}

function ticketsHover(node: ApacheDirective, ctx: ApacheRuleContext): string {
  const h = head(node);
  const v = node.args.length === 1 ? node.args[0].value.toLowerCase() : '';
  const sites = usedBy(ctx.model.sites.filter((s) => s.effective.tickets?.node === node));
  if (v === 'on')
    return [
      h,
      '',
      'The default. OpenSSL issues session tickets: RFC 5077 tickets on TLS 1.2 (the session then has an empty ID, so no cache stores it, spec §3.2 (a)) and stateless tickets on TLS 1.3 (2 per full handshake, spec §3.1). Tickets resume even with `SSLSessionCache none` (spec §8 L2).',
      '',
      sites,
    ].join('\n');
  if (v === 'off')
    return [
      h,
      '',
      callsBlock(['SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)']),
      '',
      'No TLS 1.2 tickets: resumption needs the session cache (`SSLSessionCache` with a provider). TLS 1.3 still sends tickets, stateful ones that must be found in the cache (spec §3.2 (d)); with `none` or `nonenotnull` nothing resumes (spec §8 L3).',
      '',
      sites,
    ].join('\n');
  return `${h}\n\n⚠ httpd accepts only On or Off.`;
}

function verifyHover(node: ApacheDirective, ctx: ApacheRuleContext): string {
  const h = head(node);
  const v = node.args.length === 1 ? parseApacheVerify(node.args[0].value) : undefined;
  const sites = usedBy(ctx.model.sites.filter((s) => s.effective.verify?.node === node));
  if (!v) return `${h}\n\n⚠ httpd accepts none, optional, require or optional_no_ca.`;
  if (v === 'none') return [h, '', 'No client certificate is requested (the default).', '', sites].join('\n');
  return [
    h,
    '',
    callsBlock([apacheVerifyCall(v), APACHE_SID_CTX_CALL]),
    '',
    'With `SSL_VERIFY_PEER`, OpenSSL caches no session and fails every resumption attempt unless a session ID context is set (spec §8 L16); mod_ssl sets one per virtual host (an MD5 of the host\'s identity), so sessions stay resumable and hosts do not resume each other\'s sessions.',
    '',
    sites,
  ].join('\n');
}

/** The hover for the directive under offset, or null. */
export function apacheHoverAt(ctx: ApacheRuleContext, index: { list?: ApacheDirective[] }, offset: number): ConfigHover | null {
  const list = (index.list ??= indexDocument(ctx));
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].nameStart <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return null;
  const node = list[found];
  const end = node.args.length ? node.args[node.args.length - 1].end : node.nameEnd;
  if (offset >= end) return null;
  let markdown: string;
  switch (node.lower) {
    case 'sslsessioncache':
      markdown = cacheHover(node, ctx);
      break;
    case 'sslsessioncachetimeout':
      markdown = timeoutHover(node, ctx);
      break;
    case 'sslsessiontickets':
      markdown = ticketsHover(node, ctx);
      break;
    default:
      markdown = verifyHover(node, ctx);
  }
  return { markdown, start: node.nameStart, end };
}
