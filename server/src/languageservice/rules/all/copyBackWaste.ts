import { flattenFlagUses } from '../../c/config';
import type { Rule } from '../rule';
import { NO_INTERNAL_LOOKUP, NO_INTERNAL_STORE, appendFlagsFix, hasCallback, knownModes } from '../rule';

export const copyBackWaste: Rule = {
  id: 'copy-back-waste',
  defaultSeverity: 'information',
  title: 'External hits copied into a cache that is never read',
  section: '§4.2, §8 L7',
  description:
    'With NO_INTERNAL_LOOKUP every lookup goes to the get-session callback, and each hit is still copied back into the internal cache unless NO_INTERNAL_STORE is set. Nothing reads those copies: use NO_INTERNAL.',
  bad: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP);\nSSL_CTX_sess_set_get_cb(ctx, find_session);\nSSL_CTX_sess_set_new_cb(ctx, store_session);' }],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);\nSSL_CTX_sess_set_get_cb(ctx, find_session);\nSSL_CTX_sess_set_new_cb(ctx, store_session);' }],
  check({ file, report }) {
    for (const { ctx, mode, value } of knownModes(file)) {
      if (!(value & NO_INTERNAL_LOOKUP) || value & NO_INTERNAL_STORE || !hasCallback(ctx, 'get')) continue;
      const lookup = flattenFlagUses(mode.flagUses).find((u) => u.value === NO_INTERNAL_LOOKUP);
      const fix = lookup
        ? { title: 'Use NO_INTERNAL', edits: [{ start: lookup.start, end: lookup.end, newText: 'SSL_SESS_CACHE_NO_INTERNAL' }], preferred: true }
        : appendFlagsFix(mode, ['SSL_SESS_CACHE_NO_INTERNAL_STORE'], 'Add NO_INTERNAL_STORE');
      report({
        message: 'get_session_cb hits are copied back into the internal cache, which NO_INTERNAL_LOOKUP never reads: use NO_INTERNAL',
        start: mode.argument.start,
        end: mode.argument.end,
        fixes: [fix],
      });
    }
  },
};
