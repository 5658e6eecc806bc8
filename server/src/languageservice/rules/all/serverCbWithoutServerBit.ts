import type { Rule } from '../rule';
import { SERVER } from '../rule';

export const serverCbWithoutServerBit: Rule = {
  id: 'server-cb-without-server-bit',
  defaultSeverity: 'warning',
  title: 'Server callbacks without the SERVER bit',
  section: '§8 L10',
  description:
    'Without SERVER the server never calls `new_session_cb` and sends empty session IDs, yet `get_session_cb` still runs whenever a client offers an ID. The callbacks and the mode disagree.',
  bad: [{ code: 'SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());\nSSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);\nSSL_CTX_sess_set_new_cb(ctx, store_session);\nSSL_CTX_sess_set_get_cb(ctx, find_session);' }],
  good: [{ code: 'SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());\nSSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);\nSSL_CTX_sess_set_new_cb(ctx, store_session);\nSSL_CTX_sess_set_get_cb(ctx, find_session);' }],
  check({ file, report }) {
    for (const ctx of file.contexts) {
      if (ctx.role !== 'server' || !ctx.callbacks.some((c) => c.kind === 'new' || c.kind === 'get')) continue;
      for (const mode of ctx.modes) {
        if (mode.values.length === 0 || mode.values.some((v) => v & SERVER)) continue;
        report({
          message: 'new/get session callbacks are set but this mode lacks SERVER: new_session_cb never runs and session IDs are empty',
          start: mode.argument.start,
          end: mode.argument.end,
        });
      }
    }
  },
};
