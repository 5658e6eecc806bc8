import type { Fix } from '../../../rules/types';
import type { NginxRule } from '../types';
import { formatNginxTime } from '../values';
import { groupByDirective, inDocument, insertAfter, replaceArgs, reportAt } from './util';
import { MAX_TICKET_TIMEOUT } from '../../model';

export const longTimeoutWithTickets: NginxRule = {
  id: 'nginx-long-timeout-with-tickets',
  language: 'nginx',
  defaultSeverity: 'information',
  title: 'Session timeout longer than a day with session tickets on',
  section: '§8 L2, §9',
  description:
    '`ssl_session_timeout` becomes `SSL_CTX_set_timeout` (spec §9), the lifetime of every session, including the sessions that travel inside session tickets, which are on by default and resume even without a session cache (spec §8 L2). A ticket is the session\'s secrets encrypted with the server\'s ticket key; to honour the timeout, a key must stay usable for the whole timeout after the last ticket it encrypted, and whoever obtains it can decrypt every recorded connection whose ticket it protected. So the timeout bounds how far forward secrecy reaches. **Threshold:** sesscache flags timeouts longer than one day (86400 s, the value Mozilla\'s server-side TLS guidelines use) while tickets are on. Shorten the timeout, or turn tickets off and let the session cache resume.',
  bad: [
    { code: 'http {\n    ssl_session_cache shared:SSL:10m;\n    ssl_session_timeout 7d;\n    server {\n        listen 443 ssl;\n    }\n}\n' },
    { code: 'http {\n    server {\n        listen 443 ssl;\n        ssl_session_timeout 2d;\n        ssl_session_tickets on;\n    }\n}\n' },
  ],
  good: [
    { code: 'http {\n    ssl_session_cache shared:SSL:10m;\n    ssl_session_timeout 1d;\n    server {\n        listen 443 ssl;\n    }\n}\n' },
    { code: 'http {\n    ssl_session_cache shared:SSL:50m;\n    ssl_session_timeout 7d;\n    ssl_session_tickets off;\n    server {\n        listen 443 ssl;\n    }\n}\n' },
  ],
  check({ model, text }, report) {
    const sites = model.sites.filter((s) => s.effective.ticketsOn && s.effective.timeoutSeconds > MAX_TICKET_TIMEOUT);
    for (const { located, sites: users } of groupByDirective(sites, (s) => s.effective.timeout)) {
      const t = located.value;
      const written = located.node.args[0]?.value ?? formatNginxTime(t);
      const fixes: Fix[] = [];
      if (inDocument(located)) {
        fixes.push(replaceArgs(located.node, '1d', 'Shorten ssl_session_timeout to 1d'));
        const tickets = users[0].effective.tickets;
        if (tickets && inDocument(tickets) && users.every((u) => u.effective.tickets?.node === tickets.node)) {
          fixes.push(replaceArgs(tickets.node, 'off', 'Turn session tickets off'));
        } else if (!tickets && located.node.file === undefined) {
          fixes.push(insertAfter(text, located.node, 'ssl_session_tickets off;', 'Turn session tickets off'));
        }
      }
      reportAt(
        report,
        located,
        `ssl_session_timeout ${written} (${t} s) with session tickets on: every ticket stays valid for ${formatNginxTime(t)}, so the ticket key that encrypts it must too, ` +
          `and anyone who obtains that key can decrypt the recorded connections it protected. Forward secrecy reaches only as far as this timeout; ` +
          `keep it at a day or less, or turn tickets off (ssl_session_tickets off) and resume from the session cache (spec §8 L2, §9).`,
        fixes,
      );
    }
  },
};
