import type { HaproxyRule } from '../types';
import { formatSeconds } from '../../apache/values';
import { MAX_TICKET_TIMEOUT } from '../../model';

export const haproxyLongTimeoutWithTickets: HaproxyRule = {
  id: 'haproxy-long-timeout-with-tickets',
  language: 'haproxy',
  defaultSeverity: 'information',
  title: 'tune.ssl.lifetime longer than a day with session tickets on',
  section: '§8 L2, §9',
  description:
    '`tune.ssl.lifetime` becomes `SSL_CTX_set_timeout` (spec §9), the lifetime of every session, including the sessions inside session tickets, which HAProxy issues unless `no-tls-tickets` is set and which resume without the cache (spec §8 L2). To honour the lifetime the ticket key must stay usable that long, and whoever obtains it can decrypt the recorded connections it protected, so the lifetime bounds forward secrecy. **Threshold:** sesscache flags lifetimes longer than one day (86400 s) while a TLS bind has tickets on.',
  bad: [{ code: 'global\n    tune.ssl.lifetime 7d\nfrontend www\n    bind :443 ssl crt /etc/haproxy/site.pem\n' }],
  good: [
    { code: 'global\n    tune.ssl.lifetime 1d\nfrontend www\n    bind :443 ssl crt /etc/haproxy/site.pem\n' },
    { code: 'global\n    tune.ssl.lifetime 7d\nfrontend www\n    bind :443 ssl crt /etc/haproxy/site.pem no-tls-tickets\n' },
  ],
  check({ model }, report) {
    const lifetime = model.lifetime;
    if (!lifetime || lifetime.value <= MAX_TICKET_TIMEOUT) return;
    // Without a frontend in view (a global-only file) the default bind options decide.
    const ticketsOn = model.frontends ? model.binds.some((b) => b.setting.tickets) : !model.defaultNoTickets;
    if (!ticketsOn) return;
    const arg = lifetime.line.words[1];
    report({
      message:
        `tune.ssl.lifetime ${arg.value} (${formatSeconds(lifetime.value)}) with session tickets on: every ticket stays valid that long, so the ticket key that encrypts it must too, ` +
        'and anyone who obtains that key can decrypt the recorded connections it protected. Keep it at a day or less, or add no-tls-tickets (to the binds or to ssl-default-bind-options) and resume from the session cache (spec §8 L2, §9).',
      start: lifetime.line.start,
      end: lifetime.line.end,
      fixes: [{ title: 'Shorten tune.ssl.lifetime to one day', edits: [{ start: arg.start, end: arg.end, newText: '86400' }] }],
    });
  },
};
