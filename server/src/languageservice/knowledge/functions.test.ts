import { FLAGS } from './flags';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { readRepoFile, repoRoot, specSections } from '../../testing/paths';
import { API_FUNCTIONS, findApiFunction } from './functions';
import { isLibraryId } from './libraries';
import { normaliseManText } from './manpage';

const EXPECTED_NAMES = [
  'SSL_CTX_set_session_cache_mode',
  'SSL_CTX_get_session_cache_mode',
  'SSL_CTX_sess_set_cache_size',
  'SSL_CTX_sess_get_cache_size',
  'SSL_CTX_set_timeout',
  'SSL_CTX_get_timeout',
  'SSL_CTX_flush_sessions',
  'SSL_CTX_flush_sessions_ex',
  'SSL_CTX_set_session_id_context',
  'SSL_set_session_id_context',
  'SSL_CTX_sess_set_new_cb',
  'SSL_CTX_sess_set_get_cb',
  'SSL_CTX_sess_set_remove_cb',
  'SSL_CTX_sess_get_new_cb',
  'SSL_CTX_sess_get_get_cb',
  'SSL_CTX_sess_get_remove_cb',
  'SSL_set_session',
  'SSL_CTX_add_session',
  'SSL_CTX_remove_session',
  'SSL_CTX_sess_number',
  'SSL_CTX_set_num_tickets',
  'SSL_session_reused',
  'SSL_CTX_ctrl',
];

/** The SSL_SESS_CACHE_* names of spec §1, which `related` may also point to. */
const FLAG_NAMES = FLAGS.map((f) => f.name);

const SEED_PATH = ['server', 'src', 'languageservice', 'knowledge', 'sources', 'SSL_CTX_set_session_cache_mode.3.txt'];

/** The spec lives next to the repository, not in it. */
/** The spec as vendored in the repository (flags.test.ts checks it equals ../shared). */
function specPath(): string {
  return path.join(repoRoot(), 'docs', 'spec', 'openssl-session-cache.md');
}

