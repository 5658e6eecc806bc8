import { formatSeconds } from '../../apache/values';
import { MAX_TICKET_TIMEOUT } from '../../model';
import type { StunnelOption } from '../parser';
import type { StunnelRule, StunnelService } from '../types';

export const stunnelLongTimeoutWithTickets: StunnelRule = {
  id: 'stunnel-long-timeout-with-tickets',
  language: 'stunnel',
  defaultSeverity: 'information',
  title: 'sessionCacheTimeout longer than a day with session tickets on',
  section: '§8 L2, §9',
  description:
    '`sessionCacheTimeout` becomes `SSL_CTX_set_timeout` (spec §9), the lifetime of every session, including the sessions inside session tickets, which stay on unless `options = NO_TICKET` (spec §8 L2). To honour the timeout the ticket key must stay usable that long, and whoever obtains it can decrypt the recorded connections it protected, so the timeout bounds forward secrecy. **Threshold:** sesscache flags timeouts longer than one day (86400 s) on a server service with tickets on.',
  bad: [{ code: '[https]\naccept = 443\nconnect = 8080\nsessionCacheTimeout = 604800\n' }],
  good: [
    { code: '[https]\naccept = 443\nconnect = 8080\nsessionCacheTimeout = 86400\n' },
    { code: '[https]\naccept = 443\nconnect = 8080\nsessionCacheTimeout = 604800\noptions = NO_TICKET\n' },
  ],
  check({ model }, report) {
    const groups = new Map<StunnelOption, StunnelService[]>();
    for (const s of model.services) {
      const t = s.effective.timeout;
      if (!t || s.setting.role !== 'server' || !s.setting.tickets || s.setting.timeout <= MAX_TICKET_TIMEOUT) continue;
      groups.set(t, [...(groups.get(t) ?? []), s]);
    }
    for (const [t, services] of groups) {
      report({
        message:
          `sessionCacheTimeout = ${t.value} (${formatSeconds(services[0].setting.timeout)}) with session tickets on (${services.map((s) => s.setting.label).join(', ')}): every ticket stays valid that long, so the ticket key that encrypts it must too, ` +
          'and anyone who obtains that key can decrypt the recorded connections it protected. Keep it at a day or less, or add options = NO_TICKET and resume from the session cache (spec §8 L2, §9).',
        start: t.start,
        end: t.end,
        fixes: [{ title: 'Shorten sessionCacheTimeout to one day', edits: [{ start: t.valueSpan.start, end: t.valueSpan.end, newText: '86400' }] }],
      });
    }
  },
};
