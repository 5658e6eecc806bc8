import { flattenFlagUses } from '../../c/config';
import type { Rule } from '../rule';
import { NO_INTERNAL_STORE, UPDATE_TIME, hasCallback, knownModes } from '../rule';

export const updateTimeRevivesExpired: Rule = {
  id: 'update-time-revives-expired',
  defaultSeverity: 'warning',
  title: 'UPDATE_TIME brings expired external sessions back',
  section: '§3.4, §8 L17',
  description:
    'With UPDATE_TIME, a session returned by the get-session callback is copied into the internal cache and its time reset to now before the expiry check, so an expired session resumes and lifetimes never end. Add NO_INTERNAL_STORE or drop UPDATE_TIME.',
  bad: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_UPDATE_TIME);\nSSL_CTX_sess_set_get_cb(ctx, find_session);\nSSL_CTX_sess_set_new_cb(ctx, store_session);' }],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);\nSSL_CTX_sess_set_get_cb(ctx, find_session);\nSSL_CTX_sess_set_new_cb(ctx, store_session);' }],
  check({ file, library, report }) {
    if (library !== 'openssl-3.0') return;
    for (const { ctx, mode, value } of knownModes(file)) {
      if (!(value & UPDATE_TIME) || value & NO_INTERNAL_STORE || !hasCallback(ctx, 'get')) continue;
      report({
        message: 'UPDATE_TIME resets the time of sessions copied back from get_session_cb before the expiry check: expired sessions resume',
        start: mode.argument.start,
        end: mode.argument.end,
      });
    }
  },
};

export const updateTimeNoEffect: Rule = {
  id: 'update-time-no-effect',
  defaultSeverity: 'information',
  title: 'UPDATE_TIME without an external cache',
  section: '§3.4, §8 L18',
  description:
    'UPDATE_TIME only acts in `SSL_CTX_add_session`. A resumption from the internal cache does not call it, so sessions are not refreshed on use, whatever the man page says. Without a get-session callback the flag is almost a no-op.',
  bad: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_UPDATE_TIME);' }],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);' }],
  check({ file, library, report }) {
    if (library !== 'openssl-3.0') return;
    for (const { ctx, mode, value } of knownModes(file)) {
      if (!(value & UPDATE_TIME) || hasCallback(ctx, 'get')) continue;
      report({ message: 'UPDATE_TIME does not refresh sessions on internal cache hits; without a get_session_cb it does almost nothing', start: mode.argument.start, end: mode.argument.end });
    }
  },
};

export const updateTimeUnsupported: Rule = {
  id: 'update-time-unsupported',
  defaultSeverity: 'warning',
  title: 'UPDATE_TIME on a library without it',
  section: '§1, §8 L19',
  description: 'SSL_SESS_CACHE_UPDATE_TIME (0x0400) exists only from OpenSSL 3.0. OpenSSL 1.1.1 and earlier, LibreSSL and BoringSSL do not define it; the bit is stored silently and has no effect.',
  bad: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_UPDATE_TIME);', library: 'openssl-1.1.1' }],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_UPDATE_TIME);\nSSL_CTX_sess_set_get_cb(ctx, find_session);', library: 'openssl-3.0' }],
  check({ file, library, report }) {
    if (library === 'openssl-3.0') return;
    for (const { mode, value } of knownModes(file)) {
      if (!(value & UPDATE_TIME)) continue;
      const use = flattenFlagUses(mode.flagUses).find((u) => u.value === UPDATE_TIME);
      const range = use ?? mode.argument;
      report({ message: `UPDATE_TIME (0x0400) does not exist in the target library (${library}): it is stored and ignored`, start: range.start, end: range.end });
    }
  },
};
