import { flattenFlagUses } from '../../c/config';
import type { Rule } from '../rule';
import { CLIENT, SERVER, knownModes } from '../rule';

export const roleMismatch: Rule = {
  id: 'role-mismatch',
  defaultSeverity: 'information',
  title: 'Cache bit for the other side',
  section: '§8 L12',
  description: 'The CLIENT bit on a server-only context, or SERVER written explicitly on a client-only context, is inert: the bit only matters for handshakes of its own side. (The default SERVER on client contexts is harmless and not reported.)',
  bad: [{ code: 'SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());\nSSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_BOTH);' }],
  good: [{ code: 'SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());\nSSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);' }],
  check({ file, report }) {
    for (const { ctx, mode, value } of knownModes(file)) {
      const explicitServer = flattenFlagUses(mode.flagUses).some((u) => u.value & SERVER) || mode.numeric;
      if (ctx.role === 'server' && value & CLIENT) {
        report({ message: 'CLIENT has no effect on a server context', start: mode.argument.start, end: mode.argument.end });
      } else if (ctx.role === 'client' && value & SERVER && explicitServer) {
        report({ message: 'SERVER has no effect on a client context', start: mode.argument.start, end: mode.argument.end });
      }
    }
  },
};
