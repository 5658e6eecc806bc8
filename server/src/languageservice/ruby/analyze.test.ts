import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatHex } from '../mode/decode';
import { applyEdits } from '../../testing/edits';
import { extractMarkers } from '../../testing/markers';
import { readRepoFile } from '../../testing/paths';
import { analyzeRuby, tokenizeRuby } from './analyze';

const FIXTURES = 'server/src/languageservice/ruby/fixtures';

interface Expected {
  hovers: Record<string, { none?: boolean; range?: string; contains?: string[] }>;
  contexts: { receiver: string; mode: string; role: string; timeout: number; cacheSize: number; callbacks: string[] }[];
  findings: string[];
  fixed?: Record<string, string>;
}

const expectations = JSON.parse(readRepoFile(FIXTURES, 'expectations.json')) as Record<string, Expected>;

describe('Ruby OpenSSL fixtures', () => {
  for (const [file, expected] of Object.entries(expectations)) {
    if (file.startsWith('$')) continue;
    const { text, markers } = extractMarkers(readRepoFile(FIXTURES, file));
    const analysis = analyzeRuby(text, { library: 'openssl-3.0' });
    for (const [marker, hover] of Object.entries(expected.hovers)) {
      it(`${file} ⟦${marker}⟧`, () => {
        const got = analysis.hoverAt(markers.get(marker)!);
        if (hover.none) return assert.equal(got, null);
        assert.ok(got, 'a hover');
        assert.equal(text.slice(got.start, got.end), hover.range);
        for (const s of hover.contains ?? []) assert.ok(got.markdown.includes(s), `hover contains ${s}:\n${got.markdown}`);
      });
    }
    it(`${file}: contexts and findings`, () => {
      assert.deepEqual(
        analysis.contexts.map(({ receiver, setting: s }) => ({
          receiver,
          mode: formatHex(s.mode),
          role: s.role,
          timeout: s.timeout,
          cacheSize: s.cacheSize,
          callbacks: (['get', 'new', 'remove'] as const).filter((k) => s.callbacks[k]),
        })),
        expected.contexts,
      );
      assert.deepEqual(analysis.findings.map((f) => f.ruleId), expected.findings);
      for (const [ruleId, line] of Object.entries(expected.fixed ?? {})) {
        const finding = analysis.findings.find((f) => f.ruleId === ruleId)!;
        const fixedText = applyEdits(text, finding.fixes[0].edits);
        assert.equal(fixedText.slice(fixedText.lastIndexOf('\n', finding.start) + 1).split('\n')[0], line);
      }
    });
  }
});

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
