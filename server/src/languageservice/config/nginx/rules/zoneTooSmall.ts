import type { Fix } from '../../../rules/types';
import type { NginxDirective } from '../parser';
import type { Located, NginxModel, NginxRule } from '../types';
import type { NginxCacheSpec } from '../values';
import { MIN_ZONE_BYTES, SESSIONS_PER_MEGABYTE, formatBytes, formatNginxTime, sessionsInZone } from '../values';
import { NGINX_DEFAULT_TIMEOUT } from '../build';
import { inDocument, reportAt } from './util';

/** The threshold: a zone that holds fewer sessions than this (under 1 MB) is flagged. */
export const MIN_ZONE_SESSIONS = SESSIONS_PER_MEGABYTE;

function sharedCaches(model: NginxModel): { located: Located<NginxCacheSpec>; timeouts: number[] }[] {
  const out = new Map<NginxDirective, { located: Located<NginxCacheSpec>; timeouts: number[] }>();
  for (const block of model.blocks) {
    for (const level of [block.level, ...block.servers.map((s) => s.level)]) {
      const c = level.cache;
      if (c?.value.shared && !c.value.off && !c.value.none && !out.has(c.node)) out.set(c.node, { located: c, timeouts: [] });
    }
  }
  for (const site of model.sites) {
    const g = site.effective.cache && out.get(site.effective.cache.node);
    if (g) g.timeouts.push(site.effective.timeoutSeconds);
  }
  for (const g of out.values()) if (g.timeouts.length === 0) g.timeouts.push(NGINX_DEFAULT_TIMEOUT);
  return [...out.values()];
}

export const zoneTooSmall: NginxRule = {
  id: 'nginx-zone-too-small',
  language: 'nginx',
  defaultSeverity: 'warning',
  title: 'Shared session cache zone too small',
  section: '§9',
  description:
    `nginx documents that one megabyte of a \`shared\` session cache holds about ${SESSIONS_PER_MEGABYTE} sessions. When the zone is full, nginx's new-session callback drops the oldest session, even if it has not expired, so at a steady rate of new sessions the zone keeps sessions for their whole \`ssl_session_timeout\` only while the rate stays below *sessions ÷ timeout* per second. **Threshold:** sesscache flags a zone that holds fewer than ${MIN_ZONE_SESSIONS} sessions (smaller than 1 MB), and reports an error below 8 memory pages (32 KB with 4 KB pages), which nginx refuses ("session cache is too small"). With session tickets on (the default), only TLS 1.2 clients without ticket support use the zone: nginx's callback does not store TLS 1.3 sessions unless \`ssl_session_tickets off\` (spec §9).`,
  bad: [
    { code: 'http {\n    ssl_session_cache shared:SSL:512k;\n    server {\n        listen 443 ssl;\n    }\n}\n' },
    { code: 'http {\n    server {\n        listen 443 ssl;\n        ssl_session_cache shared:tiny:16k;\n    }\n}\n' },
  ],
  good: [
    { code: 'http {\n    ssl_session_cache shared:SSL:10m;\n    server {\n        listen 443 ssl;\n    }\n}\n' },
    { code: 'http {\n    ssl_session_cache shared:SSL:1m;\n    server {\n        listen 443 ssl;\n    }\n}\n' },
  ],
  check({ model, document }, report) {
    for (const { located, timeouts } of sharedCaches(model)) {
      const shared = located.value.shared!;
      const arg = located.node.args[shared.argIndex];
      const sessions = sessionsInZone(shared.size);
      if (sessions >= MIN_ZONE_SESSIONS) continue;
      // One fix for every declaration of the zone in the document (nginx wants one size per zone).
      const edits: Fix['edits'] = [];
      for (const block of model.blocks) {
        for (const level of [block.level, ...block.servers.map((s) => s.level)]) {
          const c = level.cache;
          if (!c?.value.shared || c.value.shared.name !== shared.name || !inDocument(c)) continue;
          const a = c.node.args[c.value.shared.argIndex];
          const sizeStart = a.start + a.value.lastIndexOf(':') + 1 + (a.quoted ? 1 : 0);
          if (document.text.slice(sizeStart, a.end - (a.quoted ? 1 : 0)) !== a.value.slice(a.value.lastIndexOf(':') + 1)) continue;
          if (!edits.some((e) => e.start === sizeStart)) edits.push({ start: sizeStart, end: a.end - (a.quoted ? 1 : 0), newText: '10m' });
        }
      }
      const fixes: Fix[] = edits.length ? [{ title: `Make zone "${shared.name}" 10m (about ${sessionsInZone(10 * 1024 * 1024)} sessions)`, edits, preferred: true }] : [];
      if (shared.size < MIN_ZONE_BYTES) {
        reportAt(
          report,
          located,
          `session cache "${arg.value}" is too small: nginx refuses a shared zone under 8 memory pages (${formatBytes(MIN_ZONE_BYTES)} with 4 KB pages) and does not start`,
          fixes,
          'error',
        );
        continue;
      }
      const timeout = Math.max(...timeouts);
      const rate = sessions / timeout;
      const rateText = rate >= 10 ? rate.toFixed(0) : rate >= 1 ? rate.toFixed(1) : rate.toFixed(2);
      reportAt(
        report,
        located,
        `"${arg.value}" (${formatBytes(shared.size)}) holds about ${sessions} sessions (nginx: about ${SESSIONS_PER_MEGABYTE} per MB). ` +
          `With ssl_session_timeout ${formatNginxTime(timeout)} (${timeout} s), sessions last their full timeout only below about ${rateText} new sessions per second; ` +
          `above that nginx drops the oldest sessions early and their clients get full handshakes. sesscache flags zones under 1 MB (fewer than ${MIN_ZONE_SESSIONS} sessions).`,
        fixes,
      );
    }
  },
};
