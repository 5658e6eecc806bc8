import type { PostfixRule } from '../types';

export const postfixCacheDisabledByTimeout: PostfixRule = {
  id: 'postfix-cache-disabled-by-timeout',
  language: 'postfix',
  defaultSeverity: 'warning',
  title: 'smtpd_tls_session_cache_database with a session cache timeout of 0',
  section: '§9',
  description:
    'A `smtpd_tls_session_cache_timeout` of 0 turns session caching off altogether, the database and session tickets too (docs/servers.md): the configured `smtpd_tls_session_cache_database` is never used, and the server sets `SSL_SESS_CACHE_OFF`. Give the timeout a value, or remove the database.',
  bad: [{ code: 'smtpd_tls_session_cache_database = btree:${data_directory}/smtpd_scache\nsmtpd_tls_session_cache_timeout = 0\n' }],
  good: [{ code: 'smtpd_tls_session_cache_database = btree:${data_directory}/smtpd_scache\nsmtpd_tls_session_cache_timeout = 3600s\n' }],
  check({ model }, report) {
    const { database, timeout } = model;
    if (!database?.value || !timeout || model.timeoutSeconds !== 0) return;
    report({
      message: `smtpd_tls_session_cache_database = ${database.value} is never used: smtpd_tls_session_cache_timeout = ${timeout.value} disables session caching and tickets, so the server sets SSL_SESS_CACHE_OFF (spec §9, docs/servers.md).`,
      start: timeout.start,
      end: timeout.end,
      fixes: [{ title: 'Set smtpd_tls_session_cache_timeout to 3600s', edits: [{ start: timeout.valueSpan.start, end: timeout.valueSpan.end, newText: '3600s' }] }],
    });
  },
};
