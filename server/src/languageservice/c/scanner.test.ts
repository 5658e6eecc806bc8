import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { PUNCTUATORS2, PUNCTUATORS3, TokenKind, punctuatorLength, scan, tokenAt } from './scanner';

const texts = (source: string): string[] => scan(source).tokens.map((t) => t.text);

describe('scanner', () => {
  it('skips line and block comments, keeping their ranges', () => {
    const r = scan('a /* SSL_SESS_CACHE_OFF */ b // SSL_SESS_CACHE_SERVER\nc');
    assert.deepEqual(r.tokens.map((t) => t.text), ['a', 'b', 'c']);
    assert.equal(r.comments.length, 2);
  });
  it('continues a line comment over a backslash-newline', () => {
    assert.deepEqual(texts('// comment \\\n SSL_SESS_CACHE_SERVER\nx'), ['x']);
  });
  it('treats strings, chars and raw strings as single tokens', () => {
    const r = scan('f("SSL_SESS_CACHE_OFF \\" x", \'|\', R"d(SSL_SESS_CACHE_OFF)" )d", u8"a", L\'b\')');
    const kinds = r.tokens.map((t) => t.kind);
    assert.equal(kinds.filter((k) => k === TokenKind.Identifier).length, 1);
    assert.equal(r.tokens.filter((t) => t.kind === TokenKind.String).length, 3);
    assert.equal(r.tokens.filter((t) => t.kind === TokenKind.Char).length, 2);
  });
  it('does not run past an unterminated string or comment', () => {
    assert.deepEqual(texts('"abc\nx'), ['"abc', 'x']);
    assert.deepEqual(texts('a /* never closed'), ['a']);
  });
  it('reads numbers with suffixes, hex, exponents and digit separators', () => {
    assert.deepEqual(texts("0x0302L 1'000u 1e+5 .5 0b101"), ['0x0302L', "1'000u", '1e+5', '.5', '0b101']);
  });
  it('joins line continuations between tokens', () => {
    assert.deepEqual(texts('A |\\\n B'), ['A', '|', 'B']);
  });
  it('marks preprocessor directives and their tokens', () => {
    const r = scan('#define M (A|B)\nint x = M;\n  #  include <openssl/ssl.h>\n#define L \\\n  C\nx');
    assert.deepEqual(r.directives.map((d) => d.name), ['define', 'include', 'define']);
    const m = r.tokens.filter((t) => t.directive === 0).map((t) => t.text);
    assert.deepEqual(m, ['#', 'define', 'M', '(', 'A', '|', 'B', ')']);
    assert.equal(r.tokens.find((t) => t.text === '<openssl/ssl.h>')?.kind, TokenKind.String);
    assert.deepEqual(r.tokens.filter((t) => t.directive === 2).map((t) => t.text), ['#', 'define', 'L', 'C']);
    assert.equal(r.tokens[r.tokens.length - 1].directive, -1);
  });
  it('a # that is not first on its line is punctuation', () => {
    assert.equal(scan('x # y').directives.length, 0);
  });
  it('multi-character punctuators', () => {
    assert.deepEqual(texts('a->b::c <<= d'), ['a', '->', 'b', '::', 'c', '<<=', 'd']);
  });
  it('tokenAt finds the token under an offset', () => {
    const r = scan('ab  cd');
    assert.equal(tokenAt(r.tokens, 0), 0);
    assert.equal(tokenAt(r.tokens, 1), 0);
    assert.equal(tokenAt(r.tokens, 2), -1);
    assert.equal(tokenAt(r.tokens, 5), 1);
    assert.equal(tokenAt(r.tokens, 6), -1);
  });
  it('handles CRLF line endings', () => {
    const r = scan('#define A 1\r\nB\r\n');
    assert.equal(r.tokens.find((t) => t.text === 'B')?.directive, -1);
  });
});

test('punctuatorLength picks the longest punctuator, as looking the text up in the punctuator sets does', () => {
  const alphabet = '<>=.-+&|#:!*/%^~?,;()[]{}a1 ';
  for (const a of alphabet) {
    for (const b of alphabet) {
      for (const c of alphabet) {
        const text = a + b + c;
        const expected = PUNCTUATORS3.has(text) ? 3 : PUNCTUATORS2.has(text.slice(0, 2)) ? 2 : 1;
        assert.equal(punctuatorLength(text, 0, text.charCodeAt(0)), expected, JSON.stringify(text));
      }
    }
  }
});
