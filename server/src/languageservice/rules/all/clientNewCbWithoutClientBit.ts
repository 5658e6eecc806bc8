import { allModeValues } from '../../c/config';
import type { Rule } from '../rule';
import { CLIENT, insertLineAbove } from '../rule';

const CLIENT_MODE = 'SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE';

export const clientNewCbWithoutClientBit: Rule = {
  id: 'client-new-cb-without-client-bit',
  defaultSeverity: 'error',
  title: 'Client new-session callback that never fires',
  section: '§6, §8 L9',
  description:
    'A client only runs the store path, and so only calls `new_session_cb`, when its mode has the CLIENT bit. The default mode is SERVER, for client contexts too: without CLIENT the callback is never called and no session is ever saved for resumption.',
  bad: [{ code: 'SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());\nSSL_CTX_sess_set_new_cb(ctx, save_session);' }],
  good: [{ code: 'SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());\nSSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);\nSSL_CTX_sess_set_new_cb(ctx, save_session);' }],
  check({ doc, file, report }) {
    for (const ctx of file.contexts) {
      const newCb = ctx.callbacks.find((c) => c.kind === 'new');
      if (ctx.role !== 'client' || !newCb) continue;
      const all = allModeValues(ctx);
      if (all.defaulted) {
        // Reported where the callback is registered in this file (another file's registration reports there).
        if (!newCb.span) continue;
        report({
          message: 'the client new_session_cb never fires: the mode is the default SERVER, which lacks CLIENT',
          start: newCb.span.start,
          end: newCb.span.end,
          fixes: [
            { ...insertLineAbove(doc.text, newCb.span.start, `SSL_CTX_set_session_cache_mode(${ctx.key}, ${CLIENT_MODE});`, 'Set the mode to CLIENT | NO_INTERNAL_STORE'), preferred: true },
          ],
        });
        continue;
      }
      // A mode set in another file of the workspace may add CLIENT: only all-known, all-lacking is reported.
      if (all.unknown || all.values.some((v) => v & CLIENT)) continue;
      for (const mode of ctx.modes) {
        report({
          message: 'the client new_session_cb never fires: this mode lacks SSL_SESS_CACHE_CLIENT',
          start: mode.argument.start,
          end: mode.argument.end,
          fixes: [{ title: 'Set the mode to CLIENT | NO_INTERNAL_STORE', edits: [{ start: mode.argument.start, end: mode.argument.end, newText: CLIENT_MODE }], preferred: true }],
        });
      }
    }
  },
};