/** Text without markdown emphasis and code marks, for wording checks. */
function plain(markdown: string): string {
  return markdown.replace(/[*_`]/g, '');
}

const allQuotes = API_FUNCTIONS.flatMap((fn) => fn.manPage.map((quote) => ({ fn: fn.name, quote })));
const allFacts = API_FUNCTIONS.flatMap((fn) => fn.facts.map((fact) => ({ fn: fn.name, fact })));

test('every listed function is present exactly once, and nothing else', () => {
  const names = API_FUNCTIONS.map((fn) => fn.name);
  for (const name of EXPECTED_NAMES) {
    assert.equal(names.filter((n) => n === name).length, 1, `${name} should appear exactly once`);
  }
  assert.deepEqual([...names].sort(), [...EXPECTED_NAMES].sort());
});

test('findApiFunction finds every entry and returns undefined for unknown names', () => {
  for (const fn of API_FUNCTIONS) assert.equal(findApiFunction(fn.name), fn);
  assert.equal(findApiFunction('SSL_CTX_set_session_cache_mod'), undefined);
  assert.equal(findApiFunction('ssl_ctx_set_session_cache_mode'), undefined);
  assert.equal(findApiFunction('SSL_SESS_CACHE_SERVER'), undefined);
  assert.equal(findApiFunction(''), undefined);
});

test('every entry is complete', () => {
  for (const fn of API_FUNCTIONS) {
    assert.ok(fn.signature.includes(fn.name), `${fn.name}: signature names the function`);
    assert.ok(fn.signature.trim().endsWith(');'), `${fn.name}: signature is a C prototype`);
    for (const field of ['implementation', 'summary', 'returns'] as const) {
      assert.ok(fn[field].trim().length > 0, `${fn.name}: ${field} is empty`);
    }
    assert.ok(fn.facts.length >= 3 && fn.facts.length <= 8, `${fn.name}: ${fn.facts.length} facts, expected 3-8`);
    if (fn.manPage.length === 0) {
      assert.ok(fn.manPageNote && fn.manPageNote.trim().length > 0, `${fn.name}: no quote and no manPageNote`);
    }
  }
});

test('related names are API functions of this table or SSL_SESS_CACHE_* flags', () => {
  const known = new Set<string>([...EXPECTED_NAMES, ...FLAG_NAMES]);
  for (const fn of API_FUNCTIONS) {
    for (const name of fn.related ?? []) {
      assert.ok(known.has(name), `${fn.name}: unknown related name ${name}`);
      assert.notEqual(name, fn.name, `${fn.name} lists itself as related`);
    }
  }
});

test('fact libraries are known library ids', () => {
  for (const { fn, fact } of allFacts) {
    if (!fact.libraries) continue;
    assert.ok(fact.libraries.length > 0, `${fn}: empty libraries list on "${fact.text}"`);
    for (const id of fact.libraries) assert.ok(isLibraryId(id), `${fn}: unknown library ${id}`);
  }
});

test('every seed quote appears in the seeded 0.9.7d man page', () => {
  const seed = normaliseManText(readRepoFile(...SEED_PATH));
  const seedQuotes = allQuotes.filter(({ quote }) => (quote.source ?? 'seed') === 'seed');
  assert.ok(seedQuotes.length > 0);
  for (const { fn, quote } of seedQuotes) {
    assert.ok(seed.includes(normaliseManText(quote.text)), `${fn}: not in the seed page: "${quote.text}"`);
  }
});

test('every openssl-3 quote appears verbatim in the spec', (t) => {
  if (!fs.existsSync(specPath())) {
    t.skip(`spec not found at ${specPath()}`);
    return;
  }
  const spec = normaliseManText(fs.readFileSync(specPath(), 'utf8'));
  const quotes = allQuotes.filter(({ quote }) => quote.source === 'openssl-3');
  assert.ok(quotes.length > 0);
  for (const { fn, quote } of quotes) {
    assert.ok(spec.includes(normaliseManText(quote.text)), `${fn}: not quoted by the spec: "${quote.text}"`);
  }
});

test('every fact cites a section heading that exists in the spec', () => {
  const sections = specSections(fs.readFileSync(specPath(), 'utf8'));
  for (const { fn, fact } of allFacts) {
    assert.match(fact.section, /^§\d+(\.\d+)*$/, `${fn}: malformed section "${fact.section}"`);
    assert.ok(sections.has(fact.section), `${fn}: no heading for ${fact.section} in the spec`);
  }
});

test('quotes the spec shows to be wrong carry a correction', () => {
  const timeout = findApiFunction('SSL_CTX_set_timeout');
  const timeoutQuote = timeout?.manPage.find((q) => q.text.includes('300 seconds'));
  assert.ok(timeoutQuote?.correction?.includes('7200'));

  const newCb = findApiFunction('SSL_CTX_sess_set_new_cb');
  const newCbQuote = newCb?.manPage.find((q) => q.text.includes('removed from the internal cache'));
  assert.ok(newCbQuote?.correction);

  const flush = findApiFunction('SSL_CTX_flush_sessions');
  const flushQuote = flush?.manPage.find((q) => q.text.includes('every 255 connections'));
  assert.ok(flushQuote?.correction);
});

test('set_session_cache_mode returns the previous mode; sess_set_cache_size the previous size', () => {
  const set = findApiFunction('SSL_CTX_set_session_cache_mode');
  assert.ok(set);
  assert.match(plain(set.returns), /previous mode/i);
  assert.match(set.implementation, /SSL_CTRL_SET_SESS_CACHE_MODE/);
  assert.match(set.implementation, /44/);
  assert.match(set.implementation, /BoringSSL/);

  const get = findApiFunction('SSL_CTX_get_session_cache_mode');
  assert.ok(get);
  assert.match(get.implementation, /SSL_CTRL_GET_SESS_CACHE_MODE/);
  assert.match(get.implementation, /45/);

  const size = findApiFunction('SSL_CTX_sess_set_cache_size');
  assert.ok(size);
  assert.match(plain(size.returns), /previous size/i);
  assert.match(size.implementation, /42/);
  assert.match(findApiFunction('SSL_CTX_sess_get_cache_size')?.implementation ?? '', /43/);
});
