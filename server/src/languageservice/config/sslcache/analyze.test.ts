import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractMarkers } from '../../../testing/markers';
import { readRepoFile } from '../../../testing/paths';
import { analyzeSslcache } from './analyze';

interface Expectation {
  none?: boolean;
  range?: string;
  contains?: string[];
  excludes?: string[];
}

const FIXTURES = 'server/src/languageservice/config/sslcache/fixtures/hover';
const expectations = JSON.parse(readRepoFile(FIXTURES, 'expectations.json')) as Record<string, Record<string, Expectation>>;

for (const [file, cases] of Object.entries(expectations)) {
  if (file.startsWith('$')) continue;
  describe(`sslcache hover fixtures: ${file}`, () => {
    const { text, markers } = extractMarkers(readRepoFile(FIXTURES, file));
    const analysis = analyzeSslcache(text);
    it('has an expectation for every marker and a marker for every expectation', () => {
      assert.deepEqual([...markers.keys()].sort(), Object.keys(cases).sort());
    });
    for (const [name, expected] of Object.entries(cases)) {
      it(name, () => {
        const result = analysis.hoverAt(markers.get(name)!);
        if (expected.none) {
          assert.equal(result, null, `expected no hover, got ${result?.markdown.slice(0, 80)}`);
          return;
        }
        assert.ok(result, 'expected a hover');
        if (expected.range !== undefined) assert.equal(text.slice(result.start, result.end), expected.range);
        for (const needle of expected.contains ?? []) assert.ok(result.markdown.includes(needle), `hover lacks ${JSON.stringify(needle)}:\n${result.markdown}`);
        for (const needle of expected.excludes ?? []) assert.ok(!result.markdown.includes(needle), `hover has ${JSON.stringify(needle)}`);
      });
    }
  });
}

describe('sslcache hover positions', () => {
  it('covers every character of a name and not the one after it', () => {
    const text = 'timeout 300\n';
    const a = analyzeSslcache(text);
    for (let offset = 0; offset < 7; offset++) assert.equal(text.slice(a.hoverAt(offset)!.start, a.hoverAt(offset)!.end), 'timeout');
    assert.equal(a.hoverAt(7), null);
    assert.equal(a.hoverAt(11), null);
  });
  it('gives nothing in an empty document or on comment lines', () => {
    assert.equal(analyzeSslcache('').hoverAt(0), null);
    const a = analyzeSslcache('# mode SERVER\n');
    for (let offset = 0; offset <= 14; offset++) assert.equal(a.hoverAt(offset), null);
  });
  it('describes flags for the library of the editor when the file does not say', () => {
    const { text, markers } = extractMarkers('mode SERVER | UPDATE_⟦u⟧TIME\n');
    assert.match(analyzeSslcache(text, { library: 'openssl-1.1.1' }).hoverAt(markers.get('u')!)!.markdown, /Not defined by OpenSSL 1\.1\.1/);
    assert.doesNotMatch(analyzeSslcache(text).hoverAt(markers.get('u')!)!.markdown, /⚠ \*\*Not defined by/);
    assert.match(analyzeSslcache('library openssl-1.1.1\n' + text, { library: 'openssl-3.0' }).hoverAt(22 + markers.get('u')!)!.markdown, /Not defined by OpenSSL 1\.1\.1/);
    assert.match(analyzeSslcache('mode 2\n').hoverAt(5)!.markdown, /\*Target library: OpenSSL 3\.x \(setting `sesscache\.library`\)\.\*/);
  });
});

describe('sslcache setting', () => {
  it('has one server setting with library defaults for what the file does not set', () => {
    const a = analyzeSslcache('');
    assert.equal(a.settings.length, 1);
    const s = a.settings[0];
    assert.deepEqual(
      { ...s },
      {
        span: { start: 0, end: 0 },
        modeSpan: undefined,
        label: 'server',
        role: 'server',
        library: undefined,
        protocols: ['TLSv1.2', 'TLSv1.3'],
        mode: 2,
        cacheSize: 20480,
        timeout: 7200,
        sessionIdContext: false,
        verifyPeer: false,
        tickets: true,
        numTickets: 2,
        callbacks: { new: false, get: false, remove: false },
        calls: [],
        processes: 1,
      },
    );
  });

  it('uses the library of the file, else the one given, for defaults', () => {
    assert.equal(analyzeSslcache('', { library: 'openssl-1.0.2' }).settings[0].timeout, 300);
    assert.deepEqual(analyzeSslcache('', { library: 'openssl-1.0.2' }).settings[0].protocols, ['TLSv1.2']);
    const a = analyzeSslcache('library openssl-1.0.2\nprotocol TLSv1.2\n', { library: 'openssl-3.0' });
    assert.equal(a.library, 'openssl-1.0.2');
    assert.equal(a.settings[0].library, 'openssl-1.0.2');
    assert.equal(a.settings[0].timeout, 300);
    assert.deepEqual(a.settings[0].calls, ['SSL_CTX_new(TLSv1_2_server_method())']);
  });

  it('spans the mode line and its value', () => {
    const text = 'timeout 5m\nmode  SERVER|NO_INTERNAL  # external\n';
    const s = analyzeSslcache(text).settings[0];
    assert.equal(text.slice(s.span.start, s.span.end), 'mode  SERVER|NO_INTERNAL');
    assert.equal(text.slice(s.modeSpan!.start, s.modeSpan!.end), 'SERVER|NO_INTERNAL');
    assert.equal(s.mode, 0x302);
    const noMode = analyzeSslcache('\ntimeout 5m\n').settings[0];
    assert.deepEqual(noMode.span, { start: 1, end: 11 });
    assert.equal(noMode.modeSpan, undefined);
  });

  it('lists the calls in the order written, escaping the context as C', () => {
    const a = analyzeSslcache('tickets no\nverify-peer yes\nsession-id-context "a\\"b\\u{E9}"\ncache-size 0\nprotocol TLSv1.3 TLSv1.2\n');
    assert.deepEqual(a.settings[0].calls, [
      'SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET)',
      'SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify_callback)',
      'SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"a\\"b\\303\\251", 5)',
      'SSL_CTX_sess_set_cache_size(ctx, 0)',
      'SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION)',
      'SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION)',
    ]);
    assert.deepEqual(a.settings[0].protocols, ['TLSv1.3', 'TLSv1.2']);
    assert.equal(a.settings[0].cacheSize, 0);
  });

  it('ignores invalid and repeated directives but keeps the rest', () => {
    const a = analyzeSslcache('timeout 5m\ntimeout 10m\ncache-size lots\nmode SERVER\n');
    assert.equal(a.settings[0].timeout, 300);
    assert.equal(a.settings[0].cacheSize, 20480);
    assert.deepEqual(a.settings[0].calls, ['SSL_CTX_set_timeout(ctx, 300)', 'SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER)']);
    assert.equal(a.findings.length, 2);
  });
});
