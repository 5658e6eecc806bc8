import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FLAGS } from '../../knowledge/flags';
import { extractMarkers } from '../../../testing/markers';
import { readRepoFile } from '../../../testing/paths';
import { completeSslcache } from './complete';

interface Expectation {
  none?: boolean;
  labels?: string[];
  includes?: string[];
  excludes?: string[];
  first?: string;
  count?: number;
  kind?: string;
  replace?: string;
  insertText?: Record<string, string>;
}

const FIXTURES = 'server/src/languageservice/config/sslcache/fixtures/complete';
const expectations = JSON.parse(readRepoFile(FIXTURES, 'expectations.json')) as Record<string, Record<string, Expectation>>;

for (const [file, cases] of Object.entries(expectations)) {
  if (file.startsWith('$')) continue;
  describe(`sslcache completion fixtures: ${file}`, () => {
    const { text, markers } = extractMarkers(readRepoFile(FIXTURES, file));
    it('has an expectation for every marker and a marker for every expectation', () => {
      assert.deepEqual([...markers.keys()].sort(), Object.keys(cases).sort());
    });
    for (const [name, expected] of Object.entries(cases)) {
      it(name, () => {
        const items = completeSslcache(text, markers.get(name)!);
        const labels = items.map((i) => i.label);
        if (expected.none) {
          assert.deepEqual(labels, []);
          return;
        }
        assert.ok(items.length > 0, 'expected completions');
        if (expected.labels) assert.deepEqual(labels, expected.labels);
        for (const l of expected.includes ?? []) assert.ok(labels.includes(l), `missing ${l} in ${labels.join(', ')}`);
        for (const l of expected.excludes ?? []) assert.ok(!labels.includes(l), `unexpected ${l}`);
        if (expected.first) assert.equal(labels[0], expected.first);
        if (expected.count !== undefined) assert.equal(items.length, expected.count);
        if (expected.kind) for (const i of items) assert.equal(i.kind, expected.kind, i.label);
        if (expected.replace !== undefined) for (const i of items) assert.equal(text.slice(i.replaceStart, i.replaceEnd), expected.replace, i.label);
        for (const [label, insert] of Object.entries(expected.insertText ?? {})) {
          const item = items.find((i) => i.label === label);
          assert.ok(item, `missing ${label}`);
          assert.equal(item.insertText ?? item.label, insert);
        }
      });
    }
  });
}

describe('sslcache completion details', () => {
  it('documents flags from the flag knowledge, for the file\'s library', () => {
    const text = 'library openssl-1.1.1\nmode ';
    const items = completeSslcache(text, text.length);
    const update = items.find((i) => i.label === 'UPDATE_TIME')!;
    assert.equal(update.detail, '0x0400 · modifier');
    assert.match(update.documentation!, /Not defined by OpenSSL 1\.1\.1/);
    const internal = items.find((i) => i.label === 'SSL_SESS_CACHE_NO_INTERNAL')!;
    assert.equal(internal.detail, '0x0300 · alias for NO_INTERNAL_LOOKUP | NO_INTERNAL_STORE');
    assert.equal(items.length, FLAGS.length * 2);
  });

  it('offers snippets in LSP syntax whose bodies are recipes', () => {
    const items = completeSslcache('', 0);
    const file = items.find((i) => i.label === 'sslcache')!;
    assert.equal(file.kind, 'snippet');
    assert.match(file.insertText!, /^# \$\{1:What this server is\}\nlibrary \$\{2\|openssl-3\.0,/);
  });

  it('works at every offset of a file without throwing', () => {
    const text = readRepoFile('server/src/languageservice/config/sslcache/fixtures', 'web-external.sslcache');
    for (let offset = 0; offset <= text.length; offset++) {
      for (const item of completeSslcache(text, offset)) {
        assert.ok(item.replaceStart <= offset && offset <= item.replaceEnd, `${item.label} at ${offset}`);
      }
    }
    assert.deepEqual(completeSslcache(text, -5).length > 0, true);
  });
});
