import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeC } from './analysis';
import { extractConfig } from './config';

describe('extractConfig: conditional expressions', () => {
  const modeOf = (arg: string) => extractConfig(analyzeC(`void f(SSL_CTX *ctx) { SSL_CTX_set_session_cache_mode(ctx, ${arg}); }`)).contexts[0].modes[0];

  it('follows both arms of nested conditionals', () => {
    assert.deepEqual(modeOf('a ? SSL_SESS_CACHE_SERVER : b ? SSL_SESS_CACHE_CLIENT : 0').values.sort(), [0, 1, 2]);
  });

  it('a chain of 10,000 conditionals is unknown, not a stack overflow (found by fuzzing)', () => {
    const mode = modeOf(`${'a ? SSL_SESS_CACHE_SERVER : '.repeat(10_000)}SSL_SESS_CACHE_OFF`);
    assert.deepEqual(mode.values, []);
    assert.match(mode.unknownReason ?? '', /nested more than 64 deep/);
  });
});
