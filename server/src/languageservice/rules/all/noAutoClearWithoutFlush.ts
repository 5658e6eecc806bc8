import { flattenFlagUses } from '../../c/config';
import type { Rule } from '../rule';
import { CLIENT, NO_AUTO_CLEAR, NO_INTERNAL_STORE, SERVER, knownModes, removeNameFix } from '../rule';

export const noAutoClearWithoutFlush: Rule = {
  id: 'no-auto-clear-without-flush',
  defaultSeverity: 'warning',
  title: 'NO_AUTO_CLEAR with an internal cache and no flush',
  section: '§3.3, §8 L13, L15',
  description:
    'With NO_AUTO_CLEAR, expired sessions leave the internal cache only when a lookup finds them, on size eviction, or at `SSL_CTX_free`. Without a periodic `SSL_CTX_flush_sessions` the cache fills with dead sessions — without bound when the cache size is 0 (unlimited), which is an error.',
  bad: [
    { code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);' },
    { code: 'SSL_CTX_sess_set_cache_size(ctx, 0);\nSSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);' },
  ],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);\nvoid tick(void) { SSL_CTX_flush_sessions(ctx, time(NULL)); }' }],
  check({ doc, file, library, report }) {
    if (file.flushCalls) return;
    for (const { ctx, mode, value } of knownModes(file)) {
      const storingSides = library === 'boringssl' ? SERVER : CLIENT | SERVER;
      if (!(value & NO_AUTO_CLEAR) || !(value & storingSides) || value & NO_INTERNAL_STORE) continue;
      const unlimited = ctx.cacheSize?.value === 0 || (library === 'openssl-1.0.2' && (ctx.cacheSize?.value ?? 1) < 0);
      // The flag as written in this mode (not through a macro defined elsewhere): removing it lets OpenSSL flush again.
      const flag = flattenFlagUses(mode.flagUses).find((u) => u.value === NO_AUTO_CLEAR && u.start >= mode.argument.start && u.end <= mode.argument.end);
      report({
        message: unlimited
          ? 'NO_AUTO_CLEAR with an unlimited cache (size 0) and no SSL_CTX_flush_sessions: expired sessions accumulate without bound'
          : 'NO_AUTO_CLEAR and no SSL_CTX_flush_sessions call: expired sessions stay in the internal cache until it is full',
        start: mode.argument.start,
        end: mode.argument.end,
        severity: unlimited ? 'error' : undefined,
        fixes: flag ? [removeNameFix(doc.text, flag, 'Remove NO_AUTO_CLEAR (OpenSSL then flushes expired sessions by itself)')] : [],
      });
    }
  },
};
