import { braceDepths, functionBodyStart, matchingClose } from '../../c/config';
import { TokenKind } from '../../c/scanner';
import type { Rule } from '../rule';

export const removeSessionInRemoveCb: Rule = {
  id: 'remove-session-in-remove-cb',
  defaultSeverity: 'error',
  title: 'SSL_CTX_remove_session inside the remove callback',
  section: '§5.3, §8 L27',
  description:
    'From OpenSSL 1.1.0 `SSL_CTX_remove_session` always calls the remove-session callback, so calling it from inside that callback recurses. The callback is told about a removal; it should only drop its own copy.',
  bad: [{ code: 'static void on_remove(SSL_CTX *c, SSL_SESSION *s) { SSL_CTX_remove_session(c, s); }\nvoid setup(SSL_CTX *ctx) { SSL_CTX_sess_set_remove_cb(ctx, on_remove); }' }],
  good: [{ code: 'static void on_remove(SSL_CTX *c, SSL_SESSION *s) { external_delete(s); }\nvoid setup(SSL_CTX *ctx) { SSL_CTX_sess_set_remove_cb(ctx, on_remove); }' }],
  check({ doc, file, library, report }) {
    const tokens = doc.scanned.tokens;
    const names = new Set(file.contexts.flatMap((c) => c.callbacks.filter((cb) => cb.kind === 'remove' && cb.functionName).map((cb) => cb.functionName!)));
    if (names.size === 0) return;
    let depths: Int32Array | undefined;
    for (const call of file.calls) {
      if (call.name !== 'SSL_CTX_remove_session') continue;
      depths ??= braceDepths(tokens);
      const body = functionBodyStart(tokens, depths, call.callee);
      if (body < 0) continue;
      // The function name is the identifier before the parameter list that precedes the body.
      let p = body - 1;
      while (p >= 0 && tokens[p].text !== ')') p--;
      let depth = 0;
      for (; p >= 0; p--) {
        if (tokens[p].text === ')') depth++;
        else if (tokens[p].text === '(' && --depth === 0) break;
      }
      const name = tokens[p - 1];
      if (!name || name.kind !== TokenKind.Identifier || !names.has(name.text) || matchingClose(tokens, body) < call.callee) continue;
      report({
        message:
          library === 'openssl-1.0.2'
            ? `${name.text} is the remove callback; on 1.0.2 this call does not recurse, but it does from 1.1.0 on`
            : `${name.text} is the remove callback: SSL_CTX_remove_session calls it again, recursively`,
        start: tokens[call.callee].start,
        end: tokens[Math.min(call.close, tokens.length - 1)].end,
        severity: library === 'openssl-1.0.2' ? 'information' : undefined,
      });
    }
  },
};
