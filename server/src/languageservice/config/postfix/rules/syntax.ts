import type { PostfixRule } from '../types';

export const postfixSyntax: PostfixRule = {
  id: 'postfix-syntax',
  language: 'postfix',
  defaultSeverity: 'error',
  title: 'Postfix main.cf that cannot be read',
  section: '§9',
  description:
    'A line that is not `parameter = value` (or a continuation), or a `smtpd_tls_session_cache_timeout` that is not a time (spec §9). sesscache then uses the default for that parameter.',
  bad: [{ code: 'smtpd_tls_security_level = may\nsmtpd_tls_session_cache_timeout = an hour\n' }],
  good: [{ code: 'smtpd_tls_security_level = may\nsmtpd_tls_session_cache_timeout = 1h\n' }],
  check({ document, model }, report) {
    for (const e of [...document.errors, ...model.valueErrors]) report({ message: e.message, start: e.start, end: e.end, fixes: [] });
  },
};
