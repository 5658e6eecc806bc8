import type { Rule } from '../rule';
import { NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, SERVER, appendFlagsFix, hasCallback, knownModes } from '../rule';

export const storedNeverLookedUp: Rule = {
  id: 'stored-never-looked-up',
  defaultSeverity: 'warning',
  title: 'Sessions stored internally but never looked up',
  section: '§8 L6',
  description:
    'With NO_INTERNAL_LOOKUP and no get-session callback, sessions are stored in the internal cache (memory, eviction and remove callbacks) but never found: no session-ID resumption can succeed.',
  bad: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP);' }],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP);\nSSL_CTX_sess_set_get_cb(ctx, find_session);\nSSL_CTX_sess_set_new_cb(ctx, store_session);' }],
  check({ file, report }) {
    for (const { ctx, mode, value } of knownModes(file)) {
      if (!(value & SERVER) || !(value & NO_INTERNAL_LOOKUP) || value & NO_INTERNAL_STORE || hasCallback(ctx, 'get')) continue;
      report({
        message: 'sessions are stored in the internal cache but never looked up there, and there is no get_session_cb: ID resumption never succeeds',
        start: mode.argument.start,
        end: mode.argument.end,
        fixes: [appendFlagsFix(mode, ['SSL_SESS_CACHE_NO_INTERNAL_STORE'], 'Stop storing too: add NO_INTERNAL_STORE')],
      });
    }
  },
};
