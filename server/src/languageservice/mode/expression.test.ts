import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeC } from '../c/analysis';
import { extractConfig } from '../c/config';
import { MAX_NESTING, evaluateModeText, parseIntegerLiteral } from './expression';

const value = (text: string, allowShortNames = false): number => {
  const r = evaluateModeText(text, { allowShortNames });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};
const error = (text: string, allowShortNames = false): string => {
  const r = evaluateModeText(text, { allowShortNames });
  assert.ok(!r.ok, `expected an error for ${text}`);
  return r.error.message;
};

describe('mode expressions', () => {
  it('evaluates flag names joined by |', () => {
    assert.equal(value('SSL_SESS_CACHE_SERVER|SSL_SESS_CACHE_NO_INTERNAL'), 0x0302);
    assert.equal(value('SSL_SESS_CACHE_OFF'), 0);
  });
  it('accepts short names only where allowed', () => {
    assert.equal(value('SERVER | NO_INTERNAL_STORE', true), 0x0202);
    assert.match(error('SERVER'), /not a constant whose value is known/);
  });
  it('handles parentheses, casts and C operators', () => {
    assert.equal(value('(long)(SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_NO_AUTO_CLEAR)'), 0x83);
    assert.equal(value('static_cast<long>(SSL_SESS_CACHE_SERVER)'), 2);
    assert.equal(value('long(SSL_SESS_CACHE_CLIENT)'), 1);
    assert.equal(value('(unsigned long) SSL_SESS_CACHE_SERVER'), 2);
    assert.equal(value('SSL_SESS_CACHE_NO_INTERNAL & ~SSL_SESS_CACHE_NO_INTERNAL_LOOKUP'), 0x200);
    assert.equal(value('1 << 9 | 2'), 0x202);
    assert.equal(value('2 + 0x100 * 3'), 0x302);
    assert.equal(value('SSL_SESS_CACHE_SERVER ^ 3'), 1);
  });
  it('reads numbers as C does', () => {
    assert.equal(parseIntegerLiteral('0x0302'), 0x302);
    assert.equal(parseIntegerLiteral('0302'), 0o302);
    assert.equal(parseIntegerLiteral('770UL'), 770);
    assert.equal(parseIntegerLiteral('0b11'), 3);
    assert.equal(parseIntegerLiteral("1'024"), 1024);
    assert.equal(parseIntegerLiteral('08'), undefined);
    assert.equal(parseIntegerLiteral('1.5'), undefined);
  });
  it('wraps to 32 bits like the library', () => {
    assert.equal(value('~0'), 0xffffffff);
    assert.equal(value('-1'), 0xffffffff);
    assert.match(error('0x100000000'), /does not fit/);
  });
  it('names unknown flags with a suggestion', () => {
    assert.match(error('SSL_SESS_CACHE_NO_INTERNAL_STOR'), /unknown session cache flag "SSL_SESS_CACHE_NO_INTERNAL_STOR"; did you mean SSL_SESS_CACHE_NO_INTERNAL_STORE\?/);
    assert.match(error('SEVRER', true), /did you mean SERVER\?/);
    assert.match(error('FOO', true), /unknown session cache flag "FOO"$/);
  });
  it('recognises constants of other APIs', () => {
    assert.match(error('SSL_OP_NO_TICKET'), /SSL_CTX_set_options flag, not a session cache mode/);
    assert.match(error('SSL_MODE_RELEASE_BUFFERS'), /SSL_CTX_set_mode flag/);
  });
  it('reports syntax errors with their position', () => {
    const r = evaluateModeText('SSL_SESS_CACHE_SERVER | | 2');
    assert.ok(!r.ok);
    assert.equal(r.error.start, 24);
    assert.match(error('(SSL_SESS_CACHE_SERVER'), /expected "\)"/);
    assert.match(error('SSL_SESS_CACHE_SERVER 2'), /unexpected "2"/);
    assert.match(error(''), /empty/);
    assert.match(error('"SERVER"', true), /string literal/);
    assert.match(error('1 / 0'), /division by zero/);
    assert.match(error('SERVER /* x */', true), /comments/);
  });
  it('records the names it used, with offsets', () => {
    const r = evaluateModeText('SSL_SESS_CACHE_SERVER|SSL_SESS_CACHE_NO_INTERNAL');
    assert.ok(r.ok);
    assert.deepEqual(r.names.map((n) => [n.name, n.start, n.end]), [
      ['SSL_SESS_CACHE_SERVER', 0, 21],
      ['SSL_SESS_CACHE_NO_INTERNAL', 22, 48],
    ]);
  });
});

describe('mode expressions nested beyond reason (found by fuzzing: 10,000 levels overflowed the stack)', () => {
  it('refuses nesting deeper than MAX_NESTING with an error, and evaluates MAX_NESTING - 1 levels', () => {
    const deep = evaluateModeText(`${'('.repeat(10_000)}SSL_SESS_CACHE_SERVER${')'.repeat(10_000)}`);
    assert.equal(deep.ok, false);
    assert.match(!deep.ok ? deep.error.message : '', /nested more than 256 levels/);
    assert.equal(evaluateModeText(`${'~'.repeat(10_000)}0`).ok, false);
    const fits = evaluateModeText(`${'('.repeat(MAX_NESTING - 2)}SSL_SESS_CACHE_SERVER${')'.repeat(MAX_NESTING - 2)}`);
    assert.deepEqual(fits.ok && fits.value, 2);
  });

  it('counts macros whose bodies use macros as nesting', () => {
    const text = `#define M0 SSL_SESS_CACHE_SERVER\n${Array.from({ length: 5000 }, (_, i) => `#define M${i + 1} (M${i})\n`).join('')}SSL_CTX_set_session_cache_mode(ctx, M5000);\nSSL_CTX_set_session_cache_mode(ctx, M20);\n`;
    const modes = extractConfig(analyzeC(text)).contexts[0].modes;
    assert.match(modes[0].unknownReason ?? '', /nested more than 256 levels/);
    assert.deepEqual(modes[1].values, [2]);
  });
});
