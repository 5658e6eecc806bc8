import { allModeValues } from '../../c/config';
import type { Rule } from '../rule';
import { SERVER, hasCallback } from '../rule';

export const externalCacheNeverWritten: Rule = {
  id: 'external-cache-never-written',
  defaultSeverity: 'warning',
  title: 'External cache read but never written',
  section: '§8 L8',
  description: 'A get-session callback without a new-session callback: the library never hands new sessions to the external cache, so unless something else fills it, the callback never finds anything.',
  bad: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);\nSSL_CTX_sess_set_get_cb(ctx, find_session);' }],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);\nSSL_CTX_sess_set_get_cb(ctx, find_session);\nSSL_CTX_sess_set_new_cb(ctx, store_session);' }],
  check({ file, report }) {
    for (const ctx of file.contexts) {
      const get = ctx.callbacks.find((c) => c.kind === 'get' && c.span);
      if (!get?.span || hasCallback(ctx, 'new')) continue;
      // With no mode call anywhere the default SERVER applies; an unknown mode keeps the rule quiet.
      const all = allModeValues(ctx);
      if (all.unknown || !all.values.some((v) => v & SERVER)) continue;
      report({ message: 'get_session_cb is set but no new_session_cb: nothing writes the external cache', start: get.span.start, end: get.span.end });
    }
  },
};
