import { formatSeconds } from '../apache/values';
import { callsBlock } from '../markdown';
import type { ConfigHover } from '../model';
import { POSTFIX_DEFAULT_TIMEOUT, parsePostfixSeconds, postfixCalls } from './build';
import type { PostfixParam } from './parser';
import type { PostfixRuleContext } from './types';

function body(p: PostfixParam, ctx: PostfixRuleContext): string[] | undefined {
  const { model } = ctx;
  const timeout = model.timeoutSeconds;
  switch (p.name) {
    case 'smtpd_tls_session_cache_database':
      if (!p.value) return ['Empty: no external cache, so smtpd sets `SSL_SESS_CACHE_OFF` ("No use wasting server memory"); only session tickets resume (spec §9, §8 L2).', '', callsBlock(postfixCalls(false, timeout, true))];
      return [
        `smtpd's external session cache \`${p.value}\`, kept by tlsmgr. OpenSSL's internal cache is off (size 1, \`NO_INTERNAL\`); sessions go through the get and new callbacks, with no remove callback on purpose (spec §9, §5.2). Session lifetime in OpenSSL is twice smtpd_tls_session_cache_timeout.`,
        '',
        callsBlock(postfixCalls(timeout > 0, timeout, true)),
      ];
    case 'smtpd_tls_session_cache_timeout': {
      const t = parsePostfixSeconds(p.value);
      if (t === undefined) return ['⚠ Postfix expects a time: a number with s, m, h, d or w.'];
      if (t === 0) return ['0 disables session caching altogether: no database use and no session tickets (docs/servers.md).'];
      return [
        callsBlock([`SSL_CTX_set_timeout(ctx, ${2 * t})`]),
        '',
        `Cached sessions and session tickets last ${t} s (${formatSeconds(t)}); smtpd gives OpenSSL twice that, so that the external cache decides expiry (spec §9). The default is ${POSTFIX_DEFAULT_TIMEOUT} s (docs/servers.md).`,
      ];
    }
    case 'tls_session_ticket_cipher':
      if (!p.value) return ['Empty: session tickets are off, so resumption only goes through `smtpd_tls_session_cache_database` (docs/servers.md, spec §8 L2).', '', callsBlock(['SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)'])];
      return [`Session tickets on, with keys from tlsmgr encrypted with \`${p.value}\`; they resume without the session cache and carry smtpd_tls_session_cache_timeout as their lifetime (docs/servers.md, spec §8 L2). Empty turns tickets off.`];
  }
  return undefined;
}

/** Hovers on the smtpd session parameters: the value and what it sets in OpenSSL. */
export function postfixHoverAt(ctx: PostfixRuleContext, offset: number): ConfigHover | null {
  for (const p of ctx.document.params) {
    if (offset < p.start || offset > p.end) continue;
    const lines = body(p, ctx);
    if (!lines) return null;
    const overridden = ctx.model.database !== p && ctx.model.timeout !== p && ctx.model.ticketCipher !== p;
    const tail = overridden ? ['', 'Overridden by a later assignment of the same parameter.'] : [];
    return { markdown: [`**Postfix \`${p.name} = ${p.value}\`** (spec §9)`, '', ...lines, ...tail].join('\n'), start: p.start, end: p.end };
  }
  return null;
}
