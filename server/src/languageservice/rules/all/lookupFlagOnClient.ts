import type { Rule } from '../rule';
import { NO_INTERNAL_LOOKUP, knownModes } from '../rule';

export const lookupFlagOnClient: Rule = {
  id: 'lookup-flag-on-client',
  defaultSeverity: 'information',
  title: 'NO_INTERNAL_LOOKUP on a client',
  section: '§8 L4',
  description:
    'Clients never look sessions up: the application picks one with SSL_set_session. NO_INTERNAL_LOOKUP (or the LOOKUP half of NO_INTERNAL) has no effect on a client context; NO_INTERNAL_STORE is the half that matters.',
  bad: [{ code: 'SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());\nSSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP);' }],
  good: [{ code: 'SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());\nSSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);' }],
  check({ file, report }) {
    for (const { ctx, mode, value } of knownModes(file)) {
      if (ctx.role !== 'client' || !(value & NO_INTERNAL_LOOKUP)) continue;
      report({ message: 'NO_INTERNAL_LOOKUP has no effect on a client context: clients never look sessions up', start: mode.argument.start, end: mode.argument.end });
    }
  },
};
