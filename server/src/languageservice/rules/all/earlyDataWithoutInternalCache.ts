import type { Rule } from '../rule';
import { NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, knownModes } from '../rule';

export const earlyDataWithoutInternalCache: Rule = {
  id: 'early-data-without-internal-cache',
  defaultSeverity: 'error',
  title: 'TLS 1.3 early data without the internal cache',
  section: '§4.1, §8 L24',
  description:
    'TLS 1.3 anti-replay makes each ticket single-use by removing it from the internal cache. With NO_INTERNAL_LOOKUP or NO_INTERNAL_STORE the ticket cannot be found there, so the PSK is ignored: neither resumption nor 0-RTT happens (openssl#6313). Keep the internal cache, or set SSL_OP_NO_ANTI_REPLAY if replays are handled elsewhere.',
  bad: [{ code: 'SSL_CTX_set_max_early_data(ctx, 16384);\nSSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);' }],
  good: [{ code: 'SSL_CTX_set_max_early_data(ctx, 16384);\nSSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);' }],
  check({ file, library, report }) {
    if (library !== 'openssl-3.0' && library !== 'openssl-1.1.1') return;
    for (const { ctx, mode, value } of knownModes(file)) {
      if (!ctx.earlyData || ctx.noAntiReplay || !(value & (NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE))) continue;
      report({
        message: 'early data with anti-replay needs the internal cache: with NO_INTERNAL_* the ticket is never found, so there is no resumption and no 0-RTT',
        start: mode.argument.start,
        end: mode.argument.end,
      });
    }
  },
};
