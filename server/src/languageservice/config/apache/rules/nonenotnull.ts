import type { Fix } from '../../../rules/types';
import type { ApacheRule } from '../types';
import { inDocument, replaceArg, reportAt, suggestedProvider, ticketState } from './util';

export const apacheNonenotnull: ApacheRule = {
  id: 'apache-nonenotnull',
  language: 'apache',
  defaultSeverity: 'information',
  title: 'SSLSessionCache nonenotnull announces session IDs but stores nothing',
  section: '§8 L5, §9',
  description:
    '`SSLSessionCache nonenotnull` sets `SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL` with no callbacks (spec §9): the server sends non-empty session IDs, but neither OpenSSL nor a socache provider stores the session, so a TLS 1.2 client that offers the ID back always misses and gets a full handshake (spec §8 L5). mod_ssl offers it for clients that fail on empty session IDs. Session tickets still resume unless `SSLSessionTickets off` (spec §8 L2). To resume by session ID, configure a provider such as `shmcb`.',
  bad: [{ code: 'SSLSessionCache nonenotnull\n<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n' }],
  good: [
    { code: 'SSLSessionCache shmcb:logs/ssl_scache(512000)\n<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n' },
    { code: 'SSLSessionCache none\n<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n' },
  ],
  check({ model, text }, report) {
    const cache = model.global.cache;
    if (!cache || cache.value.kind !== 'nonenotnull') return;
    const tickets = ticketState(model.sites);
    const after =
      model.sites.length === 0
        ? ''
        : tickets === 'on'
          ? ' Clients still resume with session tickets (SSLSessionTickets is on), which need no cache (spec §8 L2).'
          : tickets === 'off'
            ? ' SSLSessionTickets is off as well, so no client resumes at all.'
            : ' Hosts with SSLSessionTickets off never resume.';
    const provider = suggestedProvider(text);
    const fixes: Fix[] = inDocument(cache)
      ? [replaceArg(cache.node, 0, provider, `Store sessions in shared memory: ${provider} (needs mod_socache_shmcb)`), replaceArg(cache.node, 0, 'none', 'Use none: announce no session IDs')]
      : [];
    reportAt(
      report,
      cache,
      'SSLSessionCache nonenotnull announces session IDs (SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL, no callbacks) but stores no session anywhere: a TLS 1.2 client that offers its ID back always misses and gets a full handshake (spec §8 L5). "none" sends empty IDs so clients do not try.' +
        after,
      fixes,
    );
  },
};
