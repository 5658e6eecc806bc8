import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeC } from '../c/analysis';
import { readRepoFile } from '../../testing/paths';
import { extractMarkers } from '../../testing/markers';
import { hoverC } from './hover';

interface Expectation {
  none?: boolean;
  range?: string;
  contains?: string[];
}

const FIXTURES = 'server/src/languageservice/hover/fixtures';
const expectations = JSON.parse(readRepoFile(FIXTURES, 'expectations.json')) as Record<string, Record<string, Expectation>>;

for (const [file, cases] of Object.entries(expectations)) {
  if (file.startsWith('$')) continue;
  describe(`hover fixtures: ${file}`, () => {
    const { text, markers } = extractMarkers(readRepoFile(FIXTURES, file));
    const doc = analyzeC(text);
    it('has an expectation for every marker and a marker for every expectation', () => {
      assert.deepEqual([...markers.keys()].sort(), Object.keys(cases).sort());
    });
    for (const [name, expected] of Object.entries(cases)) {
      it(name, () => {
        const offset = markers.get(name);
        assert.ok(offset !== undefined, `marker ${name} missing`);
        const result = hoverC(doc, offset, { library: 'openssl-3.0' });
        if (expected.none) {
          assert.equal(result, null, `expected no hover, got ${result?.markdown.slice(0, 80)}`);
          return;
        }
        assert.ok(result, 'expected a hover');
        if (expected.range !== undefined) assert.equal(text.slice(result.start, result.end), expected.range);
        for (const needle of expected.contains ?? []) {
          assert.ok(result.markdown.includes(needle), `hover lacks ${JSON.stringify(needle)}:\n${result.markdown}`);
        }
      });
    }
  });
}

describe('hover depends on the target library', () => {
  const { text, markers } = extractMarkers('long m = SSL_SESS_CACHE_⟦u⟧UPDATE_TIME;\nint x = SSL_SESS_CACHE_⟦c⟧CLIENT;');
  const doc = analyzeC(text);
  it('UPDATE_TIME is flagged as missing before OpenSSL 3.0', () => {
    const on111 = hoverC(doc, markers.get('u')!, { library: 'openssl-1.1.1' })!;
    assert.match(on111.markdown, /Not defined by OpenSSL 1\.1\.1/);
    const on30 = hoverC(doc, markers.get('u')!, { library: 'openssl-3.0' })!;
    assert.doesNotMatch(on30.markdown, /⚠ \*\*Not defined by/);
  });
  it('CLIENT on BoringSSL says the internal cache is never used', () => {
    const boring = hoverC(doc, markers.get('c')!, { library: 'boringssl' })!;
    assert.match(boring.markdown, /BoringSSL never stores client sessions/);
    const openssl = hoverC(doc, markers.get('c')!, { library: 'openssl-3.0' })!;
    assert.doesNotMatch(openssl.markdown, /BoringSSL never stores client sessions/);
  });
});

describe('hover positions', () => {
  it('gives nothing on whitespace, punctuation outside mode arguments or an empty file', () => {
    const doc = analyzeC('int main(void) { return 0; }\n');
    for (let offset = 0; offset <= doc.text.length; offset++) assert.equal(hoverC(doc, offset, { library: 'openssl-3.0' }), null);
    assert.equal(hoverC(analyzeC(''), 0, { library: 'openssl-3.0' }), null);
  });
  it('covers every character of a flag name and not the one after it', () => {
    const text = 'x = SSL_SESS_CACHE_OFF;';
    const doc = analyzeC(text);
    const start = text.indexOf('SSL');
    const end = start + 'SSL_SESS_CACHE_OFF'.length;
    for (let offset = start; offset < end; offset++) assert.ok(hoverC(doc, offset, { library: 'openssl-3.0' }));
    assert.equal(hoverC(doc, end, { library: 'openssl-3.0' }), null);
  });
});
