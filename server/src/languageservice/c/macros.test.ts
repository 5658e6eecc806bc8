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

describe('macros from included headers', () => {
  const headers: Record<string, string> = {
    'cache.h': '#pragma once\n#include "flags.h"\n#define APP_CACHE_MODE (BASE_MODE | SSL_SESS_CACHE_NO_INTERNAL)\n',
    'flags.h': '#define BASE_MODE SSL_SESS_CACHE_SERVER\n#include "cache.h"\n',
  };
  const load = (name: string) => headers[name];

  it('expands macros defined in quoted includes, following nested includes once', () => {
    const doc = analyzeC('#include "cache.h"\nlong m = APP_CACHE_MODE;', { loadInclude: load });
    const tokens = doc.scanned.tokens;
    const at = tokens.findIndex((t) => t.text === 'APP_CACHE_MODE');
    const r = evaluateTokens(tokens, at, at + 1, { resolveName: doc.resolveName });
    assert.ok(r.ok);
    assert.equal(r.value, 0x302);
    // Names from the header are not given document offsets.
    assert.equal(r.names[0].expansion, undefined);
  });
  it('the document overrides a header, and system headers are not asked for', () => {
    const asked: string[] = [];
    const doc = analyzeC('#include <openssl/ssl.h>\n#include "cache.h"\n#undef BASE_MODE\n#define BASE_MODE 1\nlong m = BASE_MODE;', {
      loadInclude: (n) => (asked.push(n), load(n)),
    });
    assert.deepEqual(asked, ['cache.h', 'flags.h']);
    const tokens = doc.scanned.tokens;
    const at = tokens.length - 2;
    const r = evaluateTokens(tokens, at, at + 1, { resolveName: doc.resolveName });
    assert.ok(r.ok && r.value === 1);
  });
  it('a missing header is simply not used', () => {
    const doc = analyzeC('#include "nowhere.h"\nlong m = FROM_NOWHERE;', { loadInclude: () => undefined });
    assert.equal(doc.macros.size, 0);
  });
});
