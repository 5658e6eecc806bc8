import { isInRanges } from '../../c/conditionals';
import { TokenKind } from '../../c/scanner';
import type { Rule } from '../rule';

export const bitTestAgainstOff: Rule = {
  id: 'bit-test-against-off',
  defaultSeverity: 'error',
  title: 'Bit test against SSL_SESS_CACHE_OFF',
  section: '§1',
  description: 'SSL_SESS_CACHE_OFF is 0: `mode & SSL_SESS_CACHE_OFF` is always 0. To test for "caching off", test that neither role bit is set: `(mode & SSL_SESS_CACHE_BOTH) == 0`.',
  bad: [{ code: 'if (SSL_CTX_get_session_cache_mode(ctx) & SSL_SESS_CACHE_OFF) return;' }],
  good: [{ code: 'if ((SSL_CTX_get_session_cache_mode(ctx) & SSL_SESS_CACHE_BOTH) == 0) return;' }],
  check({ doc, file, report }) {
    const tokens = doc.scanned.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.text !== 'SSL_SESS_CACHE_OFF' || t.kind !== TokenKind.Identifier || isInRanges(file.dead, t.start)) continue;
      const before = tokens[i - 1];
      const after = tokens[i + 1];
      const andBefore = before?.text === '&' && !['(', ',', '=', '&&', '||', '!', 'return'].includes(tokens[i - 2]?.text ?? '(');
      const andAfter = after?.text === '&' || after?.text === '&=';
      if (!andBefore && !andAfter && before?.text !== '&=') continue;
      const start = andBefore || before?.text === '&=' ? (tokens[i - 2]?.text === ')' ? before.start : tokens[i - 2].start) : t.start;
      const end = andAfter && tokens[i + 2] ? tokens[i + 2].end : t.end;
      report({
        message: 'SSL_SESS_CACHE_OFF is 0, so this bit test is always 0; test (mode & SSL_SESS_CACHE_BOTH) == 0 instead',
        start,
        end,
        fixes: [{ title: 'Test SSL_SESS_CACHE_BOTH instead', edits: [{ start: t.start, end: t.end, newText: 'SSL_SESS_CACHE_BOTH' }] }],
      });
    }
  },
};
