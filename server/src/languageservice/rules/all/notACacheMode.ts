import { TokenKind } from '../../c/scanner';
import { KNOWN_MODE_BITS } from '../../knowledge/flags';
import { formatHex } from '../../mode/decode';
import type { Rule } from '../rule';
import { UPDATE_TIME } from '../rule';

const FOREIGN = /^(SSL_OP_|SSL_MODE_|SSL_VERIFY_)/;

export const notACacheMode: Rule = {
  id: 'not-a-cache-mode',
  defaultSeverity: 'error',
  title: 'Value that is not a session cache mode',
  section: '§8 L20',
  description:
    '`SSL_CTX_set_session_cache_mode` stores whatever it is given without complaint. An `SSL_OP_*`, `SSL_MODE_*` or `SSL_VERIFY_*` constant, or any bit outside 0x0783, is silently kept and has no effect on the cache.',
  bad: [
    { code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_OP_NO_TICKET);' },
    { code: 'SSL_CTX_set_session_cache_mode(ctx, 0x1002);' },
  ],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);' }],
  check({ doc, file, report }) {
    const tokens = doc.scanned.tokens;
    for (const ctx of file.contexts) {
      for (const mode of ctx.modes) {
        let foreign = false;
        for (let i = mode.from; i < mode.to; i++) {
          const t = tokens[i];
          if (t.kind === TokenKind.Identifier && FOREIGN.test(t.text)) {
            foreign = true;
            const api = t.text.startsWith('SSL_OP_') ? 'SSL_CTX_set_options' : t.text.startsWith('SSL_MODE_') ? 'SSL_CTX_set_mode' : 'SSL_CTX_set_verify';
            report({ message: `${t.text} belongs to ${api}, not to the session cache mode; it is stored and ignored here`, start: t.start, end: t.end });
          }
        }
        if (foreign) continue;
        // UPDATE_TIME on libraries without it is update-time-unsupported's finding, not this one.
        const unknown = mode.values.reduce((bits, v) => (bits | (v & ~KNOWN_MODE_BITS)) >>> 0, 0) & ~UPDATE_TIME;
        if (unknown) {
          report({
            message: `bits ${formatHex(unknown >>> 0)} are not session cache flags: the library stores them and ignores them`,
            start: mode.argument.start,
            end: mode.argument.end,
          });
        }
      }
    }
  },
};
