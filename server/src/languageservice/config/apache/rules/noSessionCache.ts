import type { Fix } from '../../../rules/types';
import type { ApacheRule } from '../types';
import { inDocument, replaceArg, reportAt, suggestedProvider, ticketState } from './util';

export const apacheNoSessionCache: ApacheRule = {
  id: 'apache-no-session-cache',
  language: 'apache',
  defaultSeverity: 'information',
  title: 'No session cache: only session tickets resume',
  section: '§8 L2, §8 L3, §9',
  description:
    '`SSLSessionCache none`, mod_ssl\'s default, is `SSL_SESS_CACHE_OFF` (spec §9): the server sends empty session IDs and stores nothing, so clients can resume only with session tickets (on by default, and they resume without any cache, spec §8 L2). With `SSLSessionTickets off` as well, nothing resumes: every connection is a full handshake, and TLS 1.3 clients receive stateful tickets whose sessions are never stored (spec §8 L3). The rule fires where `none` is written, and where the default applies in a configuration that shows `LoadModule ssl_module` (so the whole server configuration is in view) with a TLS virtual host and no `SSLSessionCache`.',
  bad: [
    { code: 'SSLSessionCache none\n<VirtualHost *:443>\n    SSLEngine on\n    SSLSessionTickets off\n</VirtualHost>\n' },
    { code: 'LoadModule ssl_module modules/mod_ssl.so\nListen 443\n<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n' },
  ],
  good: [
    { code: 'SSLSessionCache shmcb:logs/ssl_scache(512000)\n<VirtualHost *:443>\n    SSLEngine on\n    SSLSessionTickets off\n</VirtualHost>\n' },
    { code: '<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n' },
  ],
  check({ model, text }, report) {
    const cache = model.global.cache;
    const explicit = cache?.value.kind === 'none' ? cache : undefined;
    const at = explicit ?? (!cache && model.sslModule && model.sites.some((s) => s.vhost) ? model.sslModule : undefined);
    if (!at) return;
    const sites = model.sites;
    const tickets = ticketState(sites);
    const offHosts = sites.filter((s) => !s.effective.ticketsOn).map((s) => s.label);
    const head = explicit
      ? 'SSLSessionCache none is SSL_SESS_CACHE_OFF (spec §9): empty session IDs, nothing stored.'
      : 'mod_ssl is loaded and no SSLSessionCache is configured, so the default "none" applies: SSL_SESS_CACHE_OFF (spec §9), empty session IDs, nothing stored.';
    const tail =
      sites.length === 0
        ? ' Only session tickets can resume.'
        : tickets === 'on'
          ? ' Only session tickets resume (SSLSessionTickets is on; they need no cache, spec §8 L2); clients without ticket support always get a full handshake.'
          : tickets === 'off'
            ? ' SSLSessionTickets is off too, so nothing resumes: every connection is a full handshake, and TLS 1.3 clients get stateful tickets that are never stored (spec §8 L3).'
            : ` Only session tickets resume, and ${offHosts.join(', ')} ${offHosts.length === 1 ? 'has' : 'have'} SSLSessionTickets off, so nothing resumes there (spec §8 L3).`;
    const provider = suggestedProvider(text);
    const fixes: Fix[] = [];
    if (explicit && inDocument(explicit)) fixes.push(replaceArg(explicit.node, 0, provider, `Store sessions in shared memory: ${provider} (needs mod_socache_shmcb)`, true));
    else if (!explicit && inDocument(at)) {
      const lineEnd = text.indexOf('\n', at.node.end);
      const pos = lineEnd < 0 ? text.length : lineEnd + 1;
      fixes.push({ title: `Add SSLSessionCache ${provider} (needs mod_socache_shmcb)`, edits: [{ start: pos, end: pos, newText: `${lineEnd < 0 ? '\n' : ''}SSLSessionCache ${provider}\n` }] });
    }
    reportAt(report, at, head + tail, fixes);
  },
};
