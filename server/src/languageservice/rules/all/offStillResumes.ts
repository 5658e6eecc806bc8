import type { Rule } from '../rule';
import { CLIENT, SERVER, knownModes } from '../rule';

export const offStillResumes: Rule = {
  id: 'off-still-resumes',
  defaultSeverity: 'information',
  title: 'OFF does not stop ticket resumption',
  section: '§8 L2, L3, §13',
  description:
    'SSL_SESS_CACHE_OFF only stops storing sessions. RFC 5077 tickets (TLS 1.2) and TLS 1.3 tickets still resume. To stop resumption, also set SSL_OP_NO_TICKET and SSL_CTX_set_num_tickets(ctx, 0). On BoringSSL SSL_OP_NO_TICKET alone is enough: its TLS 1.3 server then sends no ticket at all.',
  bad: [
    { code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);' },
    // Nothing resumes here (TLS 1.3 tickets are stateful and never stored), but they are still sent (§8 L3).
    { code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);\nSSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);' },
  ],
  good: [
    { code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);\nSSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);\nSSL_CTX_set_num_tickets(ctx, 0);' },
    { code: 'SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);\nSSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);\nSSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);' },
    { code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);\nSSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);', library: 'boringssl' },
  ],
  check({ file, library, report }) {
    for (const { ctx, mode, value } of knownModes(file)) {
      if (value & (CLIENT | SERVER) || ctx.role === 'client') continue;
      // TLS 1.2 tickets matter unless the minimum is TLS 1.3; TLS 1.3 tickets unless the maximum is TLS 1.2 or lower.
      const tls12Possible = !(ctx.minProtocol !== undefined && ctx.minProtocol >= 0x0304 && ctx.minProtocol < 0xfe00);
      const tls13Possible = !(ctx.maxProtocol !== undefined && ctx.maxProtocol !== 0 && ctx.maxProtocol <= 0x0303);
      const tls13Open = tls13Possible && !ctx.numTicketsZero;
      // BoringSSL's TLS 1.3 server has no stateful tickets: with SSL_OP_NO_TICKET it sends none (§13).
      const missing =
        library === 'boringssl'
          ? !ctx.noTicket && (tls12Possible || tls13Open) ? 'SSL_OP_NO_TICKET' : ''
          : [tls12Possible && !ctx.noTicket && 'SSL_OP_NO_TICKET (TLS 1.2)', tls13Open && `SSL_CTX_set_num_tickets(${ctx.key}, 0) (TLS 1.3)`]
              .filter(Boolean)
              .join(' and ');
      if (!missing) continue;
      if (library !== 'boringssl' && ctx.noTicket) {
        // OpenSSL with SSL_OP_NO_TICKET: TLS 1.3 tickets are stateful, and OFF never stores their sessions (§8 L3).
        report({
          message: `OFF with SSL_OP_NO_TICKET: nothing resumes, but TLS 1.3 still sends stateful tickets that can never be used (their sessions are not stored); set SSL_CTX_set_num_tickets(${ctx.key}, 0) to stop sending them`,
          start: mode.argument.start,
          end: mode.argument.end,
        });
        continue;
      }
      report({ message: `OFF stops storing sessions, but tickets still resume; to stop resumption also set ${missing}`, start: mode.argument.start, end: mode.argument.end });
    }
  },
};
