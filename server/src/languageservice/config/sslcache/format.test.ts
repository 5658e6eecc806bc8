import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../testing/edits';
import { readRepoFile, repoRoot } from '../../../testing/paths';
import { mulberry32 } from '../../simulator/workload';
import { sslcacheToScenario } from './convert';
import { formatSslcache, formattedSslcache, isFormatRefusal } from './format';
import { parseSslcache } from './parse';

const FIXTURES = 'server/src/languageservice/config/sslcache/fixtures';

function format(text: string): string {
  const result = formatSslcache(text);
  assert.ok(!isFormatRefusal(result), `refused: ${JSON.stringify(result)}`);
  return applyEdits(text, result);
}

const cleanFixtures = fs
  .readdirSync(path.join(repoRoot(), FIXTURES))
  .filter((f) => f.endsWith('.sslcache'))
  .map((f) => ({ file: f, text: readRepoFile(FIXTURES, f) }))
  .filter((f) => parseSslcache(f.text).findings.length === 0);

describe('sslcache formatter', () => {
  it('formats the messy fixture to the expected output', () => {
    const messy = readRepoFile(FIXTURES, 'format', 'messy.sslcache');
    const expected = readRepoFile(FIXTURES, 'format', 'messy.expected.sslcache');
    assert.equal(format(messy), expected);
    const result = formattedSslcache(messy);
    assert.ok('text' in result);
    assert.equal(result.text, expected);
    assert.deepEqual(formatSslcache(expected), []);
  });

  it('is idempotent and keeps the meaning of every fixture', () => {
    assert.ok(cleanFixtures.length >= 4);
    for (const { file, text } of cleanFixtures) {
      const once = format(text);
      assert.equal(format(once), once, file);
      assert.deepEqual(formatSslcache(once), [], file);
      const before = parseSslcache(text);
      const after = parseSslcache(once);
      assert.deepEqual(after.findings, [], file);
      assert.deepEqual(after.server, before.server, file);
      for (const w of before.workloads) assert.deepEqual(sslcacheToScenario(after, w.name), sslcacheToScenario(before, w.name), file);
    }
  });

  it('leaves formatted fixtures alone', () => {
    for (const file of ['web-external.sslcache', 'mail-relay.sslcache', 'stateless-boringssl.sslcache', 'minimal.sslcache']) {
      assert.deepEqual(formatSslcache(readRepoFile(FIXTURES, file)), [], file);
    }
  });

  it('refuses to format a document with syntax errors and returns them', () => {
    const result = formatSslcache('mode  SERVER |\ntimeout   5m\n');
    assert.ok(isFormatRefusal(result));
    assert.equal(result.length, 1);
    assert.equal(result[0].ruleId, 'sslcache-syntax');
    assert.match(result[0].message, /empty flag after the last "\|"/);
    assert.ok('findings' in formattedSslcache('bogus 1'));
  });

  it('keeps CRLF line breaks and a byte order mark', () => {
    assert.equal(format('\uFEFFmode  SERVER\r\n\r\n\r\nworkload w\r\n clients 1'), '\uFEFFmode SERVER\r\n\r\nworkload w\r\n  clients 1\r\n');
  });

  it('handles empty and blank documents', () => {
    assert.deepEqual(formatSslcache(''), []);
    assert.equal(format('  \n\n\t\n'), '');
    assert.equal(format('# only\n\n\n'), '# only\n');
    assert.equal(format('mode SERVER'), 'mode SERVER\n');
  });

  it('puts the blank line before the comments that introduce a workload', () => {
    assert.equal(format('mode SERVER\n# first\n# second\nworkload a\n  preset web\n'), 'mode SERVER\n\n# first\n# second\nworkload a\n  preset web\n');
    assert.equal(format('# about a\nworkload a\n'), '# about a\nworkload a\n');
    assert.equal(format('workload a\n  # inside a\nworkload b\n'), 'workload a\n  # inside a\n\nworkload b\n');
  });

  it('keeps a comment one blank away, or in its column when it was set apart', () => {
    assert.equal(format('timeout   300 # c\n'), 'timeout 300 # c\n');
    assert.equal(format('timeout   300      # c\ntickets yes        # d\n'), 'timeout 300        # c\ntickets yes        # d\n');
    assert.equal(format('mode SERVER|NO_INTERNAL  # c\n'), 'mode SERVER | NO_INTERNAL # c\n');
  });

  it('gives the same result whatever the layout (comments aside)', () => {
    const random = mulberry32(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    for (const { file, text } of cleanFixtures) {
      const plain = text.replace(/#.*$/gm, '');
      const expected = format(plain);
      for (let n = 0; n < 25; n++) {
        const lines = plain.split('\n').map((line) => {
          const indented = /^[ \t]/.test(line);
          const words = line.trim() === '' ? [] : (line.trim().match(/"(?:[^"\\]|\\.)*"|[^ \t|]+|\|/g) ?? []);
          const indent = indented ? pick(['  ', ' ', '    ', '\t', ' \t']) : pick(['', '', '', ' ']);
          const body = words.map((w, i) => (i === 0 ? w : (w === '|' || words[i - 1] === '|' ? pick(['', ' ', '  ']) : pick([' ', '  ', '\t'])) + w)).join('');
          const trailing = pick(['', '', ' ', '\t ']);
          return words.length ? indent + body + trailing : pick(['', '  ']);
        });
        // More blank lines where there is one (runs collapse to one); none where there is none.
        const extraBlanks = lines.flatMap((l) => (l.trim() === '' && random() < 0.5 ? [l, ' ', ''] : [l]));
        const shuffled = (random() < 0.3 ? '\n\n' : '') + extraBlanks.join('\n');
        const result = formatSslcache(shuffled);
        assert.ok(!isFormatRefusal(result), `${file}: refused ${JSON.stringify(result)} for\n${shuffled}`);
        assert.equal(applyEdits(shuffled, result), expected, `${file}:\n${shuffled}`);
      }
    }
  });
});
