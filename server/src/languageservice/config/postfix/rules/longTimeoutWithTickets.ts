import { formatSeconds } from '../../apache/values';
import { MAX_TICKET_TIMEOUT } from '../../model';
import type { PostfixRule } from '../types';

export const postfixLongTimeoutWithTickets: PostfixRule = {
  id: 'postfix-long-timeout-with-tickets',
  language: 'postfix',
  defaultSeverity: 'information',
  title: 'smtpd_tls_session_cache_timeout longer than a day with session tickets on',
  section: '§8 L2, §9',
  description:
    '`smtpd_tls_session_cache_timeout` sets the lifetime of cached sessions and of session tickets, which are on unless `tls_session_ticket_cipher` is empty (docs/servers.md, spec §8 L2). To honour it the ticket key must stay usable that long, and whoever obtains it can decrypt the recorded connections it protected, so the timeout bounds forward secrecy. **Threshold:** sesscache flags timeouts longer than one day (86400 s) while tickets are on.',
  bad: [{ code: 'smtpd_tls_security_level = may\nsmtpd_tls_session_cache_timeout = 30d\n' }],
  good: [
    { code: 'smtpd_tls_security_level = may\nsmtpd_tls_session_cache_timeout = 1d\n' },
    { code: 'smtpd_tls_security_level = may\nsmtpd_tls_session_cache_timeout = 30d\ntls_session_ticket_cipher =\n' },
  ],
  check({ model }, report) {
    const t = model.timeout;
    if (!t || !model.setting?.tickets || model.timeoutSeconds <= MAX_TICKET_TIMEOUT) return;
    report({
      message:
        `smtpd_tls_session_cache_timeout = ${t.value} (${formatSeconds(model.timeoutSeconds)}) with session tickets on: every ticket stays valid that long, so the ticket key that encrypts it must too, ` +
        'and anyone who obtains that key can decrypt the recorded connections it protected. Keep it at a day or less, or set tls_session_ticket_cipher empty and resume from the session cache (spec §8 L2, §9).',
      start: t.start,
      end: t.end,
      fixes: [{ title: 'Shorten smtpd_tls_session_cache_timeout to one day', edits: [{ start: t.valueSpan.start, end: t.valueSpan.end, newText: '1d' }] }],
    });
  },
};
