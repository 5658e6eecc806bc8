import { braceDepths, functionBodyStart, matchingClose } from '../../c/config';
import type { Token } from '../../c/scanner';
import { TokenKind } from '../../c/scanner';
import type { Rule } from '../rule';

/** Names people give a status variable: a mode would be called mode, old, previous... */
const STATUS_NAMES = /^(ret|rc|res|result|ok|status|err|error|r|rv|success|succeeded)$/i;

/** Is the expression at [from, to) tested like a status: `!x`, `x == 0`, `x != 1`, `x <= 0`, `if (x)`? */
function testedAsStatus(tokens: readonly Token[], from: number, to: number): boolean {
  const before = tokens[from - 1]?.text;
  const before2 = tokens[from - 2]?.text;
  const after = tokens[to]?.text;
  const afterValue = tokens[to + 1]?.text;
  if (before === '!') return true;
  if (['==', '!=', '<=', '<', '>', '>='].includes(after ?? '') && /^[01]$/.test(afterValue ?? '')) return true;
  if (['==', '!=', '<=', '<', '>=', '>'].includes(before ?? '') && /^[01]$/.test(tokens[from - 2]?.text ?? '')) return true;
  // `if (x)` / `while (x)` / `assert(x)`
  if (before === '(' && after === ')' && ['if', 'while', 'assert'].includes(before2 ?? '')) return true;
  if (after === '&&' || after === '||' || before === '&&' || before === '||') return true;
  return false;
}

export const returnValueAsSuccess: Rule = {
  id: 'return-value-as-success',
  defaultSeverity: 'warning',
  title: 'The setter\'s result read as success',
  section: '§7',
  description:
    '`SSL_CTX_set_session_cache_mode` returns the previous mode, not a success flag: it never fails. The default previous mode is SERVER (2), so `== 1` or `!ret` checks are wrong, and a check against 0 fires whenever the previous mode was OFF.',
  bad: [
    { code: 'if (!SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER)) return -1;' },
    { code: 'void f(SSL_CTX *ctx) {\n  int ret = SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);\n  if (ret != 1) abort();\n}' },
  ],
  good: [{ code: 'void f(SSL_CTX *ctx) {\n  long previous = SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);\n  log_mode(previous);\n}' }],
  check({ doc, file, report }) {
    const tokens = doc.scanned.tokens;
    let depths: Int32Array | undefined;
    for (const call of file.calls) {
      if (call.name !== 'SSL_CTX_set_session_cache_mode') continue;
      let from = call.callee;
      if (tokens[from - 1]?.text === '::') from--;
      const to = call.close + 1;
      const span = { start: tokens[call.callee].start, end: tokens[Math.min(call.close, tokens.length - 1)].end };
      if (testedAsStatus(tokens, from, to)) {
        report({ message: 'SSL_CTX_set_session_cache_mode returns the previous mode, not success or failure', ...span });
        continue;
      }
      // `ret = SSL_CTX_set_session_cache_mode(...)` then `if (ret ...)`.
      if (tokens[from - 1]?.text !== '=' || tokens[from - 2]?.kind !== TokenKind.Identifier) continue;
      const variable = tokens[from - 2].text;
      if (!STATUS_NAMES.test(variable)) continue;
      depths ??= braceDepths(tokens);
      const body = functionBodyStart(tokens, depths, call.callee);
      const end = body >= 0 ? matchingClose(tokens, body) : tokens.length;
      for (let i = to; i < end; i++) {
        if (tokens[i].text !== variable || tokens[i].kind !== TokenKind.Identifier) continue;
        if (tokens[i + 1]?.text === '=') break; // reassigned before any test
        if (testedAsStatus(tokens, i, i + 1)) {
          report({ message: `"${variable}" holds the previous mode returned by SSL_CTX_set_session_cache_mode, not success or failure`, ...span });
        }
        break;
      }
    }
  },
};
