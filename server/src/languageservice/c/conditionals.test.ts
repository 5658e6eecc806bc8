import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../rules/lint';
import { analyzeC } from './analysis';
import { deadRanges } from './conditionals';

describe('deadRanges', () => {
  it('an #if 0 left open (while typing) is dead to the end of the text, not beyond it (found by fuzzing)', () => {
    const text = '#if 0\nSSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVR);\n';
    assert.deepEqual(deadRanges(analyzeC(text).scanned, text.length), [{ start: 5, end: text.length }]);
    assert.deepEqual(lintText(text, 'c', { library: 'openssl-3.0' }), []);
  });

  it('closed groups end where their #else or #endif starts', () => {
    const text = '#if 0\nA\n#else\nB\n#endif\n';
    assert.deepEqual(deadRanges(analyzeC(text).scanned, text.length), [{ start: 5, end: text.indexOf('#else') }]);
  });
});
