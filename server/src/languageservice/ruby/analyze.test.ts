import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeBindingFixtures } from '../../testing/bindingFixtures';
import { analyzeRuby, tokenizeRuby } from './analyze';

const FIXTURES = 'server/src/languageservice/ruby/fixtures';



describeBindingFixtures('Ruby OpenSSL fixtures', FIXTURES, (text) => analyzeRuby(text, { library: 'openssl-3.0' }));

describe('Ruby OpenSSL extraction', () => {
  it('skips comments, =begin blocks, strings, %-literals and heredocs', () => {
    const text = "a # SESSION\n=begin\nb\n=end\nc 'x' \"y\" %w[d e] <<~T\nf\nT\ng";
    assert.deepEqual(tokenizeRuby(text).filter((t) => t.kind === 'name').map((t) => t.text), ['a', 'c', 'g']);
  });

  it('a value it cannot evaluate gives no context rather than a guess', () => {
    assert.deepEqual(analyzeRuby('ctx.session_cache_mode = settings.fetch(:mode)', { library: 'openssl-3.0' }).contexts, []);
  });

  it('comparisons are not assignments', () => {
    assert.deepEqual(analyzeRuby('ok = ctx.session_cache_mode == SSLContext::SESSION_CACHE_OFF', { library: 'openssl-3.0' }).contexts, []);
  });

  it('the mode ends at a modifier keyword, and a `;` separates statements', () => {
    const a = analyzeRuby('ctx.session_cache_mode = SSLContext::SESSION_CACHE_SERVER if tls; ctx.timeout = 60', { library: 'openssl-3.0' });
    assert.equal(a.contexts[0].setting.mode, 2);
    assert.equal(a.contexts[0].setting.timeout, 60);
  });
});

describe('Ruby OpenSSL flushing', () => {
  const mode = 'ctx.session_cache_mode = OpenSSL::SSL::SSLContext::SESSION_CACHE_SERVER | OpenSSL::SSL::SSLContext::SESSION_CACHE_NO_AUTO_CLEAR\n';
  it('NO_AUTO_CLEAR without flush_sessions is reported; SSLContext#flush_sessions answers it', () => {
    assert.deepEqual(analyzeRuby(mode, { library: 'openssl-3.0' }).findings.map((f) => f.ruleId), ['no-auto-clear-without-flush']);
    assert.deepEqual(analyzeRuby(mode + 'Thread.new { loop { sleep 60; ctx.flush_sessions } }\n', { library: 'openssl-3.0' }).findings.map((f) => f.ruleId), []);
  });
});
