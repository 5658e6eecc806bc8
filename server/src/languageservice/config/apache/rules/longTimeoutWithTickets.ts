import type { Fix } from '../../../rules/types';
import type { ApacheDirective } from '../parser';
import type { ApacheRule, ApacheSite, Located } from '../types';
import { formatSeconds } from '../values';
import { indentation, inDocument, replaceArg, reportAt } from './util';
import { MAX_TICKET_TIMEOUT } from '../../model';

export const apacheLongTimeoutWithTickets: ApacheRule = {
  id: 'apache-long-timeout-with-tickets',
  language: 'apache',
  defaultSeverity: 'information',
  title: 'Session timeout longer than a day with session tickets on',
  section: '§8 L2, §9',
  description:
    '`SSLSessionCacheTimeout` becomes `SSL_CTX_set_timeout` (spec §9), the lifetime of every session, including the sessions inside session tickets, which are on by default (`SSLSessionTickets on`) and resume without the cache (spec §8 L2). A ticket is the session\'s secrets encrypted with the ticket key; to honour the timeout the key must stay usable that long, and whoever obtains it can decrypt the recorded connections it protected, so the timeout bounds forward secrecy. **Threshold:** sesscache flags timeouts longer than one day (86400 s) while tickets are on.',
  bad: [{ code: 'SSLSessionCache shmcb:logs/ssl_scache(512000)\nSSLSessionCacheTimeout 604800\n<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n' }],
  good: [
    { code: 'SSLSessionCache shmcb:logs/ssl_scache(512000)\nSSLSessionCacheTimeout 86400\n<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n' },
    { code: 'SSLSessionCache shmcb:logs/ssl_scache(512000)\nSSLSessionCacheTimeout 604800\nSSLSessionTickets off\n<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n' },
  ],
  check({ model, text }, report) {
    const groups = new Map<ApacheDirective, { located: Located<number>; sites: ApacheSite[] }>();
    for (const site of model.sites) {
      const t = site.effective.timeout;
      if (!t || !site.effective.ticketsOn || t.value <= MAX_TICKET_TIMEOUT) continue;
      const g = groups.get(t.node) ?? { located: t, sites: [] };
      g.sites.push(site);
      groups.set(t.node, g);
    }
    for (const { located, sites } of groups.values()) {
      const fixes: Fix[] = [];
      if (inDocument(located)) {
        fixes.push(replaceArg(located.node, 0, '86400', 'Shorten SSLSessionCacheTimeout to 86400 (one day)'));
        const tickets = sites[0].effective.tickets;
        if (tickets && inDocument(tickets) && sites.every((s) => s.effective.tickets?.node === tickets.node)) {
          fixes.push(replaceArg(tickets.node, 0, 'off', 'Turn session tickets off'));
        } else if (!tickets) {
          const nl = text.indexOf('\n', located.node.end);
          const pos = nl < 0 ? text.length : nl + 1;
          fixes.push({ title: 'Turn session tickets off', edits: [{ start: pos, end: pos, newText: `${nl < 0 ? '\n' : ''}${indentation(text, located.node)}SSLSessionTickets off\n` }] });
        }
      }
      reportAt(
        report,
        located,
        `SSLSessionCacheTimeout ${located.value} (${formatSeconds(located.value)}) with session tickets on: every ticket stays valid that long, so the ticket key that encrypts it must too, ` +
          `and anyone who obtains that key can decrypt the recorded connections it protected. Forward secrecy reaches only as far as this timeout; keep it at a day or less, or set SSLSessionTickets off and resume from the session cache (spec §8 L2, §9).`,
        fixes,
      );
    }
  },
};
