import { allModeValues } from '../../c/config';
import type { Rule } from '../rule';
import { SERVER, insertLineAbove } from '../rule';

export const verifyPeerWithoutSidCtx: Rule = {
  id: 'verify-peer-without-sid-ctx',
  defaultSeverity: 'error',
  title: 'Peer verification and caching without a session id context',
  section: '§4.3, §8 L16',
  description:
    'A server that verifies client certificates (`SSL_VERIFY_PEER`) must set a session id context (a context is taken for a server when it is made with a server method, uses server-only verify flags, sets SERVER explicitly or registers session callbacks). Without one, OpenSSL ≥1.1.0 silently stops caching ID sessions, and any resumption over a ticket (TLS 1.2 tickets, every TLS 1.3 resumption) fails the handshake with "session id context uninitialized"; 1.0.2 caches the sessions and fails on resumption. BoringSSL does not treat it as an error.',
  bad: [{ code: 'SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());\nSSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);' }],
  good: [
    { code: 'SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());\nSSL_CTX_set_session_id_context(ctx, (const unsigned char *)"app", 3);\nSSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);' },
    { code: 'SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());\nSSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);', library: 'boringssl' },
  ],
  check({ doc, file, library, language, report }) {
    if (library === 'boringssl' || file.anySessionIdContext) return;
    for (const ctx of file.contexts) {
      if (!ctx.verifyPeer || ctx.sessionIdContext || ctx.role === 'client') continue;
      const all = allModeValues(ctx);
      const callbacks = ctx.callbacks.some((c) => c.kind === 'new' || c.kind === 'get');
      // A context of unknown role is taken for a server only on server evidence: clients verify servers with SSL_VERIFY_PEER too.
      const serverEvidence =
        ctx.role === 'server' || ctx.verifyPeer.serverOnly || callbacks || (!all.defaulted && all.values.some((v) => v & SERVER));
      const cacheInUse = all.values.some((v) => v & SERVER) || callbacks;
      if (!serverEvidence || !cacheInUse) continue;
      const { span } = ctx.verifyPeer;
      report({
        message:
          'SSL_VERIFY_PEER without a session id context: sessions are not cached, and every ticket resumption fails the handshake ("session id context uninitialized")',
        start: span.start,
        end: span.end,
        fixes:
          language === 'c'
            ? [
                {
                  ...insertLineAbove(
                    doc.text,
                    span.start,
                    `SSL_CTX_set_session_id_context(${ctx.key}, (const unsigned char *)"app", sizeof("app") - 1);`,
                    'Insert SSL_CTX_set_session_id_context',
                  ),
                  preferred: true,
                },
              ]
            : [],
      });
    }
  },
};
