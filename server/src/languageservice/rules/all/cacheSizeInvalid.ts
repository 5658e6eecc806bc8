import { allModeValues } from '../../c/config';
import type { Rule } from '../rule';
import { CLIENT, NO_INTERNAL_STORE, SERVER } from '../rule';

export const cacheSizeInvalid: Rule = {
  id: 'cache-size-invalid',
  defaultSeverity: 'error',
  title: 'Negative or tiny cache size',
  section: '§2, §5.2, §8 L21, L31',
  description:
    'A negative size is rejected by OpenSSL ≥1.1.0 (the call returns 0 and the size stays unchanged); 1.0.2 treats it as unlimited. On OpenSSL 3.x a cache of size N holds at most max(1, N-1) sessions, so sizes 1 and 2 hold a single session.',
  bad: [
    { code: 'SSL_CTX_sess_set_cache_size(ctx, -1);' },
    { code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);\nSSL_CTX_sess_set_cache_size(ctx, 2);' },
  ],
  good: [
    { code: 'SSL_CTX_sess_set_cache_size(ctx, 1024);' },
    { code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE | SSL_SESS_CACHE_NO_AUTO_CLEAR);\nSSL_CTX_sess_set_cache_size(ctx, 1);' },
  ],
  check({ file, library, report }) {
    for (const ctx of file.contexts) {
      const size = ctx.cacheSize;
      if (!size || size.value === undefined) continue;
      if (size.value < 0) {
        report(
          library === 'openssl-1.0.2'
            ? { message: `a negative cache size (${size.value}) means unlimited on OpenSSL 1.0.2; use 0 to say so`, ...size.span, severity: 'information' }
            : { message: `a negative cache size (${size.value}) is rejected: the call returns 0 and the size stays at its previous value`, ...size.span },
        );
      } else if (library === 'openssl-3.0' && (size.value === 1 || size.value === 2)) {
        const storing = allModeValues(ctx).values.some((v) => v & (CLIENT | SERVER) && !(v & NO_INTERNAL_STORE));
        if (!storing) continue;
        report({ message: `OpenSSL 3.x holds at most max(1, size-1) sessions: a cache of size ${size.value} holds 1`, ...size.span, severity: 'warning' });
      }
    }
  },
};
