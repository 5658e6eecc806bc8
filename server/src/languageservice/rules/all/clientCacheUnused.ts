import type { Rule } from '../rule';
import { CLIENT, NO_INTERNAL_STORE, appendFlagsFix, hasCallback, knownModes } from '../rule';

export const clientCacheUnused: Rule = {
  id: 'client-cache-unused',
  defaultSeverity: 'warning',
  title: 'Client sessions cached where nothing reads them',
  section: '§6, §8 L11',
  description:
    'A client never looks sessions up. With CLIENT and without NO_INTERNAL_STORE, sessions pile up in the client context cache (up to 20480 by default) that only `SSL_CTX_sessions()` could read. Keep them through a new-session callback and NO_INTERNAL_STORE instead.',
  bad: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);' }],
  good: [
    { code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);\nSSL_CTX_sess_set_new_cb(ctx, save_session);' },
    { code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);', library: 'boringssl' },
  ],
  check({ file, library, report }) {
    if (library === 'boringssl' || file.sessionsEnumerated) return;
    for (const { ctx, mode, value } of knownModes(file)) {
      if (!(value & CLIENT) || value & NO_INTERNAL_STORE || hasCallback(ctx, 'new') || ctx.role === 'server') continue;
      report({
        message: 'client sessions are cached in this context, but a client never looks them up and no new_session_cb takes them',
        start: mode.argument.start,
        end: mode.argument.end,
        fixes: [appendFlagsFix(mode, ['SSL_SESS_CACHE_NO_INTERNAL_STORE'], 'Add NO_INTERNAL_STORE')],
      });
    }
  },
};
