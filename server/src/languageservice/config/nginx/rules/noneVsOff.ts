import type { NginxDirective } from '../parser';
import type { Located, NginxRule, NginxSite } from '../types';
import type { NginxCacheSpec } from '../values';
import { cacheKind } from '../values';
import { replaceArgs, reportAt, suggestedSharedZone } from './util';

export const noneVsOff: NginxRule = {
  id: 'nginx-none-vs-off',
  language: 'nginx',
  defaultSeverity: 'information',
  title: 'ssl_session_cache none announces session IDs but stores nothing',
  section: '§8 L5, §8 L2, §9',
  description:
    '`ssl_session_cache none` is not "off". nginx sets `SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR | SSL_SESS_CACHE_NO_INTERNAL_STORE` with a cache size of 1 and no callbacks (spec §9). The SERVER bit makes the server send a session ID, but nothing stores the session, so a TLS 1.2 client that offers the ID back always misses and gets a full handshake (spec §8 L5). nginx does this on purpose, because some old clients (Outlook Express) fail when a server sends no session ID. `off` (`SSL_SESS_CACHE_OFF`) sends empty IDs, so clients do not try. Both still resume with session tickets unless `ssl_session_tickets off` (spec §8 L2). `none` is also nginx\'s default, so writing it changes nothing unless it overrides an inherited cache. The rule fires only where `none` is written.',
  bad: [
    { code: 'http {\n    ssl_session_cache none;\n    server {\n        listen 443 ssl;\n    }\n}\n' },
    { code: 'http {\n    ssl_session_cache shared:SSL:10m;\n    server {\n        listen 443 ssl;\n        ssl_session_cache none;\n        ssl_session_tickets off;\n    }\n}\n' },
  ],
  good: [
    { code: 'http {\n    server {\n        listen 443 ssl;\n    }\n}\n' },
    { code: 'http {\n    ssl_session_cache off;\n    server {\n        listen 443 ssl;\n    }\n}\n' },
  ],
  check({ model }, report) {
    const groups = new Map<NginxDirective, { located: Located<NginxCacheSpec>; sites: NginxSite[]; inherited?: Located<NginxCacheSpec>; kind: string }>();
    for (const block of model.blocks) {
      const levels: { located?: Located<NginxCacheSpec>; inherited?: Located<NginxCacheSpec> }[] = [
        { located: block.level.cache },
        ...block.servers.map((s) => ({ located: s.level.cache, inherited: block.level.cache })),
      ];
      for (const { located, inherited } of levels) {
        if (!located || cacheKind(located.value) !== 'none' || groups.has(located.node)) continue;
        const g: { located: Located<NginxCacheSpec>; sites: NginxSite[]; inherited?: Located<NginxCacheSpec>; kind: string } = { located, sites: [], kind: block.kind };
        if (inherited && cacheKind(inherited.value) !== 'none') g.inherited = inherited;
        groups.set(located.node, g);
      }
    }
    for (const site of model.sites) {
      const n = site.effective.cache?.node;
      if (n) groups.get(n)?.sites.push(site);
    }
    for (const g of groups.values()) {
      const { located, sites } = g;
      const ticketsOn = sites.filter((s) => s.effective.ticketsOn).length;
      const tls12 = sites.length === 0 || sites.some((s) => s.effective.protocolList.includes('TLSv1.2'));
      const parts: string[] = [];
      parts.push(
        tls12
          ? 'ssl_session_cache none still announces session IDs (SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR | SSL_SESS_CACHE_NO_INTERNAL_STORE, no callbacks) but stores no session: a TLS 1.2 client that offers its ID back always misses and gets a full handshake (spec §8 L5). "off" sends empty session IDs, so clients do not try.'
          : 'ssl_session_cache none still sets SSL_SESS_CACHE_SERVER but stores no session (spec §8 L5); with only TLS 1.3 enabled, session IDs play no part, so none and off behave alike.',
      );
      if (sites.length === 0) parts.push('No TLS server uses it here.');
      else if (ticketsOn === sites.length) parts.push('Clients still resume with session tickets (ssl_session_tickets is on), which need no cache (spec §8 L2).');
      else if (ticketsOn === 0)
        parts.push('ssl_session_tickets is off as well, so no client resumes at all: TLS 1.3 clients get stateful tickets whose sessions are never stored (spec §8 L3).');
      else parts.push(`Servers with tickets on still resume with session tickets; the ${sites.length - ticketsOn} with ssl_session_tickets off never resume.`);
      if (g.inherited) parts.push(`Here it overrides "${g.inherited.node.args.map((a) => a.value).join(' ')}" inherited from the ${g.kind} block.`);
      else parts.push('It is also nginx\'s default, so the line changes nothing; to resume by session ID use a shared cache.');
      const shared = suggestedSharedZone(model, g.kind as 'http' | 'mail' | 'stream');
      const fixes =
        located.node.args.length > 0
          ? [replaceArgs(located.node, shared, `Cache sessions in a shared zone: ${shared}`), replaceArgs(located.node, 'off', 'Use off: announce no session IDs')]
          : [];
      reportAt(report, located, parts.join(' '), fixes);
    }
  },
};
