import type { Rule } from '../rule';
import { CLIENT, NO_AUTO_CLEAR, NO_INTERNAL_STORE, SERVER, knownModes } from '../rule';

export const noAutoClearNothingStored: Rule = {
  id: 'no-auto-clear-nothing-stored',
  defaultSeverity: 'hint',
  title: 'NO_AUTO_CLEAR where nothing is stored',
  section: '§8 L14',
  description:
    'With NO_INTERNAL_STORE nothing enters the internal cache automatically, so there is nothing to auto-flush. HAProxy, Postfix, Node.js and Exim set it anyway as belt and braces; it is harmless.',
  bad: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL | SSL_SESS_CACHE_NO_AUTO_CLEAR);' }],
  good: [{ code: 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);\nSSL_CTX_flush_sessions(ctx, time(NULL));' }],
  check({ file, report }) {
    for (const { mode, value } of knownModes(file)) {
      if (!(value & NO_AUTO_CLEAR) || !(value & NO_INTERNAL_STORE) || !(value & (CLIENT | SERVER))) continue;
      report({ message: 'NO_AUTO_CLEAR has nothing to do: NO_INTERNAL_STORE keeps the internal cache empty', start: mode.argument.start, end: mode.argument.end });
    }
  },
};
