import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readRepoFile, repoRoot, specSections } from '../../testing/paths';
import { FLAGS, KNOWN_MODE_BITS, findFlag, findFlagByAnyName } from './flags';
import { LIBRARY_IDS } from './libraries';
import { normaliseManText } from './manpage';

const SEED = 'server/src/languageservice/knowledge/sources/SSL_CTX_set_session_cache_mode.3.txt';
const SPEC = 'docs/spec/openssl-session-cache.md';

describe('flag knowledge', () => {
  it('has every flag with its value from the headers', () => {
    const expected: Record<string, number> = {
      OFF: 0, CLIENT: 1, SERVER: 2, BOTH: 3, NO_AUTO_CLEAR: 0x80, NO_INTERNAL_LOOKUP: 0x100,
      NO_INTERNAL_STORE: 0x200, NO_INTERNAL: 0x300, UPDATE_TIME: 0x400,
    };
    assert.deepEqual(Object.fromEntries(FLAGS.map((f) => [f.shortName, f.value])), expected);
    for (const f of FLAGS) assert.equal(f.name, 'SSL_SESS_CACHE_' + f.shortName);
    assert.equal(FLAGS.reduce((bits, f) => bits | f.value, 0), KNOWN_MODE_BITS);
  });
  it('aliases are the union of their parts', () => {
    for (const f of FLAGS.filter((x) => x.kind === 'alias')) {
      assert.equal(f.aliasOf!.reduce((v, n) => v | findFlag(n)!.value, 0), f.value);
    }
  });
  it('finds flags by full and short name', () => {
    assert.equal(findFlag('SSL_SESS_CACHE_SERVER')?.value, 2);
    assert.equal(findFlag('SERVER'), undefined);
    assert.equal(findFlagByAnyName('NO_INTERNAL')?.value, 0x300);
  });
  it('quotes the seeded man page verbatim', () => {
    const seed = normaliseManText(readRepoFile(SEED));
    for (const f of FLAGS) {
      for (const q of f.manPage) {
        assert.equal(q.source ?? 'seed', 'seed');
        assert.ok(seed.includes(normaliseManText(q.text)), `${f.name}: quote not in the man page: ${q.text}`);
      }
      if (f.manPage.length === 0) assert.ok(f.manPageNote, `${f.name} has neither a quote nor a note`);
    }
  });
  it('each man page paragraph is quoted for one flag only', () => {
    const quotes = FLAGS.flatMap((f) => f.manPage.map((q) => q.text));
    assert.equal(new Set(quotes).size, quotes.length);
  });
  it('cites spec sections that exist', () => {
    const sections = specSections(readRepoFile(SPEC));
    for (const f of FLAGS) for (const fact of f.facts) assert.ok(sections.has(fact.section), `${f.name}: no section ${fact.section}`);
  });
  it('states availability for every library; UPDATE_TIME only on OpenSSL 3', () => {
    for (const f of FLAGS) {
      for (const lib of LIBRARY_IDS) assert.ok(lib in f.availability, `${f.name} lacks ${lib}`);
      const missing = LIBRARY_IDS.filter((lib) => !f.availability[lib]);
      assert.deepEqual(missing, f.shortName === 'UPDATE_TIME' ? LIBRARY_IDS.filter((l) => l !== 'openssl-3.0') : []);
    }
  });
  it('the vendored man page and spec are the ones in ../shared', (t) => {
    const shared = path.join(repoRoot(), '..', 'shared');
    if (!fs.existsSync(shared)) return t.skip('no ../shared beside the repository');
    assert.equal(readRepoFile(SEED), fs.readFileSync(path.join(shared, 'seeds', 'SSL_CTX_set_session_cache_mode.3.txt'), 'utf8'));
    assert.equal(readRepoFile(SPEC), fs.readFileSync(path.join(shared, 'spec', 'openssl-session-cache.md'), 'utf8'));
  });
});
