import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateTokens } from '../mode/expression';
import { analyzeC } from './analysis';

function evaluateName(source: string, name: string) {
  const doc = analyzeC(source + `\nlong probe = ${name};`);
  const tokens = doc.scanned.tokens;
  const at = tokens.length - 2;
  return evaluateTokens(tokens, at, at + 1, { resolveName: doc.resolveName });
}

describe('macros', () => {
  it('expands object-like macros, nested', () => {
    const r = evaluateName('#define A SSL_SESS_CACHE_SERVER\n#define B (A | SSL_SESS_CACHE_NO_INTERNAL)', 'B');
    assert.ok(r.ok);
    assert.equal(r.value, 0x302);
  });
  it('honours #undef and redefinition', () => {
    const r = evaluateName('#define A 1\n#undef A\n#define A 2', 'A');
    assert.ok(r.ok && r.value === 2);
    assert.ok(!evaluateName('#define A 1\n#undef A', 'A').ok);
  });
  it('refuses self-reference and function-like macros', () => {
    const loop = evaluateName('#define A B\n#define B A', 'A');
    assert.ok(!loop.ok);
    assert.match(loop.error.message, /defined in terms of itself/);
    const fn = evaluateName('#define F(x) (x)', 'F');
    assert.ok(!fn.ok);
    assert.match(fn.error.message, /function-like/);
  });
  it('an object-like macro whose body starts with a parenthesis is not function-like', () => {
    const r = evaluateName('#define M (SSL_SESS_CACHE_CLIENT)', 'M');
    assert.ok(r.ok && r.value === 1);
  });
});
