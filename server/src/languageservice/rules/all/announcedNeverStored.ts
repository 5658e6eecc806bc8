import type { Rule } from '../rule';
import { NO_INTERNAL_STORE, SERVER, hasCallback, knownModes } from '../rule';

export const announcedNeverStored: Rule = {
  id: 'announced-never-stored',
  defaultSeverity: 'information',
  title: 'Session IDs announced but sessions stored nowhere',
  section: '§8 L5',
  description:
    'With SERVER and NO_INTERNAL_STORE and no new-session callback, the server still sends session IDs, so clients offer them back, but no session is kept anywhere: every resumption by ID misses. nginx (`ssl_session_cache none`) and Apache (`nonenotnull`) do this on purpose for old clients that dislike empty IDs.',
  bad: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE);' }],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE);\nSSL_CTX_sess_set_new_cb(ctx, store_session);\nSSL_CTX_sess_set_get_cb(ctx, find_session);' }],
  check({ file, report }) {
    if (file.addSessionCalls) return;
    for (const { ctx, mode, value } of knownModes(file)) {
      if (!(value & SERVER) || !(value & NO_INTERNAL_STORE) || hasCallback(ctx, 'new')) continue;
      report({
        message: 'session IDs are announced but no session is stored anywhere (no new_session_cb): every resumption by ID misses',
        start: mode.argument.start,
        end: mode.argument.end,
      });
    }
  },
};
