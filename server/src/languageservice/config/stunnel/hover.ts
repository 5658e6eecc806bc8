import { formatSeconds } from '../apache/values';
import { callsBlock } from '../markdown';
import type { ConfigHover } from '../model';
import { STUNNEL_DEFAULT_CACHE_SIZE, STUNNEL_DEFAULT_TIMEOUT, parseStunnelBoolean, parseStunnelNumber } from './build';
import type { StunnelOption } from './parser';
import type { StunnelRuleContext, StunnelService } from './types';

function usedBy(services: StunnelService[]): string {
  if (services.length === 0) return 'No service in view uses it (a service option overrides the global one).';
  const names = services.slice(0, 6).map((s) => `\`${s.setting.label}\``);
  return `Applies to ${names.join(', ')}${services.length > 6 ? ` and ${services.length - 6} more` : ''}.`;
}

const STORE_NOTE =
  'With `NO_INTERNAL_STORE` OpenSSL stores nothing itself; after a full handshake the stunnel server adds the session with `SSL_CTX_add_session` ("SSL_SESS_CACHE_NO_INTERNAL_STORE prevented automatic caching"), so the internal cache does fill up (spec §9).';

function body(o: StunnelOption): string[] | undefined {
  switch (o.key) {
    case 'sessioncachesize': {
      const n = parseStunnelNumber(o.value);
      if (n === undefined) return ['⚠ stunnel expects a number of sessions.'];
      return [callsBlock([`SSL_CTX_sess_set_cache_size(ctx, ${n})`]), '', `${n === 0 ? 'Unlimited (0)' : `At most ${n} sessions`} in OpenSSL's internal cache of this service (stunnel's default ${STUNNEL_DEFAULT_CACHE_SIZE}; spec §2, §9). ${STORE_NOTE}`];
    }
    case 'sessioncachetimeout': {
      const t = parseStunnelNumber(o.value);
      if (t === undefined) return ['⚠ stunnel expects a number of seconds.'];
      return [callsBlock([`SSL_CTX_set_timeout(ctx, ${t})`]), '', `Sessions expire ${t} s (${formatSeconds(t)}) after they were created (spec §2); session tickets carry the same lifetime. stunnel's default is ${STUNNEL_DEFAULT_TIMEOUT} s (spec §9).`];
    }
    case 'sessionresume': {
      const on = parseStunnelBoolean(o.value);
      if (on === undefined) return ['⚠ stunnel expects yes or no.'];
      if (on) return [callsBlock(['SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_NO_INTERNAL_STORE)']), '', `The default. New, get and remove callbacks are set too. ${STORE_NOTE}`];
      return [
        callsBlock(['SSL_CTX_set_num_tickets(ctx, 0)', 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF)']),
        '',
        'No session IDs and no TLS 1.3 tickets on servers. TLS 1.2 session tickets still resume unless `options = NO_TICKET` (spec §8 L2, §9). The callbacks are still set but the new-session one is never called (spec §8 L10).',
      ];
    }
    case 'sessiond':
      return [
        `stunnel's external session cache at \`${o.value}\`: the new, get and remove callbacks that stunnel always sets also talk to it, so several stunnel processes can share sessions (spec §9). It is only fed while \`sessionResume\` is on (spec §8 L10).`,
      ];
    case 'options':
      if (o.value.toUpperCase() !== 'NO_TICKET') return undefined;
      return [callsBlock(['SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)']), '', 'Turns RFC 5077 session tickets off (TLS 1.2), so resumption goes through the session cache; with TLS 1.3 the server then issues stateful tickets kept in the cache (spec §8 L2, L3; docs/servers.md).'];
  }
  return undefined;
}

/** Hovers on the session options: the value, what it sets in OpenSSL and which services use it. */
export function stunnelHoverAt(ctx: StunnelRuleContext, offset: number): ConfigHover | null {
  const { document, model } = ctx;
  for (const section of [document.global, ...document.services]) {
    for (const o of section.options) {
      if (offset < o.start || offset > o.end) continue;
      const services = model.services.filter((s) => Object.values(s.effective).includes(o));
      const lines = body(o);
      if (!lines) return null;
      const head = `**stunnel \`${ctx.text.slice(o.keySpan.start, o.keySpan.end)} = ${o.value}\`** (spec §9)`;
      return { markdown: [head, '', ...lines, '', usedBy(services)].join('\n'), start: o.start, end: o.end };
    }
  }
  return null;
}
