import type { HaproxyRule } from '../types';

export const haproxyCacheOffTicketsOn: HaproxyRule = {
  id: 'haproxy-cache-off-tickets-on',
  language: 'haproxy',
  defaultSeverity: 'information',
  title: 'tune.ssl.cachesize 0 does not stop resumption while tickets are on',
  section: '§8 L2, §9',
  description:
    '`tune.ssl.cachesize 0` disables the shared cache and sets `SSL_SESS_CACHE_OFF` (spec §9), but OFF does not disable session tickets: TLS 1.2 tickets and TLS 1.3 stateless tickets still resume (spec §8 L2). If the point is no resumption at all, add `no-tls-tickets` as well; if the point is resumption, the cache is simply unused and can be left at its default.',
  bad: [{ code: 'global\n    tune.ssl.cachesize 0\nfrontend www\n    bind :443 ssl crt /etc/haproxy/site.pem\n' }],
  good: [{ code: 'global\n    tune.ssl.cachesize 0\n    ssl-default-bind-options no-tls-tickets\nfrontend www\n    bind :443 ssl crt /etc/haproxy/site.pem\n' }],
  check({ model }, report) {
    const size = model.cachesize;
    if (!size || size.value !== 0) return;
    const withTickets = model.binds.filter((b) => b.setting.tickets);
    if (model.frontends ? withTickets.length === 0 : model.defaultNoTickets) return;
    const where = withTickets.length ? ` (${withTickets.map((b) => b.setting.label).slice(0, 3).join(', ')}${withTickets.length > 3 ? ', …' : ''})` : '';
    report({
      message: `tune.ssl.cachesize 0 turns the session cache off (SSL_SESS_CACHE_OFF), but session tickets are still on${where}, so clients keep resuming with tickets: OFF does not stop resumption. Add no-tls-tickets if resumption must be off (spec §8 L2, §9).`,
      start: size.line.start,
      end: size.line.end,
      fixes: [],
    });
  },
};
